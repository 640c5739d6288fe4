/**
 * The whole-site cache (scripts/build/site-cache.ts) on its own: what its key
 * covers, and that a restored site is the saved one or nothing at all (a
 * corrupt, truncated or missing file, a damaged manifest). The build with it
 * is tested in ./cache.test.ts.
 */
import { createHash } from "node:crypto";
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SiteCache, type SiteSnapshot, siteInputKey } from "../../scripts/build/site-cache.ts";
import { keptPageFile } from "../../scripts/render/page-cache.ts";
import { filesUnder } from "../helpers/fixture.ts";

const NOW = new Date("2026-11-30T12:00:00Z");
const CODE = "c".repeat(64);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lysark-site-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string | Buffer): string {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

describe("siteInputKey", () => {
  const key = (now = NOW, code = CODE) => siteInputKey(path.join(dir, "project"), code, now);
  beforeEach(() => {
    write("project/content/testby/a.md", "---\ntitle: A\n---\n");
    write("project/content/testby/vedlegg.pdf", Buffer.from([1, 2, 3]));
  });

  it("is stable for the same inputs", () => {
    expect(key()).toBe(key());
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any content file's bytes or name, an added file, the build code and the year", () => {
    const before = key();
    write("project/content/testby/vedlegg.pdf", Buffer.from([1, 2, 4]));
    const bytes = key();
    expect(bytes).not.toBe(before);
    rmSync(path.join(dir, "project/content/testby/vedlegg.pdf"));
    write("project/content/testby/vedlegg2.pdf", Buffer.from([1, 2, 4]));
    expect(key()).not.toBe(bytes);
    write("project/content/testby/b.md", "---\ntitle: B\n---\n");
    const added = key();
    expect(added).not.toBe(bytes);
    expect(key(NOW, "d".repeat(64))).not.toBe(added);
    expect(key(new Date("2027-01-01T00:00:00Z"))).not.toBe(added);
  });

  it("outside git, changes with the day a file was modified (its 'last updated' date), not the time of day", () => {
    const file = path.join(dir, "project/content/testby/a.md");
    utimesSync(file, new Date("2026-11-01T08:00:00Z"), new Date("2026-11-01T08:00:00Z"));
    const morning = key();
    utimesSync(file, new Date("2026-11-01T20:00:00Z"), new Date("2026-11-01T20:00:00Z"));
    expect(key()).toBe(morning);
    utimesSync(file, new Date("2026-11-02T08:00:00Z"), new Date("2026-11-02T08:00:00Z"));
    expect(key()).not.toBe(morning);
  });

  it("in git, follows the commits that touched content/ (the dates come from them), not a tracked file's modification time", () => {
    const project = path.join(dir, "project");
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], {
        cwd: project,
        stdio: "pipe",
      });
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "first", "--date", "2026-11-01T12:00:00Z");
    const committed = key();
    const file = path.join(project, "content/testby/a.md");
    utimesSync(file, new Date("2026-11-20T08:00:00Z"), new Date("2026-11-20T08:00:00Z"));
    expect(key()).toBe(committed);
    // A commit that touches nothing under content/ changes no date.
    git("commit", "-q", "--allow-empty", "-m", "second");
    expect(key()).toBe(committed);
    // Committing a file moves its date from its modification day to the commit's.
    write("project/content/testby/b.md", "---\ntitle: B\n---\n");
    const untracked = key();
    git("add", ".");
    git("commit", "-q", "-m", "third");
    expect(key()).not.toBe(untracked);
  });
});

