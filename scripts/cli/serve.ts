/**
 * Dev server with live reload. Content problems are printed and the server
 * keeps running; fix the file and the site rebuilds.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { loadContent } from "../content/load.ts";
import { reportProblems } from "./report.ts";

const root = process.cwd();
const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 8080);

const { problems } = loadContent(path.join(root, "content"), { root });
reportProblems(problems);

process.env.LYSARK_ROOT = root;
const eleventy = new Eleventy(path.join(packageRoot, "pages"), path.join(root, "_site"), {
  configPath: path.join(packageRoot, ".eleventy.ts"),
  runMode: "serve",
});
await eleventy.init();
await eleventy.watch();
await eleventy.serve(port);
