/** The CPU time (user + system) a process has used so far, from /proc: what the emulator costs the two cores the engine and the provider share. */
import * as fs from "node:fs";

const TICKS_PER_SECOND = 100;

export function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): state is the 3rd field, utime the 14th, stime the 15th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