describe("SiteCache", () => {
  const snapshot: SiteSnapshot = {
    problems: [{ file: "content/testby/a.md", line: 3, col: 1, field: "keyFigures.0", message: "a warning", severity: "warning" }],
    warnings: ["Lysark: a printed warning"],
    plan: { files: [["/index.html", { source: "the home page" }]], folders: [["/pagefind/", "the search index (Pagefind)"]] },
    documents: 1,
    pages: 2,
  };
  let cache: SiteCache;
  let site: string;
  beforeEach(async () => {
    cache = new SiteCache(path.join(dir, "cache"));
    site = path.join(dir, "site");
    write("site/index.html", "<h1>Hjem</h1>");
    write("site/en/index.html", "<h1>Home</h1>");
    write("site/kopi/index.html", "<h1>Hjem</h1>");
    write("site/pagefind/pagefind.js", "x");
    await cache.save("k1", site, snapshot);
  });
  const restoreInto = (key = "k1") => {
    const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
    mkdirSync(out);
    return { out, restored: cache.restore(key, out) };
  };
  const oneCachedFile = () => {
    const files = filesUnder(path.join(dir, "cache", "files"));
    return path.join(dir, "cache", "files", files.find((file) => readFileSync(path.join(dir, "cache", "files", file), "utf8") === "<h1>Home</h1>")!);
  };

  it("restores every file byte for byte with what the build reported, and keeps one file per content", () => {
    const { out, restored } = restoreInto();
    expect(restored).toEqual(snapshot);
    expect(filesUnder(out)).toEqual(filesUnder(site));
    for (const file of filesUnder(site)) expect(readFileSync(path.join(out, file))).toEqual(readFileSync(path.join(site, file)));
    expect(filesUnder(path.join(dir, "cache", "files"))).toHaveLength(3);
    expect(cache.rejected).toBe(0);
  });

  it("has nothing for another key, without counting it unsound", () => {
    const { out, restored } = restoreInto("k2");
    expect(restored).toBeUndefined();
    expect(readdirSync(out)).toEqual([]);
    expect(cache.rejected).toBe(0);
  });

  it("refuses a corrupt, truncated or missing file: counted, removed, nothing written", async () => {
    const damage = [(file: string) => writeFileSync(file, "<h1>Homf</h1>"), (file: string) => writeFileSync(file, "<h1>Ho"), (file: string) => rmSync(file)];
    for (const [index, harm] of damage.entries()) {
      const file = oneCachedFile();
      harm(file);
      const { out, restored } = restoreInto();
      expect(restored).toBeUndefined();
      expect(readdirSync(out)).toEqual([]);
      expect(cache.rejected).toBe(index + 1);
      expect(() => readFileSync(file)).toThrow();
      // Saved again, it is whole.
      write("site/en/index.html", "<h1>Home</h1>");
      await cache.save("k1", site, snapshot);
      expect(restoreInto().restored).toEqual(snapshot);
    }
  });

  it("refuses a manifest whose text does not match its integrity hash", () => {
    const manifestFile = path.join(dir, "cache", "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { body: string };
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, body: manifest.body.replace("a warning", "b warning") }));
    const { out, restored } = restoreInto();
    expect(restored).toBeUndefined();
    expect(readdirSync(out)).toEqual([]);
    expect(cache.rejected).toBe(1);
    writeFileSync(manifestFile, readFileSync(manifestFile, "utf8").slice(0, 40));
    expect(restoreInto().restored).toBeUndefined();
  });

  it("names the pages the page cache keeps instead of keeping them again, and checks them there before restoring", async () => {
    const pagesDir = path.join(dir, "pages");
    // The two HTML pages as the page cache keeps them: linked into its folder under their content hash.
    const keptPages = new Map<string, string>();
    for (const name of ["index.html", "en/index.html"]) {
      const hash = createHash("sha256")
        .update(readFileSync(path.join(site, name)))
        .digest("hex");
      mkdirSync(path.dirname(keptPageFile(pagesDir, hash)), { recursive: true });
      linkSync(path.join(site, name), keptPageFile(pagesDir, hash));
      keptPages.set(name, hash);
    }
    const withPages = new SiteCache(path.join(dir, "cache"), pagesDir);
    await withPages.save("k3", site, snapshot, keptPages);
    // Only the files the page cache does not keep are in this folder: the copy page and Pagefind's file.
    expect(filesUnder(path.join(dir, "cache", "files"))).toHaveLength(2);
    const out = path.join(dir, "out-pages");
    mkdirSync(out);
    expect(withPages.restore("k3", out)).toEqual(snapshot);
    expect(filesUnder(out)).toEqual(filesUnder(site));
    for (const file of filesUnder(site)) expect(readFileSync(path.join(out, file))).toEqual(readFileSync(path.join(site, file)));
    // Without the page cache's folder there is nowhere to take the pages from: nothing restored.
    const elsewhere = path.join(dir, "out-elsewhere");
    mkdirSync(elsewhere);
    expect(new SiteCache(path.join(dir, "cache")).restore("k3", elsewhere)).toBeUndefined();
    expect(readdirSync(elsewhere)).toEqual([]);
    // A kept page changed in the page cache's folder is refused like a file of this one: counted, removed, nothing written.
    const page = keptPageFile(pagesDir, keptPages.get("en/index.html")!);
    rmSync(page);
    writeFileSync(page, "<h1>Homf</h1>");
    const damaged = path.join(dir, "out-damaged");
    mkdirSync(damaged);
    expect(withPages.restore("k3", damaged)).toBeUndefined();
    expect(readdirSync(damaged)).toEqual([]);
    expect(withPages.rejected).toBe(1);
    expect(() => readFileSync(page)).toThrow();
  });

  it("takes the hashes it is given (the cards a build drew) instead of reading those files, and still refuses a wrong one", async () => {
    const sha256 = (file: string) =>
      createHash("sha256")
        .update(readFileSync(path.join(site, file)))
        .digest("hex");
    await cache.save("k4", site, snapshot, undefined, new Map([["en/index.html", sha256("en/index.html")]]));
    const { out, restored } = restoreInto("k4");
    expect(restored).toEqual(snapshot);
    for (const file of filesUnder(site)) expect(readFileSync(path.join(out, file))).toEqual(readFileSync(path.join(site, file)));
    // A hash given wrongly is kept as given (the file was not read again) and caught when the entry is used.
    await cache.save("k5", site, snapshot, undefined, new Map([["en/index.html", "f".repeat(64)]]));
    expect(restoreInto("k5").restored).toBeUndefined();
    expect(cache.rejected).toBeGreaterThan(0);
  });

  it("a new entry replaces the last one and removes the files only the last one had", async () => {
    rmSync(path.join(site, "kopi"), { recursive: true });
    write("site/index.html", "<h1>Ny</h1>");
    await cache.save("k2", site, snapshot);
    expect(restoreInto("k1").restored).toBeUndefined();
    const { out, restored } = restoreInto("k2");
    expect(restored).toEqual(snapshot);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("<h1>Ny</h1>");
    expect(filesUnder(path.join(dir, "cache", "files"))).toHaveLength(3);
  });
});
