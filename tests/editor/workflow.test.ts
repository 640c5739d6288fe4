import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../helpers/fixture.ts";

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  "runs-on": string;
  container?: string;
  needs?: string;
  if?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  environment?: { name: string };
  steps: Step[];
}

const workflow = parse(readFileSync(path.join(repoRoot, ".github/workflows/site.yml"), "utf8")) as {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const runs = (job: Job) => job.steps.map((step) => step.run?.trim()).filter(Boolean) as string[];
const uses = (job: Job) => job.steps.map((step) => step.uses?.split("@")[0]).filter(Boolean);

describe("the CI workflow", () => {
  it("checks, builds and tests every pull request and push to main, in that order, with Debian's Chromium", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["pull_request", "push"]));
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    const verify = workflow.jobs.verify!;
    expect(verify.container).toMatch(/bookworm/);
    expect(verify.if).toBeUndefined();
    const commands = runs(verify);
    const order = ["npm ci", "npm run check", "npm run build", "npm test"].map((command) => commands.findIndex((run) => run.startsWith(command)));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(commands.some((run) => /apt-get install .*chromium/.test(run))).toBe(true);
    expect(order[0]! > commands.findIndex((run) => /chromium/.test(run))).toBe(true);
  });

  it("warns on a pull request of each document it moves without movedFrom, comparing with the branch it goes into", () => {
    const verify = workflow.jobs.verify!;
    const check = verify.steps.find((step) => step.run?.trim().startsWith("npm run check"))!;
    expect(check.env).toEqual({ BASE_SHA: expect.stringMatching(/^\$\{\{ github\.event\.pull_request\.base\.sha \}\}$/) });
    // The base commit is in the clone only with the whole history.
    expect(verify.steps.find((step) => step.uses?.startsWith("actions/checkout@"))?.with).toEqual({ "fetch-depth": 0 });
    // The arguments the step's shell gives npm, on a pull request and on a push (no base).
    const argumentsGiven = (env: NodeJS.ProcessEnv) =>
      spawnSync("sh", ["-c", check.run!.trim().replace(/^npm run check/, "printf '%s\\n'")], { env, encoding: "utf8" })
        .stdout.split("\n")
        .filter(Boolean);
    expect(argumentsGiven({ BASE_SHA: "0123abc" })).toEqual(["--", "--moved-since", "0123abc"]);
    expect(argumentsGiven({})).toEqual(["--"]);
  });

  it("runs with two glibc malloc arenas, set for the whole workflow (glibc reads it when a process starts)", () => {
    // Both workflows: the one-job build and the sharded one.
    const sharded = parse(readFileSync(path.join(repoRoot, ".github/workflows/site-sharded.yml"), "utf8")) as { env?: Record<string, string> };
    expect(workflow.env?.MALLOC_ARENA_MAX).toBe("2");
    expect(sharded.env?.MALLOC_ARENA_MAX).toBe("2");
  });

  it("publishes _site to GitHub Pages only from main, with the permissions and concurrency Pages needs", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    const upload = workflow.jobs.verify!.steps.find((step) => step.uses?.startsWith("actions/upload-pages-artifact@"));
    expect(upload?.with).toEqual({ path: "_site" });
    expect(upload?.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    const deploy = workflow.jobs.deploy!;
    expect(deploy.needs).toBe("verify");
    expect(deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy.concurrency).toEqual({ group: "pages", "cancel-in-progress": false });
    expect(deploy.environment?.name).toBe("github-pages");
    expect(uses(deploy)).toEqual(["actions/configure-pages", "actions/checkout", "actions/deploy-pages"]);
  });

  it("warns when the built site is larger than GitHub Pages publishes, in both workflows, before the upload", () => {
    const sharded = parse(readFileSync(path.join(repoRoot, ".github/workflows/site-sharded.yml"), "utf8")) as typeof workflow;
    for (const [job, built] of [
      [workflow.jobs.verify!, "npm run build"],
      [sharded.jobs.merge!, "npm run build -- --merge"],
    ] as const) {
      const commands = job.steps.map((step) => step.run?.trim() ?? step.uses ?? "");
      const check = commands.indexOf("node scripts/publish/pages-size.mjs _site");
      expect(check).toBeGreaterThan(commands.findIndex((command) => command.startsWith(built)));
      expect(check).toBeLessThan(commands.findIndex((command) => command.startsWith("actions/upload-pages-artifact@")));
      expect(job.steps[check]!.if).toBeUndefined();
    }
  });

  it("stops before publishing when Pages serves the site under another path than url's", () => {
    const deploy = workflow.jobs.deploy!;
    const check = deploy.steps.findIndex((step) => step.run?.includes("site.config.json"));
    expect(check).toBeGreaterThan(deploy.steps.findIndex((step) => step.uses?.startsWith("actions/checkout@")));
    expect(check).toBeLessThan(deploy.steps.findIndex((step) => step.uses?.startsWith("actions/deploy-pages@")));
    const script = /node -e '([\s\S]*)'/.exec(deploy.steps[check]!.run!)![1]!;
    const run = (url: string, pagesUrl: string) => {
      const lines: string[] = [];
      let exitCode = 0;
      const require = () => ({ url });
      const process = {
        env: { PAGES_URL: pagesUrl },
        exit: (code: number) => {
          exitCode = code;
          throw new Error("exit");
        },
      };
      const console = { log: (line: string) => lines.push(line) };
      try {
        new Function("require", "process", "console", script)(require, process, console);
      } catch (error) {
        if ((error as Error).message !== "exit") throw error;
      }
      return { exitCode, lines };
    };
    expect(run("https://example.github.io/lysark/", "https://example.github.io/lysark/")).toEqual({ exitCode: 0, lines: [] });
    expect(run("https://example.github.io/lysark", "https://example.github.io/lysark/")).toEqual({ exitCode: 0, lines: [] });
    const wrong = run("https://example.github.io", "https://example.github.io/lysark/");
    expect(wrong.exitCode).toBe(1);
    expect(wrong.lines[0]).toMatch(
      /^::error file=site\.config\.json::url is https:\/\/example\.github\.io\/, but GitHub Pages serves this site at https:\/\/example\.github\.io\/lysark\//,
    );
    expect(run("https://arkiv.kommune.no/", "https://example.github.io/").lines[0]).toMatch(/^::warning file=site\.config\.json::url names arkiv\.kommune\.no/);
  });
});
