/**
 * The build cache (.cache/lysark/ documents, pages, search records, search index, whole site):
 * a warm build's output equals a cold one's byte for byte, also after a body
 * edit, a registry edit and a new "last updated" date; unsound entries
 * (truncated, corrupt, written by other build code) are made again and never
 * published; a cached document's warnings are still reported; a failed build
 * leaves the last site as it was.
 * One project, built in turn by the tests below (they run in order).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../scripts/build/build.ts";
import { formatProblem } from "../../scripts/content/problems.ts";
import { parse } from "yaml";
import { applyChanges, filesUnder, makeProject, removeProject, repoRoot } from "../helpers/fixture.ts";

const DOCUMENT = "content/testby/likestilling-i-testby.md";

let dir: string;
let builds = 0;
async function buildInto(cache = true, verifyCache = false): Promise<BuildResult & { lines: string[] }> {
  const result = await build({ root: dir, output: path.join(dir, `out-${++builds}`), cache, verifyCache });
  return { ...result, lines: result.problems.map(formatProblem) };
}

/** Every file of two folders, compared by name and bytes. */
function expectSameTree(actual: string, expected: string): void {
  const files = filesUnder(expected);
  expect(filesUnder(actual)).toEqual(files);
  const differing = files.filter((file) => !readFileSync(path.join(actual, file)).equals(readFileSync(path.join(expected, file))));
  expect(differing).toEqual([]);
}

function cacheFiles(part: string): string[] {
  return filesUnder(path.join(dir, ".cache", "lysark", part)).map((file) => path.join(dir, ".cache", "lysark", part, file));
}

beforeAll(() => {
  dir = makeProject("site-basic");
  // A breakdown larger than its total is a warning, not an error: the document is cached with it.
  const text = readFileSync(path.join(dir, DOCUMENT), "utf8");
  writeFileSync(
    path.join(dir, DOCUMENT),
    text.replace("    value: 4900\n", "    value: 4900\n    breakdown:\n      - { label: Nord, value: 3000 }\n      - { label: Sør, value: 2500 }\n"),
  );
});
afterAll(() => removeProject(dir));

