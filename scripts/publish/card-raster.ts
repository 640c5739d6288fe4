/**
 * Lysark's own social-card renderer: the card of `cardSvg` (./cards.ts) drawn
 * straight into an RGB buffer and encoded as PNG, without SVG or librsvg.
 *
 * - Font: Noto Sans (OFL-1.1) from the npm package @fontsource/noto-sans, read
 *   with opentype.js; bold (700) for brand, kicker and title, regular (400) for
 *   the footer, as the SVG asks. The package splits the font by script
 *   (latin, latin-ext, cyrillic, greek, vietnamese …); a character is drawn
 *   with the first of those that has it. Being bundled, the font is the same on
 *   every machine, so a card's bytes are too.
 * - Kerning: the pair adjustments of the font's GPOS "kern" feature, read here
 *   from the table's bytes (opentype.js 2.0 does not read the extension
 *   lookups Noto Sans keeps them in); no other GPOS or GSUB features.
 * - Rasteriser: signed-area accumulation (as in font-rs), anti-aliased,
 *   non-zero fill; each glyph's coverage mask is kept per glyph, size and
 *   quarter-pixel offset, so a card mostly copies masks it has drawn before.
 * - Background (frame, panel, logo, rule) is drawn once per process and copied.
 * - Lines the same on many cards (brand, kicker) are kept per process once
 *   drawn clear of the others: their rows compressed, their change to the
 *   checksum; a card whose other lines leave them alone takes them whole.
 * - PNG: RGB, every row unfiltered, zlib level 2 (as the sharp cards).
 *
 * A character no font face has is drawn as the font's missing-glyph box and
 * counted (`RenderedCard.missing`), so the build can say so.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { constants, crc32, deflateRawSync, inflateSync } from "node:zlib";
import type { Font } from "opentype.js";
import { CARD_HEIGHT, CARD_LAYOUT, CARD_WIDTH, cardLayout, type CardLine, type CardText } from "./card-layout.ts";

/**
 * opentype.js is CommonJS: required, not imported, so Node does not scan its 528 KB for named exports in every thread
 * that draws cards (an import took 0.11 s of CPU, a require 0.03 s; docs/performance-log.md).
 */
const requireHere = createRequire(import.meta.url);
const opentype = requireHere("opentype.js") as typeof import("opentype.js");

/** Part of every card's cache key: raise it whenever a change here changes any card's pixels or bytes. */
export const CARD_RENDERER_VERSION = 3;

const SUBSETS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "greek-ext", "vietnamese"] as const;
type Weight = 400 | 700;

function fontFile(subset: string, weight: Weight): string {
  const dir = path.join(path.dirname(requireHere.resolve("@fontsource/noto-sans/package.json")), "files");
  return path.join(dir, `noto-sans-${subset}-${weight}-normal.woff`);
}

let fontHashValue: string | undefined;
/** Hash of every font file the renderer may read: part of the cache key. */
export function fontHash(): string {
  if (!fontHashValue) {
    const hash = createHash("sha256");
    for (const weight of [400, 700] as const) for (const subset of SUBSETS) hash.update(readFileSync(fontFile(subset, weight)));
    fontHashValue = hash.digest("hex").slice(0, 16);
  }
  return fontHashValue;
}

interface Face {
  /** Subset and weight, e.g. "latin-700": names the face in the glyph-mask cache. */
  id: string;
  font: Font;
  /** Kerning pair adjustments in font units, from GPOS lookup type 2 (formats 1 and 2). */
  kern: (left: number, right: number) => number;
}

/** The uncompressed bytes of one table of a WOFF file (opentype.js keeps only its own parse of GPOS, without the extension lookups). */
function woffTable(woff: Buffer, tag: string): Buffer | undefined {
  const count = woff.readUInt16BE(12);
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20;
    if (woff.toString("latin1", entry, entry + 4) !== tag) continue;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const data = woff.subarray(offset, offset + compressed);
    return compressed < length ? inflateSync(data) : data;
  }
  return undefined;
}

function coverageIndex(t: Buffer, at: number, glyph: number): number {
  const format = t.readUInt16BE(at);
  const count = t.readUInt16BE(at + 2);
  if (format === 1) {
    for (let i = 0; i < count; i++) if (t.readUInt16BE(at + 4 + i * 2) === glyph) return i;
    return -1;
  }
  for (let i = 0; i < count; i++) {
    const range = at + 4 + i * 6;
    if (glyph >= t.readUInt16BE(range) && glyph <= t.readUInt16BE(range + 2)) return t.readUInt16BE(range + 4) + glyph - t.readUInt16BE(range);
  }
  return -1;
}

