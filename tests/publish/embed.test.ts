/**
 * Embedding: the chrome-less embed view per document and locale, the <iframe>
 * snippet on the document page, the oEmbed file and its discovery link, and
 * the _headers rules that let only the embed views be framed, computed for
 * every HTML file of a built site the way Netlify and Cloudflare combine them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EMBED_HEIGHT, EMBED_WIDTH, embedSnippet } from "../../scripts/publish/embed.ts";
import { effectiveHeaders, parseHeadersFile } from "../../scripts/publish/headers.ts";
import { filesUnder, readOutput } from "../helpers/fixture.ts";
import { sharedPublishBuild, SITE_URL } from "./helpers.ts";

const DECK = "testby/likestilling-i-testby";
let dir = "";
beforeAll(async () => {
  dir = await sharedPublishBuild();
});

describe("the embed view", () => {
  it("exists per document in each locale at its own stable address, without the site's header, navigation or footer", () => {
    const nb = readOutput(dir, `innebygd/${DECK}/index.html`);
    const en = readOutput(dir, `en/embed/${DECK}/index.html`);
    for (const html of [nb, en]) {
      expect(html).toContain('<html lang="');
      expect(html).not.toContain('class="site-header"');
      expect(html).not.toContain('class="main-nav"');
      expect(html).not.toContain('class="site-footer"');
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).toContain('data-present-embedded="true"');
      expect(html).toContain('<script src="/assets/present.js" defer></script>');
      expect(html).toMatch(/<section class="slide" id="slide-4"/);
    }
    expect(nb).toContain(`<link rel="canonical" href="${SITE_URL}/dokumenter/${DECK}/">`);
    expect(nb).toContain(`<a href="/dokumenter/${DECK}/" target="_top">Åpne hele dokumentet</a>`);
    expect(en).toContain(`<a href="/en/documents/${DECK}/" target="_top">Open the full document</a>`);
    expect(en).toContain(`<h1 class="embed-title"><a href="/en/documents/${DECK}/" target="_top" lang="en">Gender equality in Testby</a></h1>`);
  });

  it("is left out of the sitemap (the document page is the one to index)", () => {
    expect(readOutput(dir, "sitemap.xml")).not.toContain("/innebygd/");
    expect(readOutput(dir, "sitemap.xml")).not.toContain("/en/embed/");
  });
});

describe("the document page", () => {
  it("offers the <iframe> snippet with a copy button and announces its oEmbed file", () => {
    const html = readOutput(dir, `en/documents/${DECK}/index.html`);
    const snippet = `<iframe src="${SITE_URL}/en/embed/${DECK}/" title="Gender equality in Testby – Lysark" width="${EMBED_WIDTH}" height="${EMBED_HEIGHT}" style="width:100%;max-width:640px;height:auto;aspect-ratio:640/480;border:0" loading="lazy" allowfullscreen></iframe>`;
    expect(html).toContain(
      `<code id="embed-snippet">${snippet.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</code>`,
    );
    expect(html).toContain('data-copy="embed-snippet"');
    expect(html).toContain(
      `<link rel="alternate" type="application/json+oembed" href="${SITE_URL}/en/documents/${DECK}/oembed.json" title="Gender equality in Testby">`,
    );
  });
});

describe("oEmbed", () => {
  it("is a rich response per document page with the snippet, its size, the author and a thumbnail", () => {
    const response = JSON.parse(readOutput(dir, `dokumenter/${DECK}/oembed.json`));
    expect(response).toEqual({
      version: "1.0",
      type: "rich",
      title: "Likestilling i Testby",
      author_name: "Kari Nordmann",
      author_url: `${SITE_URL}/utgivere/testby/`,
      provider_name: "Lysark",
      provider_url: `${SITE_URL}/`,
      html: embedSnippet(`${SITE_URL}/innebygd/${DECK}/`, "Likestilling i Testby", "nb"),
      width: EMBED_WIDTH,
      height: EMBED_HEIGHT,
      thumbnail_url: `${SITE_URL}/social/${DECK}.png`,
      thumbnail_width: 1200,
      thumbnail_height: 630,
    });
    expect(JSON.parse(readOutput(dir, `en/documents/${DECK}/oembed.json`)).html).toContain(`src="${SITE_URL}/en/embed/${DECK}/"`);
  });

  it("escapes a title that holds markup in the snippet", () => {
    expect(embedSnippet("https://x.test/a/", 'A "quoted" <b> & title', "en")).toContain('title="A &quot;quoted&quot; &lt;b&gt; &amp; title – Lysark"');
  });
});

describe("framing, by the _headers of the built site", () => {
  /** Whether a browser lets another site frame a response with these headers. */
  const framable = (headers: Record<string, string>) =>
    !headers["x-frame-options"] &&
    (headers["content-security-policy"] ?? "").split(",").every((policy) => {
      const directive = policy
        .split(";")
        .map((part) => part.trim())
        .find((part) => part.startsWith("frame-ancestors"));
      return !directive || directive === "frame-ancestors *";
    });

  for (const host of ["netlify", "cloudflare"] as const) {
    it(`on ${host}: every embed view may be framed, and no other page of the site`, () => {
      const rules = parseHeadersFile(readOutput(dir, "_headers"));
      const pages = filesUnder(`${dir}/_site`)
        .filter((file) => file.endsWith(".html"))
        .map((file) => `/${file.replace(/index\.html$/, "")}`);
      const embeds = pages.filter((page) => page.startsWith("/innebygd/") || page.startsWith("/en/embed/"));
      // Six documents' embed views, one moved document's old embed view and one at its renamed publisher's old id, in two locales.
      expect(embeds.length).toBe(16);
      expect(pages.length).toBeGreaterThan(embeds.length * 2);
      for (const page of pages) {
        const headers = effectiveHeaders(rules, page, host);
        expect(framable(headers), page).toBe(embeds.includes(page));
        // The embed views keep the site's policy: scripts only from the site itself.
        expect(headers["content-security-policy"], page).toContain("script-src 'self' 'wasm-unsafe-eval'");
      }
    });
  }
});
