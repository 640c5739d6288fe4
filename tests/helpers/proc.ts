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
