/**
 * `{% inline "partials/x.njk" %}`: a partial compiled into the template that
 * names it, instead of rendered beside it as `{% include %}` does.
 *
 * Why: Nunjucks compiles each `{% include %}` to an array of callbacks run in
 * turn, made on every render. V8 learns to allocate those arrays in the old
 * generation, where they keep the page's strings alive through every young
 * collection until a full one: rendering the pages of a 2,000-document site
 * promoted 735 MB with includes and 126 MB with the partials in place, and
 * the page phase, timed alone, took about 30 % less CPU (docs/performance-log.md,
 * "partials compiled into their page").
 *
 * What it means for a template: the partial is parsed on its own, with the
 * environment's options, so its whitespace control is its own, exactly as for
 * an include. Its nodes then run in the including template's scope, as if
 * written there: a `{% set %}` or `{% from … import %}` in it stays visible
 * after the tag (an include's would not). A partial that extends a layout or
 * defines blocks cannot be inlined; an error says so. A render error inside
 * an inlined partial is reported at the line of its `{% inline %}` tag.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The little of Nunjucks' parser, lexer and node classes the tag uses (Nunjucks ships no types). */
interface TemplateNode {
  lineno: number;
  colno: number;
  typename: string;
  fields: readonly string[];
  children?: TemplateNode[];
  value?: unknown;
  findAll(type: unknown): TemplateNode[];
}
interface NodeClasses {
  NodeList: new (lineno: number, colno: number, children: TemplateNode[]) => TemplateNode;
  Literal: unknown;
  Extends: unknown;
  Block: unknown;
}
interface TemplateParser {
  nextToken(): { value: string; lineno: number; colno: number };
  parseSignature(tolerant: null, noParens: boolean): TemplateNode;
  advanceAfterBlockEnd(name: string): void;
  fail(message: string, lineno?: number, colno?: number): never;
}
interface Nunjucks {
  parser: { parse(source: string, extensions: unknown[], options: object): TemplateNode };
  nodes: NodeClasses;
}
const nunjucks = createRequire(import.meta.url)("nunjucks") as Nunjucks;

export const INLINE_TAG = "inline";

/** Every node under `node` (itself included) placed at one line and column. */
function placeAt(node: unknown, lineno: number, colno: number): void {
  if (Array.isArray(node)) {
    for (const child of node) placeAt(child, lineno, colno);
    return;
  }
  if (!node || typeof node !== "object" || !("fields" in node)) return;
  const templateNode = node as TemplateNode;
  templateNode.lineno = lineno;
  templateNode.colno = colno;
  // A node list's children are one of its fields.
  for (const field of templateNode.fields) placeAt((templateNode as unknown as Record<string, unknown>)[field], lineno, colno);
}

/**
 * The Nunjucks extension that adds `{% inline %}` to an environment whose
 * templates are under `layoutsDir`. `environment` gives the parser options
 * and extensions (this one included), so an inlined partial may inline others.
 */
export class InlinePartials {
  readonly tags = [INLINE_TAG];
  /** The partials being inlined (paths under layoutsDir), outermost first: a partial that inlines itself, at any depth, is an error, not a stack overflow. */
  private readonly open: string[] = [];

  constructor(
    private readonly layoutsDir: string,
    private readonly environment: { opts: object; extensionsList: unknown[] },
  ) {}

  parse(parser: TemplateParser): TemplateNode {
    const tag = parser.nextToken();
    const args = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(tag.value);
    const name = args.children?.length === 1 && args.children[0]!.typename === "Literal" ? args.children[0]!.value : undefined;
    if (typeof name !== "string")
      parser.fail(
        `{% ${INLINE_TAG} %} takes one quoted template name, e.g. {% ${INLINE_TAG} "partials/deck.njk" %}; use {% include %} for a name made at render time`,
        tag.lineno,
        tag.colno,
      );
    const file = path.resolve(this.layoutsDir, name);
    const relative = path.relative(this.layoutsDir, file);
    if (relative.startsWith("..") || path.isAbsolute(relative))
      parser.fail(`{% ${INLINE_TAG} "${name}" %}: the partial must be inside ${this.layoutsDir}`, tag.lineno, tag.colno);
    if (this.open.includes(relative))
      parser.fail(`{% ${INLINE_TAG} "${name}" %} inlines itself: ${[...this.open, relative].join(" → ")}`, tag.lineno, tag.colno);
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (error) {
      parser.fail(`{% ${INLINE_TAG} "${name}" %}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`, tag.lineno, tag.colno);
    }
    this.open.push(relative);
    let root: TemplateNode;
    try {
      root = nunjucks.parser.parse(source, this.environment.extensionsList, this.environment.opts);
    } catch (error) {
      // The including template's path would go on Nunjucks' message: name the partial, at its own line and column.
      const { message, lineno, colno } = error as Error & { lineno?: number; colno?: number };
      throw new Error(`${name}${lineno === undefined ? "" : ` [Line ${lineno}, Column ${colno}]`}: ${message}`, { cause: error });
    } finally {
      this.open.pop();
    }
    if (root.findAll(nunjucks.nodes.Extends).length || root.findAll(nunjucks.nodes.Block).length)
      parser.fail(`{% ${INLINE_TAG} "${name}" %}: a partial with {% extends %} or {% block %} cannot be inlined; use {% include %}`, tag.lineno, tag.colno);
    placeAt(root.children, tag.lineno, tag.colno);
    return new nunjucks.nodes.NodeList(tag.lineno, tag.colno, root.children ?? []);
  }
}