function classOf(t: Buffer, at: number, glyph: number): number {
  const format = t.readUInt16BE(at);
  if (format === 1) {
    const start = t.readUInt16BE(at + 2);
    const count = t.readUInt16BE(at + 4);
    return glyph >= start && glyph < start + count ? t.readUInt16BE(at + 6 + (glyph - start) * 2) : 0;
  }
  const count = t.readUInt16BE(at + 2);
  for (let i = 0; i < count; i++) {
    const range = at + 4 + i * 6;
    if (glyph >= t.readUInt16BE(range) && glyph <= t.readUInt16BE(range + 2)) return t.readUInt16BE(range + 4);
  }
  return 0;
}

/** Size in bytes of a GPOS value record of this format, and where its XAdvance is (−1: none). */
function valueRecord(format: number): { size: number; xAdvance: number } {
  let size = 0;
  for (let bit = 0; bit < 8; bit++) if (format & (1 << bit)) size += 2;
  const xAdvance = format & 4 ? (format & 1 ? 2 : 0) + (format & 2 ? 2 : 0) : -1;
  return { size, xAdvance };
}

/**
 * Kerning from the font's GPOS table: the pair adjustments (lookup type 2,
 * formats 1 and 2, also inside extension lookups, type 9) of its "kern"
 * feature, first match wins, as a shaper applies them to a pair of glyphs.
 */
function kerningOf(woff: Buffer): Face["kern"] {
  const t = woffTable(woff, "GPOS");
  if (!t) return () => 0;
  const featureList = t.readUInt16BE(6);
  const lookupList = t.readUInt16BE(8);
  const lookupIndexes = new Set<number>();
  for (let i = 0; i < t.readUInt16BE(featureList); i++) {
    const record = featureList + 2 + i * 6;
    if (t.toString("latin1", record, record + 4) !== "kern") continue;
    const feature = featureList + t.readUInt16BE(record + 4);
    for (let j = 0; j < t.readUInt16BE(feature + 2); j++) lookupIndexes.add(t.readUInt16BE(feature + 4 + j * 2));
  }
  const subtables: number[] = [];
  for (const index of [...lookupIndexes].sort((a, b) => a - b)) {
    const lookup = lookupList + t.readUInt16BE(lookupList + 2 + index * 2);
    const type = t.readUInt16BE(lookup);
    for (let j = 0; j < t.readUInt16BE(lookup + 4); j++) {
      let subtable = lookup + t.readUInt16BE(lookup + 6 + j * 2);
      if (type === 9) {
        if (t.readUInt16BE(subtable + 2) !== 2) continue;
        subtable += t.readUInt32BE(subtable + 4);
      } else if (type !== 2) {
        continue;
      }
      subtables.push(subtable);
    }
  }
  const memo = new Map<number, number>();
  return (left, right) => {
    const key = left * 65536 + right;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let value = 0;
    for (const at of subtables) {
      const index = coverageIndex(t, at + t.readUInt16BE(at + 2), left);
      if (index < 0) continue;
      const format = t.readUInt16BE(at);
      const first = valueRecord(t.readUInt16BE(at + 4));
      const second = valueRecord(t.readUInt16BE(at + 6));
      if (format === 1) {
        const pairSet = at + t.readUInt16BE(at + 10 + index * 2);
        const recordSize = 2 + first.size + second.size;
        let found = false;
        for (let i = 0; i < t.readUInt16BE(pairSet); i++) {
          const record = pairSet + 2 + i * recordSize;
          if (t.readUInt16BE(record) !== right) continue;
          value = first.xAdvance < 0 ? 0 : t.readInt16BE(record + 2 + first.xAdvance);
          found = true;
          break;
        }
        if (!found) continue;
      } else if (format === 2) {
        const class1 = classOf(t, at + t.readUInt16BE(at + 8), left);
        const class2 = classOf(t, at + t.readUInt16BE(at + 10), right);
        const class2Count = t.readUInt16BE(at + 14);
        const record = at + 16 + (class1 * class2Count + class2) * (first.size + second.size);
        value = first.xAdvance < 0 ? 0 : t.readInt16BE(record + first.xAdvance);
      } else {
        continue;
      }
      break;
    }
    memo.set(key, value);
    return value;
  };
}

