/**
 * XML parts of Office files as a small element tree, parsed by fast-xml-parser
 * in document order (the order of runs, breaks and fields in a paragraph
 * matters). Entities are decoded, character references ("&#216;") included; DTDs and processing instructions are
 * ignored. A control character a reference or the file itself puts in text becomes a space: a page cannot show it,
 * and the check refuses it.
 */
import { XMLParser } from "fast-xml-parser";
import { replaceForbiddenCharacters } from "../../content/limits.ts";

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  /** Text content of a text node (name "#text"). */
  text?: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // Character references: without it "&#x2013; &#216;" stayed as written, in a title and in its address.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Raw = Record<string, unknown>;

/** The text with each character the check refuses (content/limits.ts) made a space. */
const printable = (text: string): string => replaceForbiddenCharacters(text, " ");

function convert(raw: Raw): El | undefined {
  if ("#text" in raw) return { name: "#text", attrs: {}, children: [], text: printable(String(raw["#text"])) };
  const name = Object.keys(raw).find((k) => k !== ":@");
  if (!name) return undefined;
  const attrs = Object.fromEntries(Object.entries((raw[":@"] ?? {}) as Record<string, string>).map(([key, value]) => [key, printable(String(value))]));
  const kids = (raw[name] ?? []) as Raw[];
  return { name, attrs, children: kids.map(convert).filter((e): e is El => e !== undefined) };
}

/** Parses an XML document; returns its root element. */
export function parseXml(xml: string): El {
  const raw = parser.parse(xml) as Raw[];
  const root = raw.map(convert).find((e) => e !== undefined && e.name !== "#text");
  if (!root) throw new Error("no root element");
  return root;
}

/** Direct children named `name`. */
export function kids(el: El | undefined, name: string): El[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** First direct child named `name`. */
export function kid(el: El | undefined, name: string): El | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Follows a path of child names: path(sp, 'p:nvSpPr', 'p:nvPr', 'p:ph'). */
export function at(el: El | undefined, ...names: string[]): El | undefined {
  let cur = el;
  for (const n of names) cur = kid(cur, n);
  return cur;
}

/** Every descendant named `name`, in document order. */
export function descendants(el: El | undefined, name: string, out: El[] = []): El[] {
  if (!el) return out;
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

/** Concatenated text of every text node below `el`. */
/** Elements of mammoth's HTML that end a line: a cell's two paragraphs "2010" and "2011" are not "20102011". */
const LINE_ENDS = new Set(["p", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div"]);

export function textOf(el: El | undefined): string {
  if (!el) return "";
  if (el.name === "#text") return el.text ?? "";
  const text = el.children.map(textOf).join("");
  return LINE_ENDS.has(el.name) ? `${text}\n` : text;
}
