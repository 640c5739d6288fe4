/**
 * PowerPoint (.pptx) → document model, read with jszip + fast-xml-parser.
 *
 * - Slides in the order of presentation.xml's slide list; `show="0"` marks a hidden slide.
 * - Heading: the title placeholder (title / ctrTitle). A slide made of plain
 *   text boxes takes the text with the largest font, the topmost on a tie.
 * - Text shapes, tables and pictures in reading order (top to bottom, then
 *   left to right). Bulleted or numbered paragraphs (and every paragraph of a
 *   body placeholder, whose bullets come from the master) become list items
 *   at their level; footers, dates and slide numbers are left out.
 * - Tables become rows of cell text; pictures keep their description (alt text);
 *   a chart becomes a table of its cached values, SmartArt a list (graphics.ts).
 * - Speaker notes: the body placeholder of the slide's notes page.
 */
import { ImportError } from "../errors.js";
import type { Limits } from "./limits.js";
import { type Block, describedAlt, type ImageRef, type OriginalDocument, type Section } from "./model.js";
import { readOfficeProperties } from "./office-properties.js";
import { graphicBlock } from "./graphics.js";
import { linksOutside, openOoxml, packageForDrawing, relationships, type OoxmlPackage } from "./ooxml.js";
import { at, descendants, kid, kids, textOf, type El } from "./xml.js";

/** Placeholders that repeat on every slide and are not slide content. */
const CHROME_PLACEHOLDERS = new Set(["sldNum", "dt", "ftr", "hdr", "sldImg"]);
const TITLE_PLACEHOLDERS = new Set(["title", "ctrTitle"]);
const DEFAULT_SIZE = 1800; // hundredths of a point: PowerPoint's default body size

interface Para {
  text: string;
  level: number;
  bullet: "none" | "bullet" | "number" | "inherit";
  size: number;
}

interface Item {
  y: number;
  x: number;
  order: number;
  kind: "text" | "table" | "picture" | "block";
  placeholder?: string | undefined;
  paras?: Para[];
  rows?: string[][];
  image?: ImageRef | undefined;
  /** A chart's table or SmartArt's list, read from its own part. */
  block?: Block;
  missing?: string;
}

function squash(s: string): string {
  return s.replace(/[\s\u000b]+/gu, " ").trim();
}

/** Text of a paragraph: runs, fields and line breaks in order. */
function paragraphText(p: El): string {
  const out: string[] = [];
  for (const c of p.children) {
    if (c.name === "a:r" || c.name === "a:fld") out.push(textOf(kid(c, "a:t")));
    else if (c.name === "a:br") out.push(" ");
  }
  return squash(out.join(""));
}

function paragraphs(txBody: El | undefined): Para[] {
  const out: Para[] = [];
  for (const p of kids(txBody, "a:p")) {
    const text = paragraphText(p);
    if (!text) continue;
    const pPr = kid(p, "a:pPr");
    const level = Number(pPr?.attrs.lvl ?? 0) || 0;
    let bullet: Para["bullet"] = "inherit";
    if (kid(pPr, "a:buNone")) bullet = "none";
    else if (kid(pPr, "a:buAutoNum")) bullet = "number";
    else if (kid(pPr, "a:buChar") || kid(pPr, "a:buBlip")) bullet = "bullet";
    const sizes = descendants(p, "a:rPr")
      .map((r) => Number(r.attrs.sz))
      .filter((n) => n > 0);
    out.push({ text, level, bullet, size: sizes.length ? Math.max(...sizes) : DEFAULT_SIZE });
  }
  return out;
}

function shapeOffset(el: El | undefined): { x: number; y: number } | undefined {
  const off = kid(el, "a:off");
  if (!off) return undefined;
  return { x: Number(off.attrs.x ?? 0), y: Number(off.attrs.y ?? 0) };
}

/** The extension of a part's file name ("png"); "" when its name has none ("media/image1", "docProps/core"). */
function extension(target: string): string {
  const name = target.split("/").pop() ?? "";
  const ext = name.includes(".") ? (name.split(".").pop() ?? "").toLowerCase() : "";
  return ext === "jpg" ? "jpeg" : ext;
}

type Point = { x: number; y: number };

/**
 * Where a group puts its shapes on the slide: their positions are in the group's own space (chOff, chExt), which the
 * group maps onto its place (off, ext); a group moved after grouping has chOff ≠ off.
 */
function groupPlace(group: El, outer: (p: Point) => Point): (p: Point) => Point {
  const xfrm = at(group, "p:grpSpPr", "a:xfrm");
  const num = (name: string, attr: string, fallback: number) => Number(kid(xfrm, name)?.attrs[attr] ?? fallback);
  const [offX, offY, chX, chY] = [num("a:off", "x", 0), num("a:off", "y", 0), num("a:chOff", "x", 0), num("a:chOff", "y", 0)];
  const scale = (ext: number, chExt: number) => (ext > 0 && chExt > 0 ? ext / chExt : 1);
  const sx = scale(num("a:ext", "cx", 0), num("a:chExt", "cx", 0));
  const sy = scale(num("a:ext", "cy", 0), num("a:chExt", "cy", 0));
  return (p) => outer({ x: offX + (p.x - chX) * sx, y: offY + (p.y - chY) * sy });
}

