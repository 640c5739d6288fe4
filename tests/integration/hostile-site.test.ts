/**
 * One hostile string fed through every front-matter field, every registry and
 * publisher field, and every Markdown construct; the site is built and every
 * page parsed for injected elements, attributes and URLs. Then the holes that
 * let `check` pass while `build` crashed, run as the commands editors run.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { runCli } from "../helpers/cli.ts";
import { CONTENT_SECURITY_POLICY, headersFile } from "../../scripts/publish/headers.ts";
import { doc, fixturesDir, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";

/** Closes an attribute, closes a tag, opens elements, handlers and a javascript: URL. */
const EVIL = `x"' ><lysark-x data-evil=1 onmouseover=evil()></lysark-x><script>evil()</script><img src=x onerror=evil()><meta http-equiv=refresh content=0;url=https://evil.example/>javascript:evil()`;
/** The same as a YAML double-quoted scalar. */
const Y = JSON.stringify(EVIL);

const HOSTILE_DOC = doc(
  `
title: ${Y}
titleTranslations: { en: ${Y} }
type: presentation
publisher: testby
date: 2012-05-01
language: nb
people:
  - { name: ${Y}, role: presenter, title: ${Y} }
event: ${Y}
topics: [farlig]
summary: ${Y}
runningHeader: ${Y}
keyFigures:
  - indicator: farlig-tall
    value: 5
    scope: ${Y}
    comparison: { value: 4, label: { nb: ${Y}, en: ${Y} } }
    slide: 1
  - indicator: farlig-tall
    breakdown: [{ label: ${Y}, value: 3 }]
    slide: 1
source:
  kind: transcript
  url: "https://slides.example.org/a?q=%22%3E%3Clysark-x%3E"
  retrieved: 2026-11-01
  note: ${Y}
attachments:
  - file: "rapport.pdf"
    title: ${Y}
`,
  `## ${EVIL}

${EVIL}

*${EVIL}* **${EVIL}** \`${EVIL}\`

[${EVIL}](https://example.org/"><lysark-x>) [lenke](javascript:evil()) [data](data:text/html,<script>evil()</script>)

<https://example.org/"onmouseover=evil()>

![${EVIL}](bilde.png ${JSON.stringify(EVIL)})

- ${EVIL}
  1. ${EVIL}

> ${EVIL}

| ${EVIL} | b |
| --- | --- |
| ${EVIL} | c |

\`\`\`${EVIL}
${EVIL}
\`\`\`

    ${EVIL}

<div onclick="evil()">${EVIL}</div>

&lt;lysark-x&gt; &#60;lysark-x&#62;

::: notes
${EVIL}
:::

## Slutt

Tekst.
`,
);

interface Finding {
  file: string;
  what: string;
}

const ALLOWED_SCRIPT = (attributes: Record<string, string>) => Boolean(attributes.src) || attributes.type === "application/ld+json";

/** Everything in one HTML page that only an injection could have put there. */
function injections(file: string, html: string): Finding[] {
  const found: Finding[] = [];
  let inScript: Record<string, string> | undefined;
  let scriptText = "";
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "lysark-x") found.push({ file, what: "<lysark-x> element" });
        if (name === "script") {
          inScript = attributes;
          scriptText = "";
          if (!ALLOWED_SCRIPT(attributes)) found.push({ file, what: "inline <script>" });
        }
        if (name === "meta" && attributes["http-equiv"] && attributes["http-equiv"].toLowerCase() !== "content-security-policy")
          found.push({ file, what: `<meta http-equiv=${attributes["http-equiv"]}>` });
        if (name === "iframe" || name === "object" || name === "embed" || name === "base") found.push({ file, what: `<${name}>` });
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith("on")) found.push({ file, what: `${attribute}= on <${name}>` });
          if (attribute === "data-evil") found.push({ file, what: `data-evil= on <${name}>` });
          // <meta content> holds text (a description) except for the URLs of OpenGraph/Twitter tags.
          const isUrl =
            ["href", "src", "srcset", "action", "formaction", "poster", "xlink:href"].includes(attribute) ||
            (attribute === "content" && name === "meta" && /(?::url|:image)$/.test(attributes.property ?? attributes.name ?? ""));
          if (isUrl) {
            if (/^\s*(?:javascript|vbscript|data):/i.test(value) && !(name === "img" && /^data:image\//.test(value)))
              found.push({ file, what: `${attribute}="${value.slice(0, 40)}" on <${name}>` });
            if (/evil\.example/.test(value)) found.push({ file, what: `${attribute} to evil.example on <${name}>` });
          }
        }
      },
      ontext(text) {
        if (inScript) scriptText += text;
      },
      onclosetag(name) {
        if (name === "script" && inScript) {
          if (inScript.type === "application/ld+json") {
            try {
              JSON.parse(scriptText);
            } catch {
              found.push({ file, what: "JSON-LD that does not parse (its text escaped the element)" });
            }
          }
          inScript = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

function filesIn(dir: string, extension: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesIn(full, extension));
    else if (extension.test(name)) out.push(full);
  }
  return out;
}

