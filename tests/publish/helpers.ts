/**
 * A fixture project for the publishing tests: the basic fixture plus a deck
 * with an image and two attachments, enough documents on one topic to fill
 * three pages (two per page), and site settings with a repository for edit
 * links. The PNG is drawn with sharp here rather than committed as a binary.
 */
import sharp from "sharp";
import { build, type BuildResult } from "../../scripts/build/build.ts";
import { beforeAll, expect, inject } from "vitest";
import { doc, type FileChanges, makeProject } from "../helpers/fixture.ts";

export const SITE_URL = "https://lysark.test";

/** A 1600×900 PNG: a gradient with a few bars, so every encoder has real work. */
export async function testPng(width = 1600, height = 900): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#0b5cad"/><stop offset="1" stop-color="#f0a35e"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>
<rect x="${width * 0.1}" y="${height * 0.5}" width="${width * 0.15}" height="${height * 0.4}" fill="#fff"/>
<rect x="${width * 0.35}" y="${height * 0.3}" width="${width * 0.15}" height="${height * 0.6}" fill="#fff"/>
<rect x="${width * 0.6}" y="${height * 0.2}" width="${width * 0.15}" height="${height * 0.7}" fill="#fff"/>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Bytes of a given size that start like a PDF (the build copies attachments as they are). */
export function fakeFile(header: string, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(header));
  return bytes;
}

export const DECK = doc(
  `
title: Bilder og vedlegg
titleTranslations: { en: Pictures and attachments }
type: presentation
publisher: testby
date: 2012-06-01
language: nb
topics: [likestilling]
summary: Et lysark med bilde og originalfiler.
source:
  kind: transcript
  url: https://slides.example.org/bilder-og-vedlegg
  retrieved: 2026-11-01
attachments:
  - file: original.pptx
    title: Original presentasjon
  - file: rapport.pdf
`,
  `## Et diagram

![Søyler som viser <økende> likestilling](diagram.png "Diagram fra 2012")

## Slutt

Takk.
`,
);

/** Three more documents on gender equality, one per year 2013–2015, so the topic has five. */
/** The earlier address of the publishing fixture's testby/likestilling-2015. */
export const MOVED_FROM = "testby/status-for-likestilling-2015";

export function moreDocuments(): FileChanges {
  const files: FileChanges = {};
  for (const year of [2013, 2014, 2015]) {
    // The last one was renamed from an earlier address, which the site keeps (scripts/publish/moved.ts).
    files[`content/testby/likestilling-${year}.md`] = doc(
      `
title: Likestilling ${year}
type: report
publisher: testby
date: ${year}-02-01
language: nb
topics: [likestilling]
${year === 2015 ? `movedFrom: [${MOVED_FROM}]` : ""}
`,
      `## Status ${year}\n\nLikestilling og heltid i Testby kommune i ${year}.\n`,
    );
  }
  return files;
}

/** The earlier id of the publishing fixture's district testby-sentrum, whose folder was renamed (its movedFrom). */
export const MOVED_PUBLISHER = "sentrum";

export async function publishProjectChanges(): Promise<FileChanges> {
  return {
    "content/testby-sentrum/_publisher.yaml": `id: testby-sentrum
names: { nb: Bydel Sentrum, en: Sentrum district }
country: NO
kind: bydel
parent: testby
movedFrom: [${MOVED_PUBLISHER}]
`,
    "site.config.json": JSON.stringify({ url: SITE_URL, repository: "https://git.example.org/lysark/lysark", editBranch: "trunk", pageSize: 2 }),
    "content/testby/bilder-og-vedlegg.md": DECK,
    "content/testby/diagram.png": await testPng(),
    "content/testby/original.pptx": fakeFile("PK\u0003\u0004", 12_345),
    "content/testby/rapport.pdf": fakeFile("%PDF-1.4\n", 1_234_567),
    ...moreDocuments(),
  };
}

/** Makes the publishing fixture project (in `parent`, if given) and builds it; throws with the problems if the build fails. */
export async function buildPublishProject(extra: FileChanges = {}, parent?: string): Promise<{ dir: string; result: BuildResult }> {
  const dir = makeProject("site-basic", { ...(await publishProjectChanges()), ...extra }, parent);
  const result = await build({ root: dir });
  if (!result.ok) throw new Error(`build failed:\n${result.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.field}: ${p.message}`).join("\n")}`);
  return { dir, result };
}

let sharedBuild: Promise<string> | undefined;
let sharedRebuild: Promise<string> | undefined;

/**
 * The publishing fixture's project, built once per test worker for the files that only read it (it was built 18
 * times a run, each build 2–3 s of CPU). Made in the run's folder (tests/helpers/run-folder.ts),
 * which is removed when the run ends. A file that writes into the project or its site builds its own.
 */
export function sharedPublishBuild(): Promise<string> {
  sharedBuild ??= buildPublishProject({}, inject("runFolder")).then(({ dir }) => dir);
  return sharedBuild;
}

/** The shared build's site, in the shape a browser session serves (`useBrowserSession`); the run removes it, not the session. */
export async function sharedPublishSite(): Promise<{ siteDir: string; cleanup: () => void }> {
  return { siteDir: `${await sharedPublishBuild()}/_site`, cleanup: () => {} };
}

/** A second build of the same project, for the files that check a build is reproducible; shared as the first is. */
function sharedPublishRebuild(): Promise<string> {
  sharedRebuild ??= buildPublishProject({}, inject("runFolder")).then(({ dir }) => dir);
  return sharedRebuild;
}

/**
 * The publishing fixture built twice (the second build checks reproducibility), shared with the worker's other files
 * (sharedPublishBuild). Read `dir` and `again` inside tests: they are set in beforeAll.
 */
export function useTwoPublishBuilds(): { dir: string; again: string } {
  const builds = { dir: "", again: "" };
  beforeAll(async () => {
    builds.dir = await sharedPublishBuild();
    builds.again = await sharedPublishRebuild();
  });
  return builds;
}

/** A small well-formedness check: every tag closes in order, attributes are quoted, entities are known. */
export function expectWellFormedXml(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0"')).toBe(true);
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>/, "");
  for (const match of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing ${name}`).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(body.replace(/<[^>]*>/g, "")).not.toMatch(/[<>]/);
  expect(body).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos);)/);
}
