/**
 * `make profile`: where the per-resource time of a no-op `up` goes. Deploys N services for the
 * strict floor (providers/strict-floor.ts) and for ExternalService, then runs one no-op `up` of each with a CPU profiler
 * (cpu-profiler.ts) in every Node process the engine starts (the program and the dynamic provider), and sums each
 * process's CPU time by where the code lives. `BENCH_N` sets N (default 100); `BENCH_PROFILE_OP`
 * picks the operation: `no-op up` (default), `preview` (a no-op one), `create`, `update`, `refresh` or `destroy`;
 * `BENCH_PROFILE_VARIANTS=plugin-floor,plugin` compares the plugin with its floor instead.
 * `BENCH_PROFILE_KEEP=<directory>` keeps the `.cpuprofile` files there (to open in Chrome DevTools).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulatorProcess } from "../emulator";
import type { Variant } from "./resources";
import { PROVIDER_PROCESS, sampleProcessCpu } from "./process-cpu";
import { benchStack, CLIENT, root } from "./stack";

const N = Number(process.env.BENCH_N ?? 100);
const OP = process.env.BENCH_PROFILE_OP ?? "no-op up";
const VARIANTS = (process.env.BENCH_PROFILE_VARIANTS ?? "strict-floor,hpecom").split(",") as Variant[];
const KEEP = process.env.BENCH_PROFILE_KEEP;

interface Node { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

/** Where a sampled function lives, coarsely: the question is which layer costs what. */
function place(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "garbage collection";
  if (fn === "(idle)" || fn === "(program)") return fn;
  if (/\/dist\/(sdk|provider|plugin)\//.test(url)) return url.includes("/sdk/") ? "pulumi-hpecom sdk" : url.includes("/plugin/") ? "pulumi-hpecom plugin" : "pulumi-hpecom provider";
  if (url.includes("/dist/bench/")) return "bench provider";
  if (url.includes("node_modules/zod")) return "zod";
  if (url.includes("@grpc") || url.includes("google-protobuf")) return "gRPC and protobuf";
  if (url.includes("@pulumi/pulumi")) return "@pulumi/pulumi runtime";
  if (url.includes("node_modules/typescript") || url.includes("ts-node")) return "TypeScript";
  if (url.startsWith("node:") || url === "") return "Node.js internals (module loading, I/O)";
  return "other packages";
}

function summarize(file: string): { kind: string; totalMs: number; byPlace: Record<string, number>; top: [string, number][] } {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byPlace: Record<string, number> = {};
  const byFunction: Record<string, number> = {};
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const where = place(node.callFrame.url, node.callFrame.functionName);
    if (where === "(idle)") return;
    byPlace[where] = (byPlace[where] ?? 0) + ms;
    const fn = `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.split("/").slice(-2).join("/")}`;
    byFunction[fn] = (byFunction[fn] ?? 0) + ms;
    totalMs += ms;
  });
  const dynamicProvider = profile.nodes.some((n) => PROVIDER_PROCESS.test(n.callFrame.url));
  const top = Object.entries(byFunction).sort((a, b) => b[1] - a[1]).slice(0, 10);
  return { kind: dynamicProvider ? "provider process" : "program process", totalMs, byPlace, top };
}

async function profileVariant(variant: Variant, emulator: Awaited<ReturnType<typeof startEmulatorProcess>>) {
  const bench = await benchStack(variant, N, emulator, `profile-${variant}`);
  const dir = fs.mkdtempSync(path.join(root, ".pulumi", "bench", `cpuprofile-${variant}-`));
  try {
    if (OP !== "create") await bench.stack.up();
    if (OP === "update") bench.setDescription("v2");
    const env = bench.stack.workspace.envVars;
    Object.assign(env, { NODE_OPTIONS: `--require ${path.join(__dirname, "cpu-profiler.js")}`, HPECOM_CPU_PROFILE_DIR: dir });
    const started = process.hrtime.bigint();
    const cpu = sampleProcessCpu(emulator.pid);
    await (OP === "refresh" ? bench.stack.refresh() : OP === "destroy" ? bench.stack.destroy() : OP === "preview" ? bench.stack.preview() : bench.stack.up());
    const byProcess = cpu.stop();
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    process.stderr.write(`profile: ${variant} ${OP}: ${wall.toFixed(2)} s (profiled)\n`);
    delete env.NODE_OPTIONS;
    delete env.HPECOM_CPU_PROFILE_DIR;
    if (OP !== "destroy") await bench.stack.destroy();
    return { wall, byProcess, profiles: fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => summarize(path.join(dir, f))) };
  } finally {
    await bench.remove();
    if (KEEP) fs.cpSync(dir, path.join(KEEP, `${variant}-${OP.replace(/\W+/g, "-")}`), { recursive: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (!process.env.PULUMI_ENGINE_BIN) throw new Error("run under scripts/with-engine (make profile)");
  fs.mkdirSync(path.join(root, ".pulumi", "bench"), { recursive: true });
  const emulator = await startEmulatorProcess({ dataFile: path.join(root, ".pulumi", "bench", "emulator-profile.json"), clients: [`${CLIENT.id}:${CLIENT.secret}`] });
  try {
    const lines = [`CPU time of one ${OP} of ${N} services, by process and by where the code lives (ms; per resource in µs)`, ""];
    for (const variant of VARIANTS) {
      const { wall, byProcess, profiles } = await profileVariant(variant, emulator);
      lines.push(`${variant}: ${wall.toFixed(2)} s wall; CPU by process: ` +
        Object.entries(byProcess).map(([role, s]) => `${role} ${(1000 * s).toFixed(0)} ms`).join(", "));
      for (const p of profiles) {
        lines.push(`${variant}, ${p.kind}: ${p.totalMs.toFixed(0)} ms (${(1000 * p.totalMs / N).toFixed(0)} µs per resource)`);
        for (const [where, ms] of Object.entries(p.byPlace).sort((a, b) => b[1] - a[1])) {
          lines.push(`  ${where.padEnd(42)} ${ms.toFixed(0).padStart(6)} ms  ${(1000 * ms / N).toFixed(0).padStart(6)} µs`);
        }
        lines.push("  top functions by self time:", ...p.top.map(([fn, ms]) => `    ${ms.toFixed(0).padStart(6)} ms  ${fn}`));
      }
    }
    console.log(lines.join("\n"));
  } finally {
    await emulator.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
