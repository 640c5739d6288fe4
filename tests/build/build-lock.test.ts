/**
 * One build of a project at a time (scripts/build/build-lock.ts): a second build waits for the lock and says so
 * once, a lock whose process is gone is taken over, and so, with a warning, is a lock from another machine; a build
 * lets go of only its own lock. The CLI's build waits for a held lock and then builds.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acquireBuildLock, buildLockFile, type LockHolder, processStart, takeOverMessage, waitingMessage } from "../../scripts/build/build-lock.ts";
import { makeProject, removeProject, repoRoot } from "../helpers/fixture.ts";

const settled = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
const holderOf = (root: string) => JSON.parse(readFileSync(buildLockFile(root), "utf8")) as LockHolder;
const writeLock = (root: string, holder: LockHolder) => {
  mkdirSync(path.dirname(buildLockFile(root)), { recursive: true });
  writeFileSync(buildLockFile(root), JSON.stringify(holder));
};

describe("the build lock", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "lysark-lock-"));
    mkdirSync(path.join(root, "content"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("makes a second build wait for the first, says so once, and is the second's once the first lets go", async () => {
    const releaseFirst = await acquireBuildLock(root);
    expect(holderOf(root)).toMatchObject({ pid: process.pid, host: os.hostname() });
    const waits: Array<LockHolder | undefined> = [];
    const second = acquireBuildLock(root, { pollMs: 10, onWait: (holder) => waits.push(holder) });
    expect(await settled(second, 200)).toBe(false);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ pid: process.pid, host: os.hostname() });
    const firstLock = readFileSync(buildLockFile(root), "utf8");
    releaseFirst();
    const releaseSecond = await second;
    expect(readFileSync(buildLockFile(root), "utf8")).not.toBe(firstLock);
    releaseSecond();
    expect(existsSync(buildLockFile(root))).toBe(false);
  });

  it("is let go of only by the taking that holds it, even when two takings in one process share a millisecond", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-05T10:00:00.000Z") });
    try {
      const releaseFirst = await acquireBuildLock(root);
      const firstLock = readFileSync(buildLockFile(root), "utf8");
      releaseFirst();
      const releaseSecond = await acquireBuildLock(root);
      expect(readFileSync(buildLockFile(root), "utf8")).not.toBe(firstLock);
      // A late or repeated release of the first taking leaves the second's lock where it is.
      releaseFirst();
      expect(existsSync(buildLockFile(root))).toBe(true);
      releaseSecond();
      expect(existsSync(buildLockFile(root))).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("removes with it the folders made for it, while they are empty, and nothing else", async () => {
    // A --no-cache build in a project without .cache/ leaves none behind.
    (await acquireBuildLock(root))();
    expect(existsSync(path.join(root, ".cache"))).toBe(false);
    // .cache/ was there: only lysark/ goes.
    mkdirSync(path.join(root, ".cache"));
    (await acquireBuildLock(root))();
    expect(existsSync(path.join(root, ".cache"))).toBe(true);
    expect(existsSync(path.join(root, ".cache", "lysark"))).toBe(false);
    // Something written there while the lock was held (a build's cache) stays, and so does every folder above it.
    const release = await acquireBuildLock(root);
    writeFileSync(path.join(root, ".cache", "lysark", "kept"), "");
    release();
    expect(existsSync(path.join(root, ".cache", "lysark", "kept"))).toBe(true);
    expect(existsSync(buildLockFile(root))).toBe(false);
  });

  it("takes over at once a lock whose process on this machine is gone", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
    writeLock(root, { pid: gone, host: os.hostname(), started: "2026-12-05T10:00:00.000Z" });
    const waits: unknown[] = [];
    const release = await acquireBuildLock(root, { pollMs: 10, onWait: (holder) => waits.push(holder) });
    expect(waits).toEqual([]);
    expect(holderOf(root).pid).toBe(process.pid);
    release();
  });

  it.runIf(processStart(process.pid))("takes over a lock whose process id a process started later, or in another boot, has taken", async () => {
    const running = processStart(process.pid)!;
    // This test's own process stands for the unrelated one that took the id over.
    for (const start of [
      { ...running, ticks: running.ticks - 1 },
      { ...running, boot: "an-earlier-boot" },
    ]) {
      writeLock(root, { pid: process.pid, host: os.hostname(), started: "2026-12-05T10:00:00.000Z", ...start });
      const waits: unknown[] = [];
      const release = await acquireBuildLock(root, { pollMs: 10, onWait: (holder) => waits.push(holder) });
      expect(waits).toEqual([]);
      expect(holderOf(root)).toEqual({ pid: process.pid, host: os.hostname(), started: expect.any(String), ...running, taking: expect.any(String) });
      release();
    }
  });

  it("takes over a lock written on another machine, as a restored or copied cache brings one along, and says so", async () => {
    const elsewhere = { pid: process.pid, host: `not-${os.hostname()}`, started: "2026-12-05T10:00:00.000Z" };
    writeLock(root, elsewhere);
    const waits: unknown[] = [];
    const messages: string[] = [];
    const release = await acquireBuildLock(root, {
      pollMs: 10,
      onWait: (holder) => waits.push(holder),
      onTakeOver: (holder, file) => messages.push(takeOverMessage(holder, file, root)),
    });
    expect(waits).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(
      `Took over ${path.join(".cache", "lysark", "build.lock")}, left by process ${process.pid} on ${elsewhere.host} (started ${elsewhere.started})`,
    );
    expect(holderOf(root)).toMatchObject({ pid: process.pid, host: os.hostname() });
    release();
  });

  it("waits for a lock it cannot read rather than take it", async () => {
    writeLock(root, { pid: 0, host: "", started: "" });
    writeFileSync(buildLockFile(root), "{");
    const waits: unknown[] = [];
    const waiting = acquireBuildLock(root, { pollMs: 10, onWait: (holder) => waits.push(holder) });
    expect(await settled(waiting, 200)).toBe(false);
    expect(waits).toEqual([undefined]);
    rmSync(buildLockFile(root));
    (await waiting)();
  });

  it("makes nothing in a folder that is not a project", async () => {
    rmSync(path.join(root, "content"), { recursive: true });
    (await acquireBuildLock(root))();
    expect(existsSync(path.join(root, ".cache"))).toBe(false);
  });

  it("lets go of its own lock only: a lock another build took since is left", async () => {
    const release = await acquireBuildLock(root);
    const other = { pid: process.pid + 1, host: os.hostname(), started: "2026-12-05T10:00:00.000Z" };
    writeLock(root, other);
    release();
    expect(holderOf(root)).toEqual(other);
  });
});

describe("npm run build while another build of the project runs", () => {
  let project: string;
  beforeEach(() => {
    project = makeProject();
  });
  afterEach(() => removeProject(project));

  it("waits for it, says why, then builds", async () => {
    const release = await acquireBuildLock(project);
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "cli", "run.mjs"), "build"], {
      cwd: project,
      env: { ...process.env, GITHUB_ACTIONS: "" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      await expect.poll(() => stderr, { timeout: 60_000, interval: 50 }).toContain("Waiting for another build of this project");
      expect(stderr).toContain(waitingMessage(holderOf(project), buildLockFile(project), project));
      expect(stderr).toContain(`(process ${process.pid}, started `);
      // Held here: the build has not started, so it has written nothing.
      expect(await settled(exited, 500)).toBe(false);
      expect(existsSync(path.join(project, "_site"))).toBe(false);
      release();
      expect(await exited).toBe(0);
      expect(existsSync(path.join(project, "_site", "index.html"))).toBe(true);
      expect(existsSync(buildLockFile(project))).toBe(false);
    } finally {
      release();
      child.kill();
    }
  }, 120_000);
});
