/**
 * Horizontal bar charts as static SVG, drawn at build time. No script and no
 * style attributes (a strict CSP holds): colours come from classes styled in
 * assets/site.css, for light and dark mode. Each chart is an image with an
 * accessible name (<title>, role="img") and points at the table that carries
 * the same numbers as its text alternative.
 */

export type Series = "value" | "comparison";

export interface Bar {
  series: Series;
  /** Bar length; for a range the lower end. */
  value: number;
  /** Upper end of a range, drawn as a lighter extension. */
  max?: number;
  /** Printed after the bar, already formatted for the locale. */
  text: string;
}

export interface ChartRow {
  label: string;
  bars: Bar[];
}

export interface BarChartSpec {
  /** Unique on the page; the title gets `${id}-title`. */
  id: string;
  /** The chart's accessible name. */
  title: string;
  /** Id of the table holding the same numbers (the text alternative). */
  describedBy?: string;
  rows: ChartRow[];
  /** Legend entries, shown when the chart draws bars of more than one series (and only for those drawn). */
  legend?: Partial<Record<Series, string>>;
  /** The text of the summary a chart too long to show open is folded under (`<details>`); unfolded without it. */
  folded?: string;
}

const WIDTH = 640;
/** The layout for narrow figures (phones): labels above their bars. */
const NARROW_WIDTH = 360;
const FONT = 13; // the chart text's font size in px (site.css .kf-chart-text)
const BAR = 16;
const BAR_GAP = 4;
const ROW_GAP = 12;
const PAD = 8;
const LEGEND = 26;
const LEGEND_LINE = 20;
/** A row's label line above its bars, in the narrow layout. */
const LABEL_LINE = 18;
/** Room for labels beside the bars in the wide layout: a longer label is shortened with "…" (and a tooltip). */
const MAX_LABEL_WIDTH = 240;
const MIN_PLOT = 80;

/**
 * Advance widths, in thousandths of an em, of characters in the chart's font stack (system-ui, -apple-system,
 * "Segoe UI", Roboto, "Noto Sans", sans-serif): the widest of DejaVu Sans (system-ui on many Linux desktops, and the
 * widest of them), Liberation Sans (Arial's metrics) and Noto Sans, measured in Chromium. An estimate from an
 * average glyph width (0.57 em) was too small for "Grue kommune" in DejaVu Sans, and the text, anchored at its end,
 * ran out of the chart at the left: "rue kommune".
 */
const ASCII_WIDTHS = [
  318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 551, 838, 318, 361, 318, 372, 637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838,
  557, 1016, 685, 687, 723, 771, 667, 611, 778, 752, 339, 500, 667, 558, 907, 760, 788, 667, 788, 723, 667, 611, 732, 685, 989, 686, 667, 686, 391, 372, 391,
  838, 557, 500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612, 635, 635, 413, 521, 393, 634, 592, 818, 592, 592, 525, 637, 551,
  637, 838,
];
/** Characters with no decomposition into an ASCII letter and an accent (é is e's width, Č is C's). */
const OTHER_WIDTHS: Record<string, number> = {
  "\u00a0": 318,
  "\u2009": 200,
  "\u202f": 200,
  æ: 982,
  Æ: 1000,
  ø: 612,
  Ø: 788,
  ð: 612,
  Ð: 775,
  đ: 635,
  Đ: 775,
  þ: 635,
  Þ: 667,
  ß: 631,
  ł: 285,
  Ł: 563,
  ŧ: 393,
  Ŧ: 611,
  ŋ: 634,
  Ŋ: 760,
  "–": 557,
  "—": 1000,
  "…": 1000,
  "‘": 318,
  "’": 318,
  "“": 519,
  "”": 519,
  "«": 612,
  "»": 612,
  "·": 318,
  "•": 590,
  "−": 838,
  "×": 838,
  "÷": 838,
  "±": 838,
  "°": 500,
  "²": 401,
  "³": 401,
  "§": 557,
  "€": 637,
  "£": 637,
  "½": 970,
  "¼": 970,
  "¾": 970,
  "‰": 1342,
};

