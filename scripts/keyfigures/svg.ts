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
  /** Legend entries, shown when the chart mixes series. */
  legend?: Partial<Record<Series, string>>;
}

const WIDTH = 640;
const CHAR = 7.4; // average glyph width at the chart's 13px font, for layout estimates
const BAR = 16;
const BAR_GAP = 4;
const ROW_GAP = 12;
const PAD = 8;
const LEGEND = 26;
const MAX_LABEL = 30;

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const n = (value: number): string => String(Math.round(value * 10) / 10);

function truncate(label: string): string {
  const chars = [...label];
  return chars.length <= MAX_LABEL
    ? label
    : `${chars
        .slice(0, MAX_LABEL - 1)
        .join("")
        .trimEnd()}…`;
}

const textWidth = (text: string): number => [...text].length * CHAR;

/** A drawn chart with its title, for a visible caption beside it. */
export interface Chart {
  id: string;
  title: string;
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
    get svg() {
      return barChart(spec);
    },
    toJSON: () => ({ id: spec.id, title: spec.title, chart: spec }),
  };
}

export function barChart(spec: BarChartSpec): string {
  const labels = spec.rows.map((row) => truncate(row.label));
  const labelWidth = Math.min(MAX_LABEL * CHAR, Math.max(48, ...labels.map(textWidth))) + PAD;
  const valueWidth = Math.max(40, ...spec.rows.flatMap((row) => row.bars.map((bar) => textWidth(bar.text)))) + PAD;
  const plotLeft = labelWidth + PAD;
  const plotWidth = Math.max(80, WIDTH - plotLeft - valueWidth - PAD);

  const numbers = spec.rows.flatMap((row) => row.bars.flatMap((bar) => [bar.value, bar.max ?? bar.value]));
  const low = Math.min(0, ...numbers);
  const high = Math.max(0, ...numbers);
  const span = high - low || 1;
  const x = (value: number) => plotLeft + ((value - low) / span) * plotWidth;
  const zero = x(0);

  const legendEntries = (["value", "comparison"] as const).filter((series) => spec.legend?.[series]);
  const showLegend = legendEntries.length > 1;
  let y = PAD + (showLegend ? LEGEND : 0);
  const parts: string[] = [];

  if (showLegend) {
    let lx = plotLeft;
    for (const series of legendEntries) {
      const text = spec.legend![series]!;
      parts.push(`<rect class="kf-bar kf-bar-${series}" x="${n(lx)}" y="${PAD + 2}" width="12" height="12"/>`);
      parts.push(`<text class="kf-chart-text" x="${n(lx + 18)}" y="${PAD + 12}">${escapeXml(text)}</text>`);
      lx += 18 + textWidth(text) + 24;
    }
  }

  const top = y;
  spec.rows.forEach((row, index) => {
    const height = row.bars.length * BAR + (row.bars.length - 1) * BAR_GAP;
    parts.push(
      `<text class="kf-chart-text kf-chart-label" x="${n(labelWidth)}" y="${n(y + height / 2 + 4.5)}" text-anchor="end">${escapeXml(labels[index]!)}</text>`,
    );
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
      parts.push(`<text class="kf-chart-text" x="${n(textX + 6)}" y="${n(by + BAR / 2 + 4.5)}">${escapeXml(bar.text)}</text>`);
    });
    y += height + ROW_GAP;
  });
  const bottom = y - ROW_GAP + 4;
  parts.push(`<line class="kf-axis" x1="${n(zero)}" y1="${n(top - 4)}" x2="${n(zero)}" y2="${n(bottom)}"/>`);
  const totalHeight = Math.ceil(bottom + PAD);

  const described = spec.describedBy ? ` aria-describedby="${escapeXml(spec.describedBy)}"` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="kf-chart" id="${escapeXml(spec.id)}" viewBox="0 0 ${WIDTH} ${totalHeight}" width="${WIDTH}" height="${totalHeight}" role="img" aria-labelledby="${escapeXml(spec.id)}-title"${described}>` +
    `<title id="${escapeXml(spec.id)}-title">${escapeXml(spec.title)}</title>` +
    parts.join("") +
    `</svg>`
  );
}
