/**
 * People named on slide 1, with their job title when slide 1 states one.
 *
 * - With a job title: "Rådmann Inger Østensjø", "Rådgiver, mangfold og
 *   integrering Ingrid Hauge Rasmussen" (a known job-title word, optionally
 *   extended by ", <lower-case words>", then a name), or "Inger Østensjø,
 *   rådmann".
 * - Without: a name that starts with a common Nordic first name and goes on
 *   with one to three capitalised words ("Tone Marie Hølmebakk"), stopping
 *   before a word that is a common noun ("Presentasjon") or a function word.
 * Nothing is guessed beyond what the slide states.
 */
import { isFunctionWord } from "./language.js";
import { bare, words } from "./text.js";

export interface Person {
  name: string;
  /** Job title as the slide states it. */
  title: string | undefined;
  /** The text the person was found in, for reports and title clean-up. */
  source: string;
}

const TITLE_WORDS = `rådmann rådkvinne kommunedirektør kommunaldirektør kommunalsjef bydelsdirektør direktør
  avdelingsdirektør fylkesdirektør fylkesrådmann assisterende ordfører varaordfører fylkesordfører leder nestleder
  avdelingsleder enhetsleder fagleder prosjektleder prosjektkoordinator koordinator rådgiver seniorrådgiver
  spesialrådgiver rådgjevar seniorrådgjevar konsulent seniorkonsulent førstekonsulent saksbehandler sekretær
  sjef kultursjef helsesjef oppvekstsjef rektor professor forsker stipendiat overlege kommuneoverlege
  kommunchef kommundirektör stadsdirektör direktör förvaltningschef enhetschef verksamhetschef avdelningschef
  projektledare utvecklingsledare handläggare utredare samordnare strateg rådgivare kommunalråd ordförande
  borgmester kommunaldirektør afdelingsleder kontorchef chefkonsulent specialkonsulent projektleder
  mayor director manager adviser advisor coordinator officer head chief professor researcher`;
const TITLES = new Set(TITLE_WORDS.split(/\s+/u).filter(Boolean));
/** Words that may stand before a job-title word as part of the title ("Project Manager", "Daglig leder"). */
const TITLE_MODIFIERS = new Set(
  `project programme program senior deputy assistant acting chief executive general
  policy managing assisterende konstituert fungerende daglig biträdande ställföreträdande`
    .split(/\s+/u)
    .filter(Boolean),
);

/** Common Nordic given names (for names stated without a job title). */
const GIVEN = new Set(
  `anne anna astrid berit bente birgitta britt camilla cecilie charlotte elin elisabeth ellen
  emma eva gro grete gunn guro hanne heidi helene hege hilde ida inger ingrid ingeborg irene jenny johanne
  julie karen kari karin kirsten kristin laila lena linda line lisa liv maria marie marit marianne mette
  monica nina randi ragnhild ruth sara siri solveig sigrid silje sissel stine sofie tone torill trine tove
  turid unni vigdis wenche åse agnes annika ulla margareta kerstin birgit
  anders arne bjørn bård dag egil einar eirik erik espen finn frode geir gunnar hans harald helge henrik
  ivar jan jens jon jonas jørgen kjell knut kristian lars leif magnus martin morten nils ola olav ole
  per petter peter rolf rune sigurd stein steinar svein sverre terje thomas tor tore trond truls vidar
  øystein øyvind åge johan karl lennart mats mikael stefan sven göran håkan bengt søren niels mads
  rasmus poul michael john david james mark paul richard robert`
    .split(/\s+/u)
    .filter(Boolean),
);

/** Words that end a name: footer labels and the like. */
const NOT_NAME = new Set(
  `presentasjon presentasjonen presentation presentationen præsentation præsentationen
  lysark side slide page kommune kommun bydel avdeling avdelingen`
    .split(/\s+/u)
    .filter(Boolean),
);

const NAME_WORD = /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?$/u;