const faces = new Map<string, Face>();
function face(subset: string, weight: Weight): Face {
  const key = `${subset}-${weight}`;
  let found = faces.get(key);
  if (!found) {
    const bytes = readFileSync(fontFile(subset, weight));
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    found = { id: key, font, kern: kerningOf(bytes) };
    faces.set(key, found);
  }
  return found;
}

/** The face (in SUBSETS order) that has `char`, and its glyph index; the latin face's missing-glyph box (index 0) when none has. */
function glyphFor(char: string, weight: Weight): { face: Face; index: number; missing: boolean } {
  for (const subset of SUBSETS) {
    const candidate = face(subset, weight);
    const index = candidate.font.charToGlyphIndex(char);
    if (index > 0) return { face: candidate, index, missing: false };
  }
  return { face: face("latin", weight), index: 0, missing: true };
}

/** Kerning between two characters in font units (negative: closer), 0 when they come from different faces. */
export function kerning(left: string, right: string, weight: Weight = 700): number {
  const a = glyphFor(left, weight);
  const b = glyphFor(right, weight);
  return a.face === b.face ? a.face.kern(a.index, b.index) : 0;
}

// ---------------------------------------------------------------- rasteriser

/** Coverage of a filled outline, as a mask placed at (left, top) relative to the pen position and baseline. */
interface Mask {
  left: number;
  top: number;
  width: number;
  height: number;
  alpha: Uint8Array;
}

class Accumulator {
  readonly area: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    // One spare cell: a line's last cell may be one past a row's end (it then belongs to the next row's sum, which is right).
    this.area = new Float32Array(width * height + 2);
  }

  line(x0: number, y0: number, x1: number, y1: number): void {
    if (y0 === y1) return;
    let dir = 1;
    if (y0 > y1) {
      dir = -1;
      [x0, y0, x1, y1] = [x1, y1, x0, y0];
    }
    const dxdy = (x1 - x0) / (y1 - y0);
    let x = x0;
    if (y0 < 0) x -= y0 * dxdy;
    const a = this.area;
    const w = this.width;
    const end = Math.min(this.height, Math.ceil(y1));
    for (let y = Math.max(0, Math.floor(y0)); y < end; y++) {
      const rowStart = y * w;
      const dy = Math.min(y + 1, y1) - Math.max(y, y0);
      const xnext = x + dxdy * dy;
      const d = dy * dir;
      const xa = Math.max(0, Math.min(x, xnext));
      const xb = Math.max(0, Math.max(x, xnext));
      const xaFloor = Math.floor(xa);
      const xbCeil = Math.ceil(xb);
      if (xbCeil <= xaFloor + 1) {
        const xmf = 0.5 * (x + xnext) - xaFloor;
        a[rowStart + xaFloor] = a[rowStart + xaFloor]! + d - d * xmf;
        a[rowStart + xaFloor + 1] = a[rowStart + xaFloor + 1]! + d * xmf;
      } else {
        const s = 1 / (xb - xa);
        const xaf = xa - xaFloor;
        const a0 = 0.5 * s * (1 - xaf) * (1 - xaf);
        const xbf = xb - xbCeil + 1;
        const am = 0.5 * s * xbf * xbf;
        a[rowStart + xaFloor] = a[rowStart + xaFloor]! + d * a0;
        if (xbCeil === xaFloor + 2) {
          a[rowStart + xaFloor + 1] = a[rowStart + xaFloor + 1]! + d * (1 - a0 - am);
        } else {
          const a1 = s * (1.5 - xaf);
          a[rowStart + xaFloor + 1] = a[rowStart + xaFloor + 1]! + d * (a1 - a0);
          for (let xi = xaFloor + 2; xi < xbCeil - 1; xi++) a[rowStart + xi] = a[rowStart + xi]! + d * s;
          const a2 = a1 + (xbCeil - xaFloor - 3) * s;
          a[rowStart + xbCeil - 1] = a[rowStart + xbCeil - 1]! + d * (1 - a2 - am);
        }
        a[rowStart + xbCeil] = a[rowStart + xbCeil]! + d * am;
      }
      x = xnext;
    }
  }

  quad(x0: number, y0: number, cx: number, cy: number, x1: number, y1: number): void {
    const devx = x0 - 2 * cx + x1;
    const devy = y0 - 2 * cy + y1;
    const devsq = devx * devx + devy * devy;
    if (devsq < 0.333) {
      this.line(x0, y0, x1, y1);
      return;
    }
    const n = 1 + Math.floor(Math.sqrt(Math.sqrt(3 * devsq)));
    let px = x0;
    let py = y0;
    for (let i = 1; i <= n; i++) {
      const t = i / n;
      const u = 1 - t;
      const qx = u * u * x0 + 2 * u * t * cx + t * t * x1;
      const qy = u * u * y0 + 2 * u * t * cy + t * t * y1;
      this.line(px, py, qx, qy);
      px = qx;
      py = qy;
    }
  }

  cubic(x0: number, y0: number, c1x: number, c1y: number, c2x: number, c2y: number, x1: number, y1: number): void {
    const n = 16;
    let px = x0;
    let py = y0;
    for (let i = 1; i <= n; i++) {
      const t = i / n;
      const u = 1 - t;
      const qx = u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x1;
      const qy = u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y1;
      this.line(px, py, qx, qy);
      px = qx;
      py = qy;
    }
  }

  /** Non-zero coverage, 0–255. */
  coverage(): Uint8Array {
    const out = new Uint8Array(this.width * this.height);
    let acc = 0;
    for (let i = 0; i < out.length; i++) {
      acc += this.area[i]!;
      const value = Math.abs(acc);
      out[i] = value >= 1 ? 255 : Math.round(value * 255);
    }
    return out;
  }
}

