/**
 * Word (.docx) → document model. The package is opened and checked by
 * ooxml.ts first (legacy .doc, password, zip bomb, macros, embedded objects);
 * mammoth then turns the Word structure into simple HTML (headings from the
 * heading styles, lists, tables, pictures with their descriptions), which is
 * read here with fast-xml-parser. Linked external files are never opened.
 *
 * Sections: the top heading level (usually Heading 1) becomes `##`; a
 * paragraph in the Title style, or a Heading 1 used only once, at the very
 * start is the document's title; deeper headings stay headings (###) inside
 * their section.
 */
import JSZip from "jszip";
import mammoth from "mammoth";
import { ImportError } from "../errors.js";
import { megabytes, type Limits } from "./limits.js";
import type { Block, ImageRef, OriginalDocument, Section } from "./model.js";
import { readOfficeProperties } from "./office-properties.js";
import { graphicBlock } from "./graphics.js";
import { openOoxml, relationships, type OoxmlPackage } from "./ooxml.js";
import { parseXml, textOf, type El } from "./xml.js";

function squash(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

const HEADING = /^h([1-6])$/u;

interface Ctx {
  images: Map<string, ImageRef>;
  /** Charts and SmartArt by their marker's number (see markGraphics). */
  graphics: Map<number, Block>;
  /** The markers placed as blocks; the others stood inside a list, a table, or alternate content mammoth read the fallback of. */
  placed: Set<number>;
}

/** Stands in the text for the chart or SmartArt drawing it replaced: U+2063 (invisible separator) fences the number. */
const MARKER = /\u2063lysark-graphic-(\d+)\u2063/gu;

/**
 * Mammoth drops charts and SmartArt. Before it reads the file, each drawing
 * that holds one is read into a block here (graphics.ts) and replaced in the
 * document part by a marker text, so the block lands where the drawing stood.
 * Returns the file to give mammoth (the original when there is nothing to mark).
 */
async function markGraphics(bytes: Uint8Array, pkg: OoxmlPackage, graphics: Map<number, Block>, notes: string[]): Promise<Uint8Array> {
  const xml = await pkg.text("word/document.xml");
  if (!xml || !/<(c:chart|dgm:relIds)\b/u.test(xml)) return bytes;
  const rels = await relationships(pkg, "word/document.xml");
  const drawings = [...xml.matchAll(/<w:drawing\b[\s\S]*?<\/w:drawing>/gu)];
  let out = "";
  let last = 0;
  for (const m of drawings) {
    if (!/<(c:chart|dgm:relIds)\b/u.test(m[0])) continue;
    const n = graphics.size + 1;
    const block = await graphicBlock(parseXml(m[0]), pkg, rels, `graphic ${n}`, notes);
    if (!block) {
      notes.push(`graphic ${n} (a chart or SmartArt) holds no data and was not imported; add its content as text or a picture`);
      continue;
    }
    graphics.set(n, block);
    out += `${xml.slice(last, m.index)}<w:t>\u2063lysark-graphic-${n}\u2063</w:t>`;
    last = m.index + m[0].length;
  }
  if (!graphics.size) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  zip.file("word/document.xml", out + xml.slice(last));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

function imagesIn(el: El, ctx: Ctx): ImageRef[] {
  const out: ImageRef[] = [];
  const walk = (e: El): void => {
    if (e.name === "img") {
      const ref = ctx.images.get(e.attrs.src ?? "");
      if (ref) out.push(ref);
    }
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

function listItems(list: El, level: number, items: { level: number; text: string }[], ctx: Ctx, images: ImageRef[]): void {
  for (const li of list.children) {
    if (li.name !== "li") continue;
    const own = li.children.filter((c) => c.name !== "ul" && c.name !== "ol");
    const text = squash(own.map(textOf).join(" ").replace(MARKER, ""));
    if (text) items.push({ level, text });
    for (const c of own) images.push(...imagesIn(c, ctx));
    for (const sub of li.children) if (sub.name === "ul" || sub.name === "ol") listItems(sub, text ? level + 1 : level, items, ctx, images);
  }
}

/** An element's text on one line: a line break or a second paragraph in it (a cell's "2010" and "2011") is a space. */
function lineText(text: string): string {
  return squash(text.replace(/\s*\n\s*/gu, " "));
}

function tableRows(table: El): string[][] {
  const rows: string[][] = [];
  const walk = (e: El): void => {
    if (e.name === "tr") {
      rows.push(e.children.filter((c) => c.name === "td" || c.name === "th").map((c) => lineText(textOf(c).replace(MARKER, ""))));
      return;
    }
    e.children.forEach(walk);
  };
  walk(table);
  return rows;
}

/** Blocks for one top-level HTML element (a heading is handled by the caller). */
function blocksOf(el: El, ctx: Ctx): Block[] {
  if (el.name === "#text") {
    const text = squash(el.text ?? "");
    return text ? [{ kind: "paragraph", text }] : [];
  }
  if (el.name === "ul" || el.name === "ol") {
    const items: { level: number; text: string }[] = [];
    const images: ImageRef[] = [];
    listItems(el, 0, items, ctx, images);
    const blocks: Block[] = items.length ? [{ kind: "list", ordered: el.name === "ol", items }] : [];
    return [...blocks, ...images.map((image) => ({ kind: "image" as const, image }))];
  }
  if (el.name === "table") {
    const rows = tableRows(el).filter((r) => r.length);
    return rows.length && rows.some((r) => r.some(Boolean)) ? [{ kind: "table", rows }] : [];
  }
  const text = lineText(textOf(el));
  const blocks: Block[] = [];
  // A chart or SmartArt marker splits the paragraph: text before, the block, text after.
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    const before = squash(text.slice(last, m.index));
    if (before) blocks.push({ kind: "paragraph", text: before });
    const graphic = ctx.graphics.get(Number(m[1]));
    if (graphic) blocks.push(graphic);
    ctx.placed.add(Number(m[1]));
    last = m.index + m[0].length;
  }
  const after = squash(text.slice(last));
  if (after) blocks.push({ kind: "paragraph", text: after });
  return [...blocks, ...imagesIn(el, ctx).map((image) => ({ kind: "image" as const, image }))];
}

export async function readDocx(bytes: Uint8Array, file: string, limits: Limits): Promise<OriginalDocument> {
  const pkg = await openOoxml(bytes, file, "docx", limits);
  // mammoth opens its own copy of the zip and reads parts Lysark does not (styles, numbering, notes).
  await pkg.readAll();
  const properties = await readOfficeProperties(pkg);
  const images = new Map<string, ImageRef>();
  const graphics = new Map<number, Block>();
  const notes: string[] = [];
  // mammoth reads a document with its tracked changes accepted and without its comments: said, as the editor may not know.
  const documentXml = (await pkg.text("word/document.xml")) ?? "";
  const insertions = documentXml.match(/<w:ins\b/gu)?.length ?? 0;
  const deletions = documentXml.match(/<w:del\b/gu)?.length ?? 0;
  if (insertions || deletions)
    notes.push(
      `tracked changes (${insertions} insertion(s), ${deletions} deletion(s)) were read as accepted — check that this is the version that was published`,
    );
  const comments = ((await pkg.text("word/comments.xml")) ?? "").match(/<w:comment\b/gu)?.length ?? 0;
  if (comments) notes.push(`${comments} comment(s) in the margin were not imported`);
  const marked = await markGraphics(bytes, pkg, graphics, notes);
  let count = 0;
  // mammoth unpacks pictures from its own copy of the zip, past openOoxml's capped reads: the same budget holds here.
  // A 1 MB picture referred to 1,000 times was unpacked 1,000 times.
  let pictureBytes = 0;
  let overBudgetAt: number | undefined;
  let html: string;
  const messages: string[] = [];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(marked) },
      {
        externalFileAccess: false,
        styleMap: [
          "p[style-name='Title'] => h1.document-title:fresh",
          "p[style-name='Tittel'] => h1.document-title:fresh",
          "p[style-name='Titel'] => h1.document-title:fresh",
        ],
        convertImage: mammoth.images.imgElement(async (image) => {
          count++;
          const src = `lysark-image-${count}`;
          const alt = squash((image as unknown as { altText?: string }).altText ?? "") || undefined;
          const subtype = image.contentType.split("/")[1] ?? "bin";
          // mammoth turns an error thrown here into a message, so the budget is checked after it.
          if (pictureBytes > limits.maxUnpackedBytes) return { src };
          const data = new Uint8Array(await image.readAsBuffer());
          pictureBytes += data.length;
          if (pictureBytes > limits.maxUnpackedBytes) overBudgetAt = count;
          images.set(src, { where: `picture ${count}`, alt, ext: subtype === "jpg" ? "jpeg" : subtype, data });
          return { src };
        }),
      },
    );
    html = result.value;
    for (const m of result.messages) if (m.type === "warning" && !/Unrecognised paragraph style/u.test(m.message)) messages.push(m.message);
  } catch (e) {
    throw new ImportError(
      file,
      "corrupt",
      `is damaged: Word's document part cannot be read (${(e as Error).message})`,
      "open it in Word and save it again as .docx",
    );
  }
  if (overBudgetAt !== undefined)
    throw new ImportError(
      file,
      "zip-bomb",
      `its pictures unpack to more than ${megabytes(limits.maxUnpackedBytes)} (at picture ${overBudgetAt}); refused as a possible zip bomb`,
      "compress its pictures in Word (File → Compress Pictures), save it again, and import it again",
    );
  const root = parseXml(`<root>${html}</root>`);
  const ctx: Ctx = { images, graphics, placed: new Set() };

  const levelOf = (e: El): number | undefined => {
    const m = HEADING.exec(e.name);
    return m ? Number(m[1]) : undefined;
  };
  const elements = root.children.filter((e) => e.name !== "#text" || squash(e.text ?? ""));
  const levels = elements.map(levelOf).filter((l): l is number => l !== undefined);
  let title: string | undefined;
  let start = 0;
  const first = elements[0];
  if (first && levelOf(first) !== undefined && (first.attrs.class === "document-title" || levels.filter((l) => l === levelOf(first)).length === 1)) {
    title = lineText(textOf(first));
    start = 1;
  }
  const rest = elements
    .slice(start)
    .filter((e) => e.attrs.class !== "document-title")
    .map(levelOf)
    .filter((l): l is number => l !== undefined);
  const sectionLevel = rest.length ? Math.min(...rest) : undefined;

  const preamble: Block[] = [];
  const sections: Section[] = [];
  // The last heading level written in this section (## is the section's): a Heading 3 straight under a Heading 1 is
  // ###, not ####, as a page must not skip a level.
  let above = 2;
  for (const el of elements.slice(start)) {
    const level = levelOf(el);
    if (level !== undefined && level === sectionLevel) {
      sections.push({ number: sections.length + 1, heading: lineText(textOf(el)), headingSource: "heading style", hidden: false, blocks: [], notes: [] });
      above = 2;
      continue;
    }
    const target = sections.at(-1)?.blocks ?? preamble;
    if (level !== undefined) {
      const text = lineText(textOf(el));
      const wanted = Math.min(6, 3 + Math.max(0, level - (sectionLevel ?? level) - 1));
      if (text) {
        above = Math.min(wanted, above + 1);
        target.push({ kind: "heading", level: above, text });
      }
      continue;
    }
    target.push(...blocksOf(el, ctx));
  }
  for (const n of graphics.keys())
    if (!ctx.placed.has(n))
      notes.push(`graphic ${n} could not be placed (it stands inside a list, a table or alternate content) and was not imported; add its content as text`);
  if (sectionLevel === undefined)
    notes.push("the Word file uses no heading styles, so the text is one block without sections — add ## headings where sections begin");
  if (title) notes.push(`"${title}" (the first heading, used once) was taken as the title, not a section`);
  for (const m of [...new Set(messages)].slice(0, 5)) notes.push(`Word reader: ${m}`);
  return { format: "docx", type: "report", sections, preamble, documentTitle: title, properties, notes };
}
