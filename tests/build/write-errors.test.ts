/**
 * Where a build cannot write (scripts/build/write-errors.ts): out of room, it says the disk is full, how much room the
 * output's disk and the cache's disk have, and what to do, instead of Node's bare ENOSPC, and the last site stays; a
 * build cache it may not write is named with the fix; a checkout that stays read-only builds with --no-cache, which
 * neither reads nor writes the cache.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { buildFolderProblems, cacheFolderProblem, cacheNotWritableMessage, diskFullMessage } from "../../scripts/build/write-errors.ts";
import { runCli } from "../helpers/cli.ts";
import { doc, makeProject, removeProject, VALID_FRONT_MATTER } from "../helpers/fixture.ts";
import { whileUnwritable } from "../helpers/unwritable.ts";
import { testPng } from "../publish/helpers.ts";

const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });

describe("diskFullMessage", () => {
  it("names the room beside the output and for the cache, and the fix", () => {
    const root = os.tmpdir();
    const said = diskFullMessage(enospc, root, path.join(root, "_site"))!;
    expect(said).toMatch(/^The disk is full \(ENOSPC: no space left on device, write\)\.\n/);
    expect(said).toMatch(
      new RegExp(
        `Room left: beside the output folder ${path.join(root, "_site")}: [\\d.]+ (?:bytes|KB|MB|GB|TB) free; for the build cache \\.cache/lysark/: [\\d.]+ (?:bytes|KB|MB|GB|TB) free\\.`,
      ),
    );
    expect(said).toContain("Free space on that disk, or build onto another with --output.");
  });

  it("knows a full disk by its code, by its words from another thread or process, and by a quota; nothing else", () => {
    const root = os.tmpdir();
    expect(diskFullMessage(new Error("a writer process failed: ENOSPC: no space left on device, write"), root, root)).toMatch(/^The disk is full/);
    expect(diskFullMessage(Object.assign(new Error("EDQUOT: disk quota exceeded, write"), { code: "EDQUOT" }), root, root)).toMatch(/^The disk is full/);
    expect(diskFullMessage(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" }), root, root)).toBeUndefined();
    expect(diskFullMessage(new Error("content/a.md:1:1 title: Required"), root, root)).toBeUndefined();
  });
});

describe("npm run build on a full disk", () => {
  let dir: string | undefined;
  let disk: string | undefined;
  afterEach(() => {
    if (disk) {
      spawnSync("umount", [disk]);
      rmSync(disk, { recursive: true, force: true });
    }
    if (dir) removeProject(dir);
    dir = disk = undefined;
  });

  it("says so, with the room left, and leaves the last site as it was", async (context) => {
    disk = mkdtempSync(path.join(os.tmpdir(), "lysark-small-disk-"));
    // A file system of 600 KB, less than the fixture's site: only where this process may mount one (root on Linux).
    if (process.platform !== "linux" || spawnSync("mount", ["-t", "tmpfs", "-o", "size=600K", "tmpfs", disk]).status !== 0) {
      rmSync(disk, { recursive: true, force: true });
      disk = undefined;
      return context.skip("no small file system can be mounted here");
    }
    dir = makeProject();
    const output = path.join(disk, "site");
    mkdirSync(output);
    writeFileSync(path.join(output, "index.html"), "the last site\n");
    const result = runCli("build", dir, ["--output", output]);
    expect(result.stderr).toContain("The disk is full (ENOSPC: no space left on device");
    expect(result.stderr).toMatch(new RegExp(`Room left: beside the output folder ${output}: [\\d.]+ KB free; for the build cache`));
    expect(result.stderr).toContain("Build stopped. The previous site was left as it was.");
    expect(result.status).toBe(1);
    expect(readFileSync(path.join(output, "index.html"), "utf8")).toBe("the last site\n");
  });
});

describe("diskFullMessage through a link", () => {
  let work: string | undefined;
  let room: string | undefined;
  let mounted = false;
  afterEach(() => {
    if (mounted && room) spawnSync("umount", [room]);
    for (const folder of [work, room]) if (folder) rmSync(folder, { recursive: true, force: true });
    work = room = undefined;
    mounted = false;
  });

  const free = (folder: string) => {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  };
  const UNITS: Record<string, number> = { bytes: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
  const shownRoom = (said: string) => {
    const [, number, unit] = /beside the output folder [^:]+: ([\d.]+) (\w+) free;/.exec(said)!;
    return Number(number) * UNITS[unit!]!;
  };

  it("measures the room where the new site is written: beside the folder an output link leads to", async (context) => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-disk-link-"));
    // Two file systems of clearly different room, or the figure cannot tell which was measured: a small one mounted
    // where this process may (root on Linux), else /dev/shm, unless the temporary folder is on it too (CI's is).
    room = mkdtempSync(path.join(os.tmpdir(), "lysark-room-"));
    mounted = process.platform === "linux" && spawnSync("mount", ["-t", "tmpfs", "-o", "size=8M", "tmpfs", room]).status === 0;
    if (!mounted && existsSync("/dev/shm")) {
      rmSync(room, { recursive: true, force: true });
      room = mkdtempSync(path.join("/dev/shm", "lysark-room-"));
    }
    const served = path.join(room, "site");
    mkdirSync(served);
    const [project, linked] = [free(work), free(served)];
    if (Math.abs(project - linked) < 0.2 * Math.max(project, linked)) return context.skip("no file system of other room than the temporary folder's here");
    const link = path.join(work, "_site");
    symlinkSync(served, link);
    const said = diskFullMessage(enospc, work, link)!;
    expect(said).toContain(`beside the output folder ${link}:`);
    expect(Math.abs(shownRoom(said) - linked)).toBeLessThan(0.05 * linked);
  });
});

describe("a build cache the build may not write", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    dir = undefined;
  });

  it("is named with the fix, and once it is removed the build makes it again", async (context) => {
    dir = makeProject();
    const cache = path.join(dir, ".cache");
    mkdirSync(cache);
    await whileUnwritable(cache, context, async () => {
      // Found before the build starts (cacheFolderProblem), and by the check, so a passing check still means the build succeeds.
      const checked = runCli("check", dir!, []);
      expect(checked.stderr).toMatch(/^The build cache cannot be written \((?:EACCES|EPERM): \.cache\)\.$/m);
      expect(checked.status).toBe(1);
      const refused = runCli("build", dir!, []);
      expect(refused.stderr).toMatch(/^The build cache cannot be written \((?:EACCES|EPERM): \.cache\)\.$/m);
      expect(refused.stderr).toContain(
        'make .cache/ this user\'s again (one made by another user, such as a container run as root: sudo chown -R "$USER" .cache), or remove it:',
      );
      expect(refused.stderr).toContain("In a checkout that stays read-only, build with --no-cache");
      expect(refused.status).toBe(1);
      expect(existsSync(path.join(dir!, "_site"))).toBe(false);
    });
    rmSync(cache, { recursive: true, force: true });
    const built = runCli("build", dir!, []);
    expect(built.status, built.stderr).toBe(0);
    expect(existsSync(path.join(dir, "_site", "index.html"))).toBe(true);
  });

  it("is looked for in .cache/lysark/ and each folder in it, and in .cache/ or the project while they are not there", async (context) => {
    dir = makeProject();
    expect(cacheFolderProblem(dir)).toBeUndefined();
    const pages = path.join(dir, ".cache", "lysark", "pages");
    mkdirSync(pages, { recursive: true });
    expect(cacheFolderProblem(dir!)).toBeUndefined();
    await whileUnwritable(pages, context, async () => {
      expect(cacheFolderProblem(dir!)).toMatch(/^The build cache cannot be written \((?:EACCES|EPERM): \.cache\/lysark\/pages\)\.\n/);
    });
    rmSync(path.join(dir, ".cache"), { recursive: true });
    writeFileSync(path.join(dir, ".cache"), "");
    expect(cacheFolderProblem(dir)).toMatch(/^The build cache cannot be written: \.cache is a file, not a folder\.\n/);
  });

  it("comes after the output folder's problem in the one list build and check share, and not at all with --no-cache", () => {
    dir = makeProject();
    writeFileSync(path.join(dir, ".cache"), "");
    const output = path.join(dir, "_site");
    mkdirSync(output);
    writeFileSync(path.join(output, "notes.txt"), "mine");
    const problems = buildFolderProblems(dir, output, { outputGiven: false, cache: true });
    expect(problems.map((problem) => problem.name)).toEqual(["OutputFolderError", "CacheFolderError"]);
    expect(problems[0]!.message).toMatch(/^_site\/: /);
    expect(problems[1]!.message).toBe(cacheFolderProblem(dir));
    expect(buildFolderProblems(dir, output, { outputGiven: false, cache: false }).map((problem) => problem.name)).toEqual(["OutputFolderError"]);
    rmSync(output, { recursive: true });
    expect(buildFolderProblems(dir, output, { outputGiven: false, cache: false })).toEqual([]);
  });

  it("is told apart from other errors: a denied path elsewhere, a path in quotes from another thread", () => {
    const root = path.join(os.tmpdir(), "site");
    const denied = (message: string, file?: string) => Object.assign(new Error(message), { code: "EACCES", ...(file ? { path: file } : {}) });
    expect(cacheNotWritableMessage(denied("EACCES: permission denied, mkdir", path.join(root, ".cache", "lysark", "pages")), root)).toMatch(
      /^The build cache cannot be written/,
    );
    expect(
      cacheNotWritableMessage(new Error(`a writer failed: EACCES: permission denied, open '${path.join(root, ".cache", "lysark", "search", "x")}'`), root),
    ).toMatch(/^The build cache cannot be written/);
    expect(cacheNotWritableMessage(denied("EACCES: permission denied, open", path.join(root, "_site", "index.html")), root)).toBeUndefined();
    expect(
      cacheNotWritableMessage(Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT", path: path.join(root, ".cache", "x") }), root),
    ).toBeUndefined();
  });
});

describe("a checkout that stays read-only", () => {
  let dir: string | undefined;
  let out: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    if (out) rmSync(out, { recursive: true, force: true });
    dir = out = undefined;
  });

  it("builds with --no-cache into a folder of its own, cards and images made afresh, as check --no-cache says", async (context) => {
    dir = makeProject("site-basic", {
      "content/testby/med-bilde.md": doc(VALID_FRONT_MATTER.replace("Et dokument", "Med bilde"), "## Et diagram\n\n![Søyler](diagram.png)\n"),
      "content/testby/diagram.png": await testPng(480, 270),
    });
    out = mkdtempSync(path.join(os.tmpdir(), "lysark-read-only-out-"));
    const site = path.join(out, "site");
    const project = readdirSync(dir).sort();
    await whileUnwritable(dir, context, async () => {
      const checked = runCli("check", dir!, ["--output", site]);
      expect(checked.stderr).toMatch(/^The build cache cannot be written \((?:EACCES|EPERM): the project's folder\)\.$/m);
      expect(checked.status).toBe(1);
      const noCache = runCli("check", dir!, ["--no-cache", "--output", site, "--quiet"]);
      expect(noCache.stderr).toBe("");
      expect(noCache.status).toBe(0);
      const built = runCli("build", dir!, ["--no-cache", "--output", site, "--quiet"]);
      expect(built.stderr).toBe("");
      expect(built.status).toBe(0);
    });
    // Nothing written in the project: no .cache/ (not even the build lock), no _site/.
    expect(readdirSync(dir).sort()).toEqual(project);
    expect(readdirSync(out)).toEqual(["site"]);
    expect(readFileSync(path.join(site, "dokumenter", "testby", "med-bilde", "index.html"), "utf8")).toMatch(/<picture>/);
    expect(readdirSync(path.join(site, "media")).filter((name) => name.endsWith(".avif")).length).toBeGreaterThan(0);
    expect(existsSync(path.join(site, "social", "site-nb.png"))).toBe(true);
    expect(existsSync(path.join(site, "social", "testby", "med-bilde.png"))).toBe(true);
    // Writable again: the folders the build lock was taken in go with it, so --no-cache still leaves no .cache/.
    const again = await build({ root: dir, output: path.join(out, "again"), cache: false, quiet: true });
    expect(again.ok).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(project);
  });
});
