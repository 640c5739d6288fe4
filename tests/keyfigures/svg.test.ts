/** Static SVG bar charts: accessible, CSP-safe, escaped, drawn from zero. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { barChart, chart as drawnWhenRead, escapeXml, textWidth } from "../../scripts/keyfigures/svg.ts";

/** The chart's two layouts: labels beside the bars (wide), and above them (narrow, for phones). */
const layouts = (svg: string): [string, string] => {
  const both = svg.match(/<svg[\s\S]*?<\/svg>/g)!;
  expect(both).toHaveLength(2);
  return both as [string, string];
};

const both = barChart({
  id: "c1",
  title: 'Innvandrere <b>"fordeling"</b> & mer',
  describedBy: "t1",
  rows: [
    { label: "Polen", bars: [{ series: "value", value: 2292, text: "2 292" }] },
    { label: "Et veldig langt navn på en gruppe som ikke får plass", bars: [{ series: "value", value: 806, text: "806" }] },
    { label: "Snitt", bars: [{ series: "comparison", value: 1000, text: "Oslo-snitt: 1 000" }] },
  ],
});
const [chart, narrowChart] = layouts(both);

describe("bar charts", () => {
  it("is an image named by its title and described by its table", () => {
    expect(chart).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="kf-chart kf-chart-wide" id="c1" viewBox="0 0 640 \d+" width="640" height="\d+" role="img" aria-labelledby="c1-title" aria-describedby="t1">/,
    );
    expect(chart).toContain('<title id="c1-title">Innvandrere &lt;b&gt;&quot;fordeling&quot;&lt;/b&gt; &amp; mer</title>');
  });

  it("uses classes, never style attributes or script", () => {
    expect(both).not.toMatch(/\sstyle=/);
    expect(both).not.toMatch(/<script|<style|\son\w+=/i);
    expect(chart).toContain('class="kf-bar kf-bar-value"');
    expect(chart).toContain('class="kf-bar kf-bar-comparison"');
  });

  it("draws bars in proportion from a zero line", () => {
    const widths = [...chart.matchAll(/<rect class="kf-bar[^"]*" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(new Set(widths.map(([x]) => x)).size).toBe(1);
    expect(widths[1]![1]! / widths[0]![1]!).toBeCloseTo(806 / 2292, 2);
    expect(chart).toMatch(/<line class="kf-axis"/);
  });

  it("shortens long labels (the table has them in full, and a tooltip) and escapes them", () => {
    // Shortened to the room for labels (240 px), no longer to 30 characters.
    expect(chart).toContain("><title>Et veldig langt navn på en gruppe som ikke får plass</title>Et veldig langt navn på en gruppe…</text>");
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("handles negative values, ranges and a legend", () => {
    const svg = barChart({
      id: "c2",
      title: "T",
      rows: [
        {
          label: "A",
          bars: [
            { series: "value", value: -5, text: "-5" },
            { series: "comparison", value: 10, max: 15, text: "10–15" },
          ],
        },
      ],
      legend: { value: "Verdi", comparison: "Sammenligning" },
    });
    expect(svg).toContain('class="kf-bar kf-bar-comparison kf-bar-range"');
    expect(svg).toContain(">Verdi</text>");
    expect(svg).not.toContain("aria-describedby");
    expect(svg).not.toContain("NaN");
    const zero = Number(/<line class="kf-axis" x1="([\d.]+)"/.exec(svg)![1]);
    const negative = /<rect class="kf-bar kf-bar-value" x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="16"\/>/.exec(
      svg.slice(svg.indexOf("</text>", svg.indexOf("Sammenligning"))),
    )!;
    expect(Number(negative[1]) + Number(negative[2])).toBeCloseTo(zero, 0);
  });

  it("never runs a label out at the left, whatever its length and letters", () => {
    // Widths measured in Chromium at 13px, in the widest font of the chart's stack (DejaVu Sans, system-ui on Linux).
    // Before: an average of 7.4 px a character put "Grue kommune"'s end at 96.8, and its "G" out of the chart.
    const measured: Record<string, number> = {
      "Grue kommune": 100.6,
      "Bydel Sagene": 89.3,
      "Region Gävleborg": 115.6,
      "Oslo kommune – Bydel Sagene": 201.6,
      "Ærøskøbing Kommune": 146.3,
    };
    const absurd = "Sámediggi – Sametinget i Norge, avdeling for kultur, næring og samfunnsutvikling (Kárášjohka)";
    for (const label of [...Object.keys(measured), absurd, "東京都", "Á".normalize("NFD").repeat(40), "W".repeat(80)]) {
      for (const svg of layouts(barChart({ id: "c", title: "T", rows: [{ label, bars: [{ series: "value", value: 1, text: "1" }] }] }))) {
        const width = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
        const [, x, end, tooltip, shown] =
          /<text class="kf-chart-text kf-chart-label" x="([\d.]+)"[^>]*?( text-anchor="end")?>(?:<title>([^<]*)<\/title>)?([^<]*)<\/text>/.exec(svg)!;
        const [left, right] = end ? [Number(x) - textWidth(shown!), Number(x)] : [Number(x), Number(x) + textWidth(shown!)];
        expect(left, label).toBeGreaterThanOrEqual(0);
        expect(right, label).toBeLessThanOrEqual(width);
        if (measured[label]) expect(right - left, label).toBeGreaterThanOrEqual(measured[label]);
        if (measured[label]) expect(shown, "shown in full").toBe(label);
        // Only an absurdly long label is shortened, never silently: with "…" and the whole as its tooltip.
        if (shown !== label) expect([shown!.endsWith("…"), tooltip]).toEqual([true, label]);
      }
    }
  });

  it("keeps value texts and legend entries inside the chart at the right", () => {
    const long = "Gjennomsnitt for alle kommuner i Innlandet fylke med mer enn 10 000 innbyggere: 1 234 567 %";
    const svg = barChart({
      id: "c",
      title: "T",
      rows: [
        {
          label: "Oslo kommune – Bydel Sagene",
          bars: [
            { series: "value", value: 1, text: "1" },
            { series: "comparison", value: 2, text: long },
          ],
        },
      ],
      legend: { value: "Verdi for utgiveren, slik dokumentet oppgir den", comparison: "Sammenligning med gjennomsnittet for landet som helhet" },
    });
    for (const layout of layouts(svg)) {
      const width = Number(/viewBox="0 0 (\d+)/.exec(layout)![1]);
      const texts = [...layout.matchAll(/<text class="kf-chart-text" x="([\d.]+)"[^>]*>(?:<title>[^<]*<\/title>)?([^<]*)<\/text>/g)];
      expect(texts.length).toBe(4);
      for (const [, x, shown] of texts) expect(Number(x) + textWidth(shown!), shown).toBeLessThanOrEqual(width);
      expect(layout).toContain(`<title>${long}</title>`);
    }
  });

  it("has no legend entry for a series it does not draw", () => {
    const legend = { value: "Verdi", comparison: "Sammenligning" };
    const rows = [
      { label: "Grue kommune", bars: [{ series: "value" as const, value: 4900, text: "4 900" }] },
      { label: "Bydel Sagene", bars: [{ series: "value" as const, value: 32000, text: "32 000" }] },
    ];
    const svg = barChart({ id: "c", title: "T", rows, legend });
    expect(svg).not.toContain("Sammenligning");
    expect(svg).not.toContain("kf-bar-comparison");
    // One series is named by the chart's title: no legend at all, and the bars start at the top.
    expect(svg).not.toContain(">Verdi</text>");
    expect(/<rect class="kf-bar kf-bar-value" x="[\d.]+" y="([\d.]+)"/.exec(layouts(svg)[0])![1]).toBe("8");
    // With a comparison drawn in one row, both are named.
    const mixed = barChart({
      id: "c",
      title: "T",
      rows: [rows[0]!, { ...rows[1]!, bars: [...rows[1]!.bars, { series: "comparison", value: 1, text: "1" }] }],
      legend,
    });
    expect(mixed).toContain(">Sammenligning</text>");
    expect(mixed).toContain(">Verdi</text>");
  });

  it("draws a layout for phones: labels above the bars, at most 360 wide, so its text stays at 12px or more on a 375px screen", () => {
    expect(narrowChart).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="kf-chart kf-chart-narrow" id="c1-narrow" viewBox="0 0 360 \d+" width="360" height="\d+" role="img" aria-labelledby="c1-narrow-title" aria-describedby="t1">/,
    );
    expect(narrowChart).toContain('<title id="c1-narrow-title">Innvandrere &lt;b&gt;&quot;fordeling&quot;&lt;/b&gt; &amp; mer</title>');
    // 13px text in 360 units, drawn at a 375px screen's 343px content width: 13 × 343 / 360 ≥ 12.
    expect((13 * 343) / Number(/width="(\d+)"/.exec(narrowChart)![1])).toBeGreaterThanOrEqual(12);
    // Each label on its own line above its bar, from the left edge, so the bars have the whole width.
    const labels = [...narrowChart.matchAll(/<text class="kf-chart-text kf-chart-label" x="([\d.]+)" y="([\d.]+)">/g)];
    const bars = [...narrowChart.matchAll(/<rect class="kf-bar kf-bar-\w+" x="([\d.]+)" y="([\d.]+)"/g)];
    expect(labels).toHaveLength(3);
    labels.forEach((label, index) => {
      expect(Number(label[1])).toBe(8);
      expect(Number(label[2])).toBeLessThan(Number(bars[index]![2]));
      if (index) expect(Number(label[2])).toBeGreaterThan(Number(bars[index - 1]![2]) + 16);
    });
    expect(Number(bars[0]![1])).toBe(8);
    // A label has the whole width: more of a long one is shown than beside the bars.
    expect(narrowChart).toContain("</title>Et veldig langt navn på en gruppe som ikke får pla…</text>");
  });

  it("shows one layout at a time, by the figure's width, in the stylesheet", () => {
    const css = readFileSync(new URL("../../assets/site.css", import.meta.url), "utf8");
    expect(css).toMatch(/\.kf-figure \{[^}]*container-type: inline-size;/);
    expect(css).toMatch(/\.kf-chart-narrow \{ display: none; \}/);
    expect(css).toMatch(/@container \(max-width: 34rem\) \{ \.kf-chart-wide \{ display: none; \} \.kf-chart-narrow \{ display: block;/);
  });

  it("draws the same bytes for the same input", () => {
    expect(barChart({ id: "x", title: "T", rows: [{ label: "A", bars: [{ series: "value", value: 1 / 3, text: "0,33" }] }] })).toBe(
      barChart({ id: "x", title: "T", rows: [{ label: "A", bars: [{ series: "value", value: 1 / 3, text: "0,33" }] }] }),
    );
  });
});

describe("chart", () => {
  it("draws its SVG when read, and its JSON (the page cache's key) holds the spec it is drawn from instead of the drawing", () => {
    const spec = { id: "c", title: "Andel", rows: [{ label: "Oslo", bars: [{ series: "value" as const, value: 42, text: "42 %" }] }] };
    const made = drawnWhenRead(spec);
    expect(made.svg).toBe(barChart(spec));
    const json = JSON.stringify(made);
    expect(json).not.toContain("<svg");
    expect(JSON.parse(json)).toEqual({ id: "c", title: "Andel", chart: spec });
    // A different number draws a different chart, so it must make a different key.
    const changed = { ...spec, rows: [{ label: "Oslo", bars: [{ series: "value" as const, value: 43, text: "43 %" }] }] };
    expect(JSON.stringify(drawnWhenRead(changed))).not.toBe(json);
  });
});