const masks = new Map<string, Mask>();

function glyphMask(f: Face, index: number, size: number, quarter: number): Mask {
  const key = `${f.id}|${index}|${size}|${quarter}`;
  let mask = masks.get(key);
  if (mask) return mask;
  const glyph = f.font.glyphs.get(index);
  const scale = size / f.font.unitsPerEm;
  const commands = glyph.path.commands;
  const offset = quarter / 4;
  if (!commands.length) {
    mask = { left: 0, top: 0, width: 0, height: 0, alpha: new Uint8Array(0) };
  } else {
    const box = glyph.getBoundingBox();
    const left = Math.floor(box.x1 * scale + offset);
    const top = Math.floor(-box.y2 * scale);
    const width = Math.ceil(box.x2 * scale + offset) - left + 1;
    const height = Math.ceil(-box.y1 * scale) - top + 1;
    const acc = new Accumulator(width, height);
    const tx = (x: number) => x * scale + offset - left;
    const ty = (y: number) => -y * scale - top;
    let startX = 0;
    let startY = 0;
    let x = 0;
    let y = 0;
    for (const c of commands) {
      if (c.type === "M") {
        [x, y] = [tx(c.x), ty(c.y)];
        [startX, startY] = [x, y];
      } else if (c.type === "L") {
        const [nx, ny] = [tx(c.x), ty(c.y)];
        acc.line(x, y, nx, ny);
        [x, y] = [nx, ny];
      } else if (c.type === "Q") {
        const [nx, ny] = [tx(c.x), ty(c.y)];
        acc.quad(x, y, tx(c.x1), ty(c.y1), nx, ny);
        [x, y] = [nx, ny];
      } else if (c.type === "C") {
        const [nx, ny] = [tx(c.x), ty(c.y)];
        acc.cubic(x, y, tx(c.x1), ty(c.y1), tx(c.x2), ty(c.y2), nx, ny);
        [x, y] = [nx, ny];
      } else if (c.type === "Z") {
        acc.line(x, y, startX, startY);
        [x, y] = [startX, startY];
      }
    }
    acc.line(x, y, startX, startY);
    mask = { left, top, width, height, alpha: acc.coverage() };
  }
  masks.set(key, mask);
  return mask;
}

// ---------------------------------------------------------------- the card

// Copies of the imported sizes: where a worker thread runs this module through tsx's CommonJS path (no bundle,
// ../content/worker-bundle.ts), each read of an imported binding calls a getter, and blend reads them for every pixel
// it draws (about 8 % of a card's CPU).
const WIDTH = CARD_WIDTH;
const HEIGHT = CARD_HEIGHT;
const STRIDE = 1 + WIDTH * 3;

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

