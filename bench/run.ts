/**
 * `make bench`: for N services and an emulator latency per request, measures each operation on
 * the real engine for three variants side by side in one run (the engine floor, a naive
 * provider, and ExternalService), with the requests each made (from the emulator's log) and
 * the provider process's peak memory. Prints a table and writes bench/results/latest.json.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import axios from "axios";
import { EmulatorProcess, startEmulatorProcess } from "../emulator";
import { samplePeakMemory } from "./peak-memory";
import { RateLimitStep, rateLimitScenario, rateLimitTable, rateLimitTargets } from "./rate-limit";
import type { Variant } from "./resources";
import { benchStack, CLIENT, counts, root } from "./stack";

const SIZES = (process.env.BENCH_N ?? "10,100,200").split(",").map(Number);
const LATENCIES = (process.env.BENCH_LATENCY_MS ?? "0,50").split(",").map(Number);
/** `floor` (the operations against the engine floor) and `rate-limit`; both by default. */
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? "floor,rate-limit").split(",");
const OPERATIONS = ["create", "no-op preview", "no-op up", "refresh", "update 1 field", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];

interface Measurement {
  variant: Variant; n: number; latencyMs: number; operation: Operation;
  seconds: number; requests: number; byRoute: Record<string, number>;
}

async function run(variant: Variant, n: number, latencyMs: number, emulator: EmulatorProcess): Promise<{ results: Measurement[]; peakMiB: number }> {
  const bench = await benchStack(variant, n, emulator, `${variant}-${n}-${latencyMs}`);
  const { stack } = bench;
  await axios.post(`${emulator.url}/__emulator/reset`);
  if (latencyMs > 0) await axios.put(`${emulator.url}/__emulator/faults`, { latencyMs, match: "^\\w+ /(compute-ops-mgmt|as)/" });

  const operations: Record<Operation, () => Promise<unknown>> = {
    "create": () => stack.up(),
    "no-op preview": () => stack.preview({ expectNoChanges: true }),
    "no-op up": () => stack.up(),
    "refresh": () => stack.refresh(),
    "update 1 field": () => { bench.setDescription("v2"); return stack.up(); },
    "destroy": () => stack.destroy(),
  };
  const results: Measurement[] = [];
  let peakMiB = 0;
  for (const operation of OPERATIONS) {
    const { lastSeq } = await counts(emulator, 0);
    const memory = samplePeakMemory();
    const started = process.hrtime.bigint();
    await operations[operation]();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peakMiB = Math.max(peakMiB, memory.stop());
    const { routes } = await counts(emulator, lastSeq);
    results.push({ variant, n, latencyMs, operation, seconds, requests: Object.values(routes).reduce((a, b) => a + b, 0), byRoute: routes });
    process.stderr.write(`bench: ${variant.padEnd(6)} N=${String(n).padStart(3)} ${String(latencyMs).padStart(2)} ms  ${operation.padEnd(15)} ${seconds.toFixed(2)} s\n`);
  }
  await bench.remove();
  return { results, peakMiB };
}

const routeCount = (m: Measurement, pattern: RegExp) =>
  Object.entries(m.byRoute).filter(([r]) => pattern.test(r)).reduce((a, [, c]) => a + c, 0);

/** The targets, each with the measured value beside it. */
function targets(all: Measurement[]) {
  const checks: { target: string; measured: string; met: boolean }[] = [];
  const get = (variant: Variant, n: number, latencyMs: number, op: Operation) =>
    all.find((m) => m.variant === variant && m.n === n && m.operation === op && (variant === "floor" || m.latencyMs === latencyMs))!;
  for (const n of SIZES) {
    for (const latencyMs of LATENCIES) {
      const ours = (op: Operation) => get("hpecom", n, latencyMs, op);
      const pages = 1 + Math.ceil(n / 100);
      const at = `N=${n}, ${latencyMs} ms`;
      for (const op of ["no-op preview", "no-op up"] as const) {
        checks.push({ target: `${at}: ${op} sends 0 requests`, measured: String(ours(op).requests), met: ours(op).requests === 0 });
      }
      checks.push({ target: `${at}: refresh ≤ ${pages} requests`, measured: String(ours("refresh").requests), met: ours("refresh").requests <= pages });
      const create = ours("create");
      checks.push({ target: `${at}: create = ${n} POSTs + 1 token`, measured: `${routeCount(create, /^POST .*external-services$/)} POSTs + ${routeCount(create, /token/)} token, ${create.requests} in all`, met: create.requests === n + 1 });
      const update = ours("update 1 field");
      const reads = routeCount(update, /^GET /);
      checks.push({ target: `${at}: update = ${n} PATCHes + ≤ ${pages} reads (+1 token)`, measured: `${routeCount(update, /^PATCH /)} PATCHes + ${reads} reads + ${routeCount(update, /token/)} token`, met: routeCount(update, /^PATCH /) === n && reads <= pages });
      for (const op of OPERATIONS) {
        const ratio = ours(op).seconds / get("floor", n, 0, op).seconds;
        const limit = latencyMs === 0 ? 1.25 : 1.5;
        checks.push({ target: `${at}: ${op} within ${limit}× of the engine floor`, measured: `${ratio.toFixed(2)}×`, met: ratio <= limit });
        if (latencyMs > 0 && !op.startsWith("no-op")) {
          const speedup = get("naive", n, latencyMs, op).seconds / ours(op).seconds;
          checks.push({ target: `${at}: ${op} ≥ 2× faster than the naive provider`, measured: `${speedup.toFixed(2)}×`, met: speedup >= 2 });
        }
      }
    }
  }
  return checks;
}

