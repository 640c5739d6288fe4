/** The human-readable report the CLI prints for each imported original. */
import { ranges } from "../text.js";
import { KIND_LABEL } from "../report.js";
import type { OriginalReport } from "./to-markdown.js";

export function formatOriginalReport(r: OriginalReport, target: string | undefined): string {
  const out: string[] = [];
  const row = (label: string, value: string): void => {
    out.push(`  ${`${label}:`.padEnd(17)}${value}`);
  };
  const unit = r.type === "presentation" ? "slides" : "sections";
  out.push(target ? `${r.file} → ${target}` : r.file);
  row("format", `${r.format.toUpperCase()} → ${r.type}`);
  row("language", `${r.language} (${r.languageSource})`);
  row("title", r.title);
  row("people", r.people.length ? r.people.map((p) => `${p.name} (${p.role})`).join(", ") : "(none trusted)");
  row("date", r.date === "unknown" ? `unknown (${r.dateReason})` : `${r.date} (${r.dateReason})`);
  const p = r.properties;
  row(
    "properties",
    [
      `title ${p.title ? `"${p.title}"` : "—"}`,
      `author ${p.author ? `"${p.author}"` : "—"}`,
      `last changed by ${p.lastModifiedBy ? `"${p.lastModifiedBy}"` : "—"}`,
      `created ${p.created ?? "—"}`,
      `modified ${p.modified ?? "—"}`,
    ].join(", "),
  );
  row(
    unit,
    `${r.slideCount}${r.emptySlides.length ? ` (without text: ${ranges(r.emptySlides)})` : ""}${r.hiddenSlides.length ? ` (hidden: ${ranges(r.hiddenSlides)})` : ""}`,
  );
  row("publisher", `${r.publisher.id} (${r.publisher.how})`);
  row("notes", r.notesSlides.length ? `speaker notes on slide(s) ${ranges(r.notesSlides)}` : "(none)");
  row("tables", r.tables.length ? `on ${unit} ${ranges(r.tables)}` : "(none)");
  row("charts", r.charts.length ? `as tables on ${unit} ${ranges(r.charts)}` : "(none)");
  row(
    "pictures",
    r.pictures.length ? `${r.pictures.length} written${r.picturesWithoutAlt.length ? `, ${r.picturesWithoutAlt.length} without a description` : ""}` : "(none)",
  );
  if (r.format === "pptx") row("slide pictures", r.slidePictures);
  row("attachment", r.attachment);
  out.push("  key figures (suggestions only; nothing was added to keyFigures):");
  if (r.keyFigures.length === 0) out.push("    (none)");
  for (const f of r.keyFigures)
    out.push(
      `    - ${r.type === "presentation" ? "slide" : "section"} ${f.slide}: ${KIND_LABEL[f.kind]} ${f.approximate ? "≈" : ""}${f.value}${f.kind === "percent" ? " %" : ""} — "${f.text}"`,
    );
  out.push("  editor must check:");
  for (const c of r.checks) out.push(`    - ${c}`);
  return out.join("\n");
}