const SHAPES = new Set(["p:sp", "p:grpSp", "p:graphicFrame", "p:pic"]);

async function collect(
  tree: El,
  ctx: { pkg: OoxmlPackage; part: string; rels: Awaited<ReturnType<typeof relationships>>; slide: number; skipped: string[] },
  items: Item[],
  place: (p: Point) => Point = (p) => p,
): Promise<void> {
  const offset = (el: El | undefined): Point | undefined => {
    const pos = shapeOffset(el);
    return pos && place(pos);
  };
  for (const el of tree.children) {
    const order = items.length;
    if (el.name === "p:grpSp") {
      await collect(el, ctx, items, groupPlace(el, place));
    } else if (el.name === "mc:AlternateContent") {
      // PowerPoint's choice for newer readers (a text box with an equation, say), else the fallback it keeps for older ones.
      const choice = kids(el, "mc:Choice").find((c) => c.children.some((child) => SHAPES.has(child.name)));
      const taken = choice ?? kid(el, "mc:Fallback");
      if (taken) await collect(taken, ctx, items, place);
    } else if (el.name === "p:sp") {
      const ph = at(el, "p:nvSpPr", "p:nvPr", "p:ph");
      const type = ph ? (ph.attrs.type ?? "body") : undefined;
      if (type && CHROME_PLACEHOLDERS.has(type)) continue;
      const paras = paragraphs(kid(el, "p:txBody"));
      if (!paras.length) continue;
      const pos = offset(at(el, "p:spPr", "a:xfrm"));
      // A placeholder without its own position sits where the layout puts it: titles on top.
      const y = pos?.y ?? (type && TITLE_PLACEHOLDERS.has(type) ? -2 : -1);
      items.push({ y, x: pos?.x ?? 0, order, kind: "text", placeholder: type, paras });
    } else if (el.name === "p:graphicFrame") {
      const tbl = descendants(el, "a:tbl")[0];
      const pos = offset(kid(el, "p:xfrm"));
      if (tbl) {
        const rows = kids(tbl, "a:tr").map((tr) =>
          kids(tr, "a:tc").map((tc) =>
            tc.attrs.hMerge === "1" || tc.attrs.vMerge === "1" ? "" : squash(kids(kid(tc, "a:txBody"), "a:p").map(paragraphText).join(" ")),
          ),
        );
        if (rows.some((r) => r.some(Boolean))) items.push({ y: pos?.y ?? 0, x: pos?.x ?? 0, order, kind: "table", rows });
      } else {
        const name = at(el, "p:nvGraphicFramePr", "p:cNvPr")?.attrs.name ?? "object";
        const block = await graphicBlock(el, ctx.pkg, ctx.rels, `slide ${ctx.slide}: "${name}"`, ctx.skipped);
        if (block) items.push({ y: pos?.y ?? 0, x: pos?.x ?? 0, order, kind: "block", block });
        else ctx.skipped.push(`slide ${ctx.slide}: "${name}" (a chart, diagram or other object) was not imported; add its content as text or a picture`);
      }
    } else if (el.name === "p:pic") {
      const cNvPr = at(el, "p:nvPicPr", "p:cNvPr");
      const name = cNvPr?.attrs.name ?? "picture";
      // A file name is what PowerPoint (and other tools) put there by themselves: no description.
      const alt = describedAlt(cNvPr?.attrs.descr);
      const embed = at(el, "p:blipFill", "a:blip")?.attrs["r:embed"];
      const rel = embed ? ctx.rels.get(embed) : undefined;
      const pos = offset(at(el, "p:spPr", "a:xfrm"));
      if (!rel || rel.external) {
        ctx.skipped.push(`slide ${ctx.slide}: picture "${name}" is linked to a file outside the presentation and was not imported`);
        continue;
      }
      const data = await ctx.pkg.bytes(rel.target);
      if (!data) {
        ctx.skipped.push(`slide ${ctx.slide}: picture "${name}" is missing from the file (${rel.target})`);
        continue;
      }
      items.push({
        y: pos?.y ?? 0,
        x: pos?.x ?? 0,
        order,
        kind: "picture",
        image: { where: `slide ${ctx.slide}, picture "${name}"`, alt, ext: extension(rel.target), data },
      });
    }
  }
}

