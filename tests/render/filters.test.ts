/**
 * Filters that print markup themselves (scripts/render/filters.ts) stand in
 * for a template loop: they must print exactly what the loop printed, with
 * the same escaping as `{{ }}` under autoescape.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { templateFilters } from "../../scripts/render/filters.ts";
import { NUNJUCKS_OPTIONS } from "../../scripts/render/pages.ts";

const nunjucks = createRequire(import.meta.url)("nunjucks") as {
  Environment: new (loader: null, options: object) => { renderString(template: string, context: object): string };
};
const env = new nunjucks.Environment(null, NUNJUCKS_OPTIONS);

describe("metaTags", () => {
  it("prints what a loop over the tags printed, escaping names and contents as autoescape does", () => {
    const tags = [
      { name: "citation_title", content: `Barn & unge: "Plan" <2025> – 'utkast' C:\\mappe` },
      { name: "DC.creator", content: "Ærlig Østby" },
      { name: `odd"name<`, content: "" },
    ];
    const loop = env.renderString('{% for tag in tags %}\n<meta name="{{ tag.name }}" content="{{ tag.content }}">\n{% endfor %}\n', { tags });
    expect(templateFilters.metaTags(tags)).toBe(loop);
    expect(templateFilters.metaTags(tags)).toContain('content="Barn &amp; unge: &quot;Plan&quot; &lt;2025&gt; – &#39;utkast&#39; C:&#92;mappe"');
    expect(templateFilters.metaTags([])).toBe("");
  });
});
