/**
 * Atom feeds per publisher and per topic, in both locales: linked from their
 * listings with <link rel="alternate">, each a valid Atom document (checked
 * against RFC 4287's structure below), holding the listing's dated documents.
 */
import { describe, expect, it } from "vitest";
import { readOutput } from "../helpers/fixture.ts";
import { SITE_URL, useTwoPublishBuilds } from "./helpers.ts";

const builds = useTwoPublishBuilds();

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict parser for the XML the build writes (elements, attributes, text,
 * the five predefined entities, one XML declaration): throws on anything not
 * well-formed, such as a tag closed out of order or a bare "&".
 */
function parseXml(source: string): XmlElement {
  let rest = source.replace(/^<\?xml version="1\.0" encoding="utf-8"\?>\n/i, "");
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  const decode = (text: string) => {
    if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bare & in ${JSON.stringify(text)}`);
    return text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  };
  while (rest.length) {
    const tag = /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/.exec(rest);
    if (tag) {
      const [whole, closing, name, attributeText, selfClosing] = tag;
      if (closing) {
        const open = stack.pop()!;
        if (open.name !== name) throw new Error(`</${name}> closes <${open.name}>`);
      } else {
        const attributes: Record<string, string> = {};
        for (const [, key, value] of attributeText!.matchAll(/([\w:.-]+)="([^"]*)"/g)) {
          if (key! in attributes) throw new Error(`attribute ${key} twice on <${name}>`);
          attributes[key!] = decode(value!);
        }
        const element: XmlElement = { name: name!, attributes, children: [], text: "" };
        stack.at(-1)!.children.push(element);
        if (!selfClosing) stack.push(element);
      }
      rest = rest.slice(whole!.length);
      continue;
    }
    const text = /^[^<]+/.exec(rest);
    if (!text) throw new Error(`not well-formed at ${JSON.stringify(rest.slice(0, 40))}`);
    stack.at(-1)!.text += decode(text[0]);
    rest = rest.slice(text[0].length);
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (root.children.length !== 1) throw new Error("an XML document has one root element");
  return root.children[0]!;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The rules of RFC 4287 a feed of this shape can break; returns what it breaks. */
function atomProblems(xml: string): string[] {
  const problems: string[] = [];
  let feed: XmlElement;
  try {
    feed = parseXml(xml);
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`];
  }
  if (feed.name !== "feed" || feed.attributes.xmlns !== "http://www.w3.org/2005/Atom") return ["the root is not an Atom <feed>"];
  const only = (parent: XmlElement, name: string, where: string) => {
    const found = parent.children.filter((child) => child.name === name);
    if (found.length !== 1) problems.push(`${where} has ${found.length} <${name}>, must have exactly one`);
    return found[0];
  };
  const checkDate = (element: XmlElement | undefined, where: string) => {
    if (element && !RFC3339.test(element.text)) problems.push(`${where} <${element.name}> "${element.text}" is not an RFC 3339 date`);
  };
  const checkIri = (element: XmlElement | undefined, where: string) => {
    if (element && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(element.text)) problems.push(`${where} <id> "${element.text}" is not an absolute IRI`);
  };
  only(feed, "title", "the feed");
  checkIri(only(feed, "id", "the feed"), "the feed");
  checkDate(only(feed, "updated", "the feed"), "the feed");
  const links = feed.children.filter((child) => child.name === "link");
  if (links.filter((link) => link.attributes.rel === "self").length !== 1) problems.push("the feed needs one link rel=self");
  for (const link of links) if (!/^https?:\/\//.test(link.attributes.href ?? "")) problems.push(`link href "${link.attributes.href}" is not absolute`);
  const feedHasAuthor = feed.children.some((child) => child.name === "author");
  const ids = new Set<string>();
  feed.children
    .filter((child) => child.name === "entry")
    .forEach((entry, index) => {
      const where = `entry ${index + 1}`;
      only(entry, "title", where);
      const id = only(entry, "id", where);
      checkIri(id, where);
      if (id && ids.has(id.text)) problems.push(`${where} repeats the id ${id.text}`);
      if (id) ids.add(id.text);
      checkDate(only(entry, "updated", where), where);
      checkDate(
        entry.children.find((child) => child.name === "published"),
        where,
      );
      if (!feedHasAuthor && !entry.children.some((child) => child.name === "author")) problems.push(`${where} has no author`);
      if (
        !entry.children.some((child) => child.name === "link" && (child.attributes.rel ?? "alternate") === "alternate") &&
        !entry.children.some((child) => child.name === "content")
      )
        problems.push(`${where} needs a link rel=alternate or content`);
    });
  for (const author of feed.children.filter((child) => child.name === "author")) only(author, "name", "an author");
  return problems;
}

