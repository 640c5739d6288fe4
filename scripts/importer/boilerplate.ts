/**
 * Site chrome of scraped slide transcripts (SlidePlayer/DocPlayer style).
 *
 * Recognised by PATTERN, in any site language:
 *   - the intro line `<words>: "<title>"— <words>:` that introduces the
 *     transcript (nb `Presentasjon om: "…"— Utskrift av presentasjonen:`,
 *     sv `En presentation över ämnet: "…"— Presentationens avskrift:`, …);
 *     everything before it is chrome (loading notices, the title, "similar
 *     presentations");
 *   - the download line `<words> ppt "<title>"` after the last slide, and
 *     everything after it;
 *   - without a download line: short lines after the slides that repeat
 *     chrome lines seen before the transcript, or are advertising lines.
 * Chrome lines of known layouts (DocPlayer nb/sv/da: "Størrelse: px",
 * "Begynne med side:", "Transkript"; SlidePlayer's newer layout: "Download
 * presentation", "Published by …", "Modified over N years ago") are removed
 * wherever they stand; the one line left before slide 1 is then the page's
 * own title. A table of known phrases only names the site's language (nb, sv,
 * da, en, de, pl, cs); it is not needed to find the chrome.
 */
import type { Lang } from "./language.js";
import { QUOTES, compareKey, escapeRegExp } from "./text.js";

const Q = `[${escapeRegExp(QUOTES)}]`;
const DASH = "[—–―-]";

/** `<words>: "<title>"— <words>:` and possibly the start of the transcript after the last colon. */
const INTRO_RE = new RegExp(`^\\s*([^"“”„«»:\\n]{2,80}?)\\s*:\\s*${Q}(.*)${Q}\\s*${DASH}+\\s*([^"“”„«»:\\n]{2,80}?)\\s*:\\s*(.*)$`, "u");

/** `<words> ppt "<title>"` (also pptx/pdf/odp/key, and the format word first). */
const DOWNLOAD_RE = new RegExp(`^\\s*(?:[^"“”„«»\\n]{0,40}\\s)?(?:ppt|pptx|pdf|odp|key)\\b[^"“”„«»\\n]{0,40}${Q}(.+)${Q}\\s*$`, "iu");

/** Advertising lines ("Annonser fra Google", "Google-annonser", "Ads by Google" …). */
const AD_RE = /^(?=.{0,40}$).*\b(google|annonser|annoncer|annonse|annons|reklame|reklam|advertisements?|ads by)\b/iu;

/** Known chrome phrases, only used to tell the site's language. */
const SITE_PHRASES: Record<string, string[]> = {
  nb: [
    "presentasjon lastes",
    "vennligst vent",
    "liknende presentasjoner",
    "lignende presentasjoner",
    "presentasjon om",
    "utskrift av presentasjonen",
    "laste ned ppt",
    "annonser fra google",
    "begynne med side",
    "lignende dokumenter",
  ],
  sv: [
    "presentation laddar",
    "vänta",
    "liknande presentationer",
    "en presentation över ämnet",
    "presentationens avskrift",
    "ladda ner ppt",
    "google-annonser",
    "starta visningen från sidan",
    "storlek: px",
    "relaterade dokument",
  ],
  da: [
    "relaterede dokumenter",
    "præsentationen indlæses",
    "vent venligst",
    "lignende præsentationer",
    "præsentation om emnet",
    "udskrift af præsentationen",
    "download ppt",
    "start visningen ved side",
    "begynd visning fra side",
    "relaterede dokumenter",
  ],
  en: [
    "presentation is loading",
    "please wait",
    "similar presentations",
    "presentation on theme",
    "presentation transcript",
    "download ppt",
    "ads by google",
    "download presentation",
    "start display at page",
  ],
  de: [
    "präsentation wird geladen",
    "bitte warten",
    "ähnliche präsentationen",
    "präsentation zum thema",
    "transkript der präsentation",
    "herunterladen ppt",
    "anzeige ab seite",
  ],
  pl: ["prezentacja się ładuje", "proszę czekać", "podobne prezentacje", "prezentacja na temat", "transkrypt prezentacji", "pobierz ppt"],
  cs: ["prezentace se nahrává", "prosím čekejte", "podobné prezentace", "prezentace na téma", "přepis prezentace", "stáhnout ppt"],
};

/**
 * Chrome lines of DocPlayer pages and SlidePlayer's newer layout, removed
 * wherever they stand: "Størrelse: px", "Begynne med side:", "Starta visningen
 * från sidan:", "Transkript", "Download presentation", "Presentation is
 * loading. Please wait.", "Published by …", "Modified over 9 years ago".
 */