function charWidth(char: string): number {
  const code = char.codePointAt(0)!;
  if (code >= 32 && code < 127) return ASCII_WIDTHS[code - 32]!;
  const other = OTHER_WIDTHS[char];
  if (other !== undefined) return other;
  if (code >= 0x300 && code < 0x370) return 0; // a combining accent sits on the letter before it
  const base = char.normalize("NFD").codePointAt(0)!;
  if (base >= 32 && base < 127) return ASCII_WIDTHS[base - 32]!;
  // Anything else (CJK, other scripts, symbols) as a full em; pictographs wider still.
  return code >= 0x1f000 ? 1300 : 1000;
}

/** The text's width in px at the chart's font size: at least what any font of the stack draws it at. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return (width * FONT) / 1000;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const n = (value: number): string => String(Math.round(value * 10) / 10);

/** Text no wider than `max` px: as it is, or shortened with "…". */
export function shorten(text: string, max: number): string {
  if (textWidth(text) <= max) return text;
  const room = max - textWidth("…");
  let kept = "";
  let width = 0;
  for (const char of text) {
    const next = width + textWidth(char);
    if (next > room) break;
    width = next;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}

/** A <text> element; a shortened text has the whole as its tooltip (the table beside the chart has it too). */
function text(attributes: string, full: string, shown: string): string {
  const tooltip = shown === full ? "" : `<title>${escapeXml(full)}</title>`;
  return `<text ${attributes}>${tooltip}${escapeXml(shown)}</text>`;
}

/** A drawn chart with its title, for a visible caption beside it. */
export interface Chart {
  id: string;
  title: string;
  /** BarChartSpec.folded, or null. */
  folded: string | null;
  readonly svg: string;
  /** What JSON (the page cache's key) holds: the spec the SVG is drawn from, so a key does not draw it. */
  toJSON(): object;
}

/**
 * The SVG is drawn each time the page's template reads it, not held: a site
 * model holds thousands of charts, and their SVG text was a tenth of its
 * memory (docs/performance-log.md). The page cache's key hashes the spec instead
 * (`toJSON`): drawing the SVG for a key as well cost 6 ms per indicator page.
 */
export function chart(spec: BarChartSpec): Chart {
  return {
    id: spec.id,
    title: spec.title,
    folded: spec.folded ?? null,
    get svg() {
      return barChart(spec);
    },
    toJSON: () => ({ id: spec.id, title: spec.title, chart: spec }),
  };
}

/**
 * The chart in two layouts, one shown at a time by a container query in site.css (`.kf-figure`): labels beside
 * the bars, 640 wide; and, where the figure is narrower than 34rem (a phone), labels above the bars, 360 wide. The
 * wide layout scaled down to a phone's 343 px drew its 13px text at 7 px; the narrow one keeps it at 12 px or more
 * and gives the bars the full width. The one not shown is display: none, so out of the accessibility tree.
 */
export function barChart(spec: BarChartSpec): string {
  return drawChart(spec, false) + drawChart(spec, true);
}

function drawChart(spec: BarChartSpec, narrow: boolean): string {
  const width = narrow ? NARROW_WIDTH : WIDTH;
  // Wide: labels end at `labelEnd` (text-anchor="end") and start at PAD or right of it, since their width is not
  // underestimated. Narrow: labels start at PAD, on a line of their own above their bars.
  const labels = spec.rows.map((row) => shorten(row.label, narrow ? width - 2 * PAD : MAX_LABEL_WIDTH));
  const labelEnd = PAD + Math.max(48, ...labels.map(textWidth));
  const plotLeft = narrow ? PAD : labelEnd + PAD;
  // A value's text goes after its bar: as wide as leaves the bars MIN_PLOT, shortened beyond that.
  const values = spec.rows.map((row) => row.bars.map((bar) => shorten(bar.text, width - plotLeft - 2 * PAD - MIN_PLOT)));
  const valueWidth = Math.max(40, ...values.flat().map(textWidth)) + PAD;
  const plotWidth = Math.max(MIN_PLOT, width - plotLeft - valueWidth - PAD);
  const numbers = spec.rows.flatMap((row) => row.bars.flatMap((bar) => [bar.value, bar.max ?? bar.value]));
  const low = Math.min(0, ...numbers);
  const high = Math.max(0, ...numbers);
  const span = high - low || 1;
  const x = (value: number) => plotLeft + ((value - low) / span) * plotWidth;
  const zero = x(0);

  // A legend names only series with a bar in the chart: an indicator's chart has "Comparison" in its legend, but
  // where no publisher states a comparison it draws none, and a swatch for it would name nothing.
  const drawn = new Set(spec.rows.flatMap((row) => row.bars.map((bar) => bar.series)));
  const legendEntries = (["value", "comparison"] as const).filter((series) => spec.legend?.[series] && drawn.has(series));
  const showLegend = legendEntries.length > 1;
  const parts: string[] = [];
  let y = PAD;
  if (showLegend) {
    // Entries side by side from the bars' left edge, on a new line where the next would run past the right edge.
    let lx = plotLeft;
    for (const series of legendEntries) {
      const full = spec.legend![series]!;
      const shown = shorten(full, width - PAD - plotLeft - 18);
      if (lx > plotLeft && lx + 18 + textWidth(shown) > width - PAD) {
        lx = plotLeft;
        y += LEGEND_LINE;
      }
      parts.push(`<rect class="kf-bar kf-bar-${series}" x="${n(lx)}" y="${n(y + 2)}" width="12" height="12"/>`);
      parts.push(text(`class="kf-chart-text" x="${n(lx + 18)}" y="${n(y + 12)}"`, full, shown));
      lx += 18 + textWidth(shown) + 24;
    }
    y += LEGEND;
  }

  const top = y;
  spec.rows.forEach((row, index) => {
    if (narrow) {
      parts.push(text(`class="kf-chart-text kf-chart-label" x="${PAD}" y="${n(y + 13)}"`, row.label, labels[index]!));
      y += LABEL_LINE;
    }
    const height = row.bars.length * BAR + (row.bars.length - 1) * BAR_GAP;
    if (!narrow) {
      parts.push(text(`class="kf-chart-text kf-chart-label" x="${n(labelEnd)}" y="${n(y + height / 2 + 4.5)}" text-anchor="end"`, row.label, labels[index]!));
    }
    row.bars.forEach((bar, barIndex) => {
      const by = y + barIndex * (BAR + BAR_GAP);
      const start = Math.min(zero, x(bar.value));
      const end = Math.max(zero, x(bar.value));
      parts.push(`<rect class="kf-bar kf-bar-${bar.series}" x="${n(start)}" y="${n(by)}" width="${n(Math.max(end - start, 1))}" height="${BAR}"/>`);
      let textX = end;
      if (bar.max !== undefined && bar.max > bar.value) {
        const rangeEnd = x(bar.max);
        parts.push(
          `<rect class="kf-bar kf-bar-${bar.series} kf-bar-range" x="${n(end)}" y="${n(by)}" width="${n(Math.max(rangeEnd - end, 1))}" height="${BAR}"/>`,
        );
        textX = rangeEnd;
      }
      parts.push(text(`class="kf-chart-text" x="${n(textX + 6)}" y="${n(by + BAR / 2 + 4.5)}"`, bar.text, values[index]![barIndex]!));
    });
    // Narrow: the zero line row by row, so it does not run through the labels between them.
    if (narrow) parts.push(`<line class="kf-axis" x1="${n(zero)}" y1="${n(y - 2)}" x2="${n(zero)}" y2="${n(y + height + 2)}"/>`);
    y += height + ROW_GAP;
  });
  const bottom = y - ROW_GAP + 4;
  if (!narrow) parts.push(`<line class="kf-axis" x1="${n(zero)}" y1="${n(top - 4)}" x2="${n(zero)}" y2="${n(bottom)}"/>`);
  const totalHeight = Math.ceil(bottom + PAD);

  const id = escapeXml(narrow ? `${spec.id}-narrow` : spec.id);
  const described = spec.describedBy ? ` aria-describedby="${escapeXml(spec.describedBy)}"` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="kf-chart kf-chart-${narrow ? "narrow" : "wide"}" id="${id}" viewBox="0 0 ${width} ${totalHeight}" width="${width}" height="${totalHeight}" role="img" aria-labelledby="${id}-title"${described}>` +
    `<title id="${id}-title">${escapeXml(spec.title)}</title>` +
    parts.join("") +
    `</svg>`
  );
}
