/**
 * The whole-site cache (scripts/build/site-cache.ts) on its own: what its key
 * covers, and that a restored site is the saved one or nothing at all (a
 * corrupt, truncated or missing file, a damaged manifest), and which files a
 * restore reads and hashes rather than taking them on their stamp. The build
 * with it is tested in ./cache.test.ts.
 */
import { createHash } from "node:crypto";
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutputPlan } from "../../scripts/build/plan.ts";
import { readSiteInputs, SiteCache, type SiteSnapshot, siteInputKey, siteInputsUnchanged } from "../../scripts/build/site-cache.ts";
import { isSearchOutput } from "../../scripts/search/records.ts";
import { fileStamp } from "../../scripts/content/file-stamp.ts";
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

describe("siteInputsUnchanged", () => {
  const project = () => path.join(dir, "project");
  const read = (now = NOW) => readSiteInputs(project(), CODE, now);
  const unchanged = (inputs: ReturnType<typeof read>, code = CODE, now = NOW) => siteInputsUnchanged(project(), inputs, code, now);
  /** Writes `bytes` into `file` in place and sets its times back: the same size, modification time and inode. */
  const changeKeepingStamp = (file: string, bytes: Buffer) => {
    const { atime, mtime } = statSync(file);
    writeFileSync(file, bytes);
    utimesSync(file, atime, mtime);
  };
  let a: string;
  beforeEach(() => {
    a = write("project/content/testby/a.md", "---\ntitle: A\n---\n");
    write("project/content/testby/vedlegg.pdf", Buffer.from([1, 2, 3]));
    // Times with a fraction of a second, as a file system with fine times keeps them: such stamps vouch for a file.
    for (const file of ["a.md", "vedlegg.pdf"]) {
      const time = new Date("2026-11-30T10:00:00.250Z");
      utimesSync(path.join(project(), "content/testby", file), time, time);
    }
  });

  it("takes the inputs' key, the same as siteInputKey", () => {
    expect(read().key).toBe(siteInputKey(project(), CODE, NOW));
    expect(read().stamps).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is true for the same inputs, taken on their stamps without reading a file again", () => {
    const inputs = read();
    expect(unchanged(inputs)).toBe(true);
    // The stamps' blind spot, as the page cache's (../content/file-stamp.ts): a change that keeps size, time and inode.
    changeKeepingStamp(a, Buffer.from("---\ntitle: B\n---\n"));
    expect(unchanged(inputs)).toBe(true);
  });

  it("is false after an edit, an added, removed or renamed file, other build code or another year", () => {
    const inputs = read();
    write("project/content/testby/a.md", "---\ntitle: B\n---\n");
    expect(unchanged(inputs)).toBe(false);
    const edited = read();
    write("project/content/testby/b.md", "---\ntitle: B\n---\n");
    expect(unchanged(edited)).toBe(false);
    const added = read();
    rmSync(path.join(project(), "content/testby/vedlegg.pdf"));
    expect(unchanged(added)).toBe(false);
    const removed = read();
    // A rename keeps the file's size, time and inode: its name is part of what the stamps say.
    renameSync(path.join(project(), "content/testby/b.md"), path.join(project(), "content/testby/c.md"));
    expect(unchanged(removed)).toBe(false);
    renameSync(path.join(project(), "content/testby/c.md"), path.join(project(), "content/testby/b.md"));
    expect(unchanged(removed, "d".repeat(64))).toBe(false);
    expect(unchanged(removed, CODE, new Date("2027-01-01T00:00:00Z"))).toBe(false);
    expect(unchanged(removed)).toBe(true);
  });

  it("reads the files again when a stamp changed but the bytes did not, or when a stamp says nothing", () => {
    const inputs = read();
    // Touched, same bytes and the same day: the key is the same, so the inputs are.
    const later = new Date("2026-11-30T11:00:00.500Z");
    utimesSync(a, later, later);
    expect(unchanged(inputs)).toBe(true);
    // A time kept to the second says nothing of the bytes: the files are read, and a change that kept the stamp is seen.
    const second = new Date("2026-11-30T10:00:00Z");
    utimesSync(a, second, second);
    const coarse = read();
    expect(coarse.stamps).toBeUndefined();
    changeKeepingStamp(a, Buffer.from("---\ntitle: C\n---\n"));
    expect(unchanged(coarse)).toBe(false);
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
  /** SHA-256 of the site's file `name`, as the build knows it. */
  const hashOf = (name: string) =>
    createHash("sha256")
      .update(readFileSync(path.join(site, name)))
      .digest("hex");
  /** The two HTML pages as the page cache keeps them: linked into its folder under their content hash. */
  const keepPages = () => {
    const pagesDir = path.join(dir, "pages");
    const keptPages = new Map<string, string>();
    for (const name of ["index.html", "en/index.html"]) {
      const hash = hashOf(name);
      mkdirSync(path.dirname(keptPageFile(pagesDir, hash)), { recursive: true });
      linkSync(path.join(site, name), keptPageFile(pagesDir, hash));
      keptPages.set(name, hash);
    }
    return { pagesDir, keptPages };
  };
  /** The manifest's three lines (the body, the stamps, a JSON header), and a way to write them back changed. */
  const manifestFile = () => path.join(dir, "cache", "manifest.json");
  const readManifest = () => {
    const [body, stamps, header] = readFileSync(manifestFile(), "utf8").split("\n");
    return { header: header!, body: body!, stamps: stamps! };
  };
  const writeManifest = ({ header, body, stamps }: ReturnType<typeof readManifest>) => writeFileSync(manifestFile(), `${body}\n${stamps}\n${header}\n`);
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

  it("keeps a plan given as itself, and a body written in pieces, as the JSON text of the whole", async () => {
    // Enough files, some of them named with letters of two bytes, for the body to be written in many pieces.
    const plan = new OutputPlan();
    for (let i = 0; i < 1500; i++) {
      const name = `dokumenter/tønsberg-${i}/index.html`;
      write(`site/${name}`, `<p>${i}</p>`);
      plan.claim(`/${name}`, { describe: () => `the nb page of content/tønsberg/${i}.md` });
    }
    plan.claim("/bilder/a.webp", "image a", "image:/bilder/a.webp");
    plan.reserveFolder("/pagefind/", "the search index (Pagefind)");
    await cache.save("k6", site, { ...snapshot, plan });
    const { body } = readManifest();
    expect(body.length).toBeGreaterThan(4 * 65536);
    const parsed = JSON.parse(body) as SiteSnapshot & { files: Record<string, string> };
    expect(parsed.plan).toEqual(plan.toEntries());
    expect(parsed.files["dokumenter/tønsberg-1499/index.html"]).toBe(hashOf("dokumenter/tønsberg-1499/index.html"));
    const { out, restored } = restoreInto("k6");
    expect(restored).toEqual({ ...snapshot, plan: plan.toEntries() });
    expect(readFileSync(path.join(out, "dokumenter/tønsberg-7/index.html"), "utf8")).toBe("<p>7</p>");
  });

  it("keeps a site in two steps, the search index last, as one save keeps it, and the last entry stands until the second", async () => {
    // A new file, as a build writes into a new folder: the one there is linked into the cache.
    rmSync(path.join(site, "en/index.html"));
    write("site/en/index.html", "<h1>Home, again</h1>");
    // After "pagefind/" in a walk's order, as the social cards are in a site.
    write("site/sosial/kort.png", "a card");
    const bundle = path.join(site, "pagefind");
    const writtenLater = path.join(dir, "pagefind-written-later");
    renameSync(bundle, writtenLater);
    write("site/pagefind.slice-0/pagefind.js", "a slice, joined and removed before the index is done");
    const first = await cache.keep(site, { later: isSearchOutput });
    // Until the last step the entry is the last build's, the page as it was.
    const before = restoreInto("k1");
    expect(before.restored).toEqual(snapshot);
    expect(readFileSync(path.join(before.out, "en/index.html"), "utf8")).toBe("<h1>Home</h1>");
    rmSync(path.join(site, "pagefind.slice-0"), { recursive: true });
    renameSync(writtenLater, bundle);
    write("site/pagefind/index/sent.pf_index", "written after the first step");
    await first.save("k2", snapshot);
    const { out, restored } = restoreInto("k2");
    expect(restored).toEqual(snapshot);
    expect(filesUnder(out)).toEqual(filesUnder(site));
    for (const file of filesUnder(site)) expect(readFileSync(path.join(out, file))).toEqual(readFileSync(path.join(site, file)));
    // The entry one save of the same site writes, and the last entry's other file (the old page) is gone.
    const oneStep = new SiteCache(path.join(dir, "one-step"));
    await oneStep.save("k2", site, snapshot);
    expect(readManifest().body).toBe(readFileSync(path.join(dir, "one-step", "manifest.json"), "utf8").split("\n")[0]);
    expect(filesUnder(path.join(dir, "cache", "files")).map((file) => path.basename(file))).toEqual(
      filesUnder(path.join(dir, "one-step", "files")).map((file) => path.basename(file)),
    );
  });

  it("takes a manifest with its header first (an older Lysark's) for another build's, not a damaged one", () => {
    const { body, stamps, header } = readManifest();
    writeFileSync(manifestFile(), `${header}\n${body}\n${stamps}\n`);
    expect(restoreInto().restored).toBeUndefined();
    expect(cache.rejected).toBe(0);
  });

  it("refuses a manifest whose text does not match its integrity hash", () => {
    const manifest = readManifest();
    writeManifest({ ...manifest, body: manifest.body.replace("a warning", "b warning") });
    const { out, restored } = restoreInto();
    expect(restored).toBeUndefined();
    expect(readdirSync(out)).toEqual([]);
    expect(cache.rejected).toBe(1);
    writeFileSync(manifestFile(), readFileSync(manifestFile(), "utf8").slice(0, 40));
    expect(restoreInto().restored).toBeUndefined();
  });

  it("names the pages the page cache keeps instead of keeping them again, and checks them there before restoring", async () => {
    const { pagesDir, keptPages } = keepPages();
    const withPages = new SiteCache(path.join(dir, "cache"), pagesDir);
    await withPages.save("k3", site, snapshot, { keptPages });
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

  it("takes the hashes the search cache read for the index's files instead of reading them again, and stamps them as its own", async () => {
    write("site/pagefind/index/a.pf_index", "an index chunk");
    write("site/pagefind/pagefind-entry.json", '{"entry":2}');
    const first = await cache.keep(site, { later: isSearchOutput });
    const hashed = new Map(["pagefind/index/a.pf_index", "pagefind/pagefind-entry.json"].map((name) => [name, hashOf(name)]));
    await first.save("k6", snapshot, { hashed });
    const { out, restored } = restoreInto("k6");
    expect(restored).toEqual(snapshot);
    for (const file of filesUnder(site)) expect(readFileSync(path.join(out, file))).toEqual(readFileSync(path.join(site, file)));
    // Stamped as the files hashed here are: the restore read none of them.
    expect(cache.checked).toBe(0);
    // Taken as given, not read again: a hash given wrongly is the one the entry names.
    write("site/pagefind/index/b.pf_index", "another chunk");
    const second = await cache.keep(site, { later: isSearchOutput });
    await second.save("k7", snapshot, { hashed: new Map([["pagefind/index/b.pf_index", "e".repeat(64)]]) });
    expect(readManifest().body).toContain(`"pagefind/index/b.pf_index":"${"e".repeat(64)}"`);
  });

  it("takes the hashes it is given (the cards a build drew) instead of reading those files, and still refuses a wrong one", async () => {
    await cache.save("k4", site, snapshot, { knownHashes: new Map([["en/index.html", hashOf("en/index.html")]]) });
    const { out, restored } = restoreInto("k4");
    expect(restored).toEqual(snapshot);
    for (const file of filesUnder(site)) expect(readFileSync(path.join(out, file))).toEqual(readFileSync(path.join(site, file)));
    // A hash given wrongly is kept as given (the file was not read again) and caught when the entry is used.
    await cache.save("k5", site, snapshot, { knownHashes: new Map([["en/index.html", "f".repeat(64)]]) });
    expect(restoreInto("k5").restored).toBeUndefined();
    expect(cache.rejected).toBeGreaterThan(0);
  });

  /** Sets `file`'s modification time `seconds` (and a fraction, so the stamp is one to trust) from its own. */
  const shiftTime = (file: string, seconds: number) => {
    const at = statSync(file).mtimeMs / 1000 + seconds + 0.123;
    utimesSync(file, at, at);
  };

  it("reads no file whose stamp is the one recorded, reads one whose stamp changed, and trusts its new stamp after", () => {
    expect(restoreInto().restored).toEqual(snapshot);
    expect(cache.checked).toBe(0);
    // The same bytes with another modification time: read, found sound, restored, and its new stamp recorded.
    shiftTime(oneCachedFile(), 5);
    const { out, restored } = restoreInto();
    expect(restored).toEqual(snapshot);
    for (const file of filesUnder(site)) expect(readFileSync(path.join(out, file))).toEqual(readFileSync(path.join(site, file)));
    expect(cache.checked).toBe(1);
    expect(restoreInto().restored).toEqual(snapshot);
    expect(cache.checked).toBe(1);
    expect(cache.rejected).toBe(0);
  });

  it("reads every file with `verify`, and only then sees a change that kept the size, time and inode", () => {
    const file = oneCachedFile();
    // A time Node can set back exactly (whole milliseconds); read once, found sound, its stamp recorded.
    const time = new Date("2026-01-02T08:00:00.500Z");
    utimesSync(file, time, time);
    expect(restoreInto().restored).toEqual(snapshot);
    expect(cache.checked).toBe(1);
    writeFileSync(file, "<h1>Homf</h1>");
    utimesSync(file, time, time);
    // The documented limit of a stamp: the same size, time and inode are taken as the same bytes.
    expect(restoreInto().restored).toEqual(snapshot);
    expect(cache.checked).toBe(1);
    const { out, restored } = (() => {
      const out = path.join(dir, "out-verified");
      mkdirSync(out);
      return { out, restored: cache.restore("k1", out, { verify: true }) };
    })();
    expect(restored).toBeUndefined();
    expect(readdirSync(out)).toEqual([]);
    expect(cache.rejected).toBe(1);
    expect(() => readFileSync(file)).toThrow();
  });

  it("with `verify`, reads every file even when every stamp is as recorded", () => {
    const out = path.join(dir, "out-verified");
    mkdirSync(out);
    expect(cache.restore("k1", out, { verify: true })).toEqual(snapshot);
    // Four files (two of them the same bytes, kept once and read for each).
    expect(cache.checked).toBe(4);
  });

  it("reads a file whose time is a whole second every time: its stamp vouches for nothing", () => {
    const file = oneCachedFile();
    const whole = Math.floor(statSync(file).mtimeMs / 1000) + 7;
    utimesSync(file, whole, whole);
    for (const _ of [1, 2]) {
      const checked = cache.checked;
      expect(restoreInto().restored).toEqual(snapshot);
      expect(cache.checked - checked).toBe(1);
    }
  });

  it("ignores stamps that fail their hash: every file is read, so a file changed under forged stamps is refused", () => {
    const manifest = readManifest();
    const file = oneCachedFile();
    const hash = path.basename(file);
    // Stamps edited to vouch for a file changed after they were taken, their hash left as it was.
    writeFileSync(file, "<h1>Homf</h1>");
    const stamps = JSON.parse(manifest.stamps) as { files: Record<string, string> };
    stamps.files[hash] = fileStamp(file)!;
    writeManifest({ ...manifest, stamps: JSON.stringify(stamps) });
    const { out, restored } = restoreInto();
    expect(restored).toBeUndefined();
    expect(readdirSync(out)).toEqual([]);
    expect(cache.rejected).toBe(1);
  });

  it("with stamps that fail their hash, reads each file once, restores the site and records them again", () => {
    const manifest = readManifest();
    writeManifest({ ...manifest, stamps: manifest.stamps.replace(":", ":1") });
    expect(restoreInto().restored).toEqual(snapshot);
    // Each kept file once: the home page and its copy are one file.
    expect(cache.checked).toBe(3);
    expect(cache.rejected).toBe(0);
    expect(restoreInto().restored).toEqual(snapshot);
    expect(cache.checked).toBe(3);
  });

  it("keeps the stamps of the files a new entry keeps again, and reads a given hash's file once before trusting it", async () => {
    await cache.save("k2", site, snapshot, { knownHashes: new Map([["pagefind/pagefind.js", hashOf("pagefind/pagefind.js")]]) });
    // Every file was kept already: their stamps carry over, the given one's too (it was hashed here by the first save).
    expect(restoreInto("k2").restored).toEqual(snapshot);
    expect(cache.checked).toBe(0);
    // A file new to the cache whose hash was given is not vouched for until it has been read once.
    write("site/nytt.txt", "ny");
    await cache.save("k3", site, snapshot, { knownHashes: new Map([["nytt.txt", hashOf("nytt.txt")]]) });
    expect(restoreInto("k3").restored).toEqual(snapshot);
    expect(cache.checked).toBe(1);
    expect(restoreInto("k3").restored).toEqual(snapshot);
    expect(cache.checked).toBe(1);
  });

  it("takes the stamps the page cache recorded for its kept pages, and reads the pages it recorded none for", async () => {
    const { pagesDir, keptPages } = keepPages();
    // The page cache recorded a stamp for the home page only.
    const home = keptPages.get("index.html")!;
    const keptPageStamps = new Map([[home, fileStamp(keptPageFile(pagesDir, home))!]]);
    const withPages = new SiteCache(path.join(dir, "cache"), pagesDir);
    await withPages.save("k4", site, snapshot, { keptPages, keptPageStamps });
    const out = path.join(dir, "out-pages");
    mkdirSync(out);
    expect(withPages.restore("k4", out)).toEqual(snapshot);
    // The English page had no stamp from the page cache: read once, then trusted.
    expect(withPages.checked).toBe(1);
    const again = path.join(dir, "out-pages-again");
    mkdirSync(again);
    expect(withPages.restore("k4", again)).toEqual(snapshot);
    expect(withPages.checked).toBe(1);
  });

  it("takes an entry in the format before (one JSON object, its body a string inside) as none, and replaces it on the next save", async () => {
    const { header, body } = readManifest();
    writeFileSync(manifestFile(), JSON.stringify({ ...JSON.parse(header), body }));
    expect(restoreInto().restored).toBeUndefined();
    expect(cache.rejected).toBe(0);
    await cache.save("k1", site, snapshot);
    expect(restoreInto().restored).toEqual(snapshot);
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
