/**
 * A generated project with thousands of realistic documents, for measuring
 * how fast `npm run check` and the dev server's rebuild are.
 *
 *   npx tsx scripts/editor/corpus.ts OUT_DIR [--documents 3000] [--publishers 60]
 *
 * The registries are copied from this repository's content/_registries, so
 * the documents use real topic and indicator ids. Output is deterministic.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DOCUMENT_TYPES } from "../content/schema.ts";
import { isMain } from "./cli-args.ts";

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));

const TOPICS = [
  "likestilling",
  "integrering",
  "mangfold",
  "internasjonalt-samarbeid",
  "barn-og-unge",
  "ledelse",
  "kompetanseutvikling",
  "heltidskultur",
  "planlegging",
];
const WORDS =
  "kommunen bydelen arbeidet med mangfold og integrering skal forankres politisk administrativt gjennom planer tiltak ledere ansatte innbyggere tjenester kvalitet tilgjengelighet resultat nettverk strategi rapport".split(
    " ",
  );

function sentence(seed: number, length: number): string {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export interface CorpusOptions {
  documents: number;
  publishers: number;
  slides?: number;
}

/** Writes a complete project (content/ and site.config.json) into `dir`. */
export function writeCorpus(dir: string, options: CorpusOptions): void {
  const content = path.join(dir, "content");
  mkdirSync(content, { recursive: true });
  cpSync(path.join(packageRoot, "content", "_registries"), path.join(content, "_registries"), { recursive: true });
  cpSync(path.join(packageRoot, "site.config.json"), path.join(dir, "site.config.json"));
  const slides = options.slides ?? 12;
  for (let p = 0; p < options.publishers; p++) {
    const id = `kommune-${p + 1}`;
    mkdirSync(path.join(content, id), { recursive: true });
    writeFileSync(
      path.join(content, id, "_publisher.yaml"),
      `id: ${id}\nnames: { nb: Kommune ${p + 1}, en: Municipality ${p + 1} }\ncountry: NO\nkind: kommune\nregion: Region ${(p % 5) + 1}\n`,
    );
  }
  for (let d = 0; d < options.documents; d++) {
    const publisher = `kommune-${(d % options.publishers) + 1}`;
    const type = DOCUMENT_TYPES[d % DOCUMENT_TYPES.length]!;
    const year = 2005 + (d % 15);
    const month = String((d % 12) + 1).padStart(2, "0");
    const topics = [TOPICS[d % TOPICS.length], TOPICS[(d * 5 + 3) % TOPICS.length]].filter((t, i, all) => all.indexOf(t) === i);
    const body = Array.from({ length: slides }, (_, s) => {
      const notes = s % 3 === 0 ? `\n::: notes\n${sentence(d + s + 1, 40)}\n:::\n` : "";
      return `## ${sentence(d + s, 5).slice(0, -1)}\n\n${sentence(d * 3 + s, 30)}\n\n- ${sentence(s, 6)}\n- ${sentence(s + 1, 8)}\n${notes}`;
    }).join("\n");
    const text = `---
title: Dokument ${d + 1} om ${topics[0]}
titleTranslations: { en: Document ${d + 1} on ${topics[0]} }
type: ${type}
publisher: ${publisher}
date: ${year}-${month}-15
language: nb
people:
  - name: Person ${d + 1}
    role: presenter
    title: Rådgiver
topics: [${topics.join(", ")}]
summary: ${sentence(d, 20)}
keyFigures:
  - indicator: inhabitants
    value: ${10000 + (d % options.publishers) * 100 + year}
    refDate: ${year}
    slide: 2
  - indicator: immigrant-share
    value: ${(((d % options.publishers) * 7 + year) % 300) / 10}
    refDate: ${year}
    approximate: true
    slide: 3
source:
  kind: transcript
  note: Generated for a benchmark.
---

${body}`;
    writeFileSync(path.join(content, publisher, `dokument-${d + 1}.md`), text);
  }
}

if (isMain(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { documents: { type: "string", default: "3000" }, publishers: { type: "string", default: "60" } },
  });
  const dir = positionals[0];
  if (!dir) {
    console.error("usage: npx tsx scripts/editor/corpus.ts OUT_DIR [--documents 3000] [--publishers 60]");
    process.exit(1);
  }
  writeCorpus(path.resolve(dir), { documents: Number(values.documents), publishers: Number(values.publishers) });
  console.log(`wrote ${values.documents} documents from ${values.publishers} publishers to ${dir}`);
}
