/**
 * The social card's design, shared by its SVG (`cardSvg` in ./cards.ts) and
 * Lysark's own renderer (./card-raster.ts): colours, boxes, text sizes, and
 * where each line of text goes after wrapping and truncation.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

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

export const CARD_LAYOUT = {
  colors: { frame: "#0b5cad", panel: "#ffffff", text: "#1b1f24", muted: "#4a5360", accent: "#0b5cad" },
  panel: { x: 40, y: 40, width: CARD_WIDTH - 80, height: CARD_HEIGHT - 80, radius: 18 },
  /** The brand's mark: a stroked rounded rectangle. */
  logo: { x: 96, y: 94, width: 34, height: 24, radius: 3, stroke: 5 },
  rule: { x: 96, y: 500, width: 120, height: 6 },
  textX: 96,
  textWidth: CARD_WIDTH - 2 * 96,
} as const;

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

export interface CardLine {
  text: string;
  /** Start of the line and its baseline, in pixels. */
  x: number;
  y: number;
  size: number;
  weight: 400 | 700;
  color: keyof typeof CARD_LAYOUT.colors;
  letterSpacing: number;
  /** The same on many cards (the brand, the kicker): a renderer may keep it drawn (card-raster.ts). */
  repeats?: boolean;
}

/** Every line of text on the card, wrapped and truncated. The title's size shrinks for long titles so up to four lines fit. */
export function cardLayout(card: CardText): { titleSize: number; texts: CardLine[] } {
  const { textX, textWidth: width } = CARD_LAYOUT;
  let size = 68;
  let lines = wrapText(card.title, size, width, 4);
  for (const candidate of [60, 52, 46]) {
    if (lines.length <= 2) break;
    size = candidate;
    lines = wrapText(card.title, size, width, 4);
  }
  const lineHeight = Math.round(size * 1.18);
  const titleTop = 240;
  const footer = wrapText(card.footer, 30, width, 1)[0] ?? "";
  const kicker = wrapText(card.kicker, 28, width, 1)[0] ?? "";
  return {
    titleSize: size,
    texts: [
      { text: card.brand, x: textX + 48, y: 117, size: 30, weight: 700, color: "accent", letterSpacing: 0, repeats: true },
      { text: kicker.toUpperCase(), x: textX, y: 172, size: 28, weight: 700, color: "muted", letterSpacing: 1, repeats: true },
      ...lines.map((line, i): CardLine => ({ text: line, x: textX, y: titleTop + i * lineHeight, size, weight: 700, color: "text", letterSpacing: 0 })),
      { text: footer, x: textX, y: 550, size: 30, weight: 400, color: "muted", letterSpacing: 0 },
    ],
  };
}

/** The build's line when cards hold characters their font has no glyph for (drawn as boxes). */
export function missingCardCharactersMessage(characters: number, cards: number): string {
  return `Social cards: ${characters} character${characters === 1 ? "" : "s"} on ${cards} card${cards === 1 ? "" : "s"} not in the card font (Noto Sans), drawn as boxes`;
}
