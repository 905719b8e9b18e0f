/**
 * The emulator as a process of its own (startEmulatorProcess, scripts/start-emulator.sh) ends
 * with the process that started it, however that one ends: a test, benchmark or script that
 * crashes or is killed leaves no emulator.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, scratchDir } from "../helpers/paths";
import { running } from "../helpers/process-tree";

/** Waits (bounded) until `pid` has ended, reading /proc: there is no exit event for a process that is not our child. */
async function ended(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (running(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Kills `starter` once it has printed the emulator's pid, and tells whether the emulator then ended. */
async function endsWithItsStarter(starter: ChildProcess): Promise<boolean> {
  const pid = Number(await new Promise<string>((resolve) => starter.stdout!.once("data", (chunk: Buffer) => resolve(chunk.toString()))));
  try {
    expect(running(pid)).toBe(true);
    starter.kill("SIGKILL");
    return await ended(pid);
  } finally {
    if (running(pid)) process.kill(pid, "SIGKILL");
  }
}

it("stops when the process that started it with startEmulatorProcess is killed", async () => {
  const emulatorModule = JSON.stringify(path.join(repoRoot, "dist", "emulator"));
  const starter = spawn(process.execPath, ["-e", `require(${emulatorModule}).startEmulatorProcess({}).then((e) => console.log(e.pid))`],
    { stdio: ["ignore", "pipe", "inherit"] });
  expect(await endsWithItsStarter(starter)).toBe(true);
});

it("stops when the script that started it with start_emulator is killed", async () => {
  const dir = scratchDir("start-emulator");
  try {
    // The script waits on its own input (a builtin, so no child of it holds the emulator's pipe).
    const script = `root=${JSON.stringify(repoRoot)}; . "$root/scripts/start-emulator.sh"; start_emulator ${JSON.stringify(dir)} --port 0; echo "$emulator_pid"; read -r _`;
    const starter = spawn("bash", ["-c", script], { stdio: ["pipe", "pipe", "inherit"] });
    expect(await endsWithItsStarter(starter)).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
