/**
 * A publisher the content folder does not know yet, proposed from the names a
 * text states ("Grue kommune", "Region Gävleborg"). Pure and not tied to
 * transcripts: any importer that has a header, a title and body text can use it.
 *
 * - The name is the most frequent "<Place> kommune|kommun|fylkeskommune",
 *   "Region <Place>" or "Bydel <Place>" (the running header counts three
 *   times, the title twice, the body once).
 * - The English name follows a rule the report shows, so the editor can
 *   correct it: "Grue kommune" → "Grue Municipality", "Viken fylkeskommune"
 *   → "Viken County Municipality", "Bydel Sagene" → "Sagene district";
 *   "Region Gävleborg" stays as it is.
 * - Kind from the name; country from the kind ("kommun" is Swedish) or else
 *   the text's language. Both are guesses and reported as such.
 */
import { existsSync } from "node:fs";
import { stringify } from "yaml";
import { publisherSchema } from "../content/schema.ts";
import { slugify } from "../content/slug.ts";
import { ImportError } from "./errors.js";

export interface ProposedPublisher {
  id: string;
  names: { nb: string; en: string };
  kind: "kommune" | "kommun" | "fylkeskommune" | "region" | "bydel";
  country: "NO" | "SE" | "DK" | "FI";
  /** How each value was found, for the report. */
  reasons: string[];
}

const PLACE = "\\p{Lu}[\\p{L}'’-]+(?:[ -]\\p{Lu}[\\p{L}'’-]+)?";
const PATTERNS: { re: RegExp; kind: ProposedPublisher["kind"]; place: (m: RegExpMatchArray) => string }[] = [
  { re: new RegExp(`(?<![\\p{L}])(${PLACE}) (fylkeskommune)(?![\\p{L}])`, "gu"), kind: "fylkeskommune", place: (m) => m[1]! },
  { re: new RegExp(`(?<![\\p{L}])(${PLACE}) ([Kk]ommune)(?![\\p{L}])`, "gu"), kind: "kommune", place: (m) => m[1]! },
  { re: new RegExp(`(?<![\\p{L}])(${PLACE}) ([Kk]ommun)(?![\\p{L}])`, "gu"), kind: "kommun", place: (m) => m[1]! },
  { re: new RegExp(`(?<![\\p{L}])([Rr]egion) (${PLACE})(?![\\p{L}])`, "gu"), kind: "region", place: (m) => m[2]! },
  { re: new RegExp(`(?<![\\p{L}])([Bb]ydel) (${PLACE})(?![\\p{L}])`, "gu"), kind: "bydel", place: (m) => m[2]! },
];

/** Words that look like a place before "kommune" but are not one ("Hele kommune", "Vår kommun"). */
const NOT_PLACES = new Set([
  "hele",
  "vår",
  "var",
  "din",
  "deres",
  "denne",
  "den",
  "en",
  "ett",
  "annen",
  "egen",
  "hver",
  "varje",
  "samme",
  "min",
  "er",
  "jeres",
  "vores",
  "the",
  "our",
]);

/** The English name by rule; the report shows it so the editor can correct it. */
export function englishName(name: string, kind: ProposedPublisher["kind"], place: string): string {
  switch (kind) {
    case "kommune":
    case "kommun":
      return `${place} Municipality`;
    case "fylkeskommune":
      return `${place} County Municipality`;
    case "bydel":
      return `${place} district`;
    default:
      return name;
  }
}

function countryOf(kind: ProposedPublisher["kind"], language: string): { country: ProposedPublisher["country"]; why: string } {
  if (kind === "kommun") return { country: "SE", why: '"kommun" is Swedish' };
  if (kind === "fylkeskommune" || kind === "bydel") return { country: "NO", why: `"${kind}" is Norwegian` };
  const byLanguage: Record<string, ProposedPublisher["country"]> = { nb: "NO", nn: "NO", no: "NO", sv: "SE", da: "DK", fi: "FI" };
  const c = byLanguage[language];
  return c ? { country: c, why: `the text is in ${language}` } : { country: "NO", why: `no rule for language ${language}; NO is a default — check it` };
}