/** Blends `mask` in `color` into the PNG rows at (x, y) (top-left), clipped to the card. */
/**
 * What drawing text changed in a copy of the background: the rows it touched, and the change to
 * the rows' Adler-32 sums (both sums are linear in the bytes: A = 1 + Σ byte, B = Σ (n − i) · byte
 * over the n bytes), so the zlib checksum is had without reading every row again.
 */
interface Ink {
  touched: Uint8Array;
  sumA: number;
  sumB: number;
}

const ROWS_BYTES = STRIDE * HEIGHT;
const ADLER_BASE = 65521;

/**
 * `Math.round(((colour - before) * alpha) / 255)` for every difference of two bytes (−255…255) and every alpha,
 * at `(difference + 255) * 256 + alpha`: a card's pixels are blended by table, not by a division each
 * (the blend was about a quarter of a card's CPU time). Made once per thread, 256 KB.
 */
let blendDeltas: Int16Array | undefined;
function blendTable(): Int16Array {
  if (!blendDeltas) {
    blendDeltas = new Int16Array(511 * 256);
    for (let difference = -255; difference <= 255; difference++)
      for (let alpha = 0; alpha < 256; alpha++) blendDeltas[(difference + 255) * 256 + alpha] = Math.round((difference * alpha) / 255);
  }
  return blendDeltas;
}

function blend(rows: Buffer, mask: Mask, x: number, y: number, color: [number, number, number], ink?: Ink): void {
  const [r, g, b] = color;
  const deltas = blendTable();
  let sumA = 0;
  let sumB = 0;
  for (let my = 0; my < mask.height; my++) {
    const py = y + my;
    if (py < 0 || py >= HEIGHT) continue;
    const rowStart = py * STRIDE + 1;
    const maskRow = my * mask.width;
    let touched = false;
    for (let mx = 0; mx < mask.width; mx++) {
      const alpha = mask.alpha[maskRow + mx]!;
      if (alpha === 0) continue;
      const px = x + mx;
      if (px < 0 || px >= WIDTH) continue;
      const i = rowStart + px * 3;
      const before0 = rows[i]!;
      const before1 = rows[i + 1]!;
      const before2 = rows[i + 2]!;
      // A blend of two bytes stays within 0–255: the values written are these.
      const d0 = deltas[(r - before0 + 255) * 256 + alpha]!;
      const d1 = deltas[(g - before1 + 255) * 256 + alpha]!;
      const d2 = deltas[(b - before2 + 255) * 256 + alpha]!;
      rows[i] = before0 + d0;
      rows[i + 1] = before1 + d1;
      rows[i + 2] = before2 + d2;
      if (ink) {
        // Σ (n − j) · change over the pixel's three bytes j = i, i + 1, i + 2.
        const change = d0 + d1 + d2;
        sumA += change;
        sumB += (ROWS_BYTES - i) * change - d1 - 2 * d2;
        touched = true;
      }
    }
    if (touched) ink!.touched[py] = 1;
    // Kept well inside a double's exact integers: one row adds at most 3,600 × 2.3 M × 255.
    sumB %= ADLER_BASE;
  }
  if (ink) {
    ink.sumA = (ink.sumA + sumA) % ADLER_BASE;
    ink.sumB = (ink.sumB + sumB) % ADLER_BASE;
  }
}

/** A rounded rectangle's outline as points (clockwise when `reverse` is false). */
function roundedRect(x: number, y: number, w: number, h: number, r: number, reverse = false): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  const corners: Array<[number, number, number]> = [
    [x + w - r, y + r, -Math.PI / 2],
    [x + w - r, y + h - r, 0],
    [x + r, y + h - r, Math.PI / 2],
    [x + r, y + r, Math.PI],
  ];
  const steps = r > 0 ? 12 : 0;
  for (const [cx, cy, start] of corners) {
    for (let i = 0; i <= steps; i++) {
      const angle = start + (i / Math.max(1, steps)) * (Math.PI / 2);
      points.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
    }
  }
  return reverse ? points.reverse() : points;
}

/** Fills polygons (non-zero) as a mask covering the whole card. */
function shapeMask(polygons: Array<Array<[number, number]>>): Mask {
  const acc = new Accumulator(WIDTH, HEIGHT);
  for (const polygon of polygons) {
    for (let i = 0; i < polygon.length; i++) {
      const [x0, y0] = polygon[i]!;
      const [x1, y1] = polygon[(i + 1) % polygon.length]!;
      acc.line(x0, y0, x1, y1);
    }
  }
  return { left: 0, top: 0, width: WIDTH, height: HEIGHT, alpha: acc.coverage() };
}

