/**
 * Social cards: one 1200×630 PNG per document (title, type, publisher, date)
 * and one per locale for the other pages, drawn as SVG and rasterised by
 * sharp. Text uses the generic `sans-serif` family, which fontconfig resolves
 * to an installed font; the same SVG and fonts always give the same PNG.
 * Finished cards are kept in a cache folder keyed by a hash of the SVG, so a
 * rebuild only draws the cards that changed, and a card drawn once is linked
 * (not copied) into the output wherever it is needed again.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { CARD_HEIGHT, CARD_WIDTH } from "./document.ts";
import { removeStaleTemporaryFiles } from "../content/temporary-files.ts";

export interface CardText {
  /** Small line above the title, e.g. "Presentasjon". */
  kicker: string;
  title: string;
  /** Bottom line, e.g. "Stavanger kommune · 15. mars 2011". */
  footer: string;
  /** Site name or host shown at the top. */
  brand: string;
  /** BCP 47 language of the text. */
  lang: string;
}

const COLORS = { frame: "#0b5cad", panel: "#ffffff", text: "#1b1f24", muted: "#4a5360", accent: "#0b5cad" };
// zlib level 2 encodes a card in about a quarter of the time level 3 takes, for files about 10 % larger (docs/performance.md).
const PNG_OPTIONS = { compressionLevel: 2, adaptiveFiltering: false };
const PANEL = { x: 40, y: 40, width: CARD_WIDTH - 80, height: CARD_HEIGHT - 80 };
const TEXT_X = 96;
const TEXT_WIDTH = CARD_WIDTH - 2 * TEXT_X;

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Rough advance width of a character in em for a bold sans-serif; wrapping errs on the wide side. */
function charWidth(char: string): number {
  if (" .,:;'!|il".includes(char)) return 0.34;
  if ("fjrtI()[]-–".includes(char)) return 0.44;
  if ("mwMW".includes(char)) return 1.0;
  if (/[A-ZÆØÅÄÖ]/.test(char)) return 0.76;
  if (/\d/.test(char)) return 0.7;
  return 0.64;
}

function textWidth(text: string, size: number): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width * size;
}

/** Greedy word wrap into at most `maxLines` lines; the last line ends with "…" when text is cut. */
export function wrapText(text: string, size: number, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines: string[] = [];
  let line = "";
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    // A word wider than a line is broken.
    while (textWidth(word, size) > width) {
      let cut = word.length - 1;
      while (cut > 1 && textWidth(word.slice(0, cut), size) > width) cut--;
      if (line) {
        lines.push(line);
        line = "";
      }
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size) <= width) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 1 && textWidth(`${last}…`, size) > width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.replace(/[\s,.;:–-]+$/, "")}…`;
  return kept;
}

/** The card as SVG. Font size shrinks for long titles so up to four lines fit. */
export function cardSvg(card: CardText): string {
  let size = 68;
  let lines = wrapText(card.title, size, TEXT_WIDTH, 4);
  for (const candidate of [60, 52, 46]) {
    if (lines.length <= 2) break;
    size = candidate;
    lines = wrapText(card.title, size, TEXT_WIDTH, 4);
  }
  const lineHeight = Math.round(size * 1.18);
  const titleTop = 240;
  const title = lines.map((line, i) => `<tspan x="${TEXT_X}" y="${titleTop + i * lineHeight}">${escapeXml(line)}</tspan>`).join("");
  const footer = wrapText(card.footer, 30, TEXT_WIDTH, 1)[0] ?? "";
  const kicker = wrapText(card.kicker, 28, TEXT_WIDTH, 1)[0] ?? "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" xml:lang="${escapeXml(card.lang)}">
<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${COLORS.frame}"/>
<rect x="${PANEL.x}" y="${PANEL.y}" width="${PANEL.width}" height="${PANEL.height}" rx="18" fill="${COLORS.panel}"/>
<rect x="${TEXT_X}" y="94" width="34" height="24" rx="3" fill="none" stroke="${COLORS.accent}" stroke-width="5"/>
<text x="${TEXT_X + 48}" y="117" font-family="sans-serif" font-size="30" font-weight="700" fill="${COLORS.accent}">${escapeXml(card.brand)}</text>
<text x="${TEXT_X}" y="172" font-family="sans-serif" font-size="28" font-weight="700" fill="${COLORS.muted}" letter-spacing="1">${escapeXml(kicker.toUpperCase())}</text>
<text font-family="sans-serif" font-size="${size}" font-weight="700" fill="${COLORS.text}">${title}</text>
<rect x="${TEXT_X}" y="500" width="120" height="6" fill="${COLORS.accent}"/>
<text x="${TEXT_X}" y="550" font-family="sans-serif" font-size="30" fill="${COLORS.muted}">${escapeXml(footer)}</text>
</svg>`;
}