const CHROME_LINES: RegExp[] = [
  /^(?:størrelse|storlek|size|größe|rozmiar|velikost)\s*:\s*(?:\d+\s*)?px$/iu,
  /^(?:begynne med side|starta visningen från sidan|start visningen (?:ved|fra) side|begynd visning(?:en)? (?:ved|fra|på) side|start display at page|anzeige ab seite|zacznij od strony|začít na stránce)\s*:?\s*\d*$/iu,
  /^(?:transkript|transkription|transcript|udskrift|přepis|transkrypcja)\s*:?$/iu,
  /^(?:similar presentations|liknende presentasjoner|lignende presentasjoner|liknande presentationer|lignende præsentationer|ähnliche präsentationen|podobne prezentacje|podobné prezentace|similar documents|lignende dokumenter|liknende dokumenter|relaterade dokument|liknande dokument|relaterede dokumenter|lignende dokumenter|ähnliche dokumente)$/iu,
  /^(?:download presentation|last ned presentasjon|ladda ner presentation|download præsentation|präsentation herunterladen|pobierz prezentację|stáhnout prezentaci)$/iu,
  /^(?:presentation is loading|presentasjon lastes|presentation laddar|præsentationen indlæses|präsentation wird geladen|prezentacja się ładuje|prezentace se nahrává)[.!]?\s*(?:please wait|vennligst vent|vänta|vent venligst|bitte warten|proszę czekać|prosím čekejte)?\.?$/iu,
  /^(?:published by|publisert av|publicerad av|publiceret af|veröffentlicht von|opublikowany przez|publikováno uživatelem)\s.{1,80}$/iu,
  /^(?:modified|endret|ändrad|ændret|geändert|zmodyfikowano|změněno)\s(?:over|about|almost|for|för|for over|vor|über|ponad|před)?\s*\d+\s*\p{L}+(?:\s(?:ago|siden|sedan|her|temu|zpět))?$/iu,
];

export function isChromeLine(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 120 && CHROME_LINES.some((re) => re.test(t));
}

/** AMP pages carry no transcript: refuse them with a clear message (see index.ts). */
export function looksLikeAmp(text: string): boolean {
  return /(?:^|\s)⚡|\bamp-(?:img|carousel|ad|iframe|analytics)\b|\/amp\/|[?&]amp=1\b|<html[^>]*\bamp\b|\bAMP version\b/iu.test(text);
}

export interface Boilerplate {
  /** Lines of the transcript proper (slides), chrome removed. */
  bodyLines: string[];
  /** The quoted title from the intro or download line. */
  title: string | undefined;
  /** Language of the site chrome, when its phrases are known. */
  siteLanguage: Lang | undefined;
  /** True when the intro line was found. */
  introFound: boolean;
  /** Human-readable notes of what was removed. */
  removed: string[];
  /** Non-chrome text before slide 1 that was dropped (no intro line found). */
  preamble: string[];
}

function sameTitle(a: string, b: string): boolean {
  const k = (s: string): string => compareKey(s).replace(/[.\s]+$/u, "");
  return k(a) === k(b);
}

function detectSiteLanguage(chrome: string[]): Lang | undefined {
  const text = chrome.map((l) => l.toLowerCase()).join("\n");
  let bestLang: Lang | undefined;
  let bestHits = 0;
  for (const [lang, phrases] of Object.entries(SITE_PHRASES) as [Lang, string[]][]) {
    const hits = phrases.filter((p) => text.includes(p)).length;
    if (hits > bestHits) {
      bestHits = hits;
      bestLang = lang;
    }
  }
  return bestHits >= 2 ? bestLang : undefined;
}

const SLIDE_ONE_RE = /^\s*1(?:[ \t]|$)/u;

export function isDownloadLine(line: string, title: string | undefined): boolean {
  const m = DOWNLOAD_RE.exec(line);
  if (!m) return false;
  return title === undefined || sameTitle(m[1]!, title);
}

export function isAdLine(line: string): boolean {
  return AD_RE.test(line.trim());
}

