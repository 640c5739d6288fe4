/**
 * Lysark's own card renderer (scripts/publish/card-raster.ts): a valid PNG of
 * the card's size, text where the layout puts it, wrapping and truncation,
 * characters the font lacks counted (never dropped unseen), the cache key, and
 * the same bytes from the main thread and from a fresh worker.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { inflateSync } from "node:zlib";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { CARD_HEIGHT, CARD_LAYOUT, CARD_WIDTH, cardLayout, missingCardCharactersMessage, type CardText } from "../../scripts/publish/card-layout.ts";
import { CARD_RENDERER_VERSION, kerning, renderCard } from "../../scripts/publish/card-raster.ts";
import { CardWriter, cardCacheKey, lysarkRendererId } from "../../scripts/publish/cards.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "lysark-card-raster-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const card = (title: string, more: Partial<CardText> = {}): CardText => ({
  brand: "Lysark",
  kicker: "Presentasjon",
  title,
  footer: "Stavanger kommune · 15. mars 2011",
  lang: "nb",
  ...more,
});

async function pixels(png: Buffer): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Pixels in the box that differ from the panel's white by more than a faint edge. */
function inked(image: { data: Buffer; width: number; channels: number }, x0: number, y0: number, x1: number, y1: number): number {
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * image.channels;
      if (image.data[i]! < 200 || image.data[i + 1]! < 200 || image.data[i + 2]! < 200) count++;
    }
  }
  return count;
}

/** A PNG's zlib stream: its IDAT chunks' data, joined. */
function idat(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("latin1", at + 4, at + 8) === "IDAT") parts.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