const entryTitles = (xml: string) =>
  parseXml(xml)
    .children.filter((child) => child.name === "entry")
    .map((entry) => entry.children.find((child) => child.name === "title")!.text);
const SENTRUM = 'Integrering i sentrum <script>alert("x")</script>';

describe("the Atom structure check", () => {
  it("finds what breaks RFC 4287 and XML", () => {
    const good = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>https://x.test/f</id><updated>2011-01-01T00:00:00Z</updated><link rel="self" href="https://x.test/f"/><author><name>A</name></author><entry><title>E</title><id>https://x.test/e</id><updated>2011-01-01T00:00:00Z</updated><link href="https://x.test/e"/></entry></feed>`;
    expect(atomProblems(good)).toEqual([]);
    expect(atomProblems(good.replace("<updated>2011-01-01T00:00:00Z</updated><link rel", "<link rel"))).toEqual([
      "the feed has 0 <updated>, must have exactly one",
    ]);
    expect(atomProblems(good.replace("<title>E</title>", "<title>E & F</title>"))[0]).toMatch(/^not well-formed XML: bare &/);
    expect(atomProblems(good.replace("<id>https://x.test/e</id>", "<id>e</id>"))).toEqual(['entry 1 <id> "e" is not an absolute IRI']);
    expect(atomProblems(good.replace("</entry>", "</feed>"))[0]).toMatch(/closes <entry>/);
    expect(atomProblems(good.replace("2011-01-01T00:00:00Z</updated><link href", "2011-01-01</updated><link href"))).toEqual([
      'entry 1 <updated> "2011-01-01" is not an RFC 3339 date',
    ]);
  });
});

describe("feeds per publisher and per topic", () => {
  it("exist in both locales beside the listing's first page, hold its dated documents newest first, and are valid Atom", () => {
    const feeds = {
      "tema/likestilling/feed.xml": ["Likestilling 2015", "Likestilling 2014", "Likestilling 2013", "Bilder og vedlegg", "Likestilling i Testby"],
      "en/topics/likestilling/feed.xml": [
        "Likestilling 2015",
        "Likestilling 2014",
        "Likestilling 2013",
        "Pictures and attachments",
        "Gender equality in Testby",
      ],
      "utgivere/testby-sentrum/feed.xml": [SENTRUM],
    };
    for (const [file, titles] of Object.entries(feeds)) {
      const xml = readOutput(builds.dir, file);
      expect(atomProblems(xml), file).toEqual([]);
      expect(entryTitles(xml), file).toEqual(titles);
      expect(xml, file).toContain(`<link rel="self" type="application/atom+xml" href="${SITE_URL}/${file}"/>`);
      expect(readOutput(builds.again, file), file).toBe(xml);
    }
    const en = readOutput(builds.dir, "en/topics/likestilling/feed.xml");
    expect(en).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(en).toContain("<title>Lysark – Gender equality</title>");
    expect(en).toContain(`<link rel="alternate" type="text/html" href="${SITE_URL}/en/topics/likestilling/"/>`);
  });

  it("a city's feed includes its districts' documents, as its listing does", () => {
    const xml = readOutput(builds.dir, "utgivere/testby/feed.xml");
    expect(atomProblems(xml)).toEqual([]);
    expect(entryTitles(xml)).toContain(SENTRUM);
  });

  it("the site-wide feeds stay valid Atom", () => {
    for (const file of ["feed.xml", "en/feed.xml"]) expect(atomProblems(readOutput(builds.dir, file)), file).toEqual([]);
  });

  it("are linked from every page of their listing with <link rel=alternate> and a visible link", () => {
    for (const [file, href, title] of [
      ["tema/likestilling/index.html", "/tema/likestilling/feed.xml", "Følg Likestilling (Atom-strøm)"],
      ["tema/likestilling/side/2/index.html", "/tema/likestilling/feed.xml", "Følg Likestilling (Atom-strøm)"],
      ["en/topics/likestilling/index.html", "/en/topics/likestilling/feed.xml", "Follow Gender equality (Atom feed)"],
      ["en/publishers/testby/index.html", "/en/publishers/testby/feed.xml", "Follow Testby municipality (Atom feed)"],
    ] as const) {
      const html = readOutput(builds.dir, file);
      expect(html, file).toContain(`<link rel="alternate" type="application/atom+xml" title="${title}" href="${href}">`);
      expect(html, file).toContain(`<p class="feed-link"><a href="${href}" type="application/atom+xml">${title}</a></p>`);
    }
  });
});
