/**
 * The site-basic fixture with more key figures: a second Testby document a
 * year later (history), a district with its own figures (comparison across
 * publishers, a report with sections), a breakdown whose labels need CSV
 * quoting, and extra indicators for the rules.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { doc, type FileChanges, fixturesDir } from "../helpers/fixture.ts";

export const REGISTRY = "content/_registries/indicators.yaml";

export const EXTRA_INDICATORS = `
- id: immigrant-population
  labels: { nb: Innvandrere, en: Immigrants }
  unit: persons
  kind: count
  integer: true
- id: budget
  labels: { nb: Budsjett, en: Budget }
  unit: nok
  kind: currency
- id: satisfaction
  labels: { nb: Tilfredshet, en: Satisfaction }
  unit: points
  kind: ratio
  min: 1
  max: 6
  range: true
`;

export function registryWithExtras(): string {
  return readFileSync(path.join(fixturesDir, "site-basic", REGISTRY), "utf8") + EXTRA_INDICATORS;
}

export const TESTBY_2012 = "content/testby/nokkeltall-2012.md";
export const SENTRUM_FACTS = "content/testby-sentrum/fakta-om-sentrum.md";

export function keyFigureChanges(): FileChanges {
  return {
    [REGISTRY]: registryWithExtras(),
    [TESTBY_2012]: doc(
      `
title: Nøkkeltall 2012
titleTranslations: { en: Key figures 2012 }
type: presentation
publisher: testby
date: 2012-02-01
language: nb
keyFigures:
  - indicator: inhabitants
    value: 5100
    refDate: 2012-01-01
    slide: 1
  - indicator: immigrant-share
    value: 19.2
    refDate: 2012-01-01
    comparison: { value: 14.1, label: { nb: Landsgjennomsnittet, en: National average } }
    slide: 2
  - indicator: immigrant-population
    value: 980
    refDate: 2012-01-01
    breakdown:
      - { label: Polen, value: 310 }
      - { label: 'Bosnia "og" Hercegovina', value: 120 }
      - { label: "Sør-Sudan; Sudan", labelTranslations: { en: "South Sudan; Sudan" }, value: 95 }
    slide: 2
`,
      "## Innbyggere\n\nTestby hadde 5 100 innbyggere 1.1.2012.\n\n## Innvandrere\n\n19,2 % innvandrere, mot 14,1 % i landet.\n",
    ),
    [SENTRUM_FACTS]: doc(
      `
title: Fakta om Sentrum
type: report
publisher: testby-sentrum
date: 2012-03
language: nn
keyFigures:
  - indicator: inhabitants
    value: 1200
    approximate: true
    slide: 1
  - indicator: immigrant-share
    value: 31.5
    comparison: { value: 19.2, label: { nb: Testby, en: Testby } }
    slide: 2
`,
      "## Innbyggjarar\n\nOm lag 1 200 innbyggjarar.\n\n## Innvandrarar\n\n31,5 %.\n",
    ),
  };
}
