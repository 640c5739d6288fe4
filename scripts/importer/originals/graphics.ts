/**
 * A chart or SmartArt frame in a slide or Word drawing → one block, read from
 * the part its relationship names (charts.ts). The workbook a chart embeds is
 * never opened: only the values cached in the chart part are used.
 */
import type { Block } from "./model.js";
import { chartTable, smartArtItems } from "./charts.js";
import type { OoxmlPackage, relationships } from "./ooxml.js";
import { descendants, type El } from "./xml.js";

type Rels = Awaited<ReturnType<typeof relationships>>;

/**
 * The block for a graphic frame that holds a chart (c:chart) or a SmartArt
 * diagram (dgm:relIds); undefined for anything else or an empty one. `where`
 * names it in the notes ("slide 3: \"Chart 2\"").
 */
export async function graphicBlock(frame: El, pkg: OoxmlPackage, rels: Rels, where: string, notes: string[]): Promise<Block | undefined> {
  const chartRef = descendants(frame, "c:chart")[0]?.attrs["r:id"];
  if (chartRef) {
    const rel = rels.get(chartRef);
    if (!rel || rel.external) return undefined;
    const table = chartTable(await pkg.xml(rel.target));
    if (!table) return undefined;
    notes.push(`${where}: a chart, imported as a table of the values it keeps${table.title ? ` ("${table.title}")` : ""}; a workbook it embeds was not opened`);
    return { kind: "chart", title: table.title, rows: table.rows };
  }
  const dataRef = descendants(frame, "dgm:relIds")[0]?.attrs["r:dm"];
  if (dataRef) {
    const rel = rels.get(dataRef);
    if (!rel || rel.external) return undefined;
    const items = smartArtItems(await pkg.xml(rel.target));
    if (!items.length) return undefined;
    notes.push(`${where}: SmartArt, imported as a list of its text (its layout and shapes are not)`);
    return { kind: "list", ordered: false, items };
  }
  return undefined;
}
