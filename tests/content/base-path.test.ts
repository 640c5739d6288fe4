/**
 * The base path from site.config.json's url: the helper every published URL
 * goes through (withBase, rebaseHtml), the robots.txt and _headers that name
 * site paths, and the config errors for an address that cannot give a base.
 */
import { describe, expect, it } from "vitest";
import { basePathOf, rebaseHtml, withBase } from "../../scripts/content/base-path.ts";
import { formatProblem } from "../../scripts/content/problems.ts";
import { loadSiteConfig, siteConfigSchema } from "../../scripts/content/site-config.ts";
import { robotsTxt } from "../../scripts/publish/feeds.ts";
import { effectiveHeaders, headerRules, headersFile, parseHeadersFile } from "../../scripts/publish/headers.ts";
import { makeProject, useContentCheck } from "../helpers/fixture.ts";

describe("basePathOf", () => {
  it("is empty at a domain's root and the path without trailing slash below it", () => {
    expect(basePathOf("https://lysark.example.org")).toBe("");
    expect(basePathOf("https://lysark.example.org/")).toBe("");
    expect(basePathOf("https://example.github.io/lysark/")).toBe("/lysark");
    expect(basePathOf("https://example.github.io/lysark")).toBe("/lysark");
    expect(basePathOf("https://kommune.no/arkiv/lysark/")).toBe("/arkiv/lysark");
  });
});

describe("withBase", () => {
  it("puts the base in front of a site path", () => {
    expect(withBase("/lysark", "/")).toBe("/lysark/");
    expect(withBase("/lysark", "/tema/likestilling/#x")).toBe("/lysark/tema/likestilling/#x");
    expect(withBase("/arkiv/lysark", "/assets/site.css")).toBe("/arkiv/lysark/assets/site.css");
  });
  it("leaves everything that is not a site path as it is", () => {
    for (const url of ["https://example.org/a", "//cdn.example.org/x.js", "#slide-2", "bilde.png", "../a/", "mailto:a@b.no", ""]) {
      expect(withBase("/lysark", url)).toBe(url);
    }
  });
  it("is the identity with no base", () => {
    expect(withBase("", "/tema/")).toBe("/tema/");
  });
});

describe("rebaseHtml", () => {
  const rebase = (html: string) => rebaseHtml(html, "/lysark");
  it("rebases links, scripts, stylesheets, images, srcset and form actions", () => {
    expect(rebase('<a href="/tema/">x</a><a class="c" href="#main">y</a>')).toBe('<a href="/lysark/tema/">x</a><a class="c" href="#main">y</a>');
    expect(rebase('<link rel="stylesheet" href="/assets/site.css"><script src="/assets/search.js" defer></script>')).toBe(
      '<link rel="stylesheet" href="/lysark/assets/site.css"><script src="/lysark/assets/search.js" defer></script>',
    );
    expect(rebase('<source type="image/avif" srcset="/media/a-480.avif 480w, /media/a-960.avif 960w">')).toBe(
      '<source type="image/avif" srcset="/lysark/media/a-480.avif 480w, /lysark/media/a-960.avif 960w">',
    );
    expect(rebase('<img src="/media/a.png" alt="/not a path" width="4">')).toBe('<img src="/lysark/media/a.png" alt="/not a path" width="4">');
    expect(rebase('<form action="/sok/" method="get">')).toBe('<form action="/lysark/sok/" method="get">');
  });
  it("reads a tag whole when a quoted value holds > (eleventy-img writes alt text as it is), and keeps the quotes", () => {
    expect(rebase(`<img alt="Søyler <økende> 'x' /a" loading="lazy" src="/media/a.png" srcset='/media/a.png 480w'>`)).toBe(
      `<img alt="Søyler <økende> 'x' /a" loading="lazy" src="/lysark/media/a.png" srcset='/lysark/media/a.png 480w'>`,
    );
    expect(rebase("<a href=/tema/ hidden>x</a><br/>")).toBe('<a href="/lysark/tema/" hidden>x</a><br/>');
    expect(rebase('<A HREF="/tema/" Data-Url = "/sok/">x</A> 3 < 4 &lt;a href="/x"&gt;')).toBe(
      '<A HREF="/lysark/tema/" Data-Url = "/lysark/sok/">x</A> 3 < 4 &lt;a href="/x"&gt;',
    );
  });
  it("rebases data- attributes that hold only site paths, not text", () => {
    expect(rebase('<div data-bundles="/pagefind/ /pagefind-en/" data-document-url="/dokumenter/{publisher}/{slug}/" data-t-x="/ means root">')).toBe(
      '<div data-bundles="/lysark/pagefind/ /lysark/pagefind-en/" data-document-url="/lysark/dokumenter/{publisher}/{slug}/" data-t-x="/ means root">',
    );
  });
  it("leaves absolute URLs, text and JSON-LD alone", () => {
    const html = [
      '<link rel="canonical" href="https://example.github.io/lysark/tema/">',
      '<meta property="og:url" content="/tema/">',
      "<p>Skriv href=&quot;/tema/&quot; eller &lt;a href=&quot;/x&quot;&gt;</p>",
      '<script type="application/ld+json">{"url":"https://example.github.io/lysark/a/","x":"\\u003ca href=\\"/b\\"\\u003e"}</script>',
      '<a href="//example.org/">ext</a>',
    ].join("\n");
    expect(rebase(html)).toBe(html);
  });
  it("returns the very same text with no base", () => {
    const html = '<a href="/tema/">x</a>';
    expect(rebaseHtml(html, "")).toBe(html);
  });
});

