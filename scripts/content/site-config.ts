/**
 * site.config.json as the check reads it: a syntax error or a wrong field is a
 * problem with file, line and column like any content problem, never a stack
 * trace in the middle of a build.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { BASE_PATH_CHARACTERS } from "./base-path.ts";
import { forbiddenCharacter, forbiddenCharacterMessage, LIMITS } from "./limits.ts";
import type { Problem } from "./problems.ts";
import { schemaProblems } from "./validate.ts";
import { parseYamlSource } from "./yaml-source.ts";

export const SITE_CONFIG_FILE = "site.config.json";

/** A text the site writes into its pages: no control characters, and at most `max` characters. */
function printable<T extends z.ZodType<string>>(schema: T, max: number): T {
  return schema.check((ctx) => {
    const found = forbiddenCharacter(ctx.value);
    if (found) ctx.issues.push({ code: "custom", input: ctx.value, message: forbiddenCharacterMessage(found.code) });
    if (ctx.value.length > max)
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message: `is ${ctx.value.length.toLocaleString("en-US")} characters long; at most ${max.toLocaleString("en-US")}.`,
      });
  }) as T;
}

const webAddress = z.url({ protocol: /^https?$/, error: "must be a web address starting with https://" });

/** Why a URL's path cannot be a base path once its escapes are decoded ("%zz", an escaped "/", NUL), or undefined. */
function escapedPathProblem(pathname: string): string | undefined {
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `"${segment}" has a "%" that is not an escaped character (a "%" and two hexadecimal digits of UTF-8)`;
    }
    if (/[\u0000-\u001F\u007F]/u.test(decoded)) return `"${segment}" stands for a control character`;
    if (/[/\\?#%]/u.test(decoded) || decoded === "." || decoded === "..")
      return `"${segment}" is "${decoded}" once its escapes are read, which is not a plain folder name`;
  }
  return undefined;
}

/**
 * The site's own address. Its path part is the base path every link is
 * published under (scripts/content/base-path.ts), so it must be a plain path:
 * no query, no fragment, no characters that would need escaping in a page.
 */
const siteAddress = printable(webAddress, LIMITS.siteUrlLength)
  .check((ctx) => {
    const url = URL.parse(ctx.value);
    if (!url || !/^https?:$/.test(url.protocol)) return; // already reported as not a web address
    const fail = (message: string) => ctx.issues.push({ code: "custom", input: ctx.value, message });
    const example = `${url.protocol}//${url.host}${url.pathname}`;
    if (url.search || ctx.value.includes("?")) fail(`must not have a query ("?…"): links are made by adding paths to it. Write "${example}".`);
    if (url.hash || ctx.value.includes("#")) fail(`must not have a fragment ("#…"): links are made by adding paths to it. Write "${example}".`);
    if (url.username || url.password) fail(`must not hold a user name or password. Write "${url.protocol}//${url.host}${url.pathname}".`);
    const escaped = escapedPathProblem(url.pathname);
    if (url.pathname.includes("//") || !BASE_PATH_CHARACTERS.test(url.pathname) || escaped) {
      fail(
        `has a path ("${url.pathname}") that cannot be the site's base path${escaped ? ` (${escaped})` : ""}: use letters, digits, "-", ".", "_" and single "/" between folders, like "https://example.github.io/lysark/".`,
      );
    }
  })
  // One spelling for every absolute URL the site writes: scheme and host in lower case, the path (the base path) as
  // written, no trailing slash; "https://example.github.io/lysark/" → "https://example.github.io/lysark".
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  });

/** Site-wide settings an operator changes once (site.config.json). */
export const siteConfigSchema = z
  .object({
    /**
     * Public address of the site, without trailing slash; used for hreflang, feeds and sitemap. Its path part
     * ("https://example.github.io/lysark/" → "/lysark") is the base path of every link (scripts/content/base-path.ts).
     */
    url: siteAddress,
    repository: printable(webAddress, LIMITS.textLength).optional(),
    /** The branch edit links open ("<repository>/edit/<branch>/…"), as git names it. */
    editBranch: printable(
      z.string().regex(/^(?![-/.])(?!.*(?:\.\.|\/\/|\/\.|@\{|\.lock$|\/$|\.$))[\p{L}\p{N}._+\-/]+$/u, {
        error: 'must be a git branch name: letters, digits, "-", "_", ".", "+" and "/" between parts, like "main" or "release/2026"',
      }),
      LIMITS.textLength,
    ).default("main"),
    /** Documents per page on the listings by publisher, topic, type and year. */
    pageSize: z.number().int().min(1).max(LIMITS.pageSize).default(20),
    /**
     * "documents": a social card (1200×630 PNG with the title) per document, the
     * largest CPU cost of a build without a warm .cache/ (docs/performance-log.md);
     * "site": every page shares the site's card, for archives where that cost
     * matters more than a title on shared links.
     */
    socialCards: z.enum(["documents", "site"]).default("documents"),
  })
  .strict();
export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** Line and column (1-based) of a character offset in `text`. */
function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, col: lines[lines.length - 1]!.length + 1 };
}

export function loadSiteConfig(root: string): { config?: SiteConfig; problems: Problem[] } {
  const file = SITE_CONFIG_FILE;
  const problem = (line: number, col: number, field: string, message: string): Problem => ({ file, line, col, field, message, severity: "error" });
  let text: string;
  try {
    text = readFileSync(path.join(root, file), "utf8").replace(/^\uFEFF/, "");
  } catch {
    return { problems: [problem(1, 1, "", `is missing. Create it with at least { "url": "https://your.site" } (see README.md).`)] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // V8 names the offset ("… in JSON at position 42 (line 3 column 5)"); an empty file has none.
    const at = /position (\d+)/.exec(message);
    const where = at ? position(text, Number(at[1])) : position(text, text.length);
    return {
      problems: [
        problem(
          where.line,
          where.col,
          "",
          `is not valid JSON: ${message.replace(/^JSON\.parse: /, "")}. Fix the syntax (quotes around names and text, commas between fields, no trailing comma).`,
        ),
      ],
    };
  }
  // JSON is YAML, so the YAML parser gives each field's line and column.
  const source = parseYamlSource(text, 1);
  // JSON.parse keeps the last of two fields of one name, and a problem would be placed at the first: refused instead.
  const duplicates = source.errors.filter((error) => /keys must be unique/u.test(error.message));
  if (duplicates.length) {
    const lines = text.split("\n");
    return {
      problems: duplicates.map(({ line, col }) => {
        const offset = lines.slice(0, line - 1).reduce((sum, before) => sum + before.length + 1, 0) + col - 1;
        const key = /"((?:[^"\\]|\\.)*)"/y;
        key.lastIndex = offset;
        const name = key.exec(text)?.[1] ?? "";
        return problem(line, col, name, `appears twice; JSON would keep only this one and ignore the first without a word. Delete one of them.`);
      }),
    };
  }
  const result = siteConfigSchema.safeParse(value);
  if (result.success) return { config: result.data, problems: [] };
  return { problems: schemaProblems(file, siteConfigSchema, result.error.issues, source) };
}
