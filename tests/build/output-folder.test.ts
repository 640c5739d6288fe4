/**
 * A build replaces its output folder whole, so it refuses, before it starts, an output that is the project or holds
 * it, holds Lysark, lies inside what the build reads, is a file, or holds anything a Lysark site does not have.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { outputFolderProblem, siteTopLevelNames } from "../../scripts/build/output-folder.ts";
import { runCli } from "../helpers/cli.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";
import { whileUnwritable } from "../helpers/unwritable.ts";

describe("the output folder a build may replace", () => {
  let work: string;
  let root: string;
  let lysark: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-output-"));
    root = path.join(work, "site");
    lysark = path.join(work, "lysark");
    for (const folder of [path.join(root, "content"), path.join(lysark, "layouts")]) mkdirSync(folder, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));
  const problem = (output: string, given = true) => outputFolderProblem(root, path.resolve(root, output), given, { lysark });

  it("refuses the project's folder and any folder holding it, also through a symbolic link", () => {
    expect(problem(".")).toBe(
      "--output .: that is the project's own folder. A build replaces its output folder whole, so it would remove the project. Build into a folder of its own, such as _site (the default).",
    );
    expect(problem("..")).toMatch(new RegExp(`^--output ${work}: that is a folder holding the project\\. `));
    expect(problem("/")).toMatch(/^--output \/: that is a folder holding the project\./);
    symlinkSync(root, path.join(work, "link"));
    expect(problem(path.join(work, "link"))).toMatch(/that is the project's own folder/);
  });

  it("refuses Lysark's folder, and what the build reads", () => {
    expect(problem(lysark)).toMatch(/that folder holds Lysark itself .* so it would remove Lysark\./);
    expect(problem("content")).toBe("--output content: that is content, which the build reads. Build into a folder of its own, such as _site (the default).");
    expect(problem("content/site")).toMatch(/^--output content\/site: that is inside content, which the build reads\./);
    expect(problem(".cache/lysark/site")).toMatch(/that is inside \.cache, which the build reads/);
    expect(problem(".git")).toMatch(/that is \.git, which the build reads/);
    expect(problem(path.join(lysark, "layouts", "x"))).toMatch(/that is inside .*lysark\/layouts, which the build reads/);
  });

  it("refuses a file, and a folder holding anything a site Lysark writes does not have, naming it", () => {
    writeFileSync(path.join(root, "notes.txt"), "");
    expect(problem("notes.txt")).toMatch(/^--output notes\.txt: that is a file, not a folder\./);
    const output = path.join(root, "_site");
    mkdirSync(path.join(output, "dokumenter"), { recursive: true });
    for (const name of ["index.html", "_headers", ".DS_Store"]) writeFileSync(path.join(output, name), "");
    expect(problem("_site", false)).toBeUndefined();
    // What npm start stopped while it indexed leaves beside the search index: its next start refused the folder for them.
    for (const name of ["pagefind", "pagefind.slice-0", "pagefind.slice-12", "pagefind.next", "pagefind.old"]) mkdirSync(path.join(output, name));
    // A large site's sitemap comes in parts beside its index.
    for (const name of ["sitemap.xml", "sitemap-1.xml", "sitemap-12.xml"]) writeFileSync(path.join(output, name), "");
    expect(problem("_site", false)).toBeUndefined();
    expect(outputFolderProblem(root, output, false, { lysark, inPlace: true })).toBeUndefined();
    for (const name of ["CNAME", "photos", "a.txt", "sitemap-0.xml"]) writeFileSync(path.join(output, name), "");
    expect(problem("_site", false)).toBe(
      "_site/: that folder holds files a site Lysark writes does not have (CNAME, a.txt, photos and 1 more). A build replaces its output folder whole, so it would remove them. Build into a new or empty folder, or move them away first.",
    );
  });

  it("takes a folder that is not there yet, or is empty", () => {
    expect(problem("_site")).toBeUndefined();
    expect(problem(path.join(work, "elsewhere", "site"))).toBeUndefined();
    mkdirSync(path.join(work, "empty"));
    expect(problem(path.join(work, "empty"))).toBeUndefined();
  });

  it("knows each locale's sections by their translated names", () => {
    for (const name of ["dokumenter", "innebygd", "tema", "ar", "sok", "nokkeltall", "veiledning", "en", "assets", "media", "pagefind", "social"])
      expect(siteTopLevelNames().has(name), name).toBe(true);
    expect(siteTopLevelNames().has("documents")).toBe(false);
  });
});

describe("npm run build -- --output", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    dir = undefined;
  });

  it("refuses the project's own folder, and the project is left as it was", () => {
    dir = makeProject();
    const before = readdirSync(dir).sort();
    const result = runCli("build", dir, ["--output", "."]);
    expect(result.stderr).toContain("--output .: that is the project's own folder.");
    expect(result.status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(path.dirname(dir)).filter((name) => name.startsWith(`.${path.basename(dir!)}.building-`))).toEqual([]);
    expect(existsSync(path.join(dir, "content"))).toBe(true);
  });
});

describe("npm run check and the output folder", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    dir = undefined;
  });

  it("fails on the _site/ a build would refuse, and on a refused --output, so a passing check still means the build succeeds", () => {
    dir = makeProject();
    expect(runCli("check", dir, []).status).toBe(0);
    mkdirSync(path.join(dir, "_site"));
    writeFileSync(path.join(dir, "_site", "CNAME"), "arkiv.example.no\n");
    const check = runCli("check", dir, []);
    expect(check.stderr).toContain("_site/: that folder holds files a site Lysark writes does not have (CNAME).");
    expect(check.stderr).toContain("check failed: 1 error(s)");
    expect(check.status).toBe(1);
    // The build it stands for refuses the same folder, with the same words.
    const build = runCli("build", dir, []);
    expect(build.stderr).toContain("_site/: that folder holds files a site Lysark writes does not have (CNAME).");
    expect(build.status).toBe(1);
    // Another output is checked instead of _site/ when named.
    expect(runCli("check", dir, ["--output", "public"]).status).toBe(0);
    const own = runCli("check", dir, ["--output", "content"]);
    expect(own.stderr).toContain("--output content: that is content, which the build reads.");
    expect(own.status).toBe(1);
    expect(existsSync(path.join(dir, "public"))).toBe(false);
  });
});

describe("an output folder that is a symbolic link", () => {
  let dir: string | undefined;
  let served: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    if (served) rmSync(path.dirname(served), { recursive: true, force: true });
    dir = served = undefined;
  });

  it("is built through: the folder it leads to is replaced and the link stays, build after build", async () => {
    dir = makeProject();
    served = path.join(mkdtempSync(path.join(os.tmpdir(), "lysark-served-")), "www");
    mkdirSync(served);
    const link = path.join(dir, "_site");
    symlinkSync(served, link);
    for (const round of [1, 2, 3]) {
      const result = await build({ root: dir });
      expect(result.ok, `build ${round}`).toBe(true);
      expect(result.output).toBe(link);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(served);
      expect(existsSync(path.join(served, "index.html")), `build ${round}`).toBe(true);
    }
    // Nothing of the builds is left in the project beside the link: the staging and the replaced sites sit beside the folder.
    expect(readdirSync(dir).filter((name) => name.startsWith("._site."))).toEqual([]);
  });

  it("that leads to a folder not made yet is built through as well: the folder is made there, and the link stays", async () => {
    dir = makeProject();
    const base = mkdtempSync(path.join(os.tmpdir(), "lysark-served-"));
    served = path.join(base, "www");
    const link = path.join(dir, "_site");
    // Relative, as `ln -s` often makes them, and through a second link.
    symlinkSync("www", path.join(base, "hop"));
    symlinkSync(path.relative(dir, path.join(base, "hop")), link);
    for (const round of [1, 2]) {
      const result = await build({ root: dir });
      expect(result.ok, `build ${round}`).toBe(true);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(existsSync(path.join(served, "index.html")), `build ${round}`).toBe(true);
    }
    expect(readdirSync(dir).filter((name) => name.startsWith("._site."))).toEqual([]);
  });

  it("that leads into the project is refused as the folder itself would be", () => {
    dir = makeProject();
    symlinkSync(path.join("content", "site"), path.join(dir, "_site"));
    expect(outputFolderProblem(dir, path.join(dir, "_site"), false)).toBe(
      "_site/: that is inside content, which the build reads. Build into a folder of its own, such as _site (the default).",
    );
  });
});

describe("the folder around the output", () => {
  let dir: string | undefined;
  let work: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    if (work) rmSync(work, { recursive: true, force: true });
    dir = work = undefined;
  });

  it("is made when it is not there yet: --output into new folders builds", async () => {
    dir = makeProject();
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-nested-"));
    const output = path.join(work, "public", "arkiv", "site");
    const result = await build({ root: dir, output });
    expect(result.ok).toBe(true);
    expect(existsSync(path.join(output, "index.html"))).toBe(true);
    expect(readdirSync(path.dirname(output))).toEqual(["site"]);
  });

  it("that is a file stops the build with its name, before anything is written", async () => {
    dir = makeProject();
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-nested-"));
    writeFileSync(path.join(work, "notes"), "not a folder\n");
    const output = path.join(work, "notes", "site");
    const said = `${path.join(work, "notes")} is a file, not a folder, so the output folder cannot be made in it. Choose another --output.`;
    await expect(build({ root: dir, output })).rejects.toThrow(said);
    // The check looks ahead as the build does.
    const check = runCli("check", dir, ["--output", output]);
    expect(check.stderr).toContain(`--output ${output}: ${said}`);
    expect(check.status).toBe(1);
    expect(readFileSync(path.join(work, "notes"), "utf8")).toBe("not a folder\n");
  });

  it("the build may not write in stops it with that folder named and the fix, and the site there stays", async (context) => {
    dir = makeProject();
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-www-"));
    const site = path.join(work, "site");
    mkdirSync(site);
    writeFileSync(path.join(site, "index.html"), "the site being served\n");
    symlinkSync(site, path.join(dir, "_site"));
    await whileUnwritable(work, context, async () => {
      const said = `_site/: the build may not write in ${work} (`;
      await expect(build({ root: dir! })).rejects.toThrow(said);
      await expect(build({ root: dir! })).rejects.toThrow(`Make ${work} writable for this user, or build into a folder of your own with --output`);
      const check = runCli("check", dir!, []);
      expect(check.stderr).toContain(said);
      expect(check.status).toBe(1);
    });
    expect(readdirSync(work)).toEqual(["site"]);
    expect(readFileSync(path.join(site, "index.html"), "utf8")).toBe("the site being served\n");
  });
});