describe("text files that name site paths", () => {
  it("robots.txt allows the base path and names the sitemap under it", () => {
    expect(robotsTxt({ config: siteConfigSchema.parse({ url: "https://example.github.io/lysark/" }) })).toBe(
      "User-agent: *\nAllow: /lysark/\n\nSitemap: https://example.github.io/lysark/sitemap.xml\n",
    );
  });
  it("_headers patterns carry the base path and mean the same there as at the root", () => {
    const rules = parseHeadersFile(headersFile(headerRules("/lysark")));
    expect(rules.every((rule) => rule.pattern.startsWith("/lysark/"))).toBe(true);
    const atRoot = parseHeadersFile(headersFile());
    for (const host of ["netlify", "cloudflare"] as const) {
      for (const sitePath of ["/", "/dokumenter/a/b/", "/en/topics/x/", "/assets/site.css", "/404.html"]) {
        expect(effectiveHeaders(rules, withBase("/lysark", sitePath), host), sitePath).toEqual(effectiveHeaders(atRoot, sitePath, host));
      }
    }
  });
});

describe("site.config.json's url", () => {
  const { track } = useContentCheck();
  const configIn = (text: string) => loadSiteConfig(track(makeProject("site-basic", { "site.config.json": text }))).problems.map(formatProblem);

  it("keeps its path as the base and spells the address one way", () => {
    expect(siteConfigSchema.parse({ url: "https://Example.GitHub.io/lysark/" }).url).toBe("https://example.github.io/lysark");
    expect(siteConfigSchema.parse({ url: "https://lysark.example.org" }).url).toBe("https://lysark.example.org");
    expect(siteConfigSchema.parse({ url: "https://kommune.no/arkiv/" }).url).toBe("https://kommune.no/arkiv");
  });
  it("with a query, a fragment, a password or an odd path is an error at its line and column", () => {
    expect(configIn('{\n  "url": "https://example.github.io/lysark/?ref=1"\n}\n')).toEqual([
      'site.config.json:2:10 url: must not have a query ("?…"): links are made by adding paths to it. Write "https://example.github.io/lysark/".',
    ]);
    expect(configIn('{\n  "pageSize": 5,\n  "url": "https://example.org/arkiv#top"\n}\n')).toEqual([
      'site.config.json:3:10 url: must not have a fragment ("#…"): links are made by adding paths to it. Write "https://example.org/arkiv".',
    ]);
    expect(configIn('{ "url": "https://user:secret@example.org/" }')).toEqual([
      'site.config.json:1:10 url: must not hold a user name or password. Write "https://example.org/".',
    ]);
    expect(configIn('{ "url": "https://example.org/a//b/" }')[0]).toMatch(
      /^site\.config\.json:1:10 url: has a path \("\/a\/\/b\/"\) that cannot be the site's base path/,
    );
    expect(configIn('{ "url": "https://example.org/a&b/" }')[0]).toMatch(/^site\.config\.json:1:10 url: has a path \("\/a&b\/"\)/);
  });
  it("with an escape that does not decode, or decodes to a separator, a parent folder or a control character, is an error", () => {
    expect(configIn('{ "url": "https://example.org/%zz/" }')[0]).toMatch(
      /^site\.config\.json:1:10 url: has a path \("\/%zz\/"\) that cannot be the site's base path \("%zz" has a "%" that is not an escaped character/u,
    );
    for (const [path, decoded] of [
      ["/..%2f/", "../"],
      ["/a%2F%2Fb/", "a//b"],
      ["/%2e%2e%5c/", "..\\"],
    ])
      expect(configIn(`{ "url": "https://example.org${path}" }`)[0]).toContain(`is "${decoded}" once its escapes are read, which is not a plain folder name`);
    expect(configIn('{ "url": "https://example.org/%00/" }')[0]).toContain('("%00" stands for a control character)');
    // Letters outside ASCII are escaped by the address itself, and stay.
    expect(siteConfigSchema.parse({ url: "https://kommune.no/arkiv-æøå/" }).url).toBe("https://kommune.no/arkiv-%C3%A6%C3%B8%C3%A5");
  });
  it("longer than 200 characters is an error: its path is in every link of every page", () => {
    expect(configIn(`{ "url": "https://example.org/${"a".repeat(200)}/" }`)).toEqual(["site.config.json:1:10 url: is 221 characters long; at most 200."]);
  });
  it("that is not an http(s) address keeps its one message", () => {
    expect(configIn('{ "url": "ftp://example.org/lysark/" }')).toEqual(["site.config.json:1:10 url: must be a web address starting with https://"]);
    expect(configIn('{ "url": "/lysark/" }')).toEqual(["site.config.json:1:10 url: must be a web address starting with https://"]);
  });
});

