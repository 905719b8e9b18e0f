/**
 * Kills a process and everything it started, the way a cancelled CI job does: at once and
 * without a chance to clean up. The engine starts its language hosts and providers in process
 * groups of their own, so a group kill would leave them running: the tree is read from /proc,
 * each process frozen (SIGSTOP, so that none starts another or writes more) until no new one
 * appears, then all of them killed (SIGKILL). `running` tells whether a process has ended.
 */
import * as fs from "node:fs";

/** The fields of /proc/<pid>/stat after the command name, which may hold spaces and parentheses: [0] the state, [1] the parent; undefined once it has ended. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // ended while we read
  }
}

/** Whether `pid` is a live process (an exited one waiting to be reaped is not). */
export function running(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== undefined && fields[0] !== "Z";
}

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (!fields) continue;
    const ppid = Number(fields[1]);
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
