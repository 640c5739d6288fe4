import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./fixture.ts";

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of Lysark's commands (scripts/cli/NAME.ts) in a project folder, as `npm run NAME` does:
 * through the launcher, scripts/cli/run.mjs, which runs the command's bundle (made again when a source
 * file changed). Not through npm, which adds its own start to every run.
 */
export function runCli(name: string, cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "cli", "run.mjs"), name, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GITHUB_ACTIONS: "", ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