describe("site.config.json with a field twice", () => {
  const { track } = useContentCheck();
  it("is refused at the second, which JSON would keep, naming the field", () => {
    const problems = loadSiteConfig(
      track(makeProject("site-basic", { "site.config.json": '{\n  "url": "https://a.example",\n  "pageSize": 5,\n  "url": "javascript:alert(1)"\n}\n' })),
    ).problems.map(formatProblem);
    expect(problems).toEqual([
      "site.config.json:4:3 url: appears twice; JSON would keep only this one and ignore the first without a word. Delete one of them.",
    ]);
  });
});

describe("site.config.json's repository and editBranch", () => {
  const { track } = useContentCheck();
  const configIn = (fields: object) =>
    loadSiteConfig(track(makeProject("site-basic", { "site.config.json": JSON.stringify({ url: "https://example.org", ...fields }) }))).problems.map(
      formatProblem,
    );

  it("take a repository address and a git branch name", () => {
    expect(configIn({ repository: "https://github.com/kommune/arkiv", editBranch: "release/2026" })).toEqual([]);
    expect(configIn({ editBranch: "c++-støtte" })).toEqual([]);
  });
  it("refuse control characters, a branch git would not name, and overlong values", () => {
    const branch = configIn({ editBranch: "ma\u0000in\u202e" });
    expect(branch).toContain(
      'site.config.json:1:43 editBranch: must be a git branch name: letters, digits, "-", "_", ".", "+" and "/" between parts, like "main" or "release/2026"',
    );
    expect(branch.join("\n")).toContain("editBranch: contains the invisible control character U+0000");
    for (const name of ["a..b", "-x", "x/", "x.lock", "a b"]) expect(configIn({ editBranch: name }).join("\n"), name).toContain("must be a git branch name");
    expect(configIn({ repository: "https://github.com/a/b\u0007" }).join("\n")).toContain("repository: contains the invisible control character U+0007");
    expect(configIn({ repository: `https://github.com/${"a".repeat(500)}` }).join("\n")).toContain("repository: is 519 characters long; at most 500.");
  });
});
