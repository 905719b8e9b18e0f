/**
 * Kills a process and everything it started, the way a cancelled CI job does: at once and
 * without a chance to clean up. The engine starts its language hosts and providers in process
 * groups of their own, so a group kill would leave them running: the tree is read from /proc,
 * each process frozen (SIGSTOP, so that none starts another or writes more) until no new one
 * appears, then all of them killed (SIGKILL).
 */
import * as fs from "node:fs";

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended while we read
    }
    // The fields after the command name, which may hold spaces and parentheses: state, ppid, ….
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(entry)]);
  }
  return byParent;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** SIGKILLs `root` and its descendants, frozen first; returns how many processes it killed. */
export function killTree(root: number): number {
  const frozen = new Set<number>();
  for (;;) {
    const byParent = children();
    const tree: number[] = [];
    for (let queue = [root]; queue.length;) {
      const pid = queue.shift()!;
      tree.push(pid);
      queue.push(...(byParent.get(pid) ?? []));
    }
    const fresh = tree.filter((pid) => !frozen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      signal(pid, "SIGSTOP");
      frozen.add(pid);
    }
  }
  for (const pid of frozen) signal(pid, "SIGKILL");
  return frozen.size;
}
