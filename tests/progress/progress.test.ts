import { afterEach, describe, expect, it } from "vitest";
import { createProgress, seconds } from "../../scripts/progress/progress.ts";
import { runCli } from "../helpers/cli.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";

/** A stream that records what was written; `isTTY` makes it look like a terminal. */
function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => writes.push(text), text: () => writes.join("") };
}

/** What a terminal would show after the writes: cursor-up and clear-line applied. */
function screen(text: string): string[] {
  const lines: string[] = [];
  let row = 0;
  for (const part of text.split(/(\x1b\[\d+A|\r\x1b\[2K|\n)/)) {
    const up = /^\x1b\[(\d+)A$/.exec(part);
    if (up) row -= Number(up[1]);
    else if (part === "\n") row++;
    else if (part === "\r\x1b[2K") lines[row] = "";
    else if (part) lines[row] = (lines[row] ?? "") + part;
  }
  return lines;
}

describe("progress on a terminal", () => {
  it("redraws one line per phase in place, with count, elapsed time and ETA", () => {
    const stream = fakeStream(true);
    let clock = 0;
    const progress = createProgress({ stream, env: {}, now: () => clock, redrawMs: 0 });
    const validated = progress.phase("validated", 4, "documents");
    expect(screen(stream.text())).toEqual(["validated 0 of 4 documents · 0.0 s · ETA …"]);
    clock = 1000;
    validated.tick();
    expect(screen(stream.text())).toEqual(["validated 1 of 4 documents · 1.0 s · ETA 3.0 s"]);
    clock = 2000;
    validated.tick(3);
    validated.done();
    expect(screen(stream.text())).toEqual(["validated 4 documents in 2.0 s"]);
  });

  it("gives phases that run side by side a line each, and keeps finished lines", () => {
    const stream = fakeStream(true);
    let clock = 0;
    const progress = createProgress({ stream, env: {}, now: () => clock, redrawMs: 0 });
    const validated = progress.phase("validated", 2, "documents");
    validated.tick(2);
    clock = 500;
    validated.done();
    const rendered = progress.phase("rendered", 10, "pages");
    const indexed = progress.phase("indexed", 2, "documents");
    clock = 1500;
    rendered.tick(5);
    indexed.tick();
    expect(screen(stream.text())).toEqual([
      "validated 2 documents in 0.5 s",
      "rendered 5 of 10 pages · 1.0 s · ETA 1.0 s",
      "indexed 1 of 2 documents · 1.0 s · ETA 1.0 s",
    ]);
    clock = 3000;
    indexed.done();
    rendered.tick(5);
    rendered.done();
    expect(screen(stream.text())).toEqual(["validated 2 documents in 0.5 s", "rendered 10 pages in 2.5 s", "indexed 1 of 2 documents in 2.5 s"]);
  });

  it("redraws at most once per interval between starts and ends", () => {
    const stream = fakeStream(true);
    let clock = 0;
    const progress = createProgress({ stream, env: {}, now: () => clock, redrawMs: 100 });
    const phase = progress.phase("validated", 1000, "documents");
    for (let i = 0; i < 1000; i++) {
      clock += 1;
      phase.tick();
    }
    phase.done();
    // One draw at the start, one per 100 ms of the 1,000 ms, one at the end.
    expect(stream.writes.length).toBeLessThanOrEqual(12);
    expect(screen(stream.text())).toEqual(["validated 1000 documents in 1.0 s"]);
  });
});

describe("progress in CI and pipes", () => {
  it("prints one plain line per phase when it is done", () => {
    const stream = fakeStream(false);
    let clock = 0;
    const progress = createProgress({ stream, env: {}, now: () => clock });
    const validated = progress.phase("validated", 3, "documents");
    validated.tick(3);
    clock = 1200;
    validated.done();
    validated.done();
    expect(stream.text()).toBe("validated 3 documents in 1.2 s\n");
    expect(stream.text()).not.toContain("\x1b");
  });

  it("treats a terminal as a pipe when CI is set", () => {
    const stream = fakeStream(true);
    const progress = createProgress({ stream, env: { CI: "true" }, now: () => 0 });
    const phase = progress.phase("indexed", 2, "documents");
    phase.tick();
    expect(stream.writes).toEqual([]);
    phase.done();
    expect(stream.text()).toBe("indexed 1 of 2 documents in 0.0 s\n");
  });

  it("prints nothing when quiet", () => {
    const stream = fakeStream(true);
    const phase = createProgress({ stream, quiet: true }).phase("validated", 2, "documents");
    phase.tick();
    phase.done();
    expect(stream.writes).toEqual([]);
  });

  it("formats minutes", () => {
    expect(seconds(125_000)).toBe("2 min 5 s");
  });
});

describe("npm run check and build", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) removeProject(dir);
    dir = undefined;
  });

  it("check prints a line per phase into a pipe, and nothing but errors with --quiet", () => {
    dir = makeProject();
    const plain = runCli("check", dir, [], { CI: "" });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/^validated (\d+) documents in \d+\.\d s\ncheck passed: \1 documents/);
    const quiet = runCli("check", dir, ["--quiet"]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe("");
    expect(quiet.stderr).toBe("");
  });

  it("check --quiet still prints the errors", () => {
    dir = makeProject("site-basic", { "content/testby/broken.md": "---\ntitle: [\n---\n" });
    const quiet = runCli("check", dir, ["--quiet"]);
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).toBe("");
    expect(quiet.stderr).toContain("content/testby/broken.md:2:");
  });

  it("build shows validated, rendered and indexed, and nothing with --quiet", { timeout: 240_000 }, () => {
    dir = makeProject();
    const plain = runCli("build", dir, [], { CI: "" });
    expect(plain.status).toBe(0);
    for (const phase of [/^validated \d+ documents in /m, /^rendered \d+ pages in /m, /^indexed \d+ documents in /m, /^Built /m]) {
      expect(plain.stdout).toMatch(phase);
    }
    const quiet = runCli("build", dir, ["--quiet"]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe("");
  });
});
