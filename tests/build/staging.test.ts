/**
 * A killed build leaves its staging folder and temporary cache files behind;
 * the next build removes those of processes that are gone, and keeps those of
 * a build still running. The site a build replaces is set aside and removed by
 * the next build while it works.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build/build.ts";
import { createStaging, removeStaleStaging } from "../../scripts/build/staging.ts";
import { isRunning, removeStaleTemporaryFiles } from "../../scripts/content/temporary-files.ts";
import { writeImages } from "../../scripts/images/images.ts";
import { readFileSync } from "node:fs";
import { filesUnder, makeProject } from "../helpers/fixture.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lysark-staging-"));
  dirs.push(dir);
  return dir;
}

/** A process id that no process has now. */
function deadPid(): number {
  for (let pid = 4_000_000; pid > 3_000_000; pid -= 7919) if (!isRunning(pid)) return pid;
  throw new Error("no free pid found");
}

describe("staging folders", () => {
  it("are named after the build's process", () => {
    const output = path.join(tempDir(), "_site");
    expect(path.basename(createStaging(output))).toMatch(new RegExp(`^\\._site\\.building-${process.pid}-`));
  });

  it("of killed builds are removed, and the sites swaps replaced; those of running builds stay", async () => {
    const parent = tempDir();
    const output = path.join(parent, "_site");
    const dead = `._site.building-${deadPid()}-abc123`;
    const old = "._site.building-XyZ123"; // named before the process id was part of it
    const oldSwap = `._site.building-${deadPid()}-def456.old`;
    const running = `._site.building-${process.ppid}-ghi789`; // the test runner's parent is alive
    const runningSwap = `._site.building-${process.ppid}-jkl012.old`; // a swap still under way
    const replaced = `._site.building-${process.ppid}-mno345.previous`; // swapped out: nobody's
    const other = "._other.building-1-x"; // another output's
    for (const name of [dead, old, oldSwap, running, runningSwap, replaced, other]) mkdirSync(path.join(parent, name, "sub", "deeper"), { recursive: true });
    for (const name of [dead, replaced]) writeFileSync(path.join(parent, name, "sub", "deeper", "index.html"), "x");
    const staging = createStaging(output);
    const stale = removeStaleStaging(output, staging);
    expect(stale.names.sort()).toEqual([dead, old, oldSwap, replaced].sort());
    await stale.removed;
    expect(readdirSync(parent).sort()).toEqual([other, running, runningSwap, path.basename(staging)].sort());
  });
});

describe("the site a build replaces", () => {
  it("is set aside, and removed by the next build while it works; without the cache, at once", async () => {
    const root = makeProject("site-basic");
    dirs.push(root);
    const output = path.join(root, "_site");
    const setAside = () => readdirSync(root).filter((name) => name.includes(".building-"));
    const first = await build({ root });
    expect(first.ok).toBe(true);
    expect(setAside()).toEqual([]);
    const firstFiles = filesUnder(output);
    const firstHome = readFileSync(path.join(output, "index.html"));

    const second = await build({ root });
    expect(second.ok).toBe(true);
    const [previous, ...more] = setAside();
    expect(more).toEqual([]);
    expect(previous).toMatch(new RegExp(`^\\._site\\.building-${process.pid}-.+\\.previous$`));
    // The first build's site, whole; the second's in place.
    expect(filesUnder(path.join(root, previous!))).toEqual(firstFiles);
    expect(readFileSync(path.join(root, previous!, "index.html")).equals(firstHome)).toBe(true);
    expect(filesUnder(output)).toEqual(firstFiles);
    expect(second.timings["remove previous"]).toBeUndefined();

    const third = await build({ root });
    expect(third.ok).toBe(true);
    expect(third.timings["remove previous"]).toBeGreaterThanOrEqual(0);
    const [next, ...others] = setAside();
    expect(others).toEqual([]);
    expect(next).not.toBe(previous);

    const uncached = await build({ root, cache: false });
    expect(uncached.ok).toBe(true);
    expect(setAside()).toEqual([]);
    expect(filesUnder(output)).toEqual(firstFiles);
  });
});

describe("temporary files in the cache", () => {
  it("of processes that are gone are removed", () => {
    const cache = tempDir();
    const dead = deadPid();
    writeFileSync(path.join(cache, `abc.png.${dead}.3.tmp`), "half");
    mkdirSync(path.join(cache, `.tmp-${dead}-xyz`));
    writeFileSync(path.join(cache, `abc.png.${process.ppid}.1.tmp`), "being written");
    writeFileSync(path.join(cache, "abc.png"), "done");
    removeStaleTemporaryFiles(cache);
    expect(readdirSync(cache).sort()).toEqual(["abc.png", `abc.png.${process.ppid}.1.tmp`].sort());
  });

  it("processed images enter the cache whole, by rename, and are reused", async () => {
    const root = tempDir();
    const source = path.join(root, "bilde.png");
    writeFileSync(
      source,
      await sharp({ create: { width: 600, height: 400, channels: 3, background: "#08c" } })
        .png()
        .toBuffer(),
    );
    const cache = path.join(root, "cache");
    const image = { source, src: "bilde.png", line: 1, fallback: "png" as const };
    await writeImages([image], path.join(root, "out1"), cache);
    const cached = readdirSync(cache).sort();
    expect(cached.every((name) => !name.startsWith(".tmp-"))).toBe(true);
    expect(cached.length).toBeGreaterThan(0);
    expect(readdirSync(path.join(root, "out1", "media")).sort()).toEqual(cached);
    // A second build copies from the cache: same bytes.
    await writeImages([image], path.join(root, "out2"), cache);
    for (const name of cached) expect(readFileSync(path.join(root, "out2", "media", name)).equals(readFileSync(path.join(cache, name)))).toBe(true);
    expect(existsSync(path.join(root, "out2", "media"))).toBe(true);
  });
});

describe("createStaging", () => {
  let work: string | undefined;
  afterEach(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    work = undefined;
  });

  it("makes the folders above the output, and names a file in the way (a folder changed after the build's look ahead)", () => {
    work = mkdtempSync(path.join(os.tmpdir(), "lysark-staging-"));
    const staging = createStaging(path.join(work, "a", "b", "site"));
    expect(path.dirname(staging)).toBe(path.join(work, "a", "b"));
    expect(path.basename(staging)).toMatch(new RegExp(`^\\.site\\.building-${process.pid}-`));
    writeFileSync(path.join(work, "notes"), "");
    expect(() => createStaging(path.join(work!, "notes", "site"))).toThrow(
      `${path.join(work, "notes", "site")}: ${path.join(work, "notes")} is a file, not a folder, so the output folder cannot be made in it.`,
    );
  });
});
