import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./fixture.ts";

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of Lysark's commands (scripts/cli/NAME.ts) in a project folder, as `npm run NAME` would. */
export function runCli(name: string, cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): CliResult {
  const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, [path.join(repoRoot, "scripts", "cli", `${name}.ts`), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GITHUB_ACTIONS: "", ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