let background: Buffer | undefined;
/** Frame, panel, logo and rule: the same on every card, drawn once. Rows as PNG wants them, each led by filter byte 0. */
function cardBackground(): Buffer {
  if (background) return background;
  const { colors, panel, logo, rule } = CARD_LAYOUT;
  const rows = Buffer.alloc(STRIDE * HEIGHT);
  const frame = rgb(colors.frame);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = y * STRIDE + 1 + x * 3;
      rows[i] = frame[0];
      rows[i + 1] = frame[1];
      rows[i + 2] = frame[2];
    }
  }
  blend(rows, shapeMask([roundedRect(panel.x, panel.y, panel.width, panel.height, panel.radius)]), 0, 0, rgb(colors.panel));
  const half = logo.stroke / 2;
  blend(
    rows,
    shapeMask([
      roundedRect(logo.x - half, logo.y - half, logo.width + logo.stroke, logo.height + logo.stroke, logo.radius + half),
      roundedRect(logo.x + half, logo.y + half, logo.width - logo.stroke, logo.height - logo.stroke, Math.max(0, logo.radius - half), true),
    ]),
    0,
    0,
    rgb(colors.accent),
  );
  blend(rows, shapeMask([roundedRect(rule.x, rule.y, rule.width, rule.height, 0)]), 0, 0, rgb(colors.accent));
  background = rows;
  return rows;
}

/** Draws one line of text with its baseline at `y`; returns how many characters no font face has. */
function drawText(
  rows: Buffer,
  text: string,
  x: number,
  y: number,
  size: number,
  weight: Weight,
  color: [number, number, number],
  letterSpacing: number | undefined,
  ink: Ink,
): number {
  let pen = x;
  let missing = 0;
  let previous: { face: Face; index: number } | undefined;
  for (const char of text) {
    const glyph = glyphFor(char, weight);
    if (glyph.missing && !/\s/.test(char)) missing++;
    const scale = size / glyph.face.font.unitsPerEm;
    if (previous && previous.face === glyph.face) pen += previous.face.kern(previous.index, glyph.index) * scale;
    const whole = Math.floor(pen);
    const quarter = Math.floor((pen - whole) * 4);
    const mask = glyphMask(glyph.face, glyph.index, size, quarter);
    if (mask.width) blend(rows, mask, whole + mask.left, y + mask.top, color, ink);
    pen += (glyph.face.font.glyphs.get(glyph.index).advanceWidth ?? 0) * scale + (letterSpacing ?? 0);
    previous = glyph;
  }
  return missing;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG of 8-bit RGB rows (each led by its filter byte), given as a zlib stream. */
function pngOf(zlibData: Buffer, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlibData),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The two Adler-32 sums of `data` (zlib's checksum is `b << 16 | a`). */
function adlerSums(data: Buffer): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    // 5,552 bytes between reductions, as zlib does: the sums stay exact integers.
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return { a, b };
}

let backgroundSums: { a: number; b: number } | undefined;
/** Runs of background rows, compressed once and kept by first and last row: cards with the same layout of lines share them. */
const backgroundRuns = new Map<number, Buffer>();
/** zlib's header for a default window, and the final empty block that ends the deflate stream. */
const ZLIB_HEADER = Buffer.from([0x78, 0x5e]);
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0));

/** Rows compressed on their own: raw deflate ending on a byte boundary (sync flush), so runs can follow each other in one stream. */
function deflateRun(rows: Buffer): Buffer {
  return deflateRawSync(rows, { level: 2, finishFlush: constants.Z_SYNC_FLUSH });
}

/** Each run of rows alike in `touched` (drawn on, or not), from its first row to one past its last, top to bottom. */
function forEachRowRun(touched: Uint8Array, each: (from: number, to: number, drawn: boolean) => void): void {
  for (let y = 0; y < HEIGHT; ) {
    const drawn = touched[y];
    let end = y + 1;
    while (end < HEIGHT && touched[end] === drawn) end++;
    each(y, end, drawn !== 0);
    y = end;
  }
}