/** Paragraphs of one text shape → blocks: runs of list items become one list. */
function textBlocks(paras: Para[], placeholder: string | undefined): Block[] {
  const blocks: Block[] = [];
  const inheritsBullets = placeholder === "body" || placeholder === "obj";
  let list: Extract<Block, { kind: "list" }> | undefined;
  for (const p of paras) {
    const isItem = p.bullet === "bullet" || p.bullet === "number" || (p.bullet === "inherit" && inheritsBullets);
    if (!isItem) {
      list = undefined;
      blocks.push({ kind: "paragraph", text: p.text });
      continue;
    }
    const ordered = p.bullet === "number";
    if (!list || (list.items.length === 0 && list.ordered !== ordered)) {
      list = { kind: "list", ordered, items: [] };
      blocks.push(list);
    }
    // A list cannot skip a level (two levels deeper would read as code).
    const prev = list.items.at(-1)?.level ?? -1;
    list.items.push({ level: Math.min(p.level, prev + 1), text: p.text });
  }
  return blocks;
}

function chooseHeading(items: Item[]): { heading: string; source: string } {
  const title = items.find((i) => i.kind === "text" && i.placeholder && TITLE_PLACEHOLDERS.has(i.placeholder));
  if (title) {
    const heading = title.paras!.map((p) => p.text).join(" ");
    items.splice(items.indexOf(title), 1);
    return { heading, source: "title placeholder" };
  }
  // No title placeholder: the largest text, the topmost on a tie (first paragraph of its shape).
  let best: { item: Item; size: number } | undefined;
  for (const item of items) {
    if (item.kind !== "text") continue;
    const first = item.paras![0]!;
    if (first.text.length > 150) continue;
    if (!best || first.size > best.size || (first.size === best.size && item.y < best.item.y)) best = { item, size: first.size };
  }
  if (!best) return { heading: "", source: "none: the slide has no text" };
  const larger =
    items.some((i) => i !== best!.item && i.kind === "text" && i.paras!.some((p) => p.size < best!.size)) ||
    best.item.paras!.slice(1).some((p) => p.size < best!.size);
  const heading = best.item.paras![0]!.text;
  best.item.paras!.shift();
  if (best.item.paras!.length === 0) items.splice(items.indexOf(best.item), 1);
  return { heading, source: larger ? "largest text (no title placeholder)" : "topmost text (no title placeholder)" };
}

async function notesOf(pkg: OoxmlPackage, part: string | undefined): Promise<string[]> {
  if (!part) return [];
  const notes = await pkg.xml(part);
  const tree = at(notes, "p:cSld", "p:spTree");
  const out: string[] = [];
  for (const sp of descendants(tree, "p:sp")) {
    const ph = at(sp, "p:nvSpPr", "p:nvPr", "p:ph");
    if (!ph || (ph.attrs.type ?? "body") !== "body") continue;
    for (const p of paragraphs(kid(sp, "p:txBody"))) out.push(p.text);
  }
  return out;
}

export async function readPptx(bytes: Uint8Array, file: string, limits: Limits): Promise<OriginalDocument> {
  const pkg = await openOoxml(bytes, file, "pptx", limits);
  const presentation = await pkg.xml("ppt/presentation.xml");
  const presRels = await relationships(pkg, "ppt/presentation.xml");
  const slideIds = kids(kid(presentation, "p:sldIdLst"), "p:sldId");
  if (slideIds.length === 0) {
    throw new ImportError(file, "no-slides", "has no slides", "add the slides in PowerPoint, or check that this is the right file");
  }
  const skipped: string[] = [];
  const sections: Section[] = [];
  for (const [index, sldId] of slideIds.entries()) {
    const number = index + 1;
    const part = presRels.get(sldId.attrs["r:id"] ?? "")?.target;
    const slide = part ? await pkg.xml(part) : undefined;
    if (!part || !slide)
      throw new ImportError(file, "corrupt", `is damaged: slide ${number} is listed but missing`, "open it in PowerPoint and save it again as .pptx");
    const rels = await relationships(pkg, part);
    const items: Item[] = [];
    await collect(at(slide, "p:cSld", "p:spTree") ?? { name: "", attrs: {}, children: [] }, { pkg, part, rels, slide: number, skipped }, items);
    items.sort((a, b) => a.y - b.y || a.x - b.x || a.order - b.order);
    const { heading, source } = chooseHeading(items);
    const blocks: Block[] = [];
    for (const item of items) {
      if (item.kind === "text") blocks.push(...textBlocks(item.paras!, item.placeholder));
      else if (item.kind === "table") blocks.push({ kind: "table", rows: item.rows! });
      else if (item.kind === "block") blocks.push(item.block!);
      else if (item.image) blocks.push({ kind: "image", image: item.image });
    }
    const notesPart = [...rels.values()].find((r) => r.type === "notesSlide")?.target;
    sections.push({
      number,
      heading,
      headingSource: source,
      hidden: slide.attrs.show === "0" || slide.attrs.show === "false",
      blocks,
      notes: await notesOf(pkg, notesPart),
    });
  }
  return {
    format: "pptx",
    type: "presentation",
    preamble: [],
    sections,
    properties: await readOfficeProperties(pkg),
    notes: skipped,
    linksOutside: await linksOutside(pkg),
    forDrawing: () => packageForDrawing(pkg),
  };
}
