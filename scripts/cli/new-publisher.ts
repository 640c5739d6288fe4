/**
 * npm run new-publisher -- --id ID --name-nb "…" --name-en "…" --country NO --kind kommune
 *                          [--parent ID] [--successor ID] [--region "…"] [--website https://…]
 *
 * Creates content/<id>/_publisher.yaml. Refuses an existing publisher; writes nothing on error.
 */
import path from "node:path";
import { COUNTRIES, PUBLISHER_KINDS } from "../content/schema.ts";
import { UI_LOCALES } from "../i18n/locales.ts";
import { projectFolderProblem } from "../content/project-folder.ts";
import { defaultIo, isMain, parseOptions, USAGE_ERROR, type Io } from "../editor/cli-args.ts";
import { createPublisher, EditorError } from "../editor/scaffold.ts";

// One --name-<locale> per UI language, so adding a locale adds its option.
const NAME_OPTIONS = Object.fromEntries(UI_LOCALES.map((locale) => [`name-${locale}`, { type: "string" as const }]));

export const USAGE = `Usage:
  npm run new-publisher -- --id ID ${UI_LOCALES.map((locale) => `--name-${locale} "…"`).join(" ")} --country COUNTRY --kind KIND
                           [--parent ID] [--successor ID] [--region "…"] [--website https://…]

  --id ID          lowercase a–z, digits and hyphens; becomes the folder content/<ID>/
${UI_LOCALES.map((locale) => `  ${`--name-${locale} "…"`.padEnd(17)}the name shown on the site in ${locale}`).join("\n")}
  --country C      ${COUNTRIES.join(", ")}
  --kind KIND      ${PUBLISHER_KINDS.join(", ")}
  --parent ID      the publisher this one belongs to (a district's city)
  --successor ID   the publisher this one became part of (a merged municipality)
  --region "…"     county or region, groups the publisher list
  --website URL    the publisher's website
  -h, --help       this help`;

const OPTIONS = {
  id: { type: "string" },
  ...NAME_OPTIONS,
  country: { type: "string" },
  kind: { type: "string" },
  parent: { type: "string" },
  successor: { type: "string" },
  region: { type: "string" },
  website: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export function main(argv: string[], io: Io = defaultIo): number {
  const parsed = parseOptions(argv, OPTIONS);
  if ("error" in parsed) {
    io.stderr(`new-publisher: ${parsed.error}\n\n${USAGE}\n`);
    return USAGE_ERROR;
  }
  const values = parsed.values as Record<string, string | undefined> & { help?: boolean };
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const missing = ["id", ...Object.keys(NAME_OPTIONS), "country", "kind"].filter((name) => values[name] === undefined);
  if (missing.length) {
    io.stderr(`new-publisher: missing ${missing.map((name) => `--${name}`).join(", ")}\n\n${USAGE}\n`);
    return USAGE_ERROR;
  }
  const notAProject = projectFolderProblem(io.cwd);
  if (notAProject) {
    io.stderr(`new-publisher: ${notAProject}\nNothing was written.\n`);
    return 1;
  }
  try {
    const created = createPublisher({
      root: io.cwd,
      id: values.id!,
      names: Object.fromEntries(UI_LOCALES.map((locale) => [locale, values[`name-${locale}`]])),
      country: values.country!,
      kind: values.kind!,
      parent: values.parent,
      successor: values.successor,
      region: values.region,
      website: values.website,
    });
    const file = path.relative(io.cwd, created.file);
    const id = path.basename(path.dirname(created.file));
    io.stdout(`Created ${file}\n\nNext: add its first document with\n  npm run new -- --publisher ${id} --type presentation --title "…"\n`);
    return 0;
  } catch (error) {
    if (error instanceof EditorError) {
      io.stderr(`new-publisher: ${error.message}\nNothing was written.\n`);
      return 1;
    }
    throw error;
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
