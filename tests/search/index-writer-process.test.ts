/**
 * The search index's writer process (scripts/search/index-writer-process.ts) when the build that started it goes
 * away mid-slice: `npm start` stopped with SIGTERM while its search index was written left writers that printed an
 * uncaught ERR_IPC_CHANNEL_CLOSED (or EPIPE) stack into the terminal and exited with status 1.
 */
import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { workerModule } from "../../scripts/content/worker-bundle.ts";
import { textRecord } from "../helpers/writer-oracle.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Resolves once `pid` has a child process: the writer has started its Pagefind process, so a slice is being written. */
async function hasChild(pid: number, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim()) {
    if (Date.now() - started > ms) throw new Error(`process ${pid} started no child within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it("a writer whose build goes away while it writes a slice exits quietly with status 0", async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lysark-writer-process-"));
  const { filename, execArgv, bundled } = workerModule(new URL("../../scripts/search/index-writer-process.ts", import.meta.url).href);
  const writer = fork(bundled ? filename : fileURLToPath(filename), [], { execArgv, serialization: "advanced", stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let printed = "";
  writer.stdout!.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  writer.stderr!.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => writer.on("exit", (code, signal) => resolve(code ?? signal)));
  // Enough pages that the slice is still being written when the channel closes.
  const pages = Array.from({ length: 2000 }, (_, i) => ({ record: textRecord(`kommuneplan nummer ${i} for ${i * 7} innbyggere`, i), extras: {} }));
  writer.send({ dir, language: "nb", pages, plainChunks: true });
  await hasChild(writer.pid!);
  writer.disconnect();
  expect(await exited).toBe(0);
  expect(printed).toBe("");
}, 30_000);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  it(`a writer stopped by ${signal} sent to its build's process group removes its stems' folders and exits quietly`, async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lysark-writer-process-"));
    const temporary = path.join(dir, "tmp");
    mkdirSync(temporary);
    const { filename, execArgv, bundled } = workerModule(new URL("../../scripts/search/index-writer-process.ts", import.meta.url).href);
    // Its stems' folders go to the temporary folder the system names (pagefind-stems.ts): this test's own.
    const writer = fork(bundled ? filename : fileURLToPath(filename), [], {
      execArgv,
      serialization: "advanced",
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, TMPDIR: temporary },
    });
    let printed = "";
    writer.stdout!.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    writer.stderr!.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const exited = new Promise<number | string | null>((resolve) => writer.on("exit", (code, signal) => resolve(code ?? signal)));
    const written = new Promise<unknown>((resolve) => writer.once("message", resolve));
    const pages = Array.from({ length: 50 }, (_, i) => ({ record: textRecord(`kommuneplan nummer ${i} for ${i * 7} innbyggere`, i), extras: {} }));
    writer.send({ dir: path.join(dir, "slice"), language: "nb", pages, plainChunks: true });
    // One slice written: its Pagefind library is kept in a folder of its own for the next.
    expect(await written).toMatchObject({ words: expect.any(Number) });
    expect(readdirSync(temporary).filter((name) => name.startsWith("lysark-pagefind-library-"))).toHaveLength(1);
    // As a terminal's Ctrl-C or a group's SIGTERM: the writer and its Pagefind process at once.
    const pagefind = readFileSync(`/proc/${writer.pid}/task/${writer.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    process.kill(writer.pid!, signal);
    // The writer may already have stopped its Pagefind process by then (as a group's signal may find it gone).
    for (const pid of pagefind) {
      try {
        process.kill(pid, signal);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
      }
    }
    expect(await exited).toBe(0);
    expect(readdirSync(temporary)).toEqual([]);
    expect(printed).toBe("");
  }, 30_000);
}
