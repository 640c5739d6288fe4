import path from "node:path";
import { build } from "../build/build.ts";
import { takeOverMessage, waitingMessage } from "../build/build-lock.ts";
import { cacheNotWritableMessage, diskFullMessage } from "../build/write-errors.ts";
import { createProgress } from "../progress/progress.ts";
import { BUILD_HELP, BUILD_USAGE, buildOptionsFromArgs } from "./build-args.ts";
import { cacheSummary } from "./build-summary.ts";
import { reportProblems } from "./report.ts";

const root = process.cwd();
let options: ReturnType<typeof buildOptionsFromArgs>;
try {
  options = buildOptionsFromArgs(process.argv.slice(2), root);
} catch (error) {
  console.error(`${(error as Error).message}\n${BUILD_USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(BUILD_HELP);
  process.exit(0);
}

let result: Awaited<ReturnType<typeof build>>;
try {
  // Progress goes to stdout, problems to stderr.
  result = await build({
    ...options,
    progress: createProgress({ quiet: options.silent }),
    lock: {
      onWait: options.silent ? undefined : (holder, file) => console.error(waitingMessage(holder, file, root)),
      // A warning: printed with --quiet as well.
      onTakeOver: (holder, file) => console.error(takeOverMessage(holder, file, root)),
    },
  });
} catch (error) {
  // Two sources for one file, a broken site.config.json, a slice that does not fit …: the message says which and how to fix it.
  // Outside a site's folder (NotAProjectError) there is no previous site to speak of.
  const notAProject = (error as Error).name === "NotAProjectError";
  const said = diskFullMessage(error, root, options.output ?? path.join(root, "_site")) ?? cacheNotWritableMessage(error, root) ?? (error as Error).message;
  console.error(notAProject ? said : `${said}\nBuild stopped. The previous site was left as it was.`);
  if (options.verbose) console.error((error as Error).stack);
  process.exit(1);
}
reportProblems(result.problems);
if (!result.ok) {
  console.error(`Build stopped: fix the problems above. The previous site in ${path.relative(root, result.output) || "."}/ was left as it was.`);
  process.exit(1);
}
const phases = Object.entries(result.timings)
  .map(([phase, ms]) => `${phase} ${ms.toFixed(0)} ms`)
  .join(", ");
const { shard } = options;
const { cache } = result;
const reused = cacheSummary(cache);
if (!options.silent)
  console.log(`Built ${result.output}${shard ? ` (slice ${shard.index} of ${shard.count}; join the slices with --merge)` : ""} (${phases}${reused})`);
