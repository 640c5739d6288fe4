/**
 * A document's outline links to each slide or section by its title. A title holding a link or a picture is shown
 * there as text: a link inside the outline's own link splits it in the browser, and the rest of the entry would lead
 * off the site.
 */
import { describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { renderBody } from "../../scripts/content/markdown.ts";
import { doc, makeProject, readOutput, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

const BODY = "## Tredje [ekstern lenke](https://example.org/phish) med ![et bilde](bilde.png) og *vekt*\n\nTekst.\n\n## Vanlig `kode`\n\nMer.\n";

describe("a title in the outline", () => {
  it("keeps its text, emphasis and code, and loses its links and pictures (their alt text stays)", () => {
    const [linked, plain] = renderBody(BODY, "section").parts;
    expect(linked!.titleHtml).toContain('<img src="bilde.png" alt="et bilde">');
    expect(linked!.titleHtml).toContain('href="https://example.org/phish"');
    expect(linked!.outlineHtml).toBe("Tredje ekstern lenke med et bilde og <em>vekt</em>");
    expect(plain!.outlineHtml).toBeUndefined();
    expect(plain!.titleHtml).toBe("Vanlig <code>kode</code>");
  });

  it("is never a link inside a link on the document page", async () => {
    // A picture in the body must exist, so the page's heading has a link only.
    const body = BODY.replace(" ![et bilde](bilde.png)", "");
    const dir = makeProject("site-basic", { "content/testby/lenke-i-tittel.md": doc(VALID_FRONT_MATTER, body) });
    try {
      expect((await build({ root: dir })).ok).toBe(true);
      const html = readOutput(dir, "dokumenter/testby/lenke-i-tittel/index.html");
      const outline = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)![0];
      expect(outline).toContain('<li><a href="#slide-1">Tredje ekstern lenke med og <em>vekt</em></a></li>');
      expect(outline).not.toContain("example.org");
      // The heading itself keeps its link.
      expect(html).toMatch(/<a href="https:\/\/example.org\/phish"[^>]*>ekstern lenke<\/a>/);
    } finally {
      removeProject(dir);
    }
  });
});