describe("the build cache", () => {
  let cold: Awaited<ReturnType<typeof buildInto>>;

  it("a warm build with nothing changed takes everything from the cache and writes the same site, warnings included", async () => {
    cold = await buildInto();
    expect(cold.ok).toBe(true);
    expect(cold.cache).toMatchObject({ documentsReused: 0, documentsLoaded: 2, pagesReused: 0, searchReused: false });
    expect(cold.lines.some((line) => line.startsWith(`${DOCUMENT}:`) && line.includes("keyFigures.0.breakdown"))).toBe(true);
    // The whole-site entry names each page by the hash the page cache kept it under, instead of keeping it again.
    const [body] = readFileSync(path.join(dir, ".cache", "lysark", "site", "manifest.json"), "utf8").split("\n");
    const entry = JSON.parse(body!) as { files: Record<string, string>; keptPages: Record<string, string> };
    const pages = filesUnder(cold.output).filter((file) => file.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      expect(entry.keptPages[page], page).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.files[page], page).toBeUndefined();
    }

    const warm = await buildInto();
    // Nothing changed: the whole site is linked from .cache/lysark/site/, nothing loaded or rendered.
    expect(warm.cache).toMatchObject({ siteReused: true, documentsReused: 2, documentsLoaded: 0, pagesRendered: 0, searchReused: true, unsound: 0 });
    expect(warm.timings.assemble).toBeUndefined();
    // The pages phase by kind of page, for the bench's growth run: a cold build wrote document pages, a warm one none.
    expect(cold.pageKinds.document).toBeGreaterThan(0);
    expect(warm.pageKinds).toEqual({});
    expect(warm.cache.pagesReused).toBe(cold.cache.pagesRendered);
    // Files are linked on the stamps recorded as they were written, except the cards, kept by the hash their writer
    // computed from the bytes it drew and not read back: the first reuse reads those (and records their stamps).
    const cards = filesUnder(cold.output).filter((file) => file.startsWith("social/") && file.endsWith(".png"));
    expect(cards.length).toBeGreaterThan(0);
    expect(warm.cache.siteFilesChecked).toBe(cards.length);
    expect(warm.lines).toEqual(cold.lines);
    expect(warm.plan!.claimedFiles()).toEqual(cold.plan!.claimedFiles());
    expect(warm.plan!.reservedFolders()).toEqual(cold.plan!.reservedFolders());
    expectSameTree(warm.output, cold.output);
  });

  it("links the whole site again reading no file, and reads every file with --verify-cache", async () => {
    const again = await buildInto();
    expect(again.cache).toMatchObject({ siteReused: true, siteFilesChecked: 0, unsound: 0 });
    expectSameTree(again.output, cold.output);
    const verified = await buildInto(true, true);
    expect(verified.cache).toMatchObject({ siteReused: true, siteFilesChecked: filesUnder(cold.output).length, unsound: 0 });
    expectSameTree(verified.output, cold.output);
  });

  it("outside git, a document's new modification day (its 'last updated' date) makes the site again, equal to a build without the cache", async () => {
    const day = new Date("2026-10-15T12:00:00Z");
    utimesSync(path.join(dir, DOCUMENT), day, day);
    const warm = await buildInto();
    expect(warm.cache.siteReused).toBeUndefined();
    expect(warm.cache).toMatchObject({ documentsReused: 2, documentsLoaded: 0 });
    expect(warm.cache.pagesRendered).toBeGreaterThan(0);
    const uncached = await buildInto(false);
    expect(filesUnder(uncached.output).filter((file) => readFileSync(path.join(uncached.output, file), "utf8").includes('datetime="2026-10-15"'))).not.toEqual(
      [],
    );
    expectSameTree(warm.output, uncached.output);
  });

  it("takes search records, oEmbed files, citations and key-figure downloads from the cache, and makes a damaged one again instead of publishing it", async () => {
    const last = path.join(dir, `out-${builds}`);
    // A new modification day: the whole site cannot be reused, every document can.
    const day = new Date("2026-10-20T12:00:00Z");
    utimesSync(path.join(dir, DOCUMENT), day, day);
    const warm = await buildInto();
    expect(warm.cache).toMatchObject({ documentsReused: 2, recordsReused: 2, recordsMade: 0, unsound: 0 });
    const kept = (file: string) => {
      const hash = createHash("sha256").update(readFileSync(file)).digest("hex");
      return path.join(dir, ".cache", "lysark", "pages", hash.slice(0, 2), `${hash}.html`);
    };
    const textKinds = filesUnder(warm.output).filter((file) => /(cite\.bib|cite\.csl\.json|oembed\.json|\.csv)$/.test(file));
    expect(textKinds.filter((file) => file.endsWith(".csv")).length).toBeGreaterThanOrEqual(4);
    expect(textKinds.length).toBeGreaterThanOrEqual(10);
    // Every oEmbed file, citation and key-figure table is kept in the page cache, as the templated pages are.
    for (const file of textKinds) expect(readFileSync(kept(path.join(warm.output, file)))).toEqual(readFileSync(path.join(warm.output, file)));
    expect(last).not.toBe(warm.output);

    // A record whose text changed under its old hash line, and a kept citation with one byte changed (a new inode).
    const record = cacheFiles("records")[0]!;
    writeFileSync(record, readFileSync(record, "utf8").replace(/"title":"[^"]/, '"title":"X'));
    const citation = kept(path.join(warm.output, textKinds.find((file) => file.endsWith("cite.bib"))!));
    const bytes = readFileSync(citation);
    bytes[bytes.length - 3] = bytes[bytes.length - 3] === 0x41 ? 0x42 : 0x41;
    rmSync(citation);
    writeFileSync(citation, bytes);
    const again = new Date("2026-10-21T12:00:00Z");
    utimesSync(path.join(dir, DOCUMENT), again, again);
    const repaired = await buildInto();
    expect(repaired.cache).toMatchObject({ documentsReused: 2, recordsReused: 1, recordsMade: 1 });
    expect(repaired.cache.unsound).toBe(2);
    expectSameTree(repaired.output, (await buildInto(false)).output);
    // Both made again: the next build finds them sound.
    utimesSync(path.join(dir, DOCUMENT), day, day);
    const next = await buildInto();
    expect(next.cache).toMatchObject({ recordsReused: 2, unsound: 0 });
  });

  it("after one body edit re-renders only what shows it, and equals a build without the cache", async () => {
    applyChanges(dir, { [DOCUMENT]: `${readFileSync(path.join(dir, DOCUMENT), "utf8")}\nEn ny setning på siste lysbilde.\n` });
    const warm = await buildInto();
    expect(warm.cache).toMatchObject({ documentsReused: 1, documentsLoaded: 1, searchReused: false });
    // Its pages and those that show it (listings, related lists, the key-figure pages of its figures: each keyed by the
    // documents it shows); the rest are linked from the cache.
    expect(warm.cache.pagesRendered).toBeGreaterThan(0);
    expect(warm.cache.pagesReused).toBeGreaterThan(0);
    // Every kept page is as the last build left it: linked on its stamp, none read.
    expect(warm.cache.pagesChecked).toBe(0);
    const uncached = await buildInto(false);
    expect(uncached.cache).toEqual({});
    expect(warm.lines).toEqual(uncached.lines);
    expectSameTree(warm.output, uncached.output);
    // Bodies: the cache keeps one per document (the edited one's old body pruned); the build without it left none behind.
    expect(cacheFiles("bodies")).toHaveLength(2);
    // Search records: the unchanged document's from the cache, the edited one's made again; the old one pruned.
    expect(warm.cache).toMatchObject({ recordsReused: 1, recordsMade: 1 });
    expect(cacheFiles("records")).toHaveLength(2);
    expect(readdirSync(dir).filter((name) => name.includes(".building-"))).toEqual([]);
  });

  it("after a key figure's value changed, writes every table that holds it again, equal to a build without the cache", async () => {
    const text = readFileSync(path.join(dir, DOCUMENT), "utf8");
    expect(text).toContain("    value: 4900\n");
    applyChanges(dir, { [DOCUMENT]: text.replace("    value: 4900\n", "    value: 4950\n") });
    const warm = await buildInto();
    expect(warm.cache).toMatchObject({ documentsReused: 1, documentsLoaded: 1 });
    const tables = filesUnder(warm.output).filter((file) => file.endsWith(".csv"));
    expect(tables.some((file) => readFileSync(path.join(warm.output, file), "utf8").includes(";4950;"))).toBe(true);
    expect(tables.every((file) => !readFileSync(path.join(warm.output, file), "utf8").includes(";4900;"))).toBe(true);
    expectSameTree(warm.output, (await buildInto(false)).output);
  });

  it("after a registry edit (build code) loads every document again and equals a build without the cache", async () => {
    const topics = path.join(dir, "content/_registries/topics.yaml");
    writeFileSync(topics, readFileSync(topics, "utf8").replace("en: Gender equality", "en: Equality of the sexes"));
    const warm = await buildInto();
    // Entries of other build code are not this build's, not unsound (the summary would say "unsound entries made again").
    expect(warm.cache).toMatchObject({ documentsReused: 0, documentsLoaded: 2, pagesReused: 0, unsound: 0 });
    expectSameTree(warm.output, (await buildInto(false)).output);
  });

  it("counts a damaged page manifest as unsound, renders every page again and equals a build without the cache", async () => {
    await buildInto();
    const manifest = path.join(dir, ".cache", "lysark", "pages", "manifest.json");
    const [entries, stamps, header] = readFileSync(manifest, "utf8").split("\n");
    // Its own build code, so it is this build's manifest, but one page's entry changed behind its integrity hash.
    writeFileSync(manifest, [entries!.replace(/"[0-9a-f]{64}"/, `"${"0".repeat(64)}"`), stamps, header, ""].join("\n"));
    // A body edit, so the pages are made (an unchanged site would be linked whole, reading no page manifest).
    applyChanges(dir, { [DOCUMENT]: `${readFileSync(path.join(dir, DOCUMENT), "utf8")}\nEnda en setning.\n` });
    const warm = await buildInto();
    expect(warm.cache.siteReused).toBeUndefined();
    expect(warm.cache).toMatchObject({ pagesReused: 0 });
    expect(warm.cache.unsound).toBeGreaterThanOrEqual(1);
    expectSameTree(warm.output, (await buildInto(false)).output);
  });

  it("makes truncated, corrupt and stale entries again and never publishes them", async () => {
    const expected = (await buildInto(false)).output;
    const [truncated, stale] = cacheFiles("documents");
    writeFileSync(truncated!, readFileSync(truncated!, "utf8").slice(0, 200));
    // Written by other build code: a sound entry of its own, under this build's key.
    const [header, ...payload] = readFileSync(stale!, "utf8").split("\n");
    writeFileSync(stale!, [JSON.stringify({ ...JSON.parse(header!), code: "0".repeat(64) }), ...payload].join("\n"));
    // A page whose bytes changed but not its length, and a search file with a byte more.
    const page = cacheFiles("pages").find((file) => file.endsWith(".html"))!;
    const bytes = readFileSync(page);
    bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x41 ? 0x42 : 0x41;
    rmSync(page);
    writeFileSync(page, bytes);
    const searchFile = cacheFiles("search").find((file) => file.includes(`${path.sep}files${path.sep}`))!;
    writeFileSync(searchFile, Buffer.concat([readFileSync(searchFile), Buffer.from("x")]));
    // And a file of the whole-site entry, cut short (a new inode: the output folders keep theirs).
    const siteFile = cacheFiles("site").find((file) => file.includes(`${path.sep}files${path.sep}`))!;
    const siteBytes = readFileSync(siteFile);
    rmSync(siteFile);
    writeFileSync(siteFile, siteBytes.subarray(0, siteBytes.length - 1));

    const warm = await buildInto();
    expect(warm.ok).toBe(true);
    expect(warm.cache.siteReused).toBeUndefined();
    expect(warm.cache).toMatchObject({ documentsReused: 0, documentsLoaded: 2, searchReused: false });
    expect(warm.cache.unsound).toBeGreaterThanOrEqual(4);
    expectSameTree(warm.output, expected);
    // Made again: the next build takes all of it from the cache.
    const next = await buildInto();
    expect(next.cache).toMatchObject({ siteReused: true, documentsReused: 2, pagesRendered: 0, searchReused: true, unsound: 0 });
    expectSameTree(next.output, expected);
  });

  it("reads a kept page whose stamp changed before linking it: a new modification time alone is kept, a change in place rendered again", async () => {
    const expected = (await buildInto(false)).output;
    const [touched, changed] = cacheFiles("pages").filter((file) => file.endsWith(".html"));
    // A time with a fraction of a second: one kept to the whole second is never trusted (the next test).
    const day = new Date("2026-01-01T12:00:00.250Z");
    utimesSync(touched!, day, day);
    // The same size and inode, written in place (as a tool that edits the published site through its hard links would).
    const bytes = readFileSync(changed!);
    bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x41 ? 0x42 : 0x41;
    writeFileSync(changed!, bytes);
    // Without the whole-site entry, the build takes the pages from the page cache.
    const siteCache = path.join(dir, ".cache", "lysark", "site");
    rmSync(siteCache, { recursive: true, force: true });
    const warm = await buildInto();
    expect(warm.cache.siteReused).toBeUndefined();
    expect(warm.cache).toMatchObject({ pagesChecked: 2, pagesRendered: 1, unsound: 1 });
    expectSameTree(warm.output, expected);
    // Both stamps recorded again: the next build reads no kept page.
    rmSync(siteCache, { recursive: true, force: true });
    const next = await buildInto();
    expect(next.cache).toMatchObject({ pagesChecked: 0, pagesRendered: 0, unsound: 0 });
    expectSameTree(next.output, expected);
    // A manifest whose stamps were changed fails its integrity hash and is refused whole: every page is rendered again.
    const manifest = path.join(dir, ".cache", "lysark", "pages", "manifest.json");
    const [entries, stamps, header] = readFileSync(manifest, "utf8").split("\n");
    writeFileSync(manifest, `${entries}\n${stamps!.replace(/:(\d)/, (_, digit: string) => `:${(Number(digit) + 1) % 10}`)}\n${header}\n`);
    rmSync(siteCache, { recursive: true, force: true });
    const refused = await buildInto();
    expect(refused.cache).toMatchObject({ pagesReused: 0, unsound: 1 });
    expectSameTree(refused.output, expected);
  });

  it("never trusts a stamp kept to the second, and reads every kept page with --verify-cache", async () => {
    const expected = (await buildInto(false)).output;
    const siteCache = path.join(dir, ".cache", "lysark", "site");
    const [coarse, restamped] = cacheFiles("pages").filter((file) => file.endsWith(".html"));
    /** Flips one byte of `file` in place (same size and inode) and sets its modification time to `time`. */
    const changeInPlace = (file: string, time: Date) => {
      const bytes = readFileSync(file);
      bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x41 ? 0x42 : 0x41;
      writeFileSync(file, bytes);
      utimesSync(file, time, time);
    };

    // A file system that keeps times to the second (FAT, HFS+): the kept page is read and found sound, but its
    // stamp is not recorded, as a same-size change within that second would keep it.
    const second = new Date("2026-01-02T08:00:00Z");
    utimesSync(coarse!, second, second);
    // A kept page with a fine time, read and found sound (its stamp changed), and its stamp recorded.
    const fine = new Date("2026-01-02T08:00:00.500Z");
    utimesSync(restamped!, fine, fine);
    rmSync(siteCache, { recursive: true, force: true });
    const checked = await buildInto();
    expect(checked.cache).toMatchObject({ pagesChecked: 2, pagesRendered: 0, unsound: 0 });
    expectSameTree(checked.output, expected);

    // Changed in place, its modification time set back to the same second: read again, and the change found.
    changeInPlace(coarse!, second);
    rmSync(siteCache, { recursive: true, force: true });
    const trusting = await buildInto();
    expect(trusting.cache).toMatchObject({ pagesChecked: 1, pagesRendered: 1, unsound: 1 });
    expectSameTree(trusting.output, expected);

    // Changed in place, its time set back exactly: the stamp is as recorded, and only --verify-cache reads it.
    changeInPlace(restamped!, fine);
    rmSync(siteCache, { recursive: true, force: true });
    const verified = await buildInto(true, true);
    expect(verified.cache).toMatchObject({ pagesRendered: 1, unsound: 1 });
    // Every kept file it used was read once, whatever its stamp: the pages it reused and the damaged one. Pages of the
    // same content share one kept file (two key-figure tables of the same rows: a CSV has no title).
    const keptFiles = new Set(
      filesUnder(verified.output)
        .map((file) =>
          createHash("sha256")
            .update(readFileSync(path.join(verified.output, file)))
            .digest("hex"),
        )
        .filter((hash) => existsSync(path.join(dir, ".cache", "lysark", "pages", hash.slice(0, 2), `${hash}.html`))),
    );
    expect(verified.cache.pagesChecked).toBe(keptFiles.size);
    expect(verified.cache.pagesChecked).toBeLessThanOrEqual((verified.cache.pagesReused ?? 0) + 1);
    expectSameTree(verified.output, expected);

    // The stamps --verify-cache took are recorded: the next build reads no kept page.
    rmSync(siteCache, { recursive: true, force: true });
    const next = await buildInto();
    expect(next.cache).toMatchObject({ pagesChecked: 0, pagesRendered: 0, unsound: 0 });
    expectSameTree(next.output, expected);
  });

  it("keeps only the cards the site has: an edited title's old card leaves the cache, and a slice removes none", async () => {
    const cards = () => cacheFiles("cards").filter((file) => file.endsWith(".png"));
    const linkedInto = (site: string) => new Set(filesUnder(site).map((file) => statSync(path.join(site, file)).ino));
    const before = cards();
    const good = readFileSync(path.join(dir, DOCUMENT), "utf8");
    writeFileSync(path.join(dir, DOCUMENT), good.replace("title: Likestilling i Testby", "title: Likestilling i Testby kommune"));
    const edited = await buildInto();
    expect(edited.ok).toBe(true);
    const after = cards();
    expect(after).toHaveLength(before.length);
    expect(after.filter((file) => !before.includes(file))).toHaveLength(1);
    const inSite = linkedInto(edited.output);
    expect(after.filter((file) => !inSite.has(statSync(file).ino))).toEqual([]);

    // A slice draws only its own cards and must not remove the others'.
    writeFileSync(path.join(dir, DOCUMENT), good);
    expect((await build({ root: dir, output: path.join(dir, `out-${++builds}`), shard: { index: 1, count: 2 } })).ok).toBe(true);
    expect(cards().length).toBeGreaterThanOrEqual(after.length);
    expect(cards()).toEqual(expect.arrayContaining(after));
    expect((await buildInto()).ok).toBe(true);
  });

  it("keeps the whole site only under the inputs it was made from: a document edited after the build took its key is not kept under the old one", async () => {
    const good = readFileSync(path.join(dir, DOCUMENT), "utf8");
    const edited = good.replace("title: Likestilling i Testby", "title: Likestilling i Testby, redigert");
    const pageOf = (output: string) => {
      const page = filesUnder(output).find((file) => file.startsWith(`dokumenter${path.sep}`) && file.endsWith(`likestilling-i-testby${path.sep}index.html`));
      return readFileSync(path.join(output, page!), "utf8");
    };
    // The edit lands after the build hashed its inputs, before it reads the documents.
    const silent = { tick: () => undefined, done: () => undefined };
    const progress = {
      phase: (name: string) => {
        if (name === "validated") writeFileSync(path.join(dir, DOCUMENT), edited);
        return silent;
      },
    };
    // Without the last whole-site entry, the build reads the documents (the edit lands first).
    rmSync(path.join(dir, ".cache", "lysark", "site"), { recursive: true, force: true });
    const during = await build({ root: dir, output: path.join(dir, `out-${++builds}`), progress });
    expect(during.ok).toBe(true);
    expect(during.cache.siteReused).toBeUndefined();
    expect(pageOf(during.output)).toContain("Likestilling i Testby, redigert");
    // Kept under the inputs the build started from, that site would be taken for the document as it was.
    writeFileSync(path.join(dir, DOCUMENT), good);
    const reverted = await buildInto();
    expect(reverted.cache.siteReused).toBeUndefined();
    expect(pageOf(reverted.output)).not.toContain("redigert");
  });

  it("a failed build leaves the last site untouched, and the cache usable", async () => {
    const last = path.join(dir, `out-${builds}`);
    const before = filesUnder(last).map((file) => [file, readFileSync(path.join(last, file)).toString("base64")]);
    const good = readFileSync(path.join(dir, DOCUMENT), "utf8");
    writeFileSync(path.join(dir, DOCUMENT), good.replace("type: presentation", "type: presentasjon"));
    const failed = await build({ root: dir, output: last });
    expect(failed.ok).toBe(false);
    expect(failed.problems.some((problem) => problem.severity === "error" && problem.field === "type")).toBe(true);
    expect(filesUnder(last).map((file) => [file, readFileSync(path.join(last, file)).toString("base64")])).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.includes(".building-"))).toEqual([]);

    writeFileSync(path.join(dir, DOCUMENT), good);
    const fixed = await buildInto();
    expect(fixed.cache).toMatchObject({ siteReused: true, documentsReused: 2, pagesRendered: 0, searchReused: true });
    expectSameTree(fixed.output, last);
  });
});

describe("the GitHub workflows", () => {
  it("restore and save .cache/lysark before every build, keyed by what the build reads", () => {
    for (const file of ["site.yml", "site-sharded.yml"]) {
      const workflow = parse(readFileSync(path.join(repoRoot, ".github", "workflows", file), "utf8")) as {
        jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, string> }> }>;
      };
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const builds = job.steps.findIndex((step) => step.run?.startsWith("npm run build"));
        if (builds < 0) continue;
        const cache = job.steps.findIndex((step) => step.uses?.startsWith("actions/cache@") && step.with?.path === ".cache/lysark");
        expect({ file, name, cacheBeforeBuild: cache >= 0 && cache < builds }).toEqual({ file, name, cacheBeforeBuild: true });
        const key = job.steps[cache]!.with!.key!;
        for (const input of ["content/**", "layouts/**", "scripts/**", "site.config.json", "package-lock.json"]) expect(key).toContain(`'${input}'`);
      }
    }
  });
});
