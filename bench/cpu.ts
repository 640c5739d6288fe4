import { readFileSync } from "node:fs";

/**
 * CPU time (user + system, ms) of this process and of the child processes it
 * has waited for (Pagefind's binary), from /proc/self/stat; less sensitive than
 * wall time to other load on the machine. Falls back to this process alone.
 */
export function cpuMs(): number {
  try {
    // Fields after the command name: state is 3rd; utime, stime, cutime, cstime are 14–17 (1-based).
    const fields = readFileSync("/proc/self/stat", "utf8")
      .replace(/^.*\) /, "")
      .split(" ");
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return (ticks / 100) * 1000; // USER_HZ is 100 on Linux
  } catch {
    return ownCpuMs();
  }
}

/** CPU time (user + system, ms) of this process alone, every thread, none of its child processes. */
export function ownCpuMs(): number {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1000;
}
