/**
 * Social cards (1200×630 PNG per document, drawn by Lysark's own renderer,
 * scripts/publish/card-raster.ts), OpenGraph and Twitter meta tags with
 * absolute URLs, and schema.org JSON-LD per document.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { CardWriter, cardSvg, wrapText, type CardJob } from "../../scripts/publish/cards.ts";
import { scriptSafeJson } from "../../scripts/publish/json-ld.ts";
import { doc, makeProject, readOutput, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { buildPublishProject, SITE_URL, useTwoPublishBuilds } from "./helpers.ts";

const builds = useTwoPublishBuilds();

const meta = (html: string, property: string) =>
  new RegExp(`<meta (?:property|name)="${property.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}" content="([^"]*)">`).exec(html)?.[1];
const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);

describe("social cards", () => {
  it("are 1200×630 PNGs, one per document and one per locale for other pages", async () => {
    for (const file of [
      "social/testby/bilder-og-vedlegg.png",
      "social/testby/likestilling-i-testby.png",
      "social/testby-sentrum/integrering-i-sentrum.png",
      "social/site-nb.png",
      "social/site-en.png",
    ]) {
      const full = path.join(builds.dir, "_site", file);
      expect(existsSync(full), file).toBe(true);
      const info = await sharp(full).metadata();
      expect([info.format, info.width, info.height], file).toEqual(["png", 1200, 630]);
    }
  });

  it("are byte-identical between builds of the same input", () => {
    for (const file of ["social/testby/bilder-og-vedlegg.png", "social/site-nb.png"]) {
      expect(readFileSync(path.join(builds.again, "_site", file)).equals(readFileSync(path.join(builds.dir, "_site", file))), file).toBe(true);
    }
  });

  it("can be one per site instead (socialCards: site): no document cards are drawn and documents point at the site card", async () => {
    const { dir } = await buildPublishProject({
      "site.config.json": JSON.stringify({ url: SITE_URL, socialCards: "site" }),
    });
    try {
      expect(existsSync(path.join(dir, "_site", "social", "site-nb.png"))).toBe(true);
      expect(existsSync(path.join(dir, "_site", "social", "testby"))).toBe(false);
      const nb = readOutput(dir, "dokumenter/testby/likestilling-i-testby/index.html");
      expect(meta(nb, "og:image")).toBe(`${SITE_URL}/social/site-nb.png`);
      expect(meta(nb, "og:image:alt")).toMatch(/^Lysark: /);
      expect(jsonLd(nb).image.url).toBe(`${SITE_URL}/social/site-nb.png`);
      expect(meta(readOutput(dir, "en/documents/testby/likestilling-i-testby/index.html"), "og:image")).toBe(`${SITE_URL}/social/site-en.png`);
    } finally {
      removeProject(dir);
    }
  });

  it("are drawn as they are added, reuse the cache, and are dropped once cancelled", async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), "lysark-cards-"));
    try {
      const job = (name: string): CardJob => ({
        file: path.join(work, "out", `${name}.png`),
        card: { brand: "Lysark", kicker: "Rapport", title: `Kort ${name}`, footer: "Testby", lang: "nb" },
      });
      const cacheDir = path.join(work, "cache");
      const first = new CardWriter({ cacheDir });
      for (const name of ["a", "b", "c"]) first.add(job(name));
      expect(await first.finish()).toBe(3);
      expect(readdirSync(path.join(work, "out")).sort()).toEqual(["a.png", "b.png", "c.png"]);
      expect(readdirSync(cacheDir)).toHaveLength(3);

      rmSync(path.join(work, "out"), { recursive: true });
      const limited = new CardWriter({ cacheDir, limit: 1 });
      for (const name of ["a", "b", "c", "d"]) limited.add(job(name));
      // Three from the cache, one drawn, the same bytes as before.
      expect(await limited.finish()).toBe(1);
      expect(readdirSync(path.join(work, "out")).sort()).toEqual(["a.png", "b.png", "c.png", "d.png"]);

      const cancelled = new CardWriter({ limit: 1 });
      for (const name of ["x", "y", "z"]) cancelled.add(job(name));
      cancelled.cancel();
      cancelled.add(job("late"));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(readdirSync(path.join(work, "out")).filter((name) => ["x.png", "y.png", "z.png", "late.png"].includes(name))).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("can start while content loads: each document that passed its own checks is handed over with its publisher", () => {
    const dir = makeProject("site-basic", { "content/testby/broken.md": doc(VALID_FRONT_MATTER.replace("date: 2012-05-01", "date: 2012-13-01")) });
    try {
      const seen: string[] = [];
      const { problems } = loadContent(path.join(dir, "content"), {
        root: dir,
        onDocument: (document, publisher) => seen.push(`${publisher.id}/${document.slug}`),
      });
      expect(problems.filter((problem) => problem.severity === "error").map((problem) => problem.file)).toEqual(["content/testby/broken.md"]);
      expect(seen.sort()).toEqual(["testby-sentrum/integrering-i-sentrum", "testby/likestilling-i-testby"]);
    } finally {
      removeProject(dir);
    }
  });

  it("draw the title as text, escaped, wrapped and cut to fit", () => {
    const svg = cardSvg({
      brand: "Lysark",
      kicker: "Rapport",
      title: 'Integrering <script>alert("x")</script> & mer',
      footer: "Bydel Sentrum · 2010",
      lang: "sv",
    });
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; mer");
    expect(svg).not.toContain("<script>");
    const lines = wrapText("Ord ".repeat(200), 68, 1000, 4);
    expect(lines).toHaveLength(4);
    expect(lines[3]!.endsWith("…")).toBe(true);
    expect(wrapText("Kort tittel", 68, 1000, 4)).toEqual(["Kort tittel"]);
  });
});

describe("OpenGraph and Twitter tags", () => {
  it("describe a document with absolute URLs and its card", () => {
    const html = readOutput(builds.dir, "en/documents/testby/bilder-og-vedlegg/index.html");
    expect(meta(html, "og:type")).toBe("article");
    expect(meta(html, "og:title")).toBe("Pictures and attachments");
    expect(meta(html, "og:url")).toBe(`${SITE_URL}/en/documents/testby/bilder-og-vedlegg/`);
    expect(meta(html, "og:image")).toBe(`${SITE_URL}/social/testby/bilder-og-vedlegg.png`);
    expect(meta(html, "og:image:width")).toBe("1200");
    expect(meta(html, "og:image:height")).toBe("630");
    expect(meta(html, "og:image:alt")).toBe("Bilder og vedlegg – Testby kommune");
    expect(meta(html, "og:locale")).toBe("en_GB");
    expect(meta(html, "og:locale:alternate")).toBe("nb_NO");
    expect(meta(html, "og:description")).toBe("Et lysark med bilde og originalfiler.");
    expect(meta(html, "article:published_time")).toBe("2012-06-01");
    expect(meta(html, "article:tag")).toBe("Gender equality");
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
  });

  it("give other pages the site card", () => {
    const html = readOutput(builds.dir, "tema/index.html");
    expect(meta(html, "og:type")).toBe("website");
    expect(meta(html, "og:image")).toBe(`${SITE_URL}/social/site-nb.png`);
    expect(meta(html, "og:url")).toBe(`${SITE_URL}/tema/`);
  });
});

describe("JSON-LD", () => {
  it("describes each document with schema.org vocabulary", () => {
    const data = jsonLd(readOutput(builds.dir, "dokumenter/testby/likestilling-i-testby/index.html"));
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "PresentationDigitalDocument",
      url: `${SITE_URL}/dokumenter/testby/likestilling-i-testby/`,
      name: "Likestilling i Testby",
      inLanguage: "nb",
      datePublished: "2011-03-15",
      description: "En kort presentasjon.",
      image: { url: `${SITE_URL}/social/testby/likestilling-i-testby.png`, width: 1200, height: 630 },
      publisher: { "@type": "GovernmentOrganization", name: "Testby kommune", url: `${SITE_URL}/utgivere/testby/` },
      author: [{ "@type": "Person", name: "Kari Nordmann", jobTitle: "Rådgiver" }],
      about: [{ "@type": "DefinedTerm", name: "Likestilling", url: `${SITE_URL}/tema/likestilling/` }],
    });
    const report = jsonLd(readOutput(builds.dir, "en/documents/testby-sentrum/integrering-i-sentrum/index.html"));
    expect(report["@type"]).toBe("Report");
    expect(report.inLanguage).toBe("sv");
    const deck = jsonLd(readOutput(builds.dir, "dokumenter/testby/bilder-og-vedlegg/index.html"));
    expect(deck.isBasedOn).toBe("https://slides.example.org/bilder-og-vedlegg");
    expect(deck.associatedMedia).toEqual([
      expect.objectContaining({ name: "Original presentasjon", contentUrl: `${SITE_URL}/dokumenter/testby/bilder-og-vedlegg/original.pptx` }),
      expect.objectContaining({ name: "rapport.pdf", encodingFormat: "application/pdf", contentSize: "1234567 B" }),
    ]);
  });

  it("cannot be closed early by a title that contains markup", () => {
    const html = readOutput(builds.dir, "dokumenter/testby-sentrum/integrering-i-sentrum/index.html");
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).not.toMatch(/<\/?script/i);
    expect(jsonLd(html).name).toBe('Integrering i sentrum <script>alert("x")</script>');
    expect(scriptSafeJson({ a: "</script><!--\u2028" })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u2028"}');
  });

  it("is only on document pages", () => {
    expect(readOutput(builds.dir, "index.html")).not.toContain("application/ld+json");
  });
});