function table(all: Measurement[]): string {
  const lines = ["| N | latency | operation | floor s | hpecom s (×floor) | naive s (×floor) | naive ÷ hpecom | requests hpecom | requests naive |", "|---|---|---|---|---|---|---|---|---|"];
  for (const n of SIZES) for (const latencyMs of LATENCIES) for (const op of OPERATIONS) {
    const floor = all.find((m) => m.variant === "floor" && m.n === n && m.operation === op)!;
    const ours = all.find((m) => m.variant === "hpecom" && m.n === n && m.latencyMs === latencyMs && m.operation === op)!;
    const naive = all.find((m) => m.variant === "naive" && m.n === n && m.latencyMs === latencyMs && m.operation === op)!;
    lines.push(`| ${n} | ${latencyMs} ms | ${op} | ${floor.seconds.toFixed(2)} | ${ours.seconds.toFixed(2)} (${(ours.seconds / floor.seconds).toFixed(2)}×) | ` +
      `${naive.seconds.toFixed(2)} (${(naive.seconds / floor.seconds).toFixed(2)}×) | ${(naive.seconds / ours.seconds).toFixed(2)}× | ${ours.requests} | ${naive.requests} |`);
  }
  return lines.join("\n");
}

async function floorScenario(): Promise<{ all: Measurement[]; peaks: Record<string, number> }> {
  const emulator = await startEmulatorProcess({ dataFile: path.join(root, ".pulumi", "bench", "emulator.json"), clients: [`${CLIENT.id}:${CLIENT.secret}`] });
  const all: Measurement[] = [];
  const peaks: Record<string, number> = {};
  try {
    for (const n of SIZES) {
      // The floor sends no request, so the emulator's latency does not concern it: once per N.
      const plan: [Variant, number][] = [["floor", 0], ...LATENCIES.flatMap((l): [Variant, number][] => [["hpecom", l], ["naive", l]])];
      for (const [variant, latencyMs] of plan) {
        const { results, peakMiB } = await run(variant, n, latencyMs, emulator);
        all.push(...results);
        if (n === Math.max(...SIZES)) peaks[variant === "floor" ? variant : `${variant} @ ${latencyMs} ms`] = peakMiB;
      }
    }
  } finally {
    await emulator.stop();
  }
  return { all, peaks };
}

async function main() {
  if (!process.env.PULUMI_ENGINE_BIN) throw new Error("run under scripts/with-engine (make bench)");
  fs.mkdirSync(path.join(root, ".pulumi", "bench"), { recursive: true });
  const started = Date.now();
  const floor = SCENARIOS.includes("floor") ? await floorScenario() : undefined;
  const rateLimit: RateLimitStep[] = SCENARIOS.includes("rate-limit") ? await rateLimitScenario() : [];
  const checks = [...(floor ? targets(floor.all) : []), ...rateLimitTargets(rateLimit)];
  const minutes = (Date.now() - started) / 60000;
  const report = [
    `pulumi-hpecom benchmark — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, ${minutes.toFixed(1)} min`,
    ...(floor ? ["", table(floor.all), "",
      `Provider process peak memory at N=${Math.max(...SIZES)} (VmHWM): ` + Object.entries(floor.peaks).map(([k, v]) => `${k}: ${v} MiB`).join(", ")] : []),
    ...(rateLimit.length ? ["", rateLimitTable(rateLimit)] : []),
    "", "| target | measured | met |", "|---|---|---|",
    ...checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met ? "yes" : "**no**"} |`),
  ].join("\n");
  console.log(report);
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "latest.json"), JSON.stringify({
    date: new Date().toISOString(), cores: os.cpus().length, node: process.version, minutes,
    measurements: floor?.all ?? [], peakMemoryMiB: floor?.peaks ?? {}, rateLimit, targets: checks,
  }, null, 2));
  fs.writeFileSync(path.join(root, "bench", "results", "latest.md"), report + "\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
