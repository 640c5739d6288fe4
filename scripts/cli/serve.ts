/**
 * Dev server with live reload. Content problems are printed and shown in a
 * banner on every page (scripts/editor/dev-data.ts), and the server keeps
 * running; fix the file and the site rebuilds. Only changed documents are parsed again.
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { configure, packageRoot } from "../../.eleventy.ts";
import { DevSiteDataSource } from "../editor/dev-data.ts";
import { presetSiteData } from "../site/site-data.ts";
import { reportProblems } from "./report.ts";

const root = process.cwd();
const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 8080);

const dev = new DevSiteDataSource(root, { problems: (problems) => reportProblems(problems), info: (message) => console.log(`[lysark] ${message}`) });

const eleventy = new Eleventy(path.join(packageRoot, "pages"), path.join(root, "_site"), {
  configPath: false,
  config: (eleventyConfig: Parameters<ReturnType<typeof configure>>[0]) => {
    configure(root)(eleventyConfig);
    // Replaces the build's data: never throws on content errors, re-parses only changed documents.
    eleventyConfig.addGlobalData("lysark", () => {
      const { data, parsed, reused, ms } = dev.rebuild();
      console.log(`[lysark] content loaded in ${ms.toFixed(0)} ms (${parsed} document(s) parsed, ${reused} unchanged)`);
      // Whatever else asks for the site data during this rebuild (e.g. publishing's eleventy.after) gets the same.
      presetSiteData(data);
      return data;
    });
  },
  runMode: "serve",
});
await eleventy.init();
await eleventy.watch();
await eleventy.serve(port);
