/**
 * Language of a transcript's body: any language, as a BCP 47 code.
 *
 * 0. franc (a kept n-gram library) names the language family of the slide
 *    text. When it is none of nb/nn/da/sv/en ("deu", "pol", "ces" …) and the
 *    text is long enough, that language wins, written as its BCP 47 code
 *    (ISO 639-1 where there is one: de, pl, cs). franc cannot tell bokmål
 *    from Danish or nynorsk reliably, so for those the steps below decide.
 *
 * 1. The site chrome (boilerplate) says which language the hosting site was
 *    in; that is the first guess. A Norwegian site does not tell bokmål from
 *    nynorsk, and an English site may host a Swedish deck.
 * 2. Text statistics over the slide text: every word found in a stopword list
 *    scores 1/(number of lists that contain it), so words shared by all the
 *    Scandinavian languages count little and distinctive ones ("ikke" vs
 *    "inte" vs "ikkje") count fully.
 * 3. Bokmål vs nynorsk is decided by marker words ("ikkje, eg, ein, berre,
 *    kva, korleis …" vs "ikke, jeg, en, bare, hva, hvordan …"): nynorsk only
 *    when its markers clearly outnumber the bokmål ones.
 * The statistics override the site language only when they are clear.
 */
import { francAll } from "franc";
import { iso6393 } from "iso-639-3";
import { lowerWords } from "./text.js";

/** A BCP 47 language code ("nb", "sv", "de", "pl" …). */
export type Lang = string;
/** The languages the stopword statistics below tell apart. */
export type NordicLang = "nb" | "nn" | "sv" | "da" | "en";
export const LANGS: readonly NordicLang[] = ["nb", "nn", "sv", "da", "en"];

/** franc's ISO 639-3 codes that the stopword statistics decide between. */
const FRANC_NORDIC = new Set(["nob", "nno", "nor", "dan", "swe", "eng", "sco"]);
/** Fewer letters than this and franc's answer is a guess. */
const FRANC_MIN_LETTERS = 60;

const BCP47 = new Map(iso6393.map((l) => [l.iso6393, l.iso6391 ?? l.iso6393]));

/** ISO 639-3 → BCP 47 (the two-letter code where one exists: "deu" → "de", "ces" → "cs"). */
export function bcp47(iso6393Code: string): string {
  return BCP47.get(iso6393Code) ?? iso6393Code;
}

/** franc's view: a non-Nordic, non-English language, or undefined (then the statistics decide). */
export function foreignLanguage(text: string): { language: string; margin: number; second: string | undefined } | undefined {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters < FRANC_MIN_LETTERS) return undefined;
  const ranked = francAll(text, { minLength: 10 });
  const [top, next] = ranked;
  if (!top || top[0] === "und" || FRANC_NORDIC.has(top[0])) return undefined;
  return { language: bcp47(top[0]), margin: 1 - (next?.[1] ?? 0), second: next ? bcp47(next[0]) : undefined };
}

const LIST = (s: string): Set<string> => new Set(s.split(/\s+/u).filter(Boolean));

/** Common function words per language (lower case). */
export const STOPWORDS: Record<NordicLang, Set<string>> = {
  nb: LIST(`og i det som er på for med av ikke jeg vi har de en et til om kan man eller også så seg fra
    når hva hvordan hvem være skal innen mellom gjennom etter ble blir mye noen hun han bare deres vår
    dette disse den denne at var vil må ved nå selv mer enn hvor hvorfor oss dem sin sitt sine hele
    alle andre noe slik samt mot under over uten blant derfor dersom fordi hvis både før både`),
  nn: LIST(`og i det som er på for med av ikkje eg vi me har dei ein eit til om kan eller òg så seg frå
    når kva korleis kven vere vore skal innan mellom gjennom etter vart blir mykje nokon ho han berre
    deira vår dette desse den denne at var vil må ved no sjølv meir enn kvar kvifor oss dei sin sitt
    sine heile alle andre noko slik mot under over utan blant difor dersom fordi viss både før gjer`),
  sv: LIST(`och i det som är på för med av inte jag vi har de en ett till om kan man eller också så sig
    från när vad hur vem vara ska inom mellan genom efter blev blir mycket några hon han bara deras vår
    detta dessa den denna att var vill måste vid nu själv mer än var varför oss dem sin sitt sina hela
    alla andra något sådan samt mot under över utan bland därför eftersom om både innan kommer också`),
  da: LIST(`og i det som er på for med af ikke jeg vi har de en et til om kan man eller også så sig fra
    når hvad hvordan hvem være skal inden mellem gennem efter blev bliver meget nogle hun han kun
    deres vores dette disse den denne at var vil må ved nu selv mere end hvor hvorfor os dem sin sit
    sine hele alle andre noget sådan samt mod under over uden blandt derfor hvis både før op`),
  en: LIST(`the and of to in is for that with on as are by this be from at or an it we our have not was
    will can which their they you your has had were been but if about into more other than then these
    those there what when who how also its such may should would could all any each most some only`),
};

const LIST_COUNT = new Map<string, number>();
for (const lang of LANGS) for (const w of STOPWORDS[lang]) LIST_COUNT.set(w, (LIST_COUNT.get(w) ?? 0) + 1);