function isNameWord(w: string, lowerSeen: Set<string>, first: boolean): boolean {
  const b = bare(w);
  return NAME_WORD.test(w) && !isFunctionWord(b) && !TITLES.has(b) && !NOT_NAME.has(b) && (first || !lowerSeen.has(b));
}

/** Words after a place's name that make it an organisation's ("Grue kommune"): the place is not the surname's part. */
const ORGANISATION_WORDS = new Set(
  `kommune kommun kommunes fylkeskommune fylkeskommun fylke herad kommunestyre kommunestyret bystyre bystyret`.split(/\s+/u).filter(Boolean),
);

/** Take a name (2–4 capitalised words) starting at word index i. */
function nameAt(w: string[], i: number, lowerSeen: Set<string>): string[] | undefined {
  const out: string[] = [];
  let ended = false;
  for (let k = i; k < w.length && out.length < 4; k++) {
    const word = w[k]!.replace(/[,;.]$/u, "");
    if (!isNameWord(word, lowerSeen, out.length === 0)) break;
    out.push(word);
    if (word !== w[k]) {
      ended = true; // a comma/full stop ends the name
      break;
    }
  }
  // "Kari Nordmann Grue kommune": the last word names the municipality, not the person.
  const next = w[i + out.length];
  if (!ended && out.length > 2 && next !== undefined && ORGANISATION_WORDS.has(bare(next))) out.pop();
  return out.length >= 2 ? out : undefined;
}

/**
 * @param lines slide 1's lines (heading line first)
 * @param lowerSeen words that occur in lower case somewhere in the document (cannot be surnames)
 */
export function findPeople(lines: string[], lowerSeen: Set<string>): Person[] {
  const people: Person[] = [];
  const seen = new Set<string>();
  const add = (p: Person): void => {
    if (seen.has(p.name)) return;
    seen.add(p.name);
    people.push(p);
  };
  for (const line of lines) {
    const w = words(line);
    const used = new Set<number>();
    // Title first: "Rådmann Inger Østensjø", "Rådgiver, mangfold og integrering Ingrid Hauge Rasmussen".
    for (let i = 0; i < w.length; i++) {
      if (!TITLES.has(bare(w[i]!))) continue;
      let start = i;
      while (start > 0 && TITLE_MODIFIERS.has(bare(w[start - 1]!)) && !used.has(start - 1)) start--;
      if (!/^\p{Lu}/u.test(w[start]!)) continue;
      let j = i + 1;
      if (w[i]!.endsWith(",")) {
        while (j < w.length && /^\p{Ll}/u.test(w[j]!) && j - i <= 6) j++;
      }
      const name = nameAt(w, j, lowerSeen);
      if (!name) continue;
      const title = w.slice(start, j).join(" ").replace(/,$/u, "");
      add({ name: name.join(" "), title, source: w.slice(start, j + name.length).join(" ") });
      for (let k = start; k < j + name.length; k++) used.add(k);
      i = j + name.length - 1;
    }
    // Name then title: "Inger Østensjø, rådmann".
    for (let i = 0; i < w.length; i++) {
      if (used.has(i)) continue;
      const name = nameAt(w, i, lowerSeen);
      if (!name) continue;
      const after = w[i + name.length];
      if (w[i + name.length - 1]!.endsWith(",") && after && TITLES.has(bare(after))) {
        add({
          name: name.join(" "),
          title: bare(after) === after.toLowerCase() ? after.replace(/[,.]$/u, "") : after,
          source: w.slice(i, i + name.length + 1).join(" "),
        });
        for (let k = i; k <= i + name.length; k++) used.add(k);
      }
    }
    // No title: a name starting with a common given name.
    for (let i = 0; i < w.length; i++) {
      if (used.has(i) || !GIVEN.has(bare(w[i]!))) continue;
      const name = nameAt(w, i, lowerSeen);
      if (!name) continue;
      add({ name: name.join(" "), title: undefined, source: name.join(" ") });
      for (let k = i; k < i + name.length; k++) used.add(k);
      i += name.length - 1;
    }
  }
  return people;
}
