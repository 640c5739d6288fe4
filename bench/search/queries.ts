/**
 * The labelled set of the search benchmark: known-item queries, each naming
 * the document (or the few documents) that must come back in the first ten
 * results. Targets are `publisher/slug`: the documents in known-items/content
 * (written for this benchmark) and the bundled content in content/. A target
 * missing from the indexed site is an error (see `checkTargets`), so adding a
 * query for a document that is not there fails loudly instead of being dropped.
 *
 * `language` is the language of the target document's body (an English query
 * for a Norwegian document counts as nb: it measures how well nb documents are
 * found). Kinds:
 *   exact       a word as the document writes it
 *   inflected   another inflected, definite or plural form than the document's
 *   compound    an inner or final part of a compound the document uses
 *               (a part that only starts the compound is "exact": Pagefind
 *               already matches prefixes)
 *   translated  English words for a Nordic document (topic labels, title translations)
 *   multi-word  several words, all of which the document holds in some form
 *   unaccented  a word the document writes with ø, æ or å, typed without them
 *               (o or oe, ae, aa, or a mix: "paarorende"), as on a keyboard without
 *               Nordic letters; or one it writes with aa, typed with å ("århus")
 */
import type { ContentLanguage } from "../../scripts/i18n/locales.ts";

export const QUERY_KINDS = ["exact", "inflected", "compound", "translated", "multi-word", "unaccented"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface LabelledQuery {
  query: string;
  language: ContentLanguage;
  kind: QueryKind;
  /** Documents (`publisher/slug`) any one of which, in the first ten results, makes the query a hit. */
  targets: string[];
}

type Row = [ContentLanguage, QueryKind, string, ...string[]];

const BODO = "bodo/havnepromenaden-i-bodo";
const TROMSO = "tromso/vinterturismen-i-tromso";
const LILLEHAMMER = "lillehammer/arbeidsgiverstrategi-2030";
const VOSS = "voss/skulebruksplan-for-voss";
const SOGNDAL = "sogndal/frukt-og-bar-i-sogn";
const VOLDA = "volda/nynorsk-som-hovudmal";
const UMEA = "umea/jamstalldhetsintegrering-i-umea";
const LULEA = "lulea/stalverket-och-omstallningen";
const KIRUNA = "kiruna/stadsflytten-i-kiruna";
const MALMO = "malmo/forskolorna-i-malmo";
const JAMTLAND = "region-jamtland-harjedalen/fjallturism-och-kollektivtrafik";
const CYKEL = "kobenhavn/cykelstier-i-kobenhavn";
const GENTOFTE = "gentofte/aeldreplejen-i-gentofte";
const BORNHOLM = "bornholm/energioen-bornholm";
const LOLLAND = "lolland/femern-forbindelsen-og-lolland";
const ARCTIC = "tromso/arctic-cities-network";
const MALMO_CLIMATE = "malmo/climate-adaptation-in-malmo";
const CARBON = "kobenhavn/copenhagen-carbon-neutral-plan";
const CULTURE = "bodo/bodo-european-capital-of-culture";
// Bundled content (content/).
const AGDER = "agder/kommunenes-arbeid-med-likestilling";
const SAGENE = "oslo-sagene/internasjonal-satsing-i-bydel-sagene";
const STAVANGER = "stavanger/forankring-fryder";
// Grue kommune's employer strategy: an exact match for "arbeidsgiverstrategi" as well (its title).
const GRUE = "grue/fra-helvete-til-himmelen-eksempel-pa-oppstart-og-prosess-arbeidsgiverstrategi";

const ROWS: Row[] = [
  // ---------------------------------------------------------------- nb
  ["nb", "exact", "havnepromenaden", BODO],
  ["nb", "inflected", "havnepromenade", BODO],
  ["nb", "inflected", "bølgedempere", BODO],
  ["nb", "inflected", "mudring", BODO],
  ["nb", "compound", "opprydding", BODO],
  ["nb", "translated", "harbour promenade", BODO],
  ["nb", "multi-word", "badstue kai", BODO],
  ["nb", "inflected", "nordlysturist", TROMSO],
  ["nb", "inflected", "cruiseanløp", TROMSO],
  ["nb", "compound", "turisme", TROMSO],
  ["nb", "translated", "winter tourism", TROMSO],
  ["nb", "multi-word", "hundekjøring samisk", TROMSO],
  ["nb", "exact", "arbeidsgiverstrategi", LILLEHAMMER, GRUE],
  ["nb", "compound", "mangel", LILLEHAMMER, VOLDA],
  ["nb", "compound", "ordninger", LILLEHAMMER],
  ["nb", "compound", "brøk", LILLEHAMMER],
  ["nb", "inflected", "seniortiltak", LILLEHAMMER],
  ["nb", "translated", "employer strategy", LILLEHAMMER],
  ["nb", "multi-word", "lønnstillegg turnus", LILLEHAMMER],
  ["nb", "inflected", "likestillingsutvalg", AGDER],
  ["nb", "exact", "følgeforskning", AGDER],
  ["nb", "compound", "rolle", AGDER],
  ["nb", "translated", "gender equality Agder", AGDER],
  ["nb", "exact", "presisjonsgrad", AGDER],
  ["nb", "inflected", "europakontoret", SAGENE],
  ["nb", "compound", "kontor", SAGENE],
  ["nb", "inflected", "minoritetsfamilie", SAGENE],
  ["nb", "translated", "international cooperation Sagene", SAGENE],
  ["nb", "compound", "utveksling", SAGENE],
  ["nb", "exact", "hospitering", SAGENE],
  ["nb", "exact", "mangfoldspris", STAVANGER],
  ["nb", "inflected", "mangfoldsledelsen", STAVANGER],
  ["nb", "compound", "begrep", STAVANGER],
  ["nb", "translated", "diversity Stavanger", STAVANGER],
  ["nb", "multi-word", "integrering Stavanger", STAVANGER],
  ["nb", "inflected", "flerkulturelle", STAVANGER],
  ["nb", "unaccented", "hundekjoring", TROMSO],
  ["nb", "unaccented", "lonnstillegg", LILLEHAMMER],
  ["nb", "unaccented", "folgeforskning", AGDER],
  ["nb", "unaccented", "bolgedemperen", BODO],
  ["nb", "unaccented", "mangfoldserklaering", STAVANGER],
  ["nb", "unaccented", "smaabaathavna", BODO],
  ["nb", "unaccented", "smaabathavna", BODO],
  ["nb", "unaccented", "hoesting", STAVANGER],
  ["nb", "unaccented", "aarlig rapport", STAVANGER],
  // ---------------------------------------------------------------- nn
  ["nn", "exact", "skulebruksplan", VOSS],
  ["nn", "inflected", "grendeskular", VOSS],
  ["nn", "compound", "skyss", VOSS],
  ["nn", "compound", "fråsegner", VOSS],
  ["nn", "translated", "school structure", VOSS],
  ["nn", "multi-word", "elevtal grendeskule", VOSS],
  ["nn", "inflected", "fruktbonde", SOGNDAL],
  ["nn", "inflected", "morelldyrkar", SOGNDAL],
  ["nn", "compound", "avlingar", SOGNDAL],
  ["nn", "compound", "lager", SOGNDAL],
  ["nn", "translated", "fruit growing", SOGNDAL],
  ["nn", "multi-word", "sesongarbeidarar Polen", SOGNDAL],
  ["nn", "exact", "hovudmål", VOLDA],
  ["nn", "inflected", "læremidla", VOLDA],
  ["nn", "compound", "undervisning", VOLDA],
  ["nn", "translated", "main written language", VOLDA],
  ["nn", "multi-word", "språkdelte klassar", VOLDA],
  ["nn", "inflected", "lærebok", VOLDA],
  ["nn", "unaccented", "laeremiddel", VOLDA],
  ["nn", "unaccented", "kjolekapasitet", SOGNDAL],
  ["nn", "unaccented", "baerproduksjon", SOGNDAL],
  ["nn", "unaccented", "hovudmaal", VOLDA],
  ["nn", "unaccented", "hoyringsfraasegner", VOSS],
  ["nn", "unaccented", "kjoelekapasitet", SOGNDAL],
  // ---------------------------------------------------------------- sv
  ["sv", "exact", "jämställdhetsintegrering", UMEA],
  ["sv", "compound", "integrering umeå", UMEA],
  ["sv", "inflected", "snöröjning", UMEA],
  ["sv", "inflected", "könsuppdelade", UMEA],
  ["sv", "translated", "gender mainstreaming", UMEA],
  ["sv", "multi-word", "normkritik chefer", UMEA],
  ["sv", "inflected", "nämnderna", UMEA],
  ["sv", "inflected", "stålverk", LULEA],
  ["sv", "inflected", "masugn", LULEA],
  ["sv", "compound", "brist", LULEA],
  ["sv", "compound", "produktion", LULEA],
  ["sv", "inflected", "vätgas", LULEA],
  ["sv", "translated", "steelworks", LULEA],
  ["sv", "multi-word", "fossilfritt stål", LULEA],
  ["sv", "inflected", "svetsaren", LULEA],
  ["sv", "exact", "stadsflytten", KIRUNA],
  ["sv", "inflected", "deformationszon", KIRUNA],
  ["sv", "compound", "brytning", KIRUNA],
  ["sv", "compound", "ersättningar", KIRUNA],
  ["sv", "inflected", "kvarter", KIRUNA],
  ["sv", "translated", "moving the town", KIRUNA],
  ["sv", "multi-word", "kyrkan flyttades", KIRUNA],
  ["sv", "multi-word", "förskolor malmö", MALMO],
  ["sv", "inflected", "modersmålsstöd", MALMO],
  ["sv", "compound", "påsar", MALMO],
  ["sv", "translated", "preschools Malmö", MALMO],
  ["sv", "multi-word", "flerspråkiga barn", MALMO],
  ["sv", "inflected", "förskollärare", MALMO],
  ["sv", "inflected", "skidort", JAMTLAND],
  ["sv", "inflected", "nattåg", JAMTLAND],
  ["sv", "compound", "linje", JAMTLAND],
  ["sv", "translated", "mountain tourism", JAMTLAND],
  ["sv", "multi-word", "Åre Funäsdalen", JAMTLAND],
  ["sv", "inflected", "sportlov", JAMTLAND],
  // ---------------------------------------------------------------- da
  ["da", "exact", "supercykelstierne", CYKEL],
  ["da", "inflected", "cykelsti", CYKEL],
  ["da", "inflected", "cyklist", CYKEL],
  ["da", "compound", "parkering", CYKEL],
  ["da", "translated", "cycle lanes", CYKEL],
  ["da", "multi-word", "broer havnen", CYKEL],
  ["da", "inflected", "pendler", CYKEL],
  ["da", "inflected", "plejehjem", GENTOFTE],
  ["da", "inflected", "hjemmehjælper", GENTOFTE],
  ["da", "compound", "teknologi", GENTOFTE],
  ["da", "compound", "rådet", GENTOFTE],
  ["da", "translated", "care for older people", GENTOFTE],
  ["da", "multi-word", "ventelister plejehjem", GENTOFTE],
  ["da", "exact", "energiøen", BORNHOLM],
  ["da", "inflected", "havvindmølle", BORNHOLM],
  ["da", "compound", "mølle", BORNHOLM],
  ["da", "compound", "fartøjer", BORNHOLM],
  ["da", "translated", "energy island", BORNHOLM],
  ["da", "multi-word", "Rønne havn", BORNHOLM],
  ["da", "inflected", "transformerstation", BORNHOLM],
  ["da", "inflected", "tunnelelement", LOLLAND],
  ["da", "compound", "elementer", LOLLAND],
  ["da", "inflected", "tilflytter", LOLLAND],
  // Bornholm's "Arbejdspladser" ends in the same part as Lolland's "Byggepladsen": both are right answers.
  ["da", "compound", "plads", LOLLAND, BORNHOLM],
  ["da", "translated", "Fehmarn Belt link", LOLLAND],
  ["da", "multi-word", "Rødbyhavn fabrikken", LOLLAND],
  ["da", "unaccented", "velfaerdsteknologien", GENTOFTE],
  ["da", "unaccented", "hjemmehjaelperne", GENTOFTE],
  ["da", "unaccented", "havvindmollerne", BORNHOLM],
  ["da", "unaccented", "ilandforingen", BORNHOLM],
  ["da", "unaccented", "paaroerende", GENTOFTE],
  ["da", "unaccented", "paarorende", GENTOFTE],
  ["da", "unaccented", "supercykelstier århus", CYKEL],
  ["da", "unaccented", "energioeen", BORNHOLM],
  ["da", "unaccented", "roenne", BORNHOLM],
  // ---------------------------------------------------------------- en
  ["en", "exact", "permafrost", ARCTIC],
  ["en", "multi-word", "snowmelt floods", ARCTIC],
  ["en", "inflected", "declarations", ARCTIC],
  ["en", "inflected", "pollutes", ARCTIC],
  ["en", "inflected", "mayor", ARCTIC],
  ["en", "inflected", "researching", ARCTIC],
  ["en", "inflected", "cloudbursts", MALMO_CLIMATE],
  ["en", "inflected", "dike", MALMO_CLIMATE],
  ["en", "inflected", "harvested", MALMO_CLIMATE],
  ["en", "inflected", "neighbourhood", MALMO_CLIMATE],
  ["en", "multi-word", "green roofs", MALMO_CLIMATE],
  ["en", "inflected", "homeowner grant", MALMO_CLIMATE],
  ["en", "inflected", "heated", CARBON],
  ["en", "exact", "biomass", CARBON],
  ["en", "inflected", "incinerators", CARBON],
  ["en", "inflected", "extension", CARBON],
  ["en", "multi-word", "carbon capture", CARBON],
  ["en", "inflected", "delays", CARBON],
  ["en", "inflected", "festival", CULTURE],
  ["en", "inflected", "residency", CULTURE],
  ["en", "multi-word", "European Capital of Culture", CULTURE],
  ["en", "inflected", "staging", CULTURE],
  ["en", "inflected", "forecast", CULTURE],
  ["en", "inflected", "artist", CULTURE],
];

export const LABELLED_QUERIES: LabelledQuery[] = ROWS.map(([language, kind, query, ...targets]) => ({ language, kind, query, targets }));

/** Every target must be a document of the indexed site; returns the problems, one line each. */
export function checkTargets(queries: readonly LabelledQuery[], documentIds: ReadonlySet<string>): string[] {
  return queries.flatMap((query) =>
    query.targets
      .filter((target) => !documentIds.has(target))
      .map(
        (target) =>
          `bench/search/queries.ts: query "${query.query}" (${query.language}, ${query.kind}) names ${target}, which is not in the indexed site; add the document or fix the target`,
      ),
  );
}
