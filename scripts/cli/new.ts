/**
 * npm run new -- --publisher ID --type TYPE --title "…" [--lang nb] [--date YYYY-MM-DD] [--slug SLUG]
 *
 * Creates content/<publisher>/<slug>.md with valid front-matter and one
 * example slide (or section). Refuses an existing file; writes nothing on error.
 */
import path from "node:path";
import { basePathOf, withBase } from "../content/base-path.ts";
import { DOCUMENT_TYPES } from "../content/schema.ts";
import { loadSiteConfig } from "../content/site-config.ts";
import { CONTENT_LANGUAGES } from "../i18n/locales.ts";
import { projectFolderProblem } from "../content/project-folder.ts";
import { defaultIo, isMain, parseOptions, USAGE_ERROR, type Io } from "../editor/cli-args.ts";
import { createDocument, EditorError } from "../editor/scaffold.ts";

export const USAGE = `Usage:
  npm run new -- --publisher ID --type TYPE --title "Title" [--lang LANG] [--date YYYY-MM-DD] [--slug SLUG]

  --publisher ID  folder under content/ (it must have a _publisher.yaml)
  --type TYPE     ${DOCUMENT_TYPES.join(", ")}
  --title "…"     the document's title; the file name is made from it (æ → ae, ø → o, å → a)
  --lang LANG     language of the text: ${CONTENT_LANGUAGES.join(", ")} (default nb)
  --date DATE     YYYY-MM-DD, YYYY-MM, YYYY or unknown (default: today)
  --slug SLUG     file name without .md, instead of the one made from the title
  -h, --help      this help`;

const OPTIONS = {
  publisher: { type: "string" },
  type: { type: "string" },
  title: { type: "string" },
  lang: { type: "string" },
  date: { type: "string" },
  slug: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export function main(argv: string[], io: Io = defaultIo, today?: Date): number {
  const parsed = parseOptions(argv, OPTIONS);
  if ("error" in parsed) {
    io.stderr(`new: ${parsed.error}\n\n${USAGE}\n`);
    return USAGE_ERROR;
  }
  const values = parsed.values as Partial<Record<keyof typeof OPTIONS, string>> & { help?: boolean };
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const missing = (["publisher", "type", "title"] as const).filter((name) => values[name] === undefined);
  if (missing.length) {
    io.stderr(`new: missing ${missing.map((name) => `--${name}`).join(", ")}\n\n${USAGE}\n`);
    return USAGE_ERROR;
  }
  const notAProject = projectFolderProblem(io.cwd);
  if (notAProject) {
    io.stderr(`new: ${notAProject}\nNothing was written.\n`);
    return 1;
  }
  try {
    const created = createDocument({
      root: io.cwd,
      publisher: values.publisher!,
      type: values.type!,
      title: values.title!,
      lang: values.lang,
      date: values.date,
      slug: values.slug,
      today,
    });
    const file = path.relative(io.cwd, created.file);
    // npm start serves the site under the base path of url (a broken site.config.json is the check's to report).
    const base = basePathOf(loadSiteConfig(io.cwd).config?.url ?? "http://localhost/");
    io.stdout(
      `Created ${file}\n\nNext:\n  1. Open ${file} and write the text: one "##" heading per slide.\n  2. Run npm run check to see anything that needs fixing.\n  3. Preview with npm start: http://localhost:8080${withBase(base, created.url)}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof EditorError) {
      io.stderr(`new: ${error.message}\nNothing was written.\n`);
      return 1;
    }
    throw error;
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
