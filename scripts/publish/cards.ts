/**
 * Social cards: one 1200×630 PNG per document (title, type, publisher, date)
 * and one per locale for the other pages. Lysark draws them itself
 * (./card-raster.ts: the bundled font Noto Sans, a glyph cache, its own PNG
 * encoder), on the main thread for the first cards of a build and on a small
 * worker pool after that (./card-worker.ts); see docs/social-cards.md. The
 * design is in ./card-layout.ts; `cardSvg` draws the same card as SVG for
 * sharp (`renderer: "sharp"`), kept to compare the two (bench/cards.ts).
 * Finished cards are kept in a cache folder keyed by a hash of the card's text,
 * the renderer's version and the font, so a rebuild only draws the cards that
 * changed, and a card drawn once is linked (not copied) into the output
 * wherever it is needed again.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { workerModule } from "../content/worker-bundle.ts";
import sharp from "sharp";
import { removeStaleTemporaryFiles } from "../content/temporary-files.ts";
import { CARD_HEIGHT, CARD_LAYOUT, CARD_WIDTH, cardLayout, wrapText, type CardText } from "./card-layout.ts";
import { CARD_RENDERER_VERSION, fontHash, renderCard } from "./card-raster.ts";
import { cardHash, type CardResult, type CardTask } from "./card-worker.ts";

export { wrapText, type CardText };

const COLORS = CARD_LAYOUT.colors;
// zlib level 2 encodes a card in about a quarter of the time level 3 takes, for files about 10 % larger (docs/performance-log.md).
const PNG_OPTIONS = { compressionLevel: 2, adaptiveFiltering: false };
const PANEL = CARD_LAYOUT.panel;
const TEXT_X = CARD_LAYOUT.textX;

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** The card as SVG (for sharp), from the same layout as Lysark's renderer. Font size shrinks for long titles so up to four lines fit. */
export function cardSvg(card: CardText): string {
  const { texts, titleSize } = cardLayout(card);
  const [brand, kicker, ...rest] = texts;
  const footer = rest.pop()!;
  const title = rest.map((line) => `<tspan x="${line.x}" y="${line.y}">${escapeXml(line.text)}</tspan>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" xml:lang="${escapeXml(card.lang)}">
<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${COLORS.frame}"/>
<rect x="${PANEL.x}" y="${PANEL.y}" width="${PANEL.width}" height="${PANEL.height}" rx="${PANEL.radius}" fill="${COLORS.panel}"/>
<rect x="${TEXT_X}" y="94" width="34" height="24" rx="3" fill="none" stroke="${COLORS.accent}" stroke-width="5"/>
<text x="${brand!.x}" y="${brand!.y}" font-family="sans-serif" font-size="30" font-weight="700" fill="${COLORS.accent}">${escapeXml(brand!.text)}</text>
<text x="${kicker!.x}" y="${kicker!.y}" font-family="sans-serif" font-size="28" font-weight="700" fill="${COLORS.muted}" letter-spacing="1">${escapeXml(kicker!.text)}</text>
<text font-family="sans-serif" font-size="${titleSize}" font-weight="700" fill="${COLORS.text}">${title}</text>
<rect x="${TEXT_X}" y="500" width="120" height="6" fill="${COLORS.accent}"/>
<text x="${footer.x}" y="${footer.y}" font-family="sans-serif" font-size="30" fill="${COLORS.muted}">${escapeXml(footer.text)}</text>
</svg>`;
}

/**
 * Puts a finished card at `target` as a hard link to `source` (a cache entry or
 * the same card written for another page), or a copy where the file system
 * cannot link (another device). Whatever was at `target` is removed first, so a
 * card published earlier as a link is never overwritten in place: that would
 * change the cache entry it shares its bytes with. A `target` that is a link to
 * `source` already (the folder `npm start` serves, rendered again) is left as it
 * is; returns whether the card was placed.
 */
export function placeCard(source: string, target: string, link: (source: string, target: string) => void = linkSync): boolean {
  // The link itself, not what a symbolic link there points to: only a hard link to the card is left.
  const there = lstatSync(target, { throwIfNoEntry: false });
  if (there) {
    const placed = statSync(source, { throwIfNoEntry: false });
    if (placed && placed.ino === there.ino && placed.dev === there.dev) return false;
  }
  rmSync(target, { force: true });
  try {
    link(source, target);
  } catch {
    copyFileSync(source, target);
  }
  return true;
}

export interface CardJob {
  card: CardText /** Output file, absolute. */;
  file: string;
}

/** Lysark's renderer as it stands in a card's cache key: its version and the font's hash. */
export function lysarkRendererId(): string {
  return `lysark/${CARD_RENDERER_VERSION}/${fontHash()}`;
}

/**
 * A card's cache key: the renderer (sharp's and libvips' versions and the PNG
 * options, or `lysarkRendererId()`) and what it draws (the SVG for sharp; for
 * Lysark's renderer the card's text and language, which decide its pixels).
 */
export function cardCacheKey(card: CardText, renderer: string): string {
  const source = renderer.startsWith("lysark/") ? JSON.stringify([card.brand, card.kicker, card.title, card.footer, card.lang]) : cardSvg(card);
  return createHash("sha256").update(renderer).update("\0").update(source).digest("hex").slice(0, 32);
}

const CARD_WORKER = new URL("./card-worker.ts", import.meta.url).href;
/**
 * Cards drawn on the main thread before the pool starts: a worker's start-up (its modules, the font, its code not yet
 * optimised) costs about this many cards. 100 cards took 1.14–1.24 s of CPU on two fresh threads against 0.62–0.67 s
 * on the main thread (docs/performance-log.md, "worker threads from bundles").
 */
const MAIN_THREAD_CARDS = 100;
/** About 5 s of drawing per thread at 4.6 ms a card: as long as the main thread goes without yielding in a cold build at N = 5000. */
const CARDS_AHEAD_PER_THREAD = 1024;

/** Where the project at `root` keeps its drawn cards between builds (the build, the dev server; none with --no-cache). */
export function cardCacheDir(root: string): string {
  return path.join(root, ".cache", "lysark", "cards");
}

export interface CardWriterOptions {
  cacheDir?: string;
  /** At most this many cards in sharp's queue or the pool's at once (default: no limit). */
  limit?: number;
  /** "lysark" (default): Lysark's own renderer; "sharp": the SVG through librsvg, kept to compare the two. */
  renderer?: "lysark" | "sharp";
  /** Threads of the card pool (default: one per core). */
  threads?: number;
  /** Cards drawn on the main thread before the pool starts (default 100). */
  mainThreadCards?: number;
  /** Filled in with the cards' files that were in place already and left as they were (`placeCard`). */
  leftInPlace?: Set<string>;
}

/** The first job of a card in a run: where its file is, when it is written, and what drawing it found. */
interface FirstOfCard {
  file: string;
  written: Promise<boolean>;
  missing: number;
  /** SHA-256 of the PNG, when this run drew it (not when it came from the card cache). */
  hash?: string;
}

/**
 * Draws cards as they are added, reusing cached PNGs for cards drawn before. A
 * card equal to one already added in this run (the same title, type, publisher,
 * date and language) is drawn once and linked. With Lysark's renderer the first
 * cards are drawn at once on the main thread and the rest on a pool of worker
 * threads; with sharp each card is handed to sharp's threads. Without a `limit`
 * every card is queued at once, so the threads keep drawing while the main
 * thread is busy with something else (the build adds cards while it validates,
 * see scripts/build/build.ts); with one, at most `limit` are queued.
 * Output does not depend on the order cards finish in.
 */
export class CardWriter {
  private readonly renderer: "lysark" | "sharp";
  private readonly version: string;
  private readonly pending: Array<Promise<void>> = [];
  private readonly waiting: Array<() => Promise<void>> = [];
  private readonly errors: unknown[] = [];
  /** The first job of each card in this run, by cache key, and when its file is written. */
  private readonly firstOfCard = new Map<string, FirstOfCard>();
  private pool: Piscina<CardTask, CardResult> | undefined;
  private running = 0;
  private cancelled = false;
  private added = 0;
  private mainThreadQueued = 0;
  drawn = 0;
  /** Cards that were the same as another of this run's cards and were linked to it instead of drawn. */
  shared = 0;
  /** Characters (not white space) on this run's cards, drawn or from the cache, that the card font has no glyph for. */
  missingCharacters = 0;
  /** Cards with at least one such character. */
  cardsWithMissing = 0;
  /**
   * SHA-256 of each card file this run drew, or linked to a card it drew, by the file's path: hashed from the bytes
   * in memory where they were drawn, so the whole-site cache need not read 5,000 cards back at the end of a cold
   * build (docs/performance-log.md). Cards taken from the card cache are not in it.
   */
  readonly hashes = new Map<string, string>();

  constructor(private readonly options: CardWriterOptions = {}) {
    this.renderer = options.renderer ?? "lysark";
    this.version = this.renderer === "sharp" ? `${sharp.versions.sharp}/${sharp.versions.vips}/${JSON.stringify(PNG_OPTIONS)}` : lysarkRendererId();
    if (options.cacheDir) {
      mkdirSync(options.cacheDir, { recursive: true });
      removeStaleTemporaryFiles(options.cacheDir);
    }
  }

  /** The cache key of a card: see `cardCacheKey`. */
  cacheKey(card: CardText): string {
    return cardCacheKey(card, this.version);
  }

  private countMissing(missing: number): void {
    if (missing <= 0) return;
    this.missingCharacters += missing;
    this.cardsWithMissing++;
  }

  /** `placeCard`, noting a card left in place. */
  private place(source: string, target: string): void {
    if (!placeCard(source, target)) this.options.leftInPlace?.add(target);
  }

  add(job: CardJob): void {
    if (this.cancelled) return;
    const serial = this.added++;
    mkdirSync(path.dirname(job.file), { recursive: true });
    const key = this.cacheKey(job.card);
    const same = this.firstOfCard.get(key);
    if (same) {
      this.pending.push(
        same.written.then((written) => {
          if (!written || this.cancelled) return;
          this.place(same.file, job.file);
          if (same.hash) this.hashes.set(job.file, same.hash);
          this.shared++;
          this.countMissing(same.missing);
        }),
      );
      return;
    }
    const { cacheDir } = this.options;
    const cached = cacheDir ? path.join(cacheDir, `${key}.png`) : undefined;
    // A card with characters the font lacks keeps their count beside its cache entry, so a reused card is still reported.
    const missingFile = cached && `${cached}.missing`;
    if (cached && existsSync(cached)) {
      this.place(cached, job.file);
      const missing = missingFile && existsSync(missingFile) ? Number(readFileSync(missingFile, "utf8")) || 0 : 0;
      this.countMissing(missing);
      this.firstOfCard.set(key, { file: cached, written: Promise.resolve(true), missing });
      return;
    }
    const entry: FirstOfCard = { file: cached ?? job.file, written: Promise.resolve(false), missing: 0 };
    this.firstOfCard.set(key, entry);
    const finished = (missing: number, hash: string): void => {
      this.drawn++;
      entry.missing = missing;
      entry.hash = hash;
      this.hashes.set(job.file, hash);
      this.countMissing(missing);
      if (missingFile && missing > 0) writeFileSync(missingFile, String(missing));
      if (cached) placeCard(cached, job.file);
    };
    const target = cached ?? job.file;
    // Written under a unique name and renamed, so a parallel build never reads half a file.
    const temporary = `${target}.${process.pid}.${serial}.tmp`;
    if (!cached) rmSync(job.file, { force: true });
    // The first cards are drawn on the main thread, each in a turn of its own; the rest on the pool.
    const onMainThread = this.renderer === "lysark" && this.mainThreadQueued++ < (this.options.mainThreadCards ?? MAIN_THREAD_CARDS);
    const draw = async (): Promise<boolean> => {
      if (this.cancelled) return false;
      this.running++;
      try {
        let missing = 0;
        let hash: string;
        if (onMainThread) {
          await new Promise((resolve) => setImmediate(resolve));
          if (this.cancelled) return false;
          const card = renderCard(job.card);
          writeFileSync(temporary, card.png);
          renameSync(temporary, target);
          missing = card.missing;
          hash = cardHash(card.png);
        } else if (this.renderer === "sharp") {
          const png = await sharp(Buffer.from(cardSvg(job.card)))
            .png(PNG_OPTIONS)
            .toBuffer();
          if (this.cancelled) return false;
          writeFileSync(temporary, png);
          renameSync(temporary, target);
          hash = cardHash(png);
        } else {
          ({ missing, hash } = await this.cardPool().run({ card: job.card, file: target, temporary }));
          if (this.cancelled) return false;
        }
        finished(missing, hash);
        return true;
      } catch (error) {
        if (!this.cancelled) this.errors.push(error);
        return false;
      } finally {
        this.running--;
        this.waiting.shift()?.();
      }
    };
    entry.written =
      this.options.limit === undefined || this.running < this.options.limit
        ? draw()
        : new Promise<boolean>((resolve) => this.waiting.push(() => draw().then(resolve)));
    this.pending.push(entry.written.then(() => undefined));
  }

  private cardPool(): Piscina<CardTask, CardResult> {
    if (this.pool) return this.pool;
    const threads = Math.max(1, this.options.threads ?? os.availableParallelism());
    const { filename, execArgv } = workerModule(CARD_WORKER);
    this.pool = new Piscina<CardTask, CardResult>({
      filename,
      minThreads: threads,
      maxThreads: threads,
      // Cards handed to each thread ahead of time: piscina hands out tasks on the main thread's event loop, so with
      // one card at a time the pool starves while the main thread assembles the site model without yielding.
      concurrentTasksPerWorker: CARDS_AHEAD_PER_THREAD,
      execArgv,
    });
    return this.pool;
  }

  /** Resolves with the number of cards drawn (not copied from the cache) once all are written; throws the first failure. */
  async finish(): Promise<number> {
    try {
      await Promise.all(this.pending);
    } finally {
      await this.closePool();
    }
    if (this.errors.length) throw this.errors[0];
    return this.drawn;
  }

  private async closePool(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  /**
   * Removes the cache entries (and their counts of missing characters) that no card of this run used, once
   * every card is written: a build of the whole site calls it, so the cards of edited titles and removed
   * documents do not pile up in the cache from build to build. Returns how many cards were removed.
   */
  prune(): number {
    const { cacheDir } = this.options;
    if (!cacheDir) return 0;
    const used = new Set(this.firstOfCard.keys());
    let removed = 0;
    for (const name of readdirSync(cacheDir)) {
      const key = name.endsWith(".png") ? name.slice(0, -".png".length) : name.endsWith(".png.missing") ? name.slice(0, -".png.missing".length) : undefined;
      if (key === undefined || used.has(key)) continue;
      rmSync(path.join(cacheDir, name), { force: true });
      if (name.endsWith(".png")) removed++;
    }
    return removed;
  }

  /**
   * Stops writing: cards still being drawn are dropped (the build failed and its folder is going away).
   * Resolves once no card is being drawn or written any more.
   */
  async cancel(): Promise<void> {
    this.cancelled = true;
    for (const start of this.waiting.splice(0)) void start();
    // The threads are stopped now, with the cards they were handed: a failed build draws nothing more.
    await this.closePool();
    await Promise.allSettled(this.pending);
  }
}

/** Renders every card, at most `concurrency` in sharp's queue at a time (enough to keep its threads busy while the main thread renders pages). */
export async function writeCards(
  jobs: readonly CardJob[],
  options: { cacheDir?: string; concurrency?: number; leftInPlace?: Set<string> } = {},
): Promise<number> {
  const writer = new CardWriter({ cacheDir: options.cacheDir, limit: Math.max(1, options.concurrency ?? 16), leftInPlace: options.leftInPlace });
  for (const job of jobs) writer.add(job);
  return writer.finish();
}