export function stripBoilerplate(text: string): Boilerplate {
  const removed: string[] = [];
  // Chrome lines of known layouts go first, wherever they stand.
  const all = text.split("\n");
  const chromeLines = all.filter((l) => isChromeLine(l));
  const lines = chromeLines.length ? all.filter((l) => !isChromeLine(l)) : all;
  if (chromeLines.length) removed.push(`${chromeLines.length} site chrome line(s) of a known layout ("${chromeLines[0]!.trim()}" …)`);
  let preamble: string[] = [];
  let title: string | undefined;
  let header: string[];
  let body: string[];
  let introFound = false;
  const chromeSeen: string[] = [];

  // The intro line is followed by slide 1; a slide line that happens to look like one is slide text.
  const slideOneAt = lines.map((l, i) => SLIDE_ONE_RE.test(l) && (i === 0 || lines[i - 1]!.trim() === ""));
  const introIdx = lines.findIndex((l, i) => INTRO_RE.test(l) && (SLIDE_ONE_RE.test(INTRO_RE.exec(l)![4]!) || slideOneAt.some((one, k) => one && k > i)));
  if (introIdx >= 0) {
    const m = INTRO_RE.exec(lines[introIdx]!)!;
    introFound = true;
    title = m[2]!.trim();
    header = lines.slice(0, introIdx);
    body = lines.slice(introIdx + 1);
    const rest = m[4]!.trim();
    if (rest) body.unshift(rest);
    chromeSeen.push(`${m[1]} ${m[3]}`);
    const count = header.filter((l) => l.trim()).length + 1;
    removed.push(`${count} line(s) of site chrome before the transcript, ending with "${m[1]}: … ${m[3]}:"`);
  } else {
    // No intro line: whatever precedes the first paragraph that starts with "1" is not slide text.
    let first = lines.findIndex((l, i) => SLIDE_ONE_RE.test(l) && (i === 0 || lines[i - 1]!.trim() === ""));
    if (first < 0) first = lines.findIndex((l) => SLIDE_ONE_RE.test(l));
    if (first < 0) first = 0;
    header = lines.slice(0, first);
    body = lines.slice(first);
  }

  // Short header lines are chrome; the title line is not (it is kept as the title).
  // Without an intro line only lines that look like chrome are: repeated lines
  // ("loading … please wait" twice), advertising, or known site phrases.
  const counts = new Map<string, number>();
  for (const l of header) if (l.trim()) counts.set(compareKey(l), (counts.get(compareKey(l)) ?? 0) + 1);
  const knownPhrase = (t: string): boolean => Object.values(SITE_PHRASES).some((ps) => ps.some((p) => t.toLowerCase().includes(p)));
  const chrome = new Set<string>();
  for (const l of header) {
    const t = l.trim();
    if (!t || t.length > 80) continue;
    if (title !== undefined && sameTitle(t, title)) continue;
    if (!introFound && (counts.get(compareKey(t)) ?? 0) < 2 && !isAdLine(t) && !knownPhrase(t)) continue;
    chrome.add(compareKey(t));
    chromeSeen.push(t);
  }
  if (!introFound) {
    preamble = header.map((l) => l.trim()).filter((t) => t && !chrome.has(compareKey(t)));
    // DocPlayer and SlidePlayer's newer layout give the page's own title as the one line left before slide 1.
    if (chromeLines.length && preamble.length === 1 && preamble[0]!.length <= 250 && title === undefined) {
      title = preamble[0]!;
      preamble = [];
    }
    if (header.some((l) => l.trim())) removed.push(`${header.filter((l) => l.trim()).length} line(s) before slide 1`);
  }

  // The download line ends the transcript: it and everything after it is chrome.
  let cut = -1;
  for (let i = body.length - 1; i >= 0; i--) {
    if (isDownloadLine(body[i]!, title)) {
      cut = i;
      break;
    }
  }
  if (cut >= 0) {
    const m = DOWNLOAD_RE.exec(body[cut]!)!;
    if (title === undefined) title = m[1]!.trim();
    chromeSeen.push(body[cut]!);
    const after = body.slice(cut).filter((l) => l.trim()).length;
    removed.push(`${after} line(s) of site chrome after the last slide, starting with the download line`);
    chromeSeen.push(...body.slice(cut));
    body = body.slice(0, cut);
  } else {
    // No download line: cut from the first chrome/ad line after a blank line, if only short lines follow.
    for (let i = 1; i < body.length; i++) {
      const t = body[i]!.trim();
      if (!t || body[i - 1]!.trim() !== "") continue;
      const isChrome = chrome.has(compareKey(t)) || isAdLine(t) || (title !== undefined && /ppt|pdf/iu.test(t) && t.includes(title));
      if (!isChrome) continue;
      const rest = body.slice(i).filter((l) => l.trim());
      if (rest.every((l) => l.trim().length <= 120)) {
        removed.push(`${rest.length} line(s) of site chrome after the last slide`);
        chromeSeen.push(...rest);
        body = body.slice(0, i);
        break;
      }
    }
  }

  // Chrome lines repeated inside the transcript (a scraper artefact) go too.
  const before = body.length;
  body = body.filter((l) => !(l.trim() && chrome.has(compareKey(l))));
  if (body.length < before) removed.push(`${before - body.length} repeated chrome line(s) inside the transcript`);

  return {
    bodyLines: body,
    title,
    siteLanguage: detectSiteLanguage([...chromeSeen, ...chromeLines]),
    introFound,
    removed,
    preamble,
  };
}
