/**
 * A deterministic synthetic corpus shaped like real Lysark content: a full
 * project folder (content/ with registries and publishers, site.config.json)
 * with N documents. Same seed and N → byte-identical files.
 *
 * Shape: Norwegian and Swedish municipalities, regions and city districts
 * (with parents); 8–20 slides per presentation with speaker notes; about
 * 1,500 words per document in nb/nn/sv with æøå/äö; topics and key figures
 * from the registries. Key-figure values are a function of (publisher,
 * indicator, date), so two documents never contradict each other the way the
 * cross-document check forbids.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fnv1a } from "../scripts/content/fnv1a.ts";
import { slugify } from "../scripts/content/slug.ts";

export interface CorpusOptions {
  /** Project folder to (re)create. */
  dir: string;
  docs: number;
  seed?: number;
  /**
   * Also write Danish documents (from Danish municipalities) and English ones
   * (from any publisher), about 8 % and 6 % of `docs` on top of them, for the
   * search benchmark. They come from a random stream of their own after the
   * other files, so the nb, nn and sv documents stay byte-identical.
   */
  danishAndEnglish?: boolean;
}

export interface CorpusInfo {
  dir: string;
  docs: number;
  publishers: number;
  words: number;
  bytes: number;
  /** Project-relative paths of a few documents, for edits (dev-server rebuild). */
  sampleDocuments: string[];
}