/**
 * The card's rows as a zlib stream, compressing only the rows its text touched: about two thirds
 * of a card's rows are the background's (frame, panel, logo), and their compressed runs are kept
 * from card to card; the checksum comes from the background's and the text's changes to it
 * (`Ink`). Deflating all 2.3 MB of rows had been about half of a card's CPU time
 * (docs/social-cards.md, "Only the rows with text are compressed"). A run that is a kept line's
 * (`taken`, by its first row) is that line's compressed rows; `onRun` sees every run compressed here.
 */
function deflateCard(
  rows: Buffer,
  background: Buffer,
  ink: Ink,
  taken: ReadonlyMap<number, KeptLine>,
  onRun: (from: number, to: number, run: Buffer) => void,
): Buffer {
  backgroundSums ??= adlerSums(background);
  const parts: Buffer[] = [ZLIB_HEADER];
  forEachRowRun(ink.touched, (y, end, drawn) => {
    if (drawn) {
      const line = taken.get(y);
      // Its rows were never drawn here: a run that is not exactly them would be compressed from the background.
      if (line && line.to !== end) throw new Error(`card rows ${y}–${end}: a kept line's run (rows ${line.from}–${line.to}) was not left alone`);
      const run = line ? line.run : deflateRun(rows.subarray(y * STRIDE, end * STRIDE));
      if (!line) onRun(y, end, run);
      parts.push(run);
    } else {
      const key = y * (HEIGHT + 1) + end;
      let run = backgroundRuns.get(key);
      if (!run) {
        run = deflateRun(background.subarray(y * STRIDE, end * STRIDE));
        // Bounded: a few hundred layouts of lines at most, but never a growing map.
        if (backgroundRuns.size < 4096) backgroundRuns.set(key, run);
      }
      parts.push(run);
    }
  });
  const a = (((backgroundSums.a + ink.sumA) % ADLER_BASE) + ADLER_BASE) % ADLER_BASE;
  const b = (((backgroundSums.b + ink.sumB) % ADLER_BASE) + ADLER_BASE) % ADLER_BASE;
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(((b << 16) | a) >>> 0);
  parts.push(FINAL_BLOCK, checksum);
  return Buffer.concat(parts);
}

/**
 * A line drawn alike on many cards (`CardLine.repeats`: the brand, the kicker), kept by this thread once it has
 * drawn it clear of every other line: the rows it touched, its change to the checksum, the characters it lacked,
 * and those rows compressed. A card whose other lines leave those rows, and one row either side, alone takes it
 * whole instead of drawing and compressing it again (about a fifth of a card's CPU; docs/social-cards.md).
 */
interface KeptLine {
  from: number;
  to: number;
  sumA: number;
  sumB: number;
  missing: number;
  run: Buffer;
}
const keptLines = new Map<string, KeptLine>();
/** Bounded: a site has one brand and a handful of kickers (document types, in two languages). */
const KEPT_LINES = 256;

/** Where a line touched the card: its first row and one past its last, when they are one run; undefined otherwise. */
function rowSpan(touched: Uint8Array): { from: number; to: number } | undefined {
  const from = touched.indexOf(1);
  if (from < 0) return undefined;
  const to = touched.lastIndexOf(1) + 1;
  return touched.subarray(from, to).includes(0) ? undefined : { from, to };
}

/** Whether any of rows from − 1 … to (within the card) is marked in `touched`. */
function touchesAround(touched: Uint8Array, from: number, to: number): boolean {
  for (let y = Math.max(0, from - 1); y <= Math.min(HEIGHT - 1, to); y++) if (touched[y]) return true;
  return false;
}

export interface RenderedCard {
  png: Buffer;
  /** Characters (not white space) that no face of the font has: drawn as a box. */
  missing: number;
  /** Repeating lines taken whole (kept from an earlier card), and whether a clash with one had the card drawn again. */
  linesTaken: number;
  redrawn: boolean;
}

let scratch: Buffer | undefined;
/**
 * The rows the last card drew on (its `Ink.touched`): only those are copied back from the background before the
 * next card, not all 2.3 MB of it; about two thirds of a card's rows are never drawn on.
 */
let drawnRows: Uint8Array | undefined;

/** The thread's card buffer, holding the background again. */
function blankCard(background: Buffer): Buffer {
  if (!scratch) {
    scratch = Buffer.allocUnsafe(background.length);
    background.copy(scratch);
    return scratch;
  }
  const rows = scratch;
  if (drawnRows)
    forEachRowRun(drawnRows, (y, end, drawn) => {
      if (drawn) background.copy(rows, y * STRIDE, y * STRIDE, end * STRIDE);
    });
  return rows;
}