export function proposePublisher(texts: { runningHeader?: string | undefined; title: string; body: string }, language: string): ProposedPublisher | undefined {
  const tally = new Map<string, { name: string; kind: ProposedPublisher["kind"]; place: string; score: number; count: number }>();
  const credit = (kind: ProposedPublisher["kind"], place: string, weight: number): void => {
    // "Grue Kommune" and "region Gävleborg" are the same publisher as "Grue kommune", "Region Gävleborg".
    const name = kind === "region" || kind === "bydel" ? `${kind[0]!.toUpperCase()}${kind.slice(1)} ${place}` : `${place} ${kind}`;
    const key = `${kind} ${place}`;
    const entry = tally.get(key) ?? { name, kind, place, score: 0, count: 0 };
    entry.score += weight;
    entry.count += 1;
    tally.set(key, entry);
  };
  const weighted: [string, number][] = [
    [texts.runningHeader ?? "", 3],
    [texts.title, 2],
    [texts.body, 1],
  ];
  for (const [text, weight] of weighted) {
    for (const p of PATTERNS) {
      for (const m of text.matchAll(p.re)) {
        const place = p.place(m);
        const parts = place.split(/[ ]/u);
        // "Arbeidsgiverstrategi Grue kommune": the place may be the last word only.
        if (parts.length > 1 && !NOT_PLACES.has(parts.at(-1)!.toLowerCase())) credit(p.kind, parts.at(-1)!, weight);
        if (!NOT_PLACES.has(parts[0]!.toLowerCase())) credit(p.kind, place, weight);
      }
    }
  }
  // Most weight first; on a tie the one-word place, unless the longer one is stated twice ("Nordre Land kommune").
  const best = [...tally.values()].sort((a, b) => b.score - a.score || (a.place.length - b.place.length) * (a.count >= 2 && b.count >= 2 ? -1 : 1))[0];
  if (!best) return undefined;
  const { country, why } = countryOf(best.kind, language);
  const id = slugify(best.place);
  if (!id) return undefined;
  return {
    id,
    names: { nb: best.name, en: englishName(best.name, best.kind, best.place) },
    kind: best.kind,
    country,
    reasons: [
      `name "${best.name}" stated ${best.score} time(s) (header ×3, title ×2, body ×1)`,
      `English name by rule: "${englishName(best.name, best.kind, best.place)}"`,
      `kind ${best.kind} from the name`,
      `country ${country} because ${why}`,
    ],
  };
}

/** The exact `npm run new-publisher` command for a proposal. */
export function newPublisherCommand(p: ProposedPublisher, id = p.id): string {
  const q = (s: string): string => `"${s.replace(/(["\\$`])/gu, "\\$1")}"`;
  return `npm run new-publisher -- --id ${id} --name-nb ${q(p.names.nb)} --name-en ${q(p.names.en)} --country ${p.country} --kind ${p.kind}`;
}

/**
 * The `_publisher.yaml` an import of `input` writes for a publisher it proposed, at `file`: undefined when there
 * is nothing to write (no proposal, the file exists, or another input of the run already claimed it). Without
 * --create-publisher the import stops here, naming the `npm run new-publisher` command. Transcripts and
 * originals both come through here.
 */
export function proposedPublisherFile(
  input: string,
  proposed: ProposedPublisher | undefined,
  file: string,
  options: { createPublisher?: boolean | undefined; shownOutDir: string; claimed: { has(file: string): boolean } },
): { file: string; text: string } | undefined {
  if (!proposed || existsSync(file)) return undefined;
  if (!options.createPublisher) {
    throw new ImportError(
      input,
      "publisher",
      `the publisher "${proposed.names.nb}" is not in ${options.shownOutDir} yet (proposed id ${proposed.id}, ${proposed.kind}, ${proposed.country}, English name "${proposed.names.en}")`,
      `create it first with\n    ${newPublisherCommand(proposed)}\n  or run the import again with --create-publisher (check the English name, kind and country it writes)`,
    );
  }
  // Several inputs of one new publisher write its file once: the first that claims it.
  return options.claimed.has(file) ? undefined : { file, text: publisherYaml(proposed, proposed.id) };
}

/** The `_publisher.yaml` text for a proposal, checked by the same schema as the content. */
export function publisherYaml(p: ProposedPublisher, id: string): string {
  const data = { id, names: p.names, country: p.country, kind: p.kind };
  // Checked, and written as given: the schema's defaults (an empty movedFrom) would only be noise in a new file.
  publisherSchema.parse(data);
  return `# Publisher proposed by npm run import from the names the source states: check the English name, kind and country.\n${stringify(data, { lineWidth: 0 })}`;
}
