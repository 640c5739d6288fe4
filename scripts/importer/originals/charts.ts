/**
 * Charts and SmartArt in Office files, read from their own XML parts.
 *
 * A chart part (c:chartSpace) keeps a cache of the values it draws: series
 * names, categories and values, as the chart shows them. They become a table
 * (categories down, one column per series); the workbook a chart may embed is
 * never opened. A SmartArt diagram's data part (dgm:dataModel) holds its text
 * as points joined by parent-of connections; they become a nested list.
 * Nothing is computed or filled in: a value the cache lacks is an empty cell.
 */
import { at, descendants, kid, kids, textOf, type El } from "./xml.js";

export interface ChartTable {
  title: string | undefined;
  /** The first row is the header: the category column (empty), then one column per series. */
  rows: string[][];
}

function squash(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

/** idx → value of the points under a cache (strCache, numCache, or the first level of a multi-level cache). */
function points(el: El | undefined): Map<number, string> {
  const out = new Map<number, string>();
  if (!el) return out;
  const multi = descendants(el, "c:multiLvlStrCache")[0];
  const source = multi ? kids(multi, "c:lvl")[0] : el;
  for (const pt of descendants(source, "c:pt")) {
    const idx = Number(pt.attrs.idx);
    if (Number.isInteger(idx) && idx >= 0) out.set(idx, squash(textOf(kid(pt, "c:v"))));
  }
  return out;
}

function richText(el: El | undefined): string {
  const paragraphs = descendants(el, "a:p").map((p) => squash(descendants(p, "a:t").map(textOf).join("")));
  return squash(paragraphs.filter(Boolean).join(" "));
}

/** The chart's cached data as a table; undefined when it holds no series. */
export function chartTable(chartSpace: El | undefined): ChartTable | undefined {
  const chart = kid(chartSpace, "c:chart");
  const plotArea = kid(chart, "c:plotArea");
  const series = (plotArea?.children ?? []).filter((c) => /^c:\w+Chart$/u.test(c.name)).flatMap((c) => kids(c, "c:ser"));
  if (!series.length) return undefined;
  const titleEl = kid(chart, "c:title");
  const title = richText(at(titleEl, "c:tx", "c:rich")) || [...points(at(titleEl, "c:tx")).values()].join(" ") || undefined;
  const names = series.map((s) => {
    const tx = kid(s, "c:tx");
    return [...points(tx).values()].join(" ") || squash(textOf(kid(tx, "c:v")));
  });
  const categories = series.map((s) => points(kid(s, "c:cat") ?? kid(s, "c:xVal")));
  const values = series.map((s) => points(kid(s, "c:val") ?? kid(s, "c:yVal")));
  const indexes = [...new Set([...categories, ...values].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const hasCategories = categories.some((m) => m.size > 0);
  const categoryOf = (idx: number): string => categories.map((m) => m.get(idx)).find((c) => c !== undefined) ?? "";
  const rows = indexes.map((idx) => [...(hasCategories ? [categoryOf(idx)] : []), ...values.map((m) => m.get(idx) ?? "")]);
  return { title, rows: [[...(hasCategories ? [""] : []), ...names], ...rows] };
}

/** SmartArt's text as list items, in the diagram's order, nested as its points are. */
export function smartArtItems(dataModel: El | undefined): { level: number; text: string }[] {
  const pts = kids(kid(dataModel, "dgm:ptLst"), "dgm:pt");
  const byId = new Map(pts.map((p) => [p.attrs.modelId ?? "", p]));
  const children = new Map<string, { id: string; order: number }[]>();
  for (const c of kids(kid(dataModel, "dgm:cxnLst"), "dgm:cxn")) {
    if ((c.attrs.type ?? "parOf") !== "parOf") continue;
    const list = children.get(c.attrs.srcId ?? "") ?? [];
    list.push({ id: c.attrs.destId ?? "", order: Number(c.attrs.srcOrd ?? 0) });
    children.set(c.attrs.srcId ?? "", list);
  }
  const items: { level: number; text: string }[] = [];
  const seen = new Set<string>();
  const walk = (id: string, level: number): void => {
    if (seen.has(id)) return; // a malformed diagram could connect in a circle
    seen.add(id);
    for (const child of [...(children.get(id) ?? [])].sort((a, b) => a.order - b.order)) {
      const pt = byId.get(child.id);
      if (!pt || (pt.attrs.type ?? "node") !== "node") continue;
      const text = richText(kid(pt, "dgm:t"));
      // A point without text keeps its children at its own level.
      if (text) items.push({ level, text });
      walk(child.id, text ? level + 1 : level);
    }
  };
  const doc = pts.find((p) => p.attrs.type === "doc");
  if (doc) walk(doc.attrs.modelId ?? "", 0);
  // A list cannot skip a level.
  for (let i = 0; i < items.length; i++) items[i]!.level = Math.min(items[i]!.level, (items[i - 1]?.level ?? -1) + 1);
  return items;
}