/**
 * Puts a finished card at `target` as a hard link to `source` (a cache entry or
 * the same card written for another page), or a copy where the file system
 * cannot link (another device). Whatever was at `target` is removed first, so a
 * card published earlier as a link is never overwritten in place: that would
 * change the cache entry it shares its bytes with.
 */
export function placeCard(source: string, target: string, link: (source: string, target: string) => void = linkSync): void {
  rmSync(target, { force: true });
  try {
    link(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

export interface CardJob {
  card: CardText /** Output file, absolute. */;
  file: string;
}

/**
 * Draws cards as they are added, each on one of sharp's threads, reusing cached
 * PNGs for SVGs drawn before. A card whose SVG equals one already added in this
 * run (the same title, type, publisher and date) is drawn once and linked. Without a `limit` every card is handed to sharp at
 * once, so its threads keep drawing while the main thread is busy with
 * something else (the build adds cards while it validates, see
 * scripts/build/build.ts); with one, at most `limit` are in sharp's queue.
 * Output does not depend on the order cards finish in.
 */
export class CardWriter {
  private readonly version = `${sharp.versions.sharp}/${sharp.versions.vips}/${JSON.stringify(PNG_OPTIONS)}`;
  private readonly pending: Array<Promise<void>> = [];
  private readonly waiting: Array<() => Promise<void>> = [];
  private readonly errors: unknown[] = [];
  /** The first job of each SVG in this run, by SVG hash, and when its file is written. */
  private readonly firstOfSvg = new Map<string, { file: string; written: Promise<boolean> }>();
  private running = 0;
  private cancelled = false;
  private added = 0;
  drawn = 0;
  /** Cards that were the same as another of this run's cards and were linked to it instead of drawn. */
  shared = 0;

  constructor(private readonly options: { cacheDir?: string; limit?: number } = {}) {
    if (options.cacheDir) {
      mkdirSync(options.cacheDir, { recursive: true });
      removeStaleTemporaryFiles(options.cacheDir);
    }
  }

  add(job: CardJob): void {
    if (this.cancelled) return;
    const svg = cardSvg(job.card);
    const serial = this.added++;
    mkdirSync(path.dirname(job.file), { recursive: true });
    const key = createHash("sha256").update(this.version).update(svg).digest("hex").slice(0, 32);
    const same = this.firstOfSvg.get(key);
    if (same) {
      this.pending.push(
        same.written.then((written) => {
          if (!written || this.cancelled) return;
          placeCard(same.file, job.file);
          this.shared++;
        }),
      );
      return;
    }
    const { cacheDir } = this.options;
    const cached = cacheDir ? path.join(cacheDir, `${key}.png`) : undefined;
    if (cached && existsSync(cached)) {
      placeCard(cached, job.file);
      this.firstOfSvg.set(key, { file: cached, written: Promise.resolve(true) });
      return;
    }
    const draw = async (): Promise<boolean> => {
      if (this.cancelled) return false;
      this.running++;
      try {
        const png = await sharp(Buffer.from(svg)).png(PNG_OPTIONS).toBuffer();
        if (this.cancelled) return false;
        this.drawn++;
        if (cached) {
          // Written under a unique name and renamed, so a parallel build never reads half a file.
          const temporary = `${cached}.${process.pid}.${serial}.tmp`;
          writeFileSync(temporary, png);
          renameSync(temporary, cached);
          placeCard(cached, job.file);
        } else {
          rmSync(job.file, { force: true });
          writeFileSync(job.file, png);
        }
        return true;
      } catch (error) {
        if (!this.cancelled) this.errors.push(error);
        return false;
      } finally {
        this.running--;
        this.waiting.shift()?.();
      }
    };
    const written =
      this.options.limit === undefined || this.running < this.options.limit
        ? draw()
        : new Promise<boolean>((resolve) => this.waiting.push(() => draw().then(resolve)));
    this.firstOfSvg.set(key, { file: cached ?? job.file, written });
    this.pending.push(written.then(() => undefined));
  }

  /** Resolves with the number of cards drawn (not copied from the cache) once all are written; throws the first failure. */
  async finish(): Promise<number> {
    await Promise.all(this.pending);
    if (this.errors.length) throw this.errors[0];
    return this.drawn;
  }

  /** Stops writing: cards still being drawn are dropped (the build failed and its folder is going away). */
  cancel(): void {
    this.cancelled = true;
    for (const start of this.waiting.splice(0)) void start();
  }
}

/** Renders every card, at most `concurrency` in sharp's queue at a time (enough to keep its threads busy while the main thread renders pages). */
export async function writeCards(jobs: readonly CardJob[], options: { cacheDir?: string; concurrency?: number } = {}): Promise<number> {
  const writer = new CardWriter({ cacheDir: options.cacheDir, limit: Math.max(1, options.concurrency ?? 16) });
  for (const job of jobs) writer.add(job);
  return writer.finish();
}
