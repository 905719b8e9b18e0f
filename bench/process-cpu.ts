/**
 * Where an operation's CPU goes, per process: the engine (the pulumi CLI and its language
 * hosts), the provider (the dynamic provider, the plugin or a floor), the rest the engine starts
 * (shell wrappers), and this bench process, which runs the inline program and the Automation API.
 * The processes are this one's descendants (the emulator left out), read from /proc every 50 ms;
 * a process's last sample is what it used, to within 50 ms.
 */
import * as fs from "node:fs";
import { cpuSeconds, statFields } from "./cpu-time";

export type Role = "engine" | "provider" | "started by the engine" | "program (bench process)";

/** What a provider process runs: the dynamic provider, the plugin, or one of the plugin's floors (peak-memory.ts and profile.ts look for it too). */
export const PROVIDER_PROCESS = /cmd\/dynamic-provider|dist\/plugin\/main\.js|providers\/plugin-(io-)?floor\.js/;

function roleOf(cmdline: string[]): Role {
  const exe = cmdline[0]?.split("/").pop() ?? "";
  if (exe === "pulumi" || exe.startsWith("pulumi-language-")) return "engine";
  if (cmdline.some((a) => PROVIDER_PROCESS.test(a))) return "provider";
  return "started by the engine";
}

/** Each process's parent, from /proc. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      out.set(Number(entry), Number(statFields(Number(entry))[1]));
    } catch { /* exited */ }
  }
  return out;
}

function descendants(root: number, exclude: number): number[] {
  const byParent = parents();
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of byParent) if (parent === pid && child !== exclude) { found.push(child); walk(child); }
  };
  walk(root);
  return found;
}

/** Starts sampling; `stop()` returns CPU seconds by role. */
export function sampleProcessCpu(excludePid: number): { stop(): Record<Role, number> } {
  const last = new Map<number, { role: Role; seconds: number }>();
  const ownStart = process.cpuUsage();
  const sample = () => {
    for (const pid of descendants(process.pid, excludePid)) {
      try {
        // A launcher (`sh pulumi-resource-hpecom`) becomes the provider when it execs node: look again until it does.
        const seen = last.get(pid)?.role;
        const role = seen && seen !== "started by the engine" ? seen : roleOf(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0"));
        last.set(pid, { role, seconds: cpuSeconds(pid) });
      } catch { /* exited between the listing and the read */ }
    }
  };
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const own = process.cpuUsage(ownStart);
      const totals: Record<Role, number> = { "engine": 0, "provider": 0, "started by the engine": 0, "program (bench process)": (own.user + own.system) / 1e6 };
      for (const { role, seconds } of last.values()) totals[role] += seconds;
      return totals;
    },
  };
}