/** mulberry32: small, fast, good enough for test data; deterministic per seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

// ---------------------------------------------------------------- registries

const TOPICS: Array<[string, string, string, string[], string[]]> = [
  ["likestilling", "Likestilling", "Gender equality", ["likeverd", "kjønn", "heltid"], ["equality", "gender"]],
  ["integrering", "Integrering", "Integration", ["innvandrere", "inkludering"], ["immigrants", "inclusion"]],
  ["mangfold", "Mangfold", "Diversity", ["flerkulturell"], ["multicultural"]],
  ["internasjonalt-samarbeid", "Internasjonalt samarbeid", "International cooperation", ["EU", "Europa"], ["EU", "Europe"]],
  ["barn-og-unge", "Barn og unge", "Children and youth", ["barnevern", "barnehage"], ["child welfare", "kindergarten"]],
  ["ledelse", "Ledelse", "Leadership", ["ledere"], ["managers"]],
  ["kompetanseutvikling", "Kompetanseutvikling", "Competence development", ["kurs", "opplæring"], ["training", "skills"]],
  ["heltidskultur", "Heltidskultur", "Full-time culture", ["deltid", "stillingsstørrelse"], ["part-time"]],
  ["levekar", "Levekår", "Living conditions", ["fattigdom", "bolig"], ["poverty", "housing"]],
  ["planlegging", "Planlegging", "Planning", ["kommuneplan", "samfunnsdel"], ["municipal plan"]],
  ["folkehelse", "Folkehelse", "Public health", ["helse", "forebygging"], ["health", "prevention"]],
  ["klima-og-miljo", "Klima og miljø", "Climate and environment", ["klimagass", "utslipp"], ["emissions", "climate"]],
  ["skole", "Skole", "Schools", ["grunnskole", "elever"], ["pupils", "primary school"]],
  ["eldreomsorg", "Eldreomsorg", "Care for the elderly", ["sykehjem", "hjemmetjeneste"], ["nursing homes", "home care"]],
  ["digitalisering", "Digitalisering", "Digitalisation", ["IKT", "digitale tjenester"], ["IT", "digital services"]],
  ["samferdsel", "Samferdsel", "Transport", ["kollektivtrafikk", "vei"], ["public transport", "roads"]],
  ["naringsutvikling", "Næringsutvikling", "Business development", ["næringsliv", "arbeidsplasser"], ["jobs", "enterprise"]],
  ["kultur", "Kultur", "Culture", ["bibliotek", "kulturhus"], ["libraries", "arts"]],
  ["frivillighet", "Frivillighet", "Volunteering", ["frivillige", "lag og foreninger"], ["volunteers", "associations"]],
  ["beredskap", "Beredskap", "Emergency preparedness", ["krise", "samfunnssikkerhet"], ["crisis", "civil protection"]],
  ["boligpolitikk", "Boligpolitikk", "Housing policy", ["kommunale boliger", "bostøtte"], ["social housing"]],
  ["okonomi", "Økonomi", "Finances", ["budsjett", "økonomiplan"], ["budget"]],
  ["medvirkning", "Medvirkning", "Participation", ["innbyggermedvirkning", "ungdomsråd"], ["citizen participation"]],
  ["arbeid-og-inkludering", "Arbeid og inkludering", "Work and inclusion", ["NAV", "kvalifisering"], ["employment"]],
  ["rus-og-psykisk-helse", "Rus og psykisk helse", "Substance abuse and mental health", ["psykiatri", "rusomsorg"], ["mental health"]],
  ["universell-utforming", "Universell utforming", "Universal design", ["tilgjengelighet"], ["accessibility"]],
];

interface IndicatorDef {
  id: string;
  nb: string;
  en: string;
  unit: string;
  kind: string;
  integer?: boolean;
  lo: number;
  hi: number;
}

const INDICATORS: IndicatorDef[] = [
  { id: "inhabitants", nb: "Innbyggere", en: "Inhabitants", unit: "persons", kind: "count", integer: true, lo: 900, hi: 700000 },
  { id: "employees", nb: "Ansatte", en: "Employees", unit: "persons", kind: "count", integer: true, lo: 80, hi: 50000 },
  { id: "full-time-equivalents", nb: "Årsverk", en: "Full-time equivalents", unit: "fte", kind: "fte", lo: 60, hi: 40000 },
  { id: "immigrant-share", nb: "Andel innvandrere", en: "Share of immigrants", unit: "percent", kind: "percent", lo: 2, hi: 40 },
  {
    id: "immigrant-population",
    nb: "Innvandrere og norskfødte med innvandrerforeldre",
    en: "Immigrants and Norwegian-born to immigrant parents",
    unit: "persons",
    kind: "count",
    integer: true,
    lo: 2000,
    hi: 200000,
  },
  {
    id: "social-assistance-share",
    nb: "Andel sosialhjelpsmottakere",
    en: "Share of social-assistance recipients",
    unit: "percent",
    kind: "percent",
    lo: 1,
    hi: 9,
  },
  {
    id: "child-welfare-share",
    nb: "Andel barn med tiltak i barnevernet",
    en: "Share of children receiving child-welfare measures",
    unit: "percent",
    kind: "percent",
    lo: 1,
    hi: 8,
  },
  { id: "municipal-dwellings", nb: "Kommunale boliger", en: "Municipal dwellings", unit: "dwellings", kind: "count", integer: true, lo: 20, hi: 12000 },
  {
    id: "employees-immigrant-share",
    nb: "Andel ansatte med innvandrerbakgrunn",
    en: "Share of employees with an immigrant background",
    unit: "percent",
    kind: "percent",
    lo: 1,
    hi: 30,
  },
  {
    id: "nationalities",
    nb: "Nasjonaliteter blant innbyggerne",
    en: "Nationalities among inhabitants",
    unit: "nationalities",
    kind: "count",
    integer: true,
    lo: 20,
    hi: 200,
  },
  { id: "part-time-share", nb: "Andel deltidsansatte", en: "Share of part-time employees", unit: "percent", kind: "percent", lo: 10, hi: 60 },
  { id: "budget", nb: "Driftsbudsjett", en: "Operating budget", unit: "nok", kind: "currency", lo: 1e8, hi: 6e10 },
];

function registriesYaml(): { topics: string; indicators: string } {
  const topics = TOPICS.map(
    ([id, nb, en, kwNb, kwEn]) => `- id: ${id}\n  labels: { nb: ${nb}, en: ${en} }\n  keywords: { nb: [${kwNb.join(", ")}], en: [${kwEn.join(", ")}] }\n`,
  ).join("");
  const indicators = INDICATORS.map(
    (ind) => `- id: ${ind.id}\n  labels: { nb: ${ind.nb}, en: ${ind.en} }\n  unit: ${ind.unit}\n  kind: ${ind.kind}\n${ind.integer ? "  integer: true\n" : ""}`,
  ).join("");
  return { topics: `# Synthetic benchmark registry.\n${topics}`, indicators: `# Synthetic benchmark registry.\n${indicators}` };
}

// ---------------------------------------------------------------- publishers

interface Pub {
  id: string;
  nb: string;
  en: string;
  country: "NO" | "SE" | "DK";
  kind: string;
  parent?: string;
  region: string;
  lang: "no" | "sv" | "da";
}

const NO_REGIONS = [
  "Agder",
  "Innlandet",
  "Møre og Romsdal",
  "Nordland",
  "Rogaland",
  "Troms",
  "Finnmark",
  "Trøndelag",
  "Vestfold",
  "Telemark",
  "Vestland",
  "Østfold",
  "Akershus",
  "Buskerud",
];
const SE_REGIONS = [
  "Skåne län",
  "Västra Götalands län",
  "Stockholms län",
  "Uppsala län",
  "Östergötlands län",
  "Jönköpings län",
  "Värmlands län",
  "Örebro län",
  "Dalarnas län",
  "Norrbottens län",
  "Västerbottens län",
  "Hallands län",
];
const NO_PLACE_A = [
  "Fjell",
  "Sjø",
  "Nord",
  "Sør",
  "Øst",
  "Vest",
  "Elve",
  "Lia",
  "Dal",
  "Berg",
  "Ås",
  "Strand",
  "Haug",
  "Vik",
  "Mo",
  "Holm",
  "Bø",
  "Rød",
  "Lund",
  "Høy",
];
const NO_PLACE_B = ["vik", "dal", "berg", "strand", "høy", "næs", "fjord", "sund", "heim", "by", "land", "åsen", "øy", "mark", "stad"];
const SE_PLACE_A = ["Sjö", "Berg", "Ström", "Lind", "Ek", "Björk", "Älv", "Hög", "Norr", "Sö", "Väst", "Öst", "Ång", "Mal", "Hav", "Sand", "Gräs", "Skog"];
const SE_PLACE_B = ["köping", "ås", "holm", "sund", "backa", "hult", "vik", "by", "torp", "ryd", "näs", "älv", "hamn", "stad", "lunda"];
const CITIES: Array<{ id: string; nb: string; en: string; country: "NO" | "SE"; region: string; districts: string[] }> = [
  {
    id: "oslo",
    nb: "Oslo kommune",
    en: "City of Oslo",
    country: "NO",
    region: "Oslo",
    districts: [
      "Sagene",
      "Grünerløkka",
      "Gamle Oslo",
      "St. Hanshaugen",
      "Frogner",
      "Ullern",
      "Vestre Aker",
      "Nordre Aker",
      "Bjerke",
      "Grorud",
      "Stovner",
      "Alna",
      "Østensjø",
      "Nordstrand",
      "Søndre Nordstrand",
    ],
  },
  {
    id: "bergen",
    nb: "Bergen kommune",
    en: "City of Bergen",
    country: "NO",
    region: "Vestland",
    districts: ["Arna", "Bergenhus", "Fana", "Fyllingsdalen", "Laksevåg", "Åsane", "Årstad", "Ytrebygda"],
  },
  {
    id: "stockholm",
    nb: "Stockholms stad",
    en: "City of Stockholm",
    country: "SE",
    region: "Stockholms län",
    districts: [
      "Rinkeby-Kista",
      "Spånga-Tensta",
      "Hässelby-Vällingby",
      "Bromma",
      "Kungsholmen",
      "Norrmalm",
      "Östermalm",
      "Södermalm",
      "Enskede-Årsta-Vantör",
      "Skarpnäck",
      "Farsta",
      "Älvsjö",
      "Hägersten-Älvsjö",
      "Skärholmen",
    ],
  },
  {
    id: "goteborg",
    nb: "Göteborgs stad",
    en: "City of Gothenburg",
    country: "SE",
    region: "Västra Götalands län",
    districts: [
      "Angered",
      "Östra Göteborg",
      "Örgryte-Härlanda",
      "Centrum",
      "Majorna-Linné",
      "Askim-Frölunda-Högsbo",
      "Västra Hisingen",
      "Lundby",
      "Norra Hisingen",
      "Västra Göteborg",
    ],
  },
];

function makePublishers(r: Random): Pub[] {
  const pubs: Pub[] = [];
  const used = new Set<string>();
  const add = (pub: Pub) => {
    if (used.has(pub.id)) return false;
    used.add(pub.id);
    pubs.push(pub);
    return true;
  };
  for (const city of CITIES) {
    const lang = city.country === "NO" ? "no" : "sv";
    add({ id: city.id, nb: city.nb, en: city.en, country: city.country, kind: city.country === "NO" ? "kommune" : "kommun", region: city.region, lang });
    for (const district of city.districts) {
      const name = city.country === "NO" ? `Bydel ${district}` : `${district} stadsdelsförvaltning`;
      add({
        id: `${city.id}-${slugify(district)}`,
        nb: name,
        en: `${district} district`,
        country: city.country,
        kind: city.country === "NO" ? "bydel" : "stadsdel",
        parent: city.id,
        region: city.region,
        lang,
      });
    }
  }
  for (const region of NO_REGIONS) {
    add({
      id: slugify(`${region} fylkeskommune`),
      nb: `${region} fylkeskommune`,
      en: `${region} County Council`,
      country: "NO",
      kind: "fylkeskommune",
      region,
      lang: "no",
    });
  }
  for (const region of SE_REGIONS) {
    add({
      id: slugify(`region ${region.replace(/ län$/, "")}`),
      nb: `Region ${region.replace(/ län$/, "")}`,
      en: `Region ${region.replace(/ län$/, "")}`,
      country: "SE",
      kind: "region",
      region,
      lang: "sv",
    });
  }
  let made = 0;
  while (made < 130) {
    const name = r.pick(NO_PLACE_A) + r.pick(NO_PLACE_B);
    if (add({ id: slugify(name), nb: `${name} kommune`, en: `${name} municipality`, country: "NO", kind: "kommune", region: r.pick(NO_REGIONS), lang: "no" }))
      made++;
  }
  made = 0;
  while (made < 90) {
    const name = r.pick(SE_PLACE_A) + r.pick(SE_PLACE_B);
    if (
      add({
        id: slugify(`${name} kommun`),
        nb: `${name} kommun`,
        en: `${name} Municipality`,
        country: "SE",
        kind: "kommun",
        region: r.pick(SE_REGIONS),
        lang: "sv",
      })
    )
      made++;
  }
  return pubs.sort((a, b) => (a.id < b.id ? -1 : 1));
}

function publisherYaml(pub: Pub): string {
  return [
    `id: ${pub.id}`,
    `names: { nb: ${pub.nb}, en: ${pub.en} }`,
    `country: ${pub.country}`,
    `kind: ${pub.kind}`,
    ...(pub.parent ? [`parent: ${pub.parent}`] : []),
    `region: ${pub.region}`,
    `website: https://www.${pub.id}.${pub.country === "NO" ? "no" : pub.country === "DK" ? "dk" : "se"}/`,
    "",
  ].join("\n");
}

// ---------------------------------------------------------------- text

const WORDS = {
  nb: {
    nouns: [
      "kommunen",
      "bydelen",
      "innbyggerne",
      "tjenestene",
      "ansatte",
      "ledere",
      "barnehagen",
      "skolen",
      "sykehjemmet",
      "planen",
      "strategien",
      "tiltaket",
      "samarbeidet",
      "økonomien",
      "budsjettet",
      "kompetansen",
      "mangfoldet",
      "likestillingen",
      "medvirkningen",
      "frivilligheten",
      "næringslivet",
      "boligene",
      "målene",
      "utfordringene",
      "resultatene",
      "erfaringene",
      "prosjektet",
      "nettverket",
      "området",
      "hverdagen",
      "fellesskapet",
      "kvaliteten",
      "fagmiljøet",
      "brukerne",
      "familiene",
      "ungdommene",
      "eldre",
      "søkerne",
      "veilederne",
      "rådmannen",
    ],
    verbs: [
      "styrker",
      "utvikler",
      "følger opp",
      "prioriterer",
      "evaluerer",
      "forankrer",
      "gjennomfører",
      "samordner",
      "løfter",
      "måler",
      "kartlegger",
      "forbedrer",
      "tilpasser",
      "videreutvikler",
      "sikrer",
      "støtter",
      "involverer",
      "rapporterer på",
      "etablerer",
      "inkluderer",
    ],
    adjectives: [
      "god",
      "viktig",
      "langsiktig",
      "systematisk",
      "åpen",
      "tydelig",
      "felles",
      "lokal",
      "nasjonal",
      "bærekraftig",
      "inkluderende",
      "målrettet",
      "fleksibel",
      "helhetlig",
      "særskilt",
      "økende",
      "lavere",
      "høyere",
      "første",
      "nødvendig",
    ],
    links: ["og", "men", "fordi", "slik at", "samtidig som", "når", "mens", "derfor", "i tillegg", "blant annet"],
    heads: [
      "Bakgrunn",
      "Mål for arbeidet",
      "Status i dag",
      "Hva har vi oppnådd?",
      "Utfordringer fremover",
      "Tiltak",
      "Organisering",
      "Økonomi og ressurser",
      "Erfaringer så langt",
      "Veien videre",
      "Samarbeidspartnere",
      "Nøkkeltall",
      "Brukerundersøkelse",
      "Kompetanseløft",
      "Forankring i ledelsen",
      "Oppsummering",
      "Spørsmål og svar",
      "Tidsplan",
      "Resultater",
      "Hvorfor er dette viktig?",
    ],
    titles: [
      "Strategi for {t}",
      "Handlingsplan for {t}",
      "Status for {t}",
      "Årsrapport om {t}",
      "Satsing på {t}",
      "Erfaringer med {t}",
      "Plan for {t}",
      "Kartlegging av {t}",
    ],
    events: ["KS-konferansen", "Kommunestyremøte", "Fagdag for ledere", "Nettverkssamling", "Dialogmøte med innbyggerne", "Regional konferanse"],
    notes: "Talepunkter",
  },
  nn: {
    nouns: [
      "kommunen",
      "bydelen",
      "innbyggjarane",
      "tenestene",
      "tilsette",
      "leiarane",
      "barnehagen",
      "skulen",
      "sjukeheimen",
      "planen",
      "strategien",
      "tiltaket",
      "samarbeidet",
      "økonomien",
      "budsjettet",
      "kompetansen",
      "mangfaldet",
      "likestillinga",
      "medverknaden",
      "frivilligheita",
      "næringslivet",
      "bustadene",
      "måla",
      "utfordringane",
      "resultata",
      "røynslene",
      "prosjektet",
      "nettverket",
      "området",
      "kvardagen",
    ],
    verbs: [
      "styrkjer",
      "utviklar",
      "følgjer opp",
      "prioriterer",
      "evaluerer",
      "forankrar",
      "gjennomfører",
      "samordnar",
      "løftar",
      "måler",
      "kartlegg",
      "betrar",
      "tilpassar",
      "sikrar",
      "støttar",
      "involverer",
    ],
    adjectives: [
      "god",
      "viktig",
      "langsiktig",
      "systematisk",
      "open",
      "tydeleg",
      "felles",
      "lokal",
      "nasjonal",
      "berekraftig",
      "inkluderande",
      "målretta",
      "fleksibel",
      "heilskapleg",
      "særskild",
      "aukande",
      "lågare",
      "høgare",
    ],
    links: ["og", "men", "fordi", "slik at", "samstundes som", "når", "medan", "difor", "i tillegg", "mellom anna"],
    heads: [
      "Bakgrunn",
      "Mål for arbeidet",
      "Status i dag",
      "Kva har vi oppnådd?",
      "Utfordringar framover",
      "Tiltak",
      "Organisering",
      "Økonomi og ressursar",
      "Røynsler så langt",
      "Vegen vidare",
      "Samarbeidspartnarar",
      "Nøkkeltal",
      "Brukarundersøking",
      "Oppsummering",
      "Tidsplan",
      "Resultat",
    ],
    titles: ["Strategi for {t}", "Handlingsplan for {t}", "Status for {t}", "Årsrapport om {t}", "Satsing på {t}", "Røynsler med {t}"],
    events: ["KS-konferansen", "Kommunestyremøte", "Fagdag for leiarar", "Nettverkssamling", "Regional konferanse"],
    notes: "Talepunkt",
  },
  sv: {
    nouns: [
      "kommunen",
      "stadsdelen",
      "invånarna",
      "verksamheten",
      "medarbetarna",
      "cheferna",
      "förskolan",
      "skolan",
      "äldreboendet",
      "planen",
      "strategin",
      "insatsen",
      "samverkan",
      "ekonomin",
      "budgeten",
      "kompetensen",
      "mångfalden",
      "jämställdheten",
      "delaktigheten",
      "föreningslivet",
      "näringslivet",
      "bostäderna",
      "målen",
      "utmaningarna",
      "resultaten",
      "erfarenheterna",
      "projektet",
      "nätverket",
      "området",
      "vardagen",
      "brukarna",
      "familjerna",
      "ungdomarna",
      "äldre",
      "förvaltningen",
    ],
    verbs: [
      "stärker",
      "utvecklar",
      "följer upp",
      "prioriterar",
      "utvärderar",
      "förankrar",
      "genomför",
      "samordnar",
      "lyfter",
      "mäter",
      "kartlägger",
      "förbättrar",
      "anpassar",
      "vidareutvecklar",
      "säkerställer",
      "stödjer",
      "involverar",
      "rapporterar",
      "etablerar",
      "inkluderar",
    ],
    adjectives: [
      "god",
      "viktig",
      "långsiktig",
      "systematisk",
      "öppen",
      "tydlig",
      "gemensam",
      "lokal",
      "nationell",
      "hållbar",
      "inkluderande",
      "målinriktad",
      "flexibel",
      "övergripande",
      "särskild",
      "ökande",
      "lägre",
      "högre",
      "första",
      "nödvändig",
    ],
    links: ["och", "men", "eftersom", "så att", "samtidigt som", "när", "medan", "därför", "dessutom", "bland annat"],
    heads: [
      "Bakgrund",
      "Mål för arbetet",
      "Läget i dag",
      "Vad har vi uppnått?",
      "Utmaningar framåt",
      "Åtgärder",
      "Organisation",
      "Ekonomi och resurser",
      "Erfarenheter hittills",
      "Vägen framåt",
      "Samarbetspartner",
      "Nyckeltal",
      "Brukarundersökning",
      "Kompetenslyft",
      "Förankring i ledningen",
      "Sammanfattning",
      "Frågor och svar",
      "Tidsplan",
      "Resultat",
      "Varför är detta viktigt?",
    ],
    titles: [
      "Strategi för {t}",
      "Handlingsplan för {t}",
      "Lägesrapport om {t}",
      "Årsrapport om {t}",
      "Satsning på {t}",
      "Erfarenheter av {t}",
      "Plan för {t}",
      "Kartläggning av {t}",
    ],
    events: ["Kommunfullmäktige", "SKR:s konferens", "Chefsdag", "Nätverksträff", "Dialogmöte med invånarna", "Regional konferens"],
    notes: "Talarmanus",
  },
  da: {
    nouns: [
      "kommunen",
      "borgerne",
      "ydelserne",
      "medarbejderne",
      "lederne",
      "børnehaven",
      "skolen",
      "plejehjemmet",
      "planen",
      "strategien",
      "indsatsen",
      "samarbejdet",
      "økonomien",
      "budgettet",
      "kompetencen",
      "mangfoldigheden",
      "ligestillingen",
      "inddragelsen",
      "foreningslivet",
      "erhvervslivet",
      "boligerne",
      "målene",
      "udfordringerne",
      "resultaterne",
      "erfaringerne",
      "projektet",
      "netværket",
      "området",
      "hverdagen",
      "familierne",
      "de unge",
      "forvaltningen",
    ],
    verbs: [
      "styrker",
      "udvikler",
      "følger op på",
      "prioriterer",
      "evaluerer",
      "forankrer",
      "gennemfører",
      "koordinerer",
      "løfter",
      "måler",
      "kortlægger",
      "forbedrer",
      "tilpasser",
      "sikrer",
      "støtter",
      "inddrager",
      "etablerer",
      "inkluderer",
    ],
    adjectives: [
      "god",
      "vigtig",
      "langsigtet",
      "systematisk",
      "åben",
      "tydelig",
      "fælles",
      "lokal",
      "national",
      "bæredygtig",
      "inkluderende",
      "målrettet",
      "fleksibel",
      "helhedsorienteret",
      "særlig",
      "stigende",
      "lavere",
      "højere",
      "første",
      "nødvendig",
    ],
    links: ["og", "men", "fordi", "så", "samtidig med at", "når", "mens", "derfor", "desuden", "blandt andet"],
    heads: [
      "Baggrund",
      "Mål for arbejdet",
      "Status i dag",
      "Hvad har vi opnået?",
      "Udfordringer fremover",
      "Indsatser",
      "Organisering",
      "Økonomi og ressourcer",
      "Erfaringer indtil nu",
      "Vejen frem",
      "Samarbejdspartnere",
      "Nøgletal",
      "Brugerundersøgelse",
      "Opsummering",
      "Tidsplan",
      "Resultater",
    ],
    titles: [
      "Strategi for {t}",
      "Handleplan for {t}",
      "Status for {t}",
      "Årsrapport om {t}",
      "Satsning på {t}",
      "Erfaringer med {t}",
      "Plan for {t}",
      "Kortlægning af {t}",
    ],
    events: ["Byrådsmøde", "KL's konference", "Temadag for ledere", "Netværksmøde", "Borgermøde", "Regional konference"],
    notes: "Talepunkter",
  },
  en: {
    nouns: [
      "the municipality",
      "the district",
      "residents",
      "the services",
      "employees",
      "managers",
      "the kindergarten",
      "the school",
      "the nursing home",
      "the plan",
      "the strategy",
      "the measure",
      "cooperation",
      "the finances",
      "the budget",
      "skills",
      "diversity",
      "equality",
      "participation",
      "local business",
      "housing",
      "the goals",
      "the challenges",
      "the results",
      "experience",
      "the project",
      "the network",
      "the area",
      "everyday life",
      "users",
      "families",
      "young people",
    ],
    verbs: [
      "strengthens",
      "develops",
      "follows up",
      "prioritises",
      "evaluates",
      "anchors",
      "carries out",
      "coordinates",
      "lifts",
      "measures",
      "maps",
      "improves",
      "adapts",
      "secures",
      "supports",
      "involves",
      "establishes",
      "includes",
    ],
    adjectives: [
      "good",
      "important",
      "long-term",
      "systematic",
      "open",
      "clear",
      "shared",
      "local",
      "national",
      "sustainable",
      "inclusive",
      "targeted",
      "flexible",
      "comprehensive",
      "special",
      "growing",
      "lower",
      "higher",
      "first",
      "necessary",
    ],
    links: ["and", "but", "because", "so that", "while", "when", "therefore", "in addition", "among other things"],
    heads: [
      "Background",
      "Goals",
      "Where we are today",
      "What have we achieved?",
      "Challenges ahead",
      "Measures",
      "Organisation",
      "Finances and resources",
      "Experience so far",
      "The way forward",
      "Partners",
      "Key figures",
      "User survey",
      "Summary",
      "Timeline",
      "Results",
    ],
    titles: [
      "Strategy for {t}",
      "Action plan for {t}",
      "Status of {t}",
      "Annual report on {t}",
      "Investing in {t}",
      "Experience with {t}",
      "Plan for {t}",
      "Survey of {t}",
    ],
    events: ["International conference", "Nordic network meeting", "Study visit", "EU project meeting", "Regional conference"],
    notes: "Speaker notes",
  },
} as const;

const SV_TOPIC_WORDS: Record<string, string> = {
  likestilling: "jämställdhet",
  integrering: "integration",
  mangfold: "mångfald",
  "internasjonalt-samarbeid": "internationellt samarbete",
  "barn-og-unge": "barn och unga",
  ledelse: "ledarskap",
  kompetanseutvikling: "kompetensutveckling",
  heltidskultur: "heltid",
  levekar: "levnadsvillkor",
  planlegging: "planering",
  folkehelse: "folkhälsa",
  "klima-og-miljo": "klimat och miljö",
  skole: "skolan",
  eldreomsorg: "äldreomsorg",
  digitalisering: "digitalisering",
  samferdsel: "kollektivtrafik",
  naringsutvikling: "näringslivsutveckling",
  kultur: "kultur",
  frivillighet: "ideell sektor",
  beredskap: "krisberedskap",
  boligpolitikk: "bostadspolitik",
  okonomi: "ekonomi",
  medvirkning: "delaktighet",
  "arbeid-og-inkludering": "arbete och inkludering",
  "rus-og-psykisk-helse": "psykisk hälsa",
  "universell-utforming": "tillgänglighet",
};

const FIRST_NAMES = {
  da: ["Mette", "Lars", "Hanne", "Søren", "Birgitte", "Jens", "Pia", "Anders", "Lone", "Mads", "Kirsten", "Jørgen"],
  no: ["Inger", "Kari", "Ola", "Per", "Tone Marie", "Øystein", "Åse", "Bjørn", "Ingrid", "Håkon", "Sølvi", "Gro", "Terje", "Marit", "Jørgen"],
  sv: ["Anna", "Lars", "Karin", "Björn", "Åsa", "Göran", "Maria", "Erik", "Märta", "Örjan", "Ingela", "Sören", "Lena", "Håkan", "Birgitta"],
};
const LAST_NAMES = {
  da: ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Møller", "Kjær"],
  no: ["Østensjø", "Hansen", "Johansen", "Hølmebakk", "Nærø", "Sæther", "Bråten", "Løvås", "Haugland", "Rasmussen", "Aasen", "Fjærli"],
  sv: ["Andersson", "Johansson", "Karlsson", "Öberg", "Åkesson", "Lindström", "Bäckström", "Sjögren", "Nyström", "Ekström", "Hägg", "Wåhlin"],
};
const JOB_TITLES = {
  da: ["Kommunaldirektør", "Konsulent", "Direktør", "Afdelingschef", "Projektleder", "Borgmester", "Chefkonsulent"],
  no: ["Rådmann", "Rådgiver", "Kommunalsjef", "Bydelsdirektør", "Seniorrådgiver", "Prosjektleder", "Enhetsleder", "Ordfører"],
  sv: [
    "Kommundirektör",
    "Utvecklingsledare",
    "Förvaltningschef",
    "Stadsdelsdirektör",
    "Utredare",
    "Projektledare",
    "Enhetschef",
    "Kommunstyrelsens ordförande",
  ],
};

type Lang = "nb" | "nn" | "sv" | "da" | "en";

/** Danish words for the first topic of a Danish document's title. */
const DA_TOPIC_WORDS: Record<string, string> = {
  likestilling: "ligestilling",
  integrering: "integration",
  mangfold: "mangfoldighed",
  "internasjonalt-samarbeid": "internationalt samarbejde",
  "barn-og-unge": "børn og unge",
  ledelse: "ledelse",
  kompetanseutvikling: "kompetenceudvikling",
  heltidskultur: "fuldtid",
  levekar: "levevilkår",
  planlegging: "planlægning",
  folkehelse: "folkesundhed",
  "klima-og-miljo": "klima og miljø",
  skole: "folkeskolen",
  eldreomsorg: "ældrepleje",
  digitalisering: "digitalisering",
  samferdsel: "kollektiv trafik",
  naringsutvikling: "erhvervsudvikling",
  kultur: "kultur",
  frivillighet: "frivillighed",
  beredskap: "beredskab",
  boligpolitikk: "boligpolitik",
  okonomi: "økonomi",
  medvirkning: "borgerinddragelse",
  "arbeid-og-inkludering": "beskæftigelse",
  "rus-og-psykisk-helse": "psykisk sundhed",
  "universell-utforming": "tilgængelighed",
};