/** The card as a 1200×630 PNG: the layout of `cardSvg`, drawn by Lysark. `keepLines: false` draws every line (the tests compare). */
export function renderCard(card: CardText, { keepLines = true }: { keepLines?: boolean } = {}): RenderedCard {
  const layout = cardLayout(card);
  const { colors } = CARD_LAYOUT;
  // One buffer per thread, its drawn rows refilled from the background: a fresh 2.3 MB buffer a card cost more than drawing it in a worker thread.
  const background = cardBackground();
  const rows = blankCard(background);
  const ink: Ink = { touched: new Uint8Array(HEIGHT), sumA: 0, sumB: 0 };
  // Set before drawing: a card that fails halfway has still drawn on these rows.
  drawnRows = ink.touched;
  let missing = 0;
  /** Each line drawn with an ink of its own, then added to the card's: a repeating line's own change is what is kept. */
  const drawn: Array<{ key?: string; ink: Ink; missing: number }> = [];
  const draw = (line: CardLine, key?: string) => {
    const own: Ink = { touched: new Uint8Array(HEIGHT), sumA: 0, sumB: 0 };
    const lacking = drawText(rows, line.text, line.x, line.y, line.size, line.weight, rgb(colors[line.color]), line.letterSpacing, own);
    for (let y = 0; y < HEIGHT; y++) if (own.touched[y]) ink.touched[y] = 1;
    ink.sumA = (ink.sumA + own.sumA) % ADLER_BASE;
    ink.sumB = (ink.sumB + own.sumB) % ADLER_BASE;
    missing += lacking;
    drawn.push({ key, ink: own, missing: lacking });
  };
  // A kept line waits until the rest are drawn. Repeating lines come first in the layout, so one drawn here is drawn
  // in its place; one taken later leaves every other line's rows alone, so the order makes no difference to a pixel.
  const waiting: KeptLine[] = [];
  for (const line of layout.texts) {
    const key = keepLines && line.repeats ? JSON.stringify(line) : undefined;
    const kept = key === undefined ? undefined : keptLines.get(key);
    if (kept) waiting.push(kept);
    else draw(line, key);
  }
  const taken = new Map<number, KeptLine>();
  for (const kept of waiting) {
    if (touchesAround(ink.touched, kept.from, kept.to)) break;
    taken.set(kept.from, kept);
    ink.touched.fill(1, kept.from, kept.to);
    ink.sumA = (ink.sumA + kept.sumA) % ADLER_BASE;
    ink.sumB = (ink.sumB + kept.sumB) % ADLER_BASE;
    missing += kept.missing;
  }
  if (taken.size < waiting.length) {
    // A line clashed with a kept one: the card is drawn again from the background, every line in its place.
    // (blankCard refills the rows this attempt drew on: `drawnRows` is its ink's.)
    return { ...renderCard(card, { keepLines: false }), redrawn: true };
  }
  // Repeating lines drawn here, clear of every other line: kept once their rows are compressed.
  const keeping = new Map<number, { key: string; from: number; to: number; ink: Ink; missing: number }>();
  for (const { key, ink: own, missing: lacking } of drawn) {
    if (key === undefined || keptLines.size + keeping.size >= KEPT_LINES) continue;
    const span = rowSpan(own.touched);
    if (!span) continue;
    const others = new Uint8Array(HEIGHT);
    for (const other of drawn) if (other.ink !== own) for (let y = 0; y < HEIGHT; y++) if (other.ink.touched[y]) others[y] = 1;
    for (const kept of taken.values()) others.fill(1, kept.from, kept.to);
    if (!touchesAround(others, span.from, span.to)) keeping.set(span.from, { key, ...span, ink: own, missing: lacking });
  }
  // Clear of every other line's rows and the rows either side, such a line's rows are a run of their own.
  const zlibData = deflateCard(rows, background, ink, taken, (from, to, run) => {
    const line = keeping.get(from);
    if (line) keptLines.set(line.key, { from, to, sumA: line.ink.sumA, sumB: line.ink.sumB, missing: line.missing, run });
  });
  return { png: pngOf(zlibData, WIDTH, HEIGHT), missing, linesTaken: taken.size, redrawn: false };
}
