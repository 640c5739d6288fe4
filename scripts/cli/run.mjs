/**
 * Starts one of Lysark's commands: `node scripts/cli/run.mjs <command> [arguments]`
 * runs scripts/cli/<command>.ts from its bundle (../content/bundles.mjs), made
 * again whenever a source file changed, instead of loading every module
 * through tsx's loader: `npm run build` of the bundled site took 2.7–3.3 s
 * instead of 3.7–4.3 s (docs/performance-log.md, "commands from bundles"). The command sees
 * the arguments and `process.argv[1]` it would see when started directly.
 * LYSARK_BUNDLES=off, or a bundle that cannot be made, runs the TypeScript
 * through tsx as before. A build runs in a child process started with
 * fewer malloc arenas (./build-environment.mjs), which this one waits for and
 * ends as it ends.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ownProcessEnvironment } from "./build-environment.mjs";

/**
 * The commands, as package.json's scripts start them. The other files in scripts/cli/ are their helpers (build-args,
 * report …): started as commands they ran and did nothing.
 */
const COMMANDS = ["build", "check", "docs", "import", "new", "new-publisher", "serve"];

const command = process.argv[2];
const file = command && COMMANDS.includes(command) ? fileURLToPath(new URL(`./${command}.ts`, import.meta.url)) : undefined;
if (!file || !existsSync(file)) {
  console.error(
    `usage: node scripts/cli/run.mjs <command> [arguments], where <command> is one of ${COMMANDS.join(", ")} (got ${JSON.stringify(command ?? "")})`,
  );
  process.exit(2);
}

// Help is printed, not built: no second Node process for it (`build --help` took 0.96 s with one, 0.84 s without).
const asksForHelp = process.argv.slice(3).some((arg) => arg === "--help" || arg === "-h");
const childEnvironment = asksForHelp ? undefined : ownProcessEnvironment(command);
if (childEnvironment) {
  // The same launcher, arguments and Node options; the child, with the variable set, runs the command itself.
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: childEnvironment });
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on. The child decides how the build ends.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, () => child.kill(signal));
  child.on("error", (error) => {
    console.error(`Could not start the build's process (${error.message}).`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) {
      // Ended the way the child was, so a shell or CI sees the same status.
      for (const name of signals) process.removeAllListeners(name);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  await runHere();
}

async function runHere() {
  const { bundleOf } = await import("../content/bundles.mjs");
  const bundle = bundleOf(file, { format: "esm" });
  process.argv.splice(1, 2, file);
  if (bundle) {
    // Stack traces (`--verbose`) name the TypeScript files and lines, from the bundle's inline source map.
    process.setSourceMapsEnabled(true);
    await import(pathToFileURL(bundle).href);
  } else {
    // tsx's loader registered in this process, as `tsx <file>` would run it.
    const { register } = await import("tsx/esm/api");
    register();
    await import(pathToFileURL(file).href);
  }
}
