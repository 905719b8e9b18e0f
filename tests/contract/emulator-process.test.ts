/**
 * The emulator as a process of its own (startEmulatorProcess) ends with the process that started
 * it, however that one ends: a test or benchmark that crashes or is killed leaves no emulator.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../helpers/paths";

/** Whether `pid` is a live process (an exited one waiting to be reaped is not). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Waits (bounded) until `pid` has ended, reading /proc: there is no exit event for a process that is not our child. */
async function ended(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (running(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

it("stops when the process that started it is killed", async () => {
  const emulatorModule = JSON.stringify(path.join(repoRoot, "dist", "emulator"));
  const starter = spawn(process.execPath, ["-e", `require(${emulatorModule}).startEmulatorProcess({}).then((e) => console.log(e.pid))`],
    { stdio: ["ignore", "pipe", "inherit"] });
  const pid = Number(await new Promise<string>((resolve) => starter.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString()))));
  try {
    expect(running(pid)).toBe(true);
    starter.kill("SIGKILL");
    expect(await ended(pid)).toBe(true);
  } finally {
    if (running(pid)) process.kill(pid, "SIGKILL");
  }
});
