/**
 * Starts `npm start` (scripts/cli/serve.ts) on a project folder as a real
 * process, for tests that watch what it prints and serves.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./fixture.ts";

export interface DevServerProcess {
  port: number;
  url(pathname: string): string;
  /** Resolves once the server listens; the port is then the one it announced (a taken port moves it on). */
  listening(ms?: number): Promise<void>;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output from offset `from` on. */
  logged(pattern: RegExp, from: number, ms?: number): Promise<string>;
  /** Resolves with the exit code once the process has exited on its own (within `ms`). */
  exited(ms?: number): Promise<number | null>;
  /** Stops the process and resolves once it has exited, so nothing it was still writing races the test's clean-up. */
  stop(): Promise<void>;
}

/** `npm start -- --port N ...args` in `dir`. */
export function startDevServer(dir: string, args: readonly string[] = []): DevServerProcess {
  let port = 19000 + Math.floor(Math.random() * 1000);
  // Through the launcher, as `npm start` runs it.
  const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "cli", "run.mjs"), "serve", "--port", String(port), ...args], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const logged = (pattern: RegExp, from: number, ms = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const match = pattern.exec(output.slice(from));
        if (match) return resolve(match[0]);
        if (Date.now() - started > ms) return reject(new Error(`no ${pattern} within ${ms} ms; output:\n${output.slice(from)}`));
        setTimeout(check, 50);
      };
      check();
    });
  return {
    get port() {
      return port;
    },
    url: (pathname) => `http://localhost:${port}${pathname}`,
    listening: async (ms = 60_000) => {
      const line = await logged(/Serving the site at http:\/\/localhost:(\d+)/, 0, ms);
      port = Number(/:(\d+)$/.exec(line)![1]);
    },
    output: () => output,
    logged,
    exited: (ms = 30_000) =>
      new Promise<number | null>((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const late = setTimeout(() => reject(new Error(`still running after ${ms} ms; output:\n${output}`)), ms);
        child.once("exit", (code) => {
          clearTimeout(late);
          resolve(code);
        });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill();
      }),
  };
}
