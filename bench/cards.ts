/**
 * The social-card phase alone:
 * `npx tsx bench/cards.ts [--docs N] [--renderer lysark|sharp] [--threads T] [--profile K] [--seed S] [--no-warm]`
 *
 * Generates the bench corpus (bench/corpus.ts), loads it and collects each
 * document's card job as the build does (untimed), then:
 * - cold: draws every card with one CardWriter and no queue limit, as the
 *   build does during validation, into an empty folder with an empty cache;
 * - warm: the same cards again with the cache kept (reused cards are linked);
 * - with --profile K: where one card's time goes, K cards one at a time
 *   (with sharp: building the SVG, rasterising it, PNG encoding, writing the
 *   file; with Lysark's renderer: drawing and encoding, on the main thread).
 * --renderer picks Lysark's own renderer (default) or the SVG through sharp;
 * --threads sets the card pool's threads (Lysark's) or sharp's concurrency.
 * CPU time is the whole process's (user + system, sharp's threads included)
 * over the phase only: steadier than wall time on a shared machine.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { loadContent } from "../scripts/content/load.ts";
import { documentCardJob } from "../scripts/publish/assets.ts";
import { renderCard } from "../scripts/publish/card-raster.ts";
import { CardWriter, cardSvg, type CardJob } from "../scripts/publish/cards.ts";
import { generateCorpus } from "./corpus.ts";
import { folderSize } from "./measure.ts";
import { numberOption } from "./options.ts";

const option = numberOption;
const docs = option("docs", 2000);
const profile = option("profile", 0);
const threads = option("threads", 0) || undefined;
const rendererIndex = process.argv.indexOf("--renderer");
const renderer = rendererIndex < 0 ? "lysark" : (process.argv[rendererIndex + 1] as "lysark" | "sharp");
if (renderer !== "lysark" && renderer !== "sharp") throw new Error("--renderer is lysark or sharp");
if (renderer === "sharp" && threads) sharp.concurrency(threads);
const work = path.join(os.tmpdir(), "lysark-bench-cards");
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

rmSync(work, { recursive: true, force: true });
const project = path.join(work, "project");
generateCorpus({ dir: project, docs, seed: option("seed", 20261101) });
const output = path.join(work, "out");
const jobs: CardJob[] = [];
loadContent(path.join(project, "content"), { root: project, onDocument: (doc, publisher) => jobs.push(documentCardJob(doc, publisher, output)) });
const distinct = new Set(jobs.map((job) => cardSvg(job.card))).size;
console.log(
  `${jobs.length} cards, ${distinct} distinct; renderer ${renderer}, threads ${threads ?? "default"}; sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, librsvg ${(sharp.versions as Record<string, string | undefined>).rsvg}; load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);

async function phase(name: string, cacheDir: string): Promise<void> {
  rmSync(output, { recursive: true, force: true });
  const cpu = cpuMs();
  const wall = performance.now();
  const writer = new CardWriter({ cacheDir, renderer, threads });
  for (const job of jobs) writer.add(job);
  const drawn = await writer.finish();
  const cpuSpent = cpuMs() - cpu;
  const wallSpent = performance.now() - wall;
  const shared = (writer as { shared?: number }).shared ?? 0;
  const { bytes, files } = folderSize(output);
  console.log(
    `${name.padEnd(5)} ${drawn} drawn, ${shared} shared, ${writer.missingCharacters} characters the font lacks; CPU ${(cpuSpent / 1000).toFixed(2)} s (${(cpuSpent / jobs.length).toFixed(2)} ms a card), wall ${(wallSpent / 1000).toFixed(2)} s; ${files} files, ${(bytes / jobs.length / 1024).toFixed(1)} KB a card on average`,
  );
}
const cacheDir = path.join(work, "cache");
await phase("cold", cacheDir);
if (!process.argv.includes("--no-warm")) await phase("warm", cacheDir);

if (profile > 0 && renderer === "lysark") {
  const sample = jobs.slice(0, profile);
  renderCard(sample[0]!.card); // fonts loaded and background drawn outside the figure
  const start = cpuMs();
  for (const job of sample) renderCard(job.card);
  console.log(
    `profile of ${sample.length} cards, one at a time on the main thread: ${((cpuMs() - start) / sample.length).toFixed(2)} ms of CPU a card, drawing and PNG encoding`,
  );
} else if (profile > 0) {
  // One card at a time, so each stage's CPU time is its own.
  const spent = { svg: 0, raster: 0, encode: 0, write: 0 };
  const scratch = path.join(work, "profile");
  mkdirSync(scratch, { recursive: true });
  const sample = jobs.slice(0, profile);
  for (const [i, job] of sample.entries()) {
    let start = cpuMs();
    const svg = cardSvg(job.card);
    spent.svg += cpuMs() - start;
    start = cpuMs();
    await sharp(Buffer.from(svg)).raw().toBuffer();
    spent.raster += cpuMs() - start;
    start = cpuMs();
    // Rasterising again with PNG output; encoding is the difference to the raster alone.
    const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 2, adaptiveFiltering: false }).toBuffer();
    spent.encode += cpuMs() - start;
    start = cpuMs();
    writeFileSync(path.join(scratch, `${i}.png`), png);
    spent.write += cpuMs() - start;
  }
  const textless = await (async () => {
    const start = cpuMs();
    for (const job of sample)
      await sharp(Buffer.from(cardSvg(job.card).replace(/<text[\s\S]*?<\/text>/g, "")))
        .raw()
        .toBuffer();
    return cpuMs() - start;
  })();
  const per = (ms: number) => `${(ms / sample.length).toFixed(2)} ms`;
  console.log(
    `profile of ${sample.length} cards, one at a time (CPU a card): SVG ${per(spent.svg)}; rasterise ${per(spent.raster)}, of which the card without its text ${per(textless)}; PNG encoding ${per(spent.encode - spent.raster)}; writing ${per(spent.write)}`,
  );
}
rmSync(work, { recursive: true, force: true });
