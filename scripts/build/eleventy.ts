/**
 * How `npm run build` and the dev server run Eleventy: its own templates
 * (pages/) only, with .eleventy.ts's configuration, while they write the
 * streamed pages, attachments, images and cards themselves.
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { configure, packageRoot } from "../../.eleventy.ts";

/** Renders Eleventy's own templates for the project in `root` into `outputDir`; returns the files written. */
export async function writeEleventyPages(root: string, outputDir: string, options: { quiet?: boolean; silent?: boolean } = {}): Promise<string[]> {
  const eleventy = new Eleventy(path.join(packageRoot, "pages"), outputDir, {
    configPath: false,
    config: configure(root, { callerWritesRest: true }),
    quietMode: options.quiet ?? true,
  });
  // quietMode still prints Eleventy's summary line; silent (--quiet) drops that too.
  if (options.silent) eleventy.disableLogger();
  const written = (await eleventy.write()) as unknown as Array<Array<{ outputPath?: string | false }>>;
  return written.flat().map((entry) => entry.outputPath).filter((file): file is string => typeof file === "string");
}
