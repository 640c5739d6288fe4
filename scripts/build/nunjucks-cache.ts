/**
 * Compiles each Nunjucks template once per environment.
 *
 * Eleventy 3.1 does not cache Nunjucks compiles (its engine opted out of
 * Eleventy's compile cache in favour of Nunjucks' own, which only covers
 * layouts and includes), and pagination gives every page its own copy of the
 * template: the document template was parsed and compiled again for each of
 * the 2 × N document pages — about 40 % of the render phase on a large site
 * (see docs/performance.md). The compiled code depends only on the template
 * text, its path and the environment (filters, extensions, options), so it is
 * kept per environment under that key and handed to later copies the way
 * Nunjucks loads precompiled templates (`tmplProps`).
 *
 * This patches the Nunjucks instance Eleventy itself loads; importing this
 * module more than once is harmless.
 */
import { createRequire } from "node:module";

interface NunjucksTemplate {
  env: object;
  path: string | null;
  tmplStr?: string;
  tmplProps?: Record<string, unknown>;
  blocks: Record<string, unknown>;
  rootRenderFunc: unknown;
  _compile(): void;
}

const eleventyRequire = createRequire(createRequire(import.meta.url).resolve("@11ty/eleventy"));
const nunjucks = eleventyRequire("nunjucks") as { Template: { prototype: NunjucksTemplate } };
const proto = nunjucks.Template.prototype as NunjucksTemplate & { __lysarkCompileCache?: true };

if (!proto.__lysarkCompileCache) {
  proto.__lysarkCompileCache = true;
  const compiled = new WeakMap<object, Map<string, Record<string, unknown>>>();
  const original = proto._compile;
  proto._compile = function (this: NunjucksTemplate) {
    if (this.tmplProps || typeof this.tmplStr !== "string") return original.call(this);
    let cache = compiled.get(this.env);
    if (!cache) compiled.set(this.env, (cache = new Map()));
    const key = `${this.path ?? ""}\0${this.tmplStr}`;
    const props = cache.get(key);
    if (props) {
      this.tmplProps = props;
      return original.call(this);
    }
    original.call(this);
    // The same shape Nunjucks' compiled code returns: root plus one b_<name> per block.
    const fresh: Record<string, unknown> = { root: this.rootRenderFunc };
    for (const [name, block] of Object.entries(this.blocks)) fresh[`b_${name}`] = block;
    cache.set(key, fresh);
  };
}