/** Danish municipalities, only in a corpus with Danish and English documents. */
const DK_PLACES = [
  "Aarhus",
  "Odense",
  "Aalborg",
  "Esbjerg",
  "Randers",
  "Kolding",
  "Horsens",
  "Vejle",
  "Roskilde",
  "Herning",
  "Silkeborg",
  "Næstved",
  "Viborg",
  "Holbæk",
  "Slagelse",
  "Svendborg",
  "Hjørring",
  "Frederikshavn",
  "Skive",
  "Ringkøbing-Skjern",
];

function sentence(r: Random, lang: Lang): string {
  const w = WORDS[lang];
  const parts: string[] = [r.pick(w.nouns), r.pick(w.verbs), r.pick(w.adjectives), r.pick(w.nouns)];
  if (r.chance(0.6)) parts.push(r.pick(w.links), r.pick(w.nouns), r.pick(w.verbs), r.pick(w.adjectives), r.pick(w.nouns));
  if (r.chance(0.3)) parts.push(r.pick(w.links), r.pick(w.adjectives), r.pick(w.nouns));
  const text = parts.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}${r.chance(0.1) ? "?" : "."}`;
}

function paragraph(r: Random, lang: Lang, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r, lang)).join(" ");
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

// ---------------------------------------------------------------- documents

const TYPES = [
  "presentation",
  "presentation",
  "presentation",
  "presentation",
  "presentation",
  "presentation",
  "presentation",
  "report",
  "strategy",
  "plan",
  "survey",
] as const;
const WORDS_PER_DOCUMENT = 1330;

function yamlString(text: string): string {
  return /^[\p{L}\d][^:#\n"'{}[\],&*!|>%@`]*$/u.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

