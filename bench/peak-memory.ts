/** Samples the peak resident memory (VmHWM) of the provider processes: the dynamic provider's, or the hpecom plugin's (or its floor's). */
import * as fs from "node:fs";
import { PROVIDER_PROCESS } from "./process-cpu";

function providerPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (PROVIDER_PROCESS.test(cmdline)) pids.push(Number(entry));
    } catch { /* exited */ }
  }
  return pids;
}

function hwmKiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Starts sampling every 100 ms; `stop()` returns the highest peak seen, in MiB. */
export function samplePeakMemory(): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    for (const pid of providerPids()) peak = Math.max(peak, hwmKiB(pid));
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peak / 102.4) / 10;
    },
  };
}
