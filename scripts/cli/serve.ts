/**
 * Dev server with live reload. Content problems are printed and the server
 * keeps running; fix the file and the site rebuilds.
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { configure, packageRoot } from "../../.eleventy.ts";
import { loadContent } from "../content/load.ts";
import { reportProblems } from "./report.ts";

const root = process.cwd();
const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 8080);

const { problems } = loadContent(path.join(root, "content"), { root });
reportProblems(problems);

const eleventy = new Eleventy(path.join(packageRoot, "pages"), path.join(root, "_site"), {
  configPath: false,
  config: configure(root),
  runMode: "serve",
});
await eleventy.init();
await eleventy.watch();
await eleventy.serve(port);