describe("a hostile string in every field and Markdown construct", () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject("site-basic", {
      "content/testby/farlig.md": HOSTILE_DOC,
      "content/testby/rapport.pdf": "%PDF-1.7\n",
      "content/testby/bilde.png": await sharp({ create: { width: 60, height: 40, channels: 3, background: "#08c" } })
        .png()
        .toBuffer(),
      "content/_registries/topics.yaml": `- id: likestilling\n  labels: { nb: Likestilling, en: Gender equality }\n- id: integrering\n  labels: { nb: Integrering, en: Integration }\n- id: farlig\n  labels: { nb: ${Y}, en: ${Y} }\n  keywords: { nb: [${Y}], en: [${Y}] }\n`,
      "content/_registries/indicators.yaml": `${readFileSync(path.join(fixturesDir, "site-basic/content/_registries/indicators.yaml"), "utf8")}- id: farlig-tall\n  labels: { nb: ${Y}, en: ${Y} }\n  unit: persons\n  kind: count\n`,
      "content/testby/_publisher.yaml": `id: testby\nnames: { nb: ${Y}, en: ${Y} }\ncountry: NO\nkind: kommune\nregion: ${Y}\nwebsite: "https://testby.example.org/?a=%22%3E"\n`,
    });
    const result = await build({ root: dir });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
  }, 240_000);
  afterAll(() => dir && removeProject(dir));

  it("injects no element, attribute, script or URL into any page", () => {
    const pages = filesIn(path.join(dir, "_site"), /\.html$/);
    expect(pages.length).toBeGreaterThan(20);
    const found = pages.flatMap((file) => injections(path.relative(dir, file), readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });

  it("shows the string as text where it belongs (so the test really fed it through)", () => {
    const page = readFileSync(path.join(dir, "_site/dokumenter/testby/farlig/index.html"), "utf8");
    let text = "";
    const parser = new Parser(
      {
        ontext: (t) => {
          text += t;
        },
      },
      { decodeEntities: true },
    );
    parser.write(page);
    parser.end();
    expect(text.split(EVIL).length - 1).toBeGreaterThanOrEqual(10);
    // The image title is an attribute holding the whole string, not markup.
    expect(page).toContain(`title="x&quot;' &gt;&lt;lysark-x`);
  });

  it("publishes _headers for Netlify and Cloudflare Pages, and every page's CSP <meta> is the same policy", () => {
    expect(readFileSync(path.join(dir, "_site/_headers"), "utf8")).toBe(headersFile());
    for (const file of filesIn(path.join(dir, "_site"), /\.html$/)) {
      const html = readFileSync(file, "utf8");
      if (!html.includes("<head>")) continue;
      expect(html, file).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    }
  });

  it("keeps feeds, sitemap and SVG well-formed: no element from the string", () => {
    const files = filesIn(path.join(dir, "_site"), /\.(?:xml|svg)$/);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toMatch(/<lysark-x|<script>evil/);
  });
});

describe("check passes ⇒ build succeeds: what used to pass check and crash build", () => {
  const cases: Array<{ name: string; files: () => Promise<Record<string, string | Uint8Array>>; expected: RegExp }> = [
    {
      name: "a control character in a title (it broke the social card)",
      files: async () => ({ "content/testby/kort.md": doc(VALID_FRONT_MATTER.replace("Et dokument", '"Et \\u0001dokument"')) }),
      expected: /^content\/testby\/kort\.md:2:8 title: contains the invisible control character U\+0001/m,
    },
    {
      name: "a truncated PNG",
      files: async () => {
        const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#08c" } })
          .png({ compressionLevel: 0 })
          .toBuffer();
        return {
          "content/testby/bilde.png": png.subarray(0, png.length >> 1),
          "content/testby/kort.md": doc(VALID_FRONT_MATTER, "## A\n\n![Et bilde](bilde.png)\n"),
        };
      },
      expected: /^content\/testby\/kort\.md:11:1 body: image "bilde\.png" is cut off/m,
    },
    {
      name: "a broken site.config.json",
      files: async () => ({ "site.config.json": '{ "url": "https://lysark.test", }' }),
      expected: /^site\.config\.json:1:33 is not valid JSON/m,
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const dir = makeProject("site-basic", await testCase.files());
      try {
        // A last good site that the failed build must leave alone.
        const lastGood = path.join(dir, "_site", "index.html");
        mkdirSync(path.dirname(lastGood));
        writeFileSync(lastGood, "last good");
        const check = runCli("check", dir);
        expect(check.status).toBe(1);
        expect(check.stderr).toMatch(testCase.expected);
        const built = runCli("build", dir);
        expect(built.status).toBe(1);
        expect(built.stderr).toMatch(testCase.expected);
        expect(built.stderr).not.toMatch(/^\s+at /m);
        expect(readFileSync(lastGood, "utf8")).toBe("last good");
        expect(readdirSync(dir).filter((name) => name.includes(".building-"))).toEqual([]);
      } finally {
        removeProject(dir);
      }
    }, 120_000);
  }
});
