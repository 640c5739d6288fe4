/**
 * Dependency rules, checked in CI (`npm run deps`): no import cycles, and no
 * stage importing a later one. The stages, in build order, are described in
 * docs/architecture.md; a module belongs to the first stage whose pattern
 * matches it.
 */
const STAGES = [
  // Pass 1: read, parse and validate one document (and the checks it runs).
  ["content", "^scripts/(content|i18n)/|^scripts/keyfigures/(rules|cross-document)[.]ts$|^scripts/images/|^scripts/publish/attachments[.]ts$"],
  // The main thread's cross-document work: site model, listings, key figures, related, search records, publishing data.
  ["site", "^scripts/(site|keyfigures|related|search|docs|publish)/"],
  // Pass 2: rendering pages from the page table.
  ["render", "^scripts/render/"],
  // Ordering the passes, writing the output, the Eleventy plugin.
  ["build", "^scripts/build/"],
  // What people run: npm commands, the dev server, editor tools.
  ["commands", "^scripts/(cli|editor|checks)/|^[.]eleventy[.]ts$"],
];

const stageRules = STAGES.slice(0, -1).map(([name, path], index) => {
  const earlier = STAGES.slice(0, index + 1).map(([, pattern]) => pattern);
  return {
    name: `no-${name}-to-later-stage`,
    comment: `The ${name} stage must not import a later stage (${STAGES.slice(index + 1).map(([later]) => later).join(", ")}).`,
    severity: "error",
    from: { path, pathNot: STAGES.slice(0, index).map(([, pattern]) => pattern) },
    to: { path: STAGES.slice(index + 1).map(([, pattern]) => pattern), pathNot: earlier },
  };
});

module.exports = {
  forbidden: [
    { name: "no-circular", comment: "An import cycle (type-only imports count too).", severity: "error", from: {}, to: { circular: true } },
    ...stageRules,
  ],
  options: {
    // TypeScript 7 has no JavaScript API for dependency-cruiser to parse with; swc parses TypeScript.
    parser: "swc",
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^node_modules" },
  },
};
