/** The human-readable import report the CLI prints for each transcript. */
import type { ImportReport } from "./index.js";
import { clip, ranges } from "./text.js";

export const KIND_LABEL = {
  inhabitants: "inhabitants",
  employees: "employees",
  "full-time-equivalents": "full-time equivalents",
  percent: "percentage",
} as const;

export function formatReport(r: ImportReport, target: string | undefined): string {
  const out: string[] = [];
  const row = (label: string, value: string): void => {
    out.push(`  ${`${label}:`.padEnd(17)}${value}`);
  };
  out.push(target ? `${r.file} → ${target}` : r.file);
  row("language", `${r.language} (${r.languageSource})`);
  row("title", r.title);
  if (r.people.length === 0) row("presenter", "(none found on slide 1)");
  for (const p of r.people) row("presenter", p.title ? `${p.name} — ${p.title}` : p.name);
  row("event", r.event ?? "(none)");
  row("date", r.date === "unknown" ? `unknown (${r.dateReason})` : `${r.date} (${r.dateReason})`);
  row(
    "date candidates",
    r.dateCandidates.length ? r.dateCandidates.map((d) => `${d.text}${d.iso ? ` = ${d.iso}` : " (no year)"} [slide ${d.slide}]`).join("; ") : "(none)",
  );
  row("slides", `${r.slideCount}${r.emptySlides.length ? ` (without text: ${ranges(r.emptySlides)})` : ""}`);
  if (r.runningHeader) {
    const h = r.runningHeader;
    const variants = h.variants.map((v) => `"${v.text}" on slide(s) ${ranges(v.slides)}`).join("; ");
    row("running header", `"${h.value}" removed from slide(s) ${ranges(h.slides)}${variants ? `; variants: ${variants}` : ""}`);
  } else {
    row("running header", "(none)");
  }
  row("publisher", `${r.publisher.id} (${r.publisher.how})`);
  row("notes", r.notesSlides.length ? `speaker notes on slide(s) ${ranges(r.notesSlides)}` : "(none)");
  if (r.inlineLists.length)
    row(
      "numbered lists",
      `${r.inlineLists.map((l) => `slide ${l.slide}: "1. … ${l.items}." on one line split into ${l.items} list items`).join("; ")} (the words are unchanged)`,
    );
  const removed: string[] = [...r.boilerplate];
  if (r.footers.tag) removed.push(`footer "${r.footers.tag}" at the end of slide(s) ${ranges(r.footers.tagSlides)}`);
  if (r.footers.labelSlides.length) removed.push(`page labels ("Folie N") at the end of slide(s) ${ranges(r.footers.labelSlides)}`);
  if (r.pageNumbersDropped.length) removed.push(`page numbers at the end of slide(s) ${ranges(r.pageNumbersDropped)}`);
  if (r.headingEchoes.length) removed.push(`heading repeated at the start of the text on slide(s) ${ranges(r.headingEchoes)}`);
  for (const x of r.repeats)
    removed.push(`slide ${x.slide}: ${x.copies - 1} extra cop${x.copies > 2 ? "ies" : "y"} of a ${x.words}-word passage ("${clip(x.sample, 40)}")`);
  for (const x of r.triplicates) removed.push(`"${clip(x.text, 40)}" repeated on slide(s) ${ranges(x.slides)}`);
  if (removed.length) {
    out.push("  removed:");
    for (const x of removed) out.push(`    - ${x}`);
  }
  out.push("  key figures (suggestions only; nothing was added to keyFigures):");
  if (r.keyFigures.length === 0) out.push("    (none)");
  for (const f of r.keyFigures) {
    out.push(`    - slide ${f.slide}: ${KIND_LABEL[f.kind]} ${f.approximate ? "≈" : ""}${f.value}${f.kind === "percent" ? " %" : ""} — "${clip(f.text, 70)}"`);
  }
  out.push("  editor must check:");
  for (const c of r.checks) out.push(`    - ${c}`);
  return out.join("\n");
}