/** Value of a figure: fixed per publisher, indicator and date, so documents agree. */
function figureValue(pub: string, ind: IndicatorDef, date: string): number {
  const unit = fnv1a(`${pub}|${ind.id}|${date}`) / 4294967296;
  const raw = ind.lo + unit * (ind.hi - ind.lo);
  if (ind.integer || ind.kind === "currency") return Math.round(raw);
  return Math.round(raw * 10) / 10;
}

interface GeneratedDocument {
  file: string;
  text: string;
  words: number;
}

/** `language` is given only for the Danish and English documents; the others draw theirs as always. */
function makeDocument(r: Random, index: number, pub: Pub, slugs: Set<string>, language?: "da" | "en"): GeneratedDocument {
  const lang: Lang = language ?? (pub.lang === "sv" ? "sv" : r.chance(0.15) ? "nn" : "nb");
  const w = WORDS[lang];
  const type = r.pick(TYPES);
  const topics = r.sample(TOPICS, r.int(1, 4)).map((topic) => topic[0]);
  const year = r.int(2000, 2024);
  const topic = TOPICS.find((t) => t[0] === topics[0])!;
  const topicWord =
    lang === "sv" ? SV_TOPIC_WORDS[topics[0]!]! : lang === "da" ? DA_TOPIC_WORDS[topics[0]!]! : lang === "en" ? topic[2].toLowerCase() : topic[1].toLowerCase();
  const title =
    r.pick(w.titles).replace("{t}", topicWord) +
    (r.chance(0.5) ? ` ${year}` : ` ${lang === "en" ? "in" : "i"} ${pub.nb.replace(/ (kommune|kommun|fylkeskommune)$/, "")}`);
  let slug = slugify(title);
  while (slugs.has(`${pub.id}/${slug}`)) slug = `${slugify(title)}-${index.toString(36)}`;
  slugs.add(`${pub.id}/${slug}`);

  const dateRoll = r.next();
  const date =
    dateRoll < 0.05 ? "unknown" : dateRoll < 0.12 ? String(year) : `${year}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;

  // Body: slides (presentations) or sections, speaker notes on most slides.
  const slideCount = type === "presentation" ? r.int(8, 20) : r.int(8, 14);
  const perSlide = Math.round(WORDS_PER_DOCUMENT / slideCount);
  const body: string[] = [];
  let words = 0;
  for (let s = 1; s <= slideCount; s++) {
    const empty = type === "presentation" && s > 1 && r.chance(0.04);
    if (empty) {
      body.push("##", "");
      continue;
    }
    const heading = s === 1 ? title : `${r.pick(w.heads)}${r.chance(0.3) ? ` – ${r.pick(w.nouns)}` : ""}`;
    body.push(`## ${heading}`, "");
    let budget = perSlide - countWords(heading);
    const notes = type === "presentation" && r.chance(0.7);
    const slideWords = notes ? Math.round(budget * 0.45) : budget;
    let written = 0;
    while (written < slideWords) {
      if (r.chance(0.35)) {
        const items = Array.from({ length: r.int(3, 6) }, () => `- ${sentence(r, lang).replace(/[.?]$/, "")}`);
        body.push(...items, "");
        written += countWords(items.join(" ")) - items.length;
      } else {
        const text = paragraph(r, lang, r.int(2, 5));
        const strong = r.chance(0.2) ? text.replace(/^(\S+ \S+)/, "**$1**") : text;
        body.push(strong, "");
        written += countWords(text);
      }
    }
    budget -= written;
    if (notes) {
      body.push("::: notes");
      let noted = 0;
      while (noted < budget) {
        const text = paragraph(r, lang, r.int(3, 6));
        body.push(text, "");
        noted += countWords(text);
      }
      body.pop();
      body.push(":::", "");
      written += noted;
    }
    words += written + countWords(heading);
  }

  const people = Array.from({ length: r.int(0, 3) }, () => {
    const region = pub.lang;
    const person = [`  - name: ${r.pick(FIRST_NAMES[region])} ${r.pick(LAST_NAMES[region])}`];
    if (r.chance(0.8)) person.push(`    title: ${r.pick(JOB_TITLES[region])}`);
    if (r.chance(0.5)) person.push(`    role: ${type === "presentation" ? "presenter" : "author"}`);
    return person.join("\n");
  });

  const figures: string[] = [];
  const figureDate = date === "unknown" ? undefined : date.slice(0, 4);
  for (const ind of r.sample(INDICATORS, r.chance(0.6) ? r.int(1, 5) : 0)) {
    // The reference date is the document's year (never after the document); an undated document states no refDate.
    const lines = [`  - indicator: ${ind.id}`, `    value: ${figureValue(pub.id, ind, figureDate ?? "undated")}`];
    if (figureDate) lines.push(`    refDate: "${figureDate}"`);
    if (r.chance(0.2)) lines.push("    approximate: true");
    if (ind.kind === "percent" && r.chance(0.3)) {
      lines.push(`    comparison: { value: ${figureValue("country", ind, figureDate ?? "undated")}, label: { nb: Landsgjennomsnitt, en: National average } }`);
    }
    if (ind.id === "immigrant-population" && r.chance(0.6)) {
      const countries = r.sample(["Polen", "Sverige", "Somalia", "Tyskland", "Litauen", "Syria", "Eritrea", "Irak", "Danmark", "Filippinene"], r.int(3, 6));
      lines.push("    breakdown:", ...countries.map((label) => `      - { label: ${label}, value: ${r.int(1, 300)} }`));
    }
    if (r.chance(0.7)) lines.push(`    slide: ${r.int(1, slideCount)}`);
    figures.push(lines.join("\n"));
  }
  const front = [
    "---",
    `title: ${yamlString(title)}`,
    ...(r.chance(0.3) && lang !== "en"
      ? [`titleTranslations: { en: ${yamlString(`Document ${index + 1} on ${TOPICS.find((t) => t[0] === topics[0])![2].toLowerCase()}`)} }`]
      : []),
    `type: ${type}`,
    `publisher: ${pub.id}`,
    `date: ${date}`,
    `language: ${lang}`,
    ...(people.length ? ["people:", ...people] : []),
    ...(r.chance(0.5) ? [`event: ${yamlString(r.pick(w.events))}`] : []),
    `topics: [${topics.join(", ")}]`,
    `summary: ${yamlString(paragraph(r, lang, 2))}`,
    ...(r.chance(0.3) ? [`runningHeader: ${yamlString(pub.nb)}`] : []),
    ...(figures.length ? ["keyFigures:", ...figures] : []),
    "source:",
    "  kind: transcript",
    `  url: https://example.org/${pub.id}/${slug}`,
    "  retrieved: 2026-11-01",
    "---",
    "",
  ];
  return { file: `content/${pub.id}/${slug}.md`, text: `${front.join("\n")}${body.join("\n")}`, words };
}

