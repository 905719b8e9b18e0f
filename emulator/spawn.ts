/** The emulator as a separate process on a fixed port: benchmarks isolate it, tests kill and restart it. */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

export interface EmulatorProcess {
  url: string;
  tokenUrl: string;
  /** The process's id now (a restart changes it): benchmarks read its CPU time. */
  readonly pid: number;
  stop(): Promise<void>;
  /** Stops it, waits `downMs`, and starts it again on the same port with the same data file. */
  restart(downMs: number): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Built, cli.js sits beside this file; run from the sources (tests), it is in dist/.
const CLI = [path.join(__dirname, "cli.js"), path.join(__dirname, "..", "dist", "emulator", "cli.js")].find((p) => fs.existsSync(p))!;

/**
 * Its standard input is a pipe this process holds: when this process ends, even killed, the pipe
 * closes and the emulator stops (`--stop-on-stdin-end`), so that a crashed test or benchmark
 * leaves no emulator behind.
 */
function spawnEmulator(args: string[]): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [CLI, ...args, "--stop-on-stdin-end"], { stdio: ["pipe", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    proc.stdout!.once("data", () => resolve(proc));
    proc.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

const stopProcess = (proc: ChildProcess) => new Promise<void>((resolve) => {
  if (proc.exitCode !== null) return resolve();
  proc.once("exit", () => resolve());
  proc.kill("SIGKILL");
});

export async function startEmulatorProcess(options: { dataFile?: string; clients?: string[]; rateLimit?: string }): Promise<EmulatorProcess> {
  const port = await freePort();
  const args = ["--port", String(port), ...(options.dataFile ? ["--data-file", options.dataFile] : []), ...(options.clients ?? []).flatMap((c) => ["--client", c]),
    ...(options.rateLimit ? ["--rate-limit", options.rateLimit] : [])];
  let proc = await spawnEmulator(args);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    tokenUrl: `${url}/as/token.oauth2`,
    get pid() { return proc.pid!; },
    stop: () => stopProcess(proc),
    restart: async (downMs) => {
      await stopProcess(proc);
      await new Promise((r) => setTimeout(r, downMs));
      proc = await spawnEmulator(args);
    },
  };
}