describe("Lysark's card renderer", () => {
  it("compresses only the rows with text, in a zlib stream whose checksum and pixels are right, card after card", async () => {
    // Layouts with one, two and three title lines, each twice: the second of each uses the kept background runs.
    const titles = [
      "Kort",
      "Strategi for kompetanse og rekruttering i Lundby",
      "Strategi for kompetanseutvikling og rekruttering i Lundby kommune 2024–2028 med en lang tittel",
    ];
    for (const title of [...titles, ...titles.map((each) => `${each} ✓`)]) {
      const { png } = renderCard(card(title, { brand: "lysark.example.org" }));
      // inflateSync checks the Adler-32 at the end of the stream: it throws on a wrong one.
      const rows = inflateSync(idat(png));
      expect(rows.length).toBe(CARD_HEIGHT * (1 + CARD_WIDTH * 3));
      const stripped = Buffer.concat(
        Array.from({ length: CARD_HEIGHT }, (_, y) => rows.subarray(y * (1 + CARD_WIDTH * 3) + 1, (y + 1) * (1 + CARD_WIDTH * 3))),
      );
      expect(stripped.equals((await pixels(png)).data)).toBe(true);
      expect(renderCard(card(title, { brand: "lysark.example.org" })).png.equals(png)).toBe(true);
    }
  });

  it("draws a card after a longer one without any of the longer one's ink (only the rows drawn on are reset)", () => {
    const short = card("Kort");
    const long = card("Strategi for kompetanseutvikling og rekruttering i Lundby kommune 2024–2028 med en lang tittel", {
      footer: "Lundby kommune · Oppvekst, helse og omsorg, kultur og næring · 15. mars 2011",
    });
    const before = renderCard(short).png;
    renderCard(long);
    expect(renderCard(short).png.equals(before)).toBe(true);
  });

  it("draws the pixels it drew before: a change that alters any must raise CARD_RENDERER_VERSION (cached cards would differ)", () => {
    const { png } = renderCard(
      card("Kompetanse og rekruttering i Lundby kommune 2024–2028: AV, To, Wa", {
        brand: "lysark.example.org",
        kicker: "Strategi",
        footer: "Lundby kommune · 15. mars 2011",
      }),
    );
    // The rows' bytes, not the PNG's: another zlib may compress the same pixels differently.
    const pixels = createHash("sha256")
      .update(inflateSync(idat(png)))
      .digest("hex");
    expect(CARD_RENDERER_VERSION).toBe(3);
    expect(pixels).toBe("4856cd58d1b8b09368f065544fdacecc377348e79d2d3d1a5e3880ca88ed9bbd");
  });

  it("takes the brand and the kicker as kept, and its cards are byte for byte those drawn line by line", () => {
    // Brands and kickers that repeat; titles of one to four lines, some reaching up with Ä, Å or É to the kicker's
    // rows (such a card is drawn again line by line); footers, one of them empty.
    const kickers = ["Presentasjon", "Strategi", "Rapport", "Årsmelding"];
    const titles = [
      "Kort",
      "Plan för delaktighet i Älvås",
      "Strategi for kultur i Älvnäs",
      "Årsrapport for Ørland",
      "Élan og Åsgård",
      "Strategi for kompetanse og rekruttering i Lundby",
      "Strategi for kompetanseutvikling og rekruttering i Lundby kommune 2024–2028 med en lang tittel",
      "gjqpy",
    ];
    const cards = kickers.flatMap((kicker, k) =>
      titles.map((title, t) =>
        card(title, { kicker, brand: k % 2 ? "lysark.example.org" : "Lysark 中文", footer: t === 3 ? "" : `Lundby kommune · ${t + 1}. mars 2011` }),
      ),
    );
    let taken = 0;
    let redrawn = 0;
    for (const each of [...cards, ...cards]) {
      const kept = renderCard(each);
      const drawn = renderCard(each, { keepLines: false });
      expect(kept.png.equals(drawn.png)).toBe(true);
      // A kept brand still counts the characters the font lacks.
      expect(kept.missing).toBe(drawn.missing);
      expect(drawn.linesTaken).toBe(0);
      taken += kept.linesTaken;
      if (kept.redrawn) redrawn++;
    }
    // Every card after the first of its brand and kicker takes them, but for those that clash.
    expect(taken).toBeGreaterThan(cards.length * 3);
    expect(redrawn).toBeGreaterThan(0);
  });

  it("does not keep a repeating line that another line's rows touch, nor take one next to another line's rows", () => {
    // The kicker is first drawn on a card whose title reaches the row under it: kept from there, a card whose title
    // leaves that row alone (here, none) would take the other title's ink with it.
    const clash = card("Plan för delaktighet i Älvås", { kicker: "Prosjekt", brand: "Lysark uten andre" });
    const plain = card("", { kicker: "Prosjekt", brand: "Lysark uten andre" });
    const first = renderCard(clash, { keepLines: false }).png;
    expect(renderCard(clash).png.equals(first)).toBe(true);
    expect(renderCard(plain).png.equals(renderCard(plain, { keepLines: false }).png)).toBe(true);
    expect(renderCard(clash).png.equals(first)).toBe(true);
  });

  it("writes a valid PNG that decodes, with sharp, to a 1200×630 RGB image", async () => {
    const { png } = renderCard(card("Forankring fryder"));
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    const image = await pixels(png);
    expect([image.width, image.height, image.channels]).toEqual([CARD_WIDTH, CARD_HEIGHT, 3]);
    // The frame's colour in a corner, the panel's white in the middle of an empty part.
    expect([...image.data.subarray(0, 3)]).toEqual([0x0b, 0x5c, 0xad]);
    const middle = (450 * CARD_WIDTH + 900) * 3;
    expect([...image.data.subarray(middle, middle + 3)]).toEqual([255, 255, 255]);
  });

  it("draws text where the layout puts it, in its colour, and nothing where there is none", async () => {
    const title = await pixels(renderCard(card("Likestilling")).png);
    const empty = await pixels(renderCard(card("")).png);
    // First title line: baseline at y = 240, text from x = 96.
    expect(inked(title, 96, 190, 600, 250)).toBeGreaterThan(2000);
    expect(inked(empty, 96, 190, 600, 250)).toBe(0);
    // The darkest pixel of the title is the text colour itself.
    let darkest = 255 * 3;
    let colour: number[] = [];
    for (let y = 190; y < 250; y++)
      for (let x = 96; x < 600; x++) {
        const i = (y * CARD_WIDTH + x) * 3;
        const sum = title.data[i]! + title.data[i + 1]! + title.data[i + 2]!;
        if (sum < darkest) [darkest, colour] = [sum, [...title.data.subarray(i, i + 3)]];
      }
    expect(colour).toEqual([0x1b, 0x1f, 0x24]);
    // Footer (baseline 550) and kicker (baseline 172) are drawn on both cards.
    expect(inked(empty, 96, 520, 700, 560)).toBeGreaterThan(500);
    expect(inked(empty, 96, 145, 400, 175)).toBeGreaterThan(500);
    // Right of a short title stays white.
    expect(inked(title, 700, 190, 1100, 250)).toBe(0);
  });

  it("wraps a long title into at most four lines, smaller, and ends the last with an ellipsis", async () => {
    const long = "Strategi for likestilling, mangfold og inkludering i arbeidslivet ".repeat(6);
    const layout = cardLayout(card(long));
    const titleLines = layout.texts.filter((text) => text.color === "text");
    expect(titleLines).toHaveLength(4);
    expect(layout.titleSize).toBe(46);
    expect(titleLines.at(-1)!.text.endsWith("…")).toBe(true);
    const short = cardLayout(card("Kort tittel"));
    expect(short.texts.filter((text) => text.color === "text").map((text) => text.text)).toEqual(["Kort tittel"]);
    expect(short.titleSize).toBe(68);
    // The fourth line is drawn (baseline 240 + 3 × round(46 × 1.18) = 402), and nothing below it before the rule.
    const image = await pixels(renderCard(card(long)).png);
    expect(inked(image, 96, 370, 1000, 410)).toBeGreaterThan(1000);
    expect(inked(image, 96, 425, 1100, 495)).toBe(0);
    // No line runs past the panel's text area.
    expect(inked(image, CARD_LAYOUT.textX + CARD_LAYOUT.textWidth + 8, 180, 1158, 420)).toBe(0);
  });

  it("kerns pairs as the font's GPOS table says (also the pairs in its extension lookups)", () => {
    expect(kerning("A", "V")).toBeLessThan(0);
    expect(kerning("T", "o")).toBeLessThan(0);
    expect(kerning("W", "a", 400)).toBeLessThan(0);
    expect(kerning("o", "o")).toBe(0);
  });

  it("counts characters the font lacks and draws them as boxes rather than dropping them", async () => {
    expect(renderCard(card("Likestilling")).missing).toBe(0);
    // Norwegian, Swedish, Polish, Czech, Greek and Cyrillic letters are all in the bundled font.
    expect(renderCard(card("Æøå äö łęż čřš αβγ жщ")).missing).toBe(0);
    const cjk = renderCard(card("中文 ☃"));
    expect(cjk.missing).toBe(3);
    const image = await pixels(cjk.png);
    expect(inked(image, 96, 190, 400, 250)).toBeGreaterThan(200);
    expect(missingCardCharactersMessage(3, 1)).toBe("Social cards: 3 characters on 1 card not in the card font (Noto Sans), drawn as boxes");
  });

  it("gives a cache key that changes with the text, the language and the renderer's version", () => {
    const id = lysarkRendererId();
    expect(id).toContain(`lysark/${CARD_RENDERER_VERSION}/`);
    const base = cardCacheKey(card("Budsjett 2012"), id);
    expect(cardCacheKey(card("Budsjett 2012"), id)).toBe(base);
    expect(cardCacheKey(card("Budsjett 2013"), id)).not.toBe(base);
    expect(cardCacheKey(card("Budsjett 2012", { lang: "sv" }), id)).not.toBe(base);
    expect(cardCacheKey(card("Budsjett 2012", { footer: "Oslo kommune" }), id)).not.toBe(base);
    expect(cardCacheKey(card("Budsjett 2012"), id.replace(`lysark/${CARD_RENDERER_VERSION}/`, `lysark/${CARD_RENDERER_VERSION + 1}/`))).not.toBe(base);
    expect(new CardWriter().cacheKey(card("Budsjett 2012"))).toBe(base);
  });

  it("draws the same bytes twice, and the same on the main thread as on a fresh worker of the card pool", async () => {
    const first = renderCard(card("Arbeidsgiverstrategi 2020–2024: AV, To, Wa")).png;
    renderCard(card("Noe annet imellom"));
    expect(renderCard(card("Arbeidsgiverstrategi 2020–2024: AV, To, Wa")).png.equals(first)).toBe(true);

    const cacheDir = path.join(work, "cache");
    const writer = new CardWriter({ cacheDir, mainThreadCards: 0, threads: 1 });
    writer.add({ file: path.join(work, "out", "a.png"), card: card("Arbeidsgiverstrategi 2020–2024: AV, To, Wa") });
    writer.add({ file: path.join(work, "out", "b.png"), card: card("中文") });
    expect(await writer.finish()).toBe(2);
    expect(readFileSync(path.join(work, "out", "a.png")).equals(first)).toBe(true);
    expect([writer.missingCharacters, writer.cardsWithMissing]).toEqual([2, 1]);

    // From the cache the count of missing characters is still known.
    const again = new CardWriter({ cacheDir });
    again.add({ file: path.join(work, "out2", "b.png"), card: card("中文") });
    expect(await again.finish()).toBe(0);
    expect(again.missingCharacters).toBe(2);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".missing"))).toHaveLength(1);
  });

  it("makes the build say how many characters its cards could not draw", async () => {
    const dir = makeProject("site-basic", {
      "content/testby/kinesisk.md": doc(VALID_FRONT_MATTER.replace("title: Et dokument", "title: 中文 tittel")),
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const result = await build({ root: dir, quiet: true });
      expect(result.ok).toBe(true);
      expect(warn.mock.calls.map((call) => String(call[0]))).toContain(missingCardCharactersMessage(2, 1));
    } finally {
      warn.mockRestore();
      removeProject(dir);
    }
  });
});