/** Writes the corpus into options.dir (removed first). */
export function generateCorpus(options: CorpusOptions): CorpusInfo {
  const { dir, docs } = options;
  const r = new Random(prng(options.seed ?? 20261101));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "content", "_registries"), { recursive: true });
  const registries = registriesYaml();
  writeFileSync(path.join(dir, "content", "_registries", "topics.yaml"), registries.topics);
  writeFileSync(path.join(dir, "content", "_registries", "indicators.yaml"), registries.indicators);
  writeFileSync(path.join(dir, "site.config.json"), `${JSON.stringify({ url: "https://lysark.example.org" }, null, 2)}\n`);

  const publishers = makePublishers(r);
  for (const pub of publishers) {
    mkdirSync(path.join(dir, "content", pub.id), { recursive: true });
    writeFileSync(path.join(dir, "content", pub.id, "_publisher.yaml"), publisherYaml(pub));
  }
  // Bigger publishers publish more: the cities and their districts get a heavier weight.
  const weights = publishers.map((pub) =>
    CITIES.some((c) => c.id === pub.id) ? 8 : pub.parent ? 2 : pub.kind === "kommune" || pub.kind === "kommun" ? 1.5 : 1,
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const pickPublisher = () => {
    let x = r.next() * total;
    for (let i = 0; i < publishers.length; i++) {
      x -= weights[i]!;
      if (x < 0) return publishers[i]!;
    }
    return publishers[publishers.length - 1]!;
  };

  const slugs = new Set<string>();
  let words = 0;
  let bytes = 0;
  const sample: string[] = [];
  for (let i = 0; i < docs; i++) {
    const generated = makeDocument(r, i, pickPublisher(), slugs);
    const text = generated.text;
    writeFileSync(path.join(dir, generated.file), text);
    words += generated.words;
    bytes += Buffer.byteLength(text);
    if (sample.length < 5) sample.push(generated.file);
  }
  let extraDocs = 0;
  let extraPublishers = 0;
  if (options.danishAndEnglish) {
    const extra = new Random(prng((options.seed ?? 20261101) ^ 0x0da0e0));
    const danish: Pub[] = DK_PLACES.map((place) => ({
      id: `${slugify(place)}-kommune-dk`,
      nb: `${place} Kommune`,
      en: `${place} Municipality`,
      country: "DK",
      kind: "kommune",
      region: "Danmark",
      lang: "da",
    }));
    for (const pub of danish) {
      mkdirSync(path.join(dir, "content", pub.id), { recursive: true });
      writeFileSync(path.join(dir, "content", pub.id, "_publisher.yaml"), publisherYaml(pub));
    }
    extraPublishers = danish.length;
    const plan: Array<"da" | "en"> = [...Array<"da">(Math.round(docs * 0.08)).fill("da"), ...Array<"en">(Math.round(docs * 0.06)).fill("en")];
    for (const [offset, language] of plan.entries()) {
      const pub = language === "da" ? extra.pick(danish) : extra.pick(publishers);
      const generated = makeDocument(extra, docs + offset, pub, slugs, language);
      writeFileSync(path.join(dir, generated.file), generated.text);
      words += generated.words;
      bytes += Buffer.byteLength(generated.text);
    }
    extraDocs = plan.length;
  }
  return { dir, docs: docs + extraDocs, publishers: publishers.length + extraPublishers, words, bytes, sampleDocuments: sample };
}
