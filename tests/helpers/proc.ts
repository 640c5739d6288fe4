/** Reading threads and processes from Linux's /proc, for the tests of what runs at which priority. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface ProcStat {
  comm: string;
  parent: number;
  nice: number;
}

/** A thread's or process's name, parent and nice value, from its /proc stat line (fields 2, 4 and 19). */
export function procStat(file: string): ProcStat {
  const line = readFileSync(file, "utf8");
  const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
  return { comm: line.slice(line.indexOf("(") + 1, line.lastIndexOf(")")), parent: Number(fields[1]), nice: Number(fields[16]) };
}

/** The stat file of this process's main thread. */
export const mainThreadStat = path.join("/proc", String(process.pid), "task", String(process.pid), "stat");

/** Each of this process's threads but the main one, by thread id: its stat (threads that end meanwhile are left out). */
export function otherThreads(): Map<string, ProcStat> {
  const threads = new Map<string, ProcStat>();
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    if (task === String(process.pid)) continue;
    try {
      threads.set(task, procStat(`/proc/${process.pid}/task/${task}/stat`));
    } catch {
      // Ended between the listing and the read.
    }
  }
  return threads;
}

/**
 * A look at this process's children (and theirs, to `generations`), each with its generation, read from /proc. A
 * process found to be no descendant is not read again: its parent does not change while a test watches. A look that
 * read every process's stat, every 2 ms, took 2–6 ms, so under the whole suite (Chromium and the other workers'
 * children) it kept a core busy and starved the very processes it watched, which run at the lowest priority.
 */
export function descendants(generations: number): () => Map<number, ProcStat & { generation: number }> {
  const unrelated = new Set<string>();
  const known = new Map<number, number>();
  return () => {
    const found = new Map<number, ProcStat & { generation: number }>();
    // Listed in ascending order of id, so a parent is read before the children it started since the last look.
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid) || unrelated.has(pid)) continue;
      let stat: ProcStat;
      try {
        stat = procStat(`/proc/${pid}/stat`);
      } catch {
        // Ended between the listing and the read.
        continue;
      }
      const generation = stat.parent === process.pid ? 1 : known.has(stat.parent) ? known.get(stat.parent)! + 1 : undefined;
      if (generation === undefined || generation > generations) {
        unrelated.add(pid);
        continue;
      }
      known.set(Number(pid), generation);
      found.set(Number(pid), { ...stat, generation });
    }
    return found;
  };
}