/** Any language's function word (used by heuristics that look for capitalised words after them). */
export function isFunctionWord(word: string): boolean {
  return LIST_COUNT.has(word.toLowerCase());
}

const NN_MARKERS = LIST(`ikkje eg ein eit berre kva korleis kven kvifor kvar noko nokon mykje heile heilt frå
  vere vore vart sjølv meir desse deira difor utan òg ho dei me gjer gjere skulle eigen eigne tankar`);
const NB_MARKERS = LIST(`ikke jeg en et bare hva hvordan hvem hvorfor hvor noe noen mye hele helt fra være
  vært ble selv mer disse deres derfor uten også hun de vi gjør gjøre egen egne tanker`);

export interface LanguageGuess {
  language: Lang;
  /** How it was decided, for the report. */
  source: string;
  /** Normalised stopword scores per language (0…1). */
  scores: Record<NordicLang, number>;
}

function scoreText(text: string): { scores: Record<NordicLang, number>; hits: number; total: number; nn: number; nb: number } {
  const tokens = lowerWords(text);
  const raw: Record<NordicLang, number> = { nb: 0, nn: 0, sv: 0, da: 0, en: 0 };
  let hits = 0;
  let nn = 0;
  let nb = 0;
  for (const t of tokens) {
    const shared = LIST_COUNT.get(t);
    if (shared) {
      hits++;
      for (const lang of LANGS) if (STOPWORDS[lang].has(t)) raw[lang] += 1 / shared;
    }
    if (NN_MARKERS.has(t)) nn++;
    if (NB_MARKERS.has(t)) nb++;
  }
  // Letters that only one family uses.
  const aeo = (text.match(/[æøÆØ]/gu) ?? []).length;
  const aoUml = (text.match(/[äöÄÖ]/gu) ?? []).length;
  const letterBonus = 0.05;
  raw.sv += aoUml * letterBonus;
  raw.nb += (aeo * letterBonus) / 3;
  raw.nn += (aeo * letterBonus) / 3;
  raw.da += (aeo * letterBonus) / 3;
  const total = Math.max(tokens.length, 1);
  const scores = { nb: raw.nb / total, nn: raw.nn / total, sv: raw.sv / total, da: raw.da / total, en: raw.en / total };
  return { scores, hits, total: tokens.length, nn, nb };
}

function best(scores: Record<NordicLang, number>): [NordicLang, number, number] {
  const sorted = [...LANGS].sort((a, b) => scores[b] - scores[a]);
  return [sorted[0]!, scores[sorted[0]!], scores[sorted[1]!]];
}

/** Nynorsk only when its markers clearly dominate (poems in nynorsk inside a bokmål deck stay nb). */
function norwegianVariant(nn: number, nb: number): "nb" | "nn" {
  return nn >= 3 && nn > 1.5 * nb ? "nn" : "nb";
}

export function detectLanguage(text: string, siteLanguage?: Lang): LanguageGuess {
  const { scores, hits, nn, nb } = scoreText(text);
  const foreign = foreignLanguage(text);
  if (foreign) {
    const close = foreign.margin < 0.05 && foreign.second ? `; weak: ${foreign.second} is close, check it` : "";
    const site =
      siteLanguage === undefined
        ? ""
        : siteLanguage === foreign.language
          ? `, site boilerplate (${siteLanguage}) agrees`
          : `; the site boilerplate was ${siteLanguage}`;
    return { language: foreign.language, source: `franc (${foreign.language})${site}${close}`, scores };
  }
  // nb and nn share most function words: judge the family first, the variant by markers.
  const family: Record<NordicLang, number> = { ...scores, nb: Math.max(scores.nb, scores.nn), nn: 0 };
  const [top, topScore, second] = best(family);
  const clear = hits >= 8 && topScore >= 1.5 * second;
  const resolve = (lang: Lang): Lang => (lang === "nb" || lang === "nn" ? norwegianVariant(nn, nb) : lang);

  if (siteLanguage && !(LANGS as readonly string[]).includes(siteLanguage)) {
    // A German/Polish/Czech site, but franc found no such text: the statistics decide if they can.
    if (clear) return { language: resolve(top), source: `text statistics (the site boilerplate was ${siteLanguage})`, scores };
    return { language: siteLanguage, source: `site boilerplate (${siteLanguage}), the text is not conclusive`, scores };
  }
  if (siteLanguage) {
    const site = siteLanguage === "nn" ? "nb" : siteLanguage;
    if (!clear || top === site) {
      const lang = resolve(siteLanguage);
      const how = top === site ? "confirmed by the text" : "the text is not conclusive";
      const variant = lang === "nn" ? ", nynorsk markers dominate" : "";
      return { language: lang, source: `site boilerplate (${siteLanguage}), ${how}${variant}`, scores };
    }
    const lang = resolve(top);
    return { language: lang, source: `text statistics (the site boilerplate was ${siteLanguage}, but the slides are clearly ${lang})`, scores };
  }
  if (hits === 0) return { language: "nb", source: "default (no recognisable words; check it)", scores };
  const lang = resolve(top);
  return { language: lang, source: clear ? "text statistics" : "text statistics (weak; check it)", scores };
}
