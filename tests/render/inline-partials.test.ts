/**
 * `{% inline %}` (scripts/render/inline-partials.ts) compiles a partial into
 * the template that names it. It must print exactly what `{% include %}` of
 * the same partial prints, whitespace control included, and refuse what it
 * cannot inline with a message that names the partial.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InlinePartials } from "../../scripts/render/inline-partials.ts";
import { LAYOUTS_DIR, NUNJUCKS_OPTIONS, type NunjucksEnvironment } from "../../scripts/render/pages.ts";
import { filesUnder } from "../helpers/fixture.ts";

interface Nunjucks {
  Environment: new (loader: unknown, options: object) => NunjucksEnvironment & { renderString(source: string, context: object): string };
  FileSystemLoader: new (dir: string) => unknown;
}
const nunjucks = createRequire(import.meta.url)("nunjucks") as Nunjucks;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lysark-inline-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the templates under `dir` and renders `page` with the page renderer's options, `{% inline %}` on. */
function render(templates: Record<string, string>, page: string, context: object = {}): string {
  for (const [name, source] of Object.entries(templates)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), source);
  }
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), NUNJUCKS_OPTIONS);
  env.addExtension("InlinePartials", new InlinePartials(dir, env));
  return env.getTemplate(page, true).render(context);
}

/** The same page rendered once with `{% include %}` and once with every include made `{% inline %}`. */
function bothWays(partials: Record<string, string>, page: string, context: object = {}): { included: string; inlined: string } {
  const included = render({ ...partials, "page.njk": page }, "page.njk", context);
  const inlined = render({ ...partials, "inlined.njk": page.replaceAll("{% include", "{% inline") }, "inlined.njk", context);
  return { included, inlined };
}

describe("{% inline %}", () => {
  it("prints what {% include %} prints, with the partial's own whitespace control", () => {
    const partials = {
      "partials/trimmed.njk":
        "{#- a comment that trims before it -#}\n<p>{{ title }}</p>\n{%- if items.length %}\n<ul>\n  {% for item in items %}\n  <li>{{ item }}</li>\n  {% endfor %}\n</ul>\n{% endif -%}\n",
      "partials/plain.njk": "  <span>{{ L }}</span>\n{% if L == 'en' %}English{% endif %}\n",
    };
    const page = '<main>\n  {% set L = \'en\' %}\n  {% include "partials/trimmed.njk" %}\n\n{% include "partials/plain.njk" %}\nafter\n</main>\n';
    const { included, inlined } = bothWays(partials, page, { title: "A & B", items: ["x", "<y>"] });
    expect(inlined).toBe(included);
    expect(inlined).toContain("<p>A &amp; B</p>");
    expect(inlined).toContain("<li>&lt;y&gt;</li>");
  });

  it("sees the loop's variables and the page's, and may inline another partial", () => {
    const partials = {
      "partials/row.njk": '<tr><td>{{ loop.index }}</td><td>{{ row.name }}</td>{% include "partials/cell.njk" %}</tr>\n',
      "partials/cell.njk": "<td>{{ unit }}</td>\n",
    };
    const page = '<table>\n{% for row in rows %}\n{% include "partials/row.njk" %}\n{% endfor %}\n</table>\n';
    const context = { rows: [{ name: "a" }, { name: "b" }], unit: "kr" };
    const { included, inlined } = bothWays(partials, page, context);
    expect(included).toContain("<tr><td>2</td><td>b</td><td>kr</td>\n</tr>");
    // The outer include made an inline; the partial's own include stays an include, and both ways print the same.
    expect(inlined).toBe(included);
    const nested = render(
      {
        ...partials,
        "partials/row.njk": partials["partials/row.njk"].replace("{% include", "{% inline"),
        "nested.njk": page.replace("{% include", "{% inline"),
      },
      "nested.njk",
      context,
    );
    expect(nested).toBe(included);
  });

  it("runs in the page's scope: a set in the partial stays visible after the tag", () => {
    const text = render(
      { "partials/set.njk": "{% set shown = 'from the partial' %}\n", "page.njk": '{% inline "partials/set.njk" %}\n[{{ shown }}]\n' },
      "page.njk",
    );
    expect(text).toBe("[from the partial]\n");
  });

  it("reports a render error inside the partial at the line of its tag, as Nunjucks reports an error written there", () => {
    const lineOf = (error: unknown) => /page\.njk\) \[Line (\d+), Column \d+\]\s+Error: Unable to call `missing`/.exec(String(error))?.[1];
    const thrown = (templates: Record<string, string>) => {
      try {
        render(templates, "page.njk");
      } catch (error) {
        return error;
      }
      throw new Error("rendered without an error");
    };
    const inPlace = lineOf(thrown({ "page.njk": "one\ntwo\n{{ missing() }}\n" }));
    expect(inPlace).toBeDefined();
    expect(lineOf(thrown({ "partials/fails.njk": "{{ missing() }}\n", "page.njk": 'one\ntwo\n{% inline "partials/fails.njk" %}\n' }))).toBe(inPlace);
  });

  it("refuses a name made at render time, a partial outside the layouts, a missing one, and one that inlines itself", () => {
    expect(() => render({ "page.njk": "{% inline name %}" }, "page.njk", { name: "x.njk" })).toThrow(/takes one quoted template name.*use \{% include %\}/);
    expect(() => render({ "page.njk": '{% inline "../outside.njk" %}' }, "page.njk")).toThrow(/"\.\.\/outside\.njk" %\}: the partial must be inside/);
    expect(() => render({ "page.njk": '{% inline "partials/none.njk" %}' }, "page.njk")).toThrow(
      /"partials\/none\.njk" %\}: cannot read .*none\.njk \(ENOENT\)/,
    );
    expect(() => render({ "a.njk": '{% inline "b.njk" %}', "b.njk": 'x{% inline "a.njk" %}', "page.njk": '{% inline "a.njk" %}' }, "page.njk")).toThrow(
      /"a\.njk" %\} inlines itself: a\.njk → b\.njk → a\.njk/,
    );
  });

  it("refuses a partial with blocks or a layout of its own, which only an include can render", () => {
    expect(() => render({ "partials/block.njk": "{% block b %}x{% endblock %}", "page.njk": '{% inline "partials/block.njk" %}' }, "page.njk")).toThrow(
      /a partial with \{% extends %\} or \{% block %\} cannot be inlined; use \{% include %\}/,
    );
  });

  it("names the partial and its own line when the partial does not parse", () => {
    expect(() => render({ "partials/broken.njk": "ok\n{% if %}\n", "page.njk": 'one\n{% inline "partials/broken.njk" %}' }, "page.njk")).toThrow(
      /partials\/broken\.njk \[Line 2, Column \d+\]: unexpected token: %\}/,
    );
  });
});

describe("Lysark's layouts", () => {
  it("inline every partial named by a quoted path: an include costs each page its arrays of callbacks (docs/performance-log.md)", () => {
    const includes = filesUnder(LAYOUTS_DIR).filter(
      (file) => file.endsWith(".njk") && /\{%-?\s*include\s+["']/.test(readFileSync(path.join(LAYOUTS_DIR, file), "utf8")),
    );
    expect(includes).toEqual([]);
  });
});
