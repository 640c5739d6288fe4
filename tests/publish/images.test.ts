/**
 * Images in document bodies: rendered once into a responsive <picture>
 * (AVIF, WebP, PNG/JPEG fallback, srcset, width/height, lazy loading), files
 * written with stable hashed names; alt text required, files must exist.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderBody } from "../../scripts/content/markdown.ts";
import { createImageRenderer } from "../../scripts/images/images.ts";
import { runCli } from "../helpers/cli.ts";
import { doc, makeProject, readOutput, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { testPng, useTwoPublishBuilds } from "./helpers.ts";

describe("images in the built site", () => {
  const builds = useTwoPublishBuilds();

  const picture = (html: string) => /<picture>[\s\S]*?<\/picture>/.exec(html)?.[0] ?? "";

  it("become a <picture> with AVIF and WebP sources, a PNG fallback, srcset, size and lazy loading", () => {
    const html = picture(readOutput(builds.dir, "dokumenter/testby/bilder-og-vedlegg/index.html"));
    expect(html).toMatch(
      /<source type="image\/avif" srcset="\/media\/[\w-]+-480\.avif 480w, \/media\/[\w-]+-960\.avif 960w, \/media\/[\w-]+-1440\.avif 1440w" sizes="[^"]+">/,
    );
    expect(html).toMatch(/<source type="image\/webp" srcset="[^"]*-1440\.webp 1440w"/);
    expect(html).toMatch(/<img alt="Søyler som viser &lt;økende&gt; likestilling|<img alt="Søyler som viser <økende> likestilling/);
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('decoding="async"');
    expect(html).toContain('title="Diagram fra 2012"');
    expect(html).toMatch(/src="\/media\/[\w-]+-480\.png" width="1440" height="810"/);
  });

  it("is the same markup in both locales: the body is rendered once", () => {
    expect(picture(readOutput(builds.dir, "en/documents/testby/bilder-og-vedlegg/index.html"))).toBe(
      picture(readOutput(builds.dir, "dokumenter/testby/bilder-og-vedlegg/index.html")),
    );
  });

  it("writes every file the markup names, at the size it says", async () => {
    const html = picture(readOutput(builds.dir, "dokumenter/testby/bilder-og-vedlegg/index.html"));
    const files = [...new Set([...html.matchAll(/\/media\/[\w-]+\.(?:avif|webp|png)/g)].map((m) => m[0]))];
    expect(files).toHaveLength(9);
    for (const file of files) {
      const full = path.join(builds.dir, "_site", file);
      expect(existsSync(full), file).toBe(true);
      const width = Number(/-(\d+)\.\w+$/.exec(file)![1]);
      const meta = await sharp(full).metadata();
      expect(meta.width, file).toBe(width);
      expect(meta.format, file).toBe(file.endsWith(".avif") ? "heif" : path.extname(file).slice(1));
    }
  });

  it("gets the same names and bytes from another build of the same input", () => {
    const page = "dokumenter/testby/bilder-og-vedlegg/index.html";
    expect(picture(readOutput(builds.again, page))).toBe(picture(readOutput(builds.dir, page)));
    const files = [...picture(readOutput(builds.dir, page)).matchAll(/\/media\/[\w-]+\.\w+/g)].map((m) => m[0]);
    for (const file of files)
      expect(readFileSync(path.join(builds.again, "_site", file)).equals(readFileSync(path.join(builds.dir, "_site", file))), file).toBe(true);
  });
});

describe("image problems", () => {
  it("reports an image without alt text, a missing file and a picture from another site, each with file:line", async () => {
    const body = [
      "## Bilder",
      "",
      "![](diagram.png)",
      "",
      "Tekst med et bilde",
      "![Et kart](kart.png) midt i avsnittet.",
      "",
      "![Logo](https://example.org/logo.png)",
      "",
    ].join("\n");
    const dir = makeProject("site-basic", { "content/testby/bilder.md": doc(VALID_FRONT_MATTER, body), "content/testby/diagram.png": await testPng(300, 200) });
    try {
      const result = runCli("check", dir);
      expect(result.status).toBe(1);
      // Front-matter takes lines 1–7 and a blank line; the body starts on line 9.
      expect(result.stderr).toContain('content/testby/bilder.md:11:1 body: image "diagram.png" has no alt text.');
      expect(result.stderr).toContain('content/testby/bilder.md:14:1 body: image "kart.png" not found: there is no file kart.png next to the document.');
      expect(result.stderr).toContain('content/testby/bilder.md:16:1 body: image "https://example.org/logo.png" is on another site.');
    } finally {
      removeProject(dir);
    }
  });

  it("quotes an image's name as written, and names a file whose name is the same in decomposed Unicode", async () => {
    const dir = makeProject("site-basic", {});
    try {
      const folder = path.join(dir, "content", "testby");
      writeFileSync(path.join(folder, "bilde-\u00e5.png".normalize("NFD")), await testPng(20, 20));
      const renderer = createImageRenderer(path.join(folder, "bilder.md"), realpathSync(path.join(dir, "content")));
      // markdown-it hands the address percent-encoded.
      expect(renderer.render({ src: "bilde-%C3%A5.png", alt: "Et bilde", title: "", line: 3 })).toEqual({
        problem:
          'image "bilde-\u00e5.png" not found: there is no file bilde-\u00e5.png next to the document. A file with the same name is there, written in decomposed Unicode (each accent a character of its own, as macOS may write names), which is another name to a web server: rename that file, typing its name again.',
      });
    } finally {
      removeProject(dir);
    }
  });

  it("renders a plain <img> and collects images when no renderer is given", () => {
    const body = renderBody("## A\n\n![Alt *text*](a.png)\n", "slide");
    expect(body.problems).toEqual([]);
    expect(body.images).toEqual([{ src: "a.png", alt: "Alt text", title: "", line: 3 }]);
    expect(body.parts[0]!.bodyHtml).toContain('<img src="a.png" alt="Alt text">');
  });
});
