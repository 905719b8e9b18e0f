/**
 * The engine-floor scenario: N DSCC services through the real engine, each face against its own
 * floor, each operation timed: ExternalService (the dynamic face) at 0 ms and at 50 ms of
 * emulator latency against a dynamic provider that does no I/O, and the provider plugin against
 * a plugin with the same schema that does no I/O (providers/plugin-floor.ts). Single runs on 2
 * cores swing by ±20 %, so a face and its floors run in lockstep rounds (each operation on all of
 * them back to back, the order rotating; runRound), and each ratio is the median of the
 * per-round ratios to the same round's floor, with their spread.
 */
import axios from "axios";
import type { EmulatorProcess } from "../emulator";
import { cpuSeconds } from "./cpu-time";
import { samplePeakMemory } from "./peak-memory";
import { sampleProcessCpu } from "./process-cpu";
import type { Variant } from "./resources";
import { BenchStack, benchStack, counts } from "./stack";

export const OPERATIONS = ["create", "no-op preview", "no-op up", "refresh", "update 1 field", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** `BENCH_N=100,500`, `BENCH_ROUNDS=100:3,500:2`, `BENCH_LATENCY_MS=0,50` narrow or widen a run. */
export const SIZES = (process.env.BENCH_N ?? "100,500").split(",").map(Number);
const LATENCIES = (process.env.BENCH_LATENCY_MS ?? "0,50").split(",").map(Number);
const ROUNDS = new Map((process.env.BENCH_ROUNDS ?? "100:2,500:2").split(",").map((p) => p.split(":").map(Number) as [number, number]));
/**
 * What keeps `make bench` within 20 minutes on 2 cores: the large size skips the no-op preview
 * (no target depends on it; the no-op up stays), and runs every variant alike with
 * PULUMI_SKIP_CHECKPOINTS=true. The file backend rewrites the whole checkpoint at every step,
 * a cost that grows with N² and is most of the floor's time at N=500 (bench/README.md measures
 * it): without it the providers' own share shows, and two rounds fit.
 */
const SMALL_N = 100;
const skipped = (n: number, op: Operation) => n > SMALL_N && op === "no-op preview";
const engineEnv = (n: number): Record<string, string> => (n > SMALL_N ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {});

export interface Measurement {
  variant: Variant; n: number; latencyMs: number; round: number; operation: Operation;
  seconds: number; requests: number; byRoute: Record<string, number>;
  /** CPU the emulator spent meanwhile, on the cores the engine and the provider share (a real API's is elsewhere). */
  emulatorCpuSeconds: number;
  /** CPU the provider process used (process-cpu.ts): the provider's own work, without the wall clock's noise. */
  providerCpuSeconds: number;
}

export interface FloorResults { measurements: Measurement[]; peakMiB: Record<string, number>; rounds: Record<number, number> }

interface Run { variant: Variant; latencyMs: number }
const label = (r: Run) => (isFloor(r.variant) ? r.variant : `${r.variant} @ ${r.latencyMs} ms`);

/**
 * Each face, the floor it is measured against, and its I/O floor: the floor plus the requests
 * each operation needs, sent as plainly as they can be (providers/minimal-api.ts), which shows
 * how much of a face's gap is the API's (on these cores) and how much the provider's own. The
 * floors send no request, so the emulator's latency does not concern them; the I/O floors run at
 * 0 ms (`BENCH_IO_FLOOR_LATENCY_MS=0,50` adds 50 ms). `BENCH_FACES=hpecom` or `=plugin` runs one.
 */
const IO_FLOOR_LATENCIES = (process.env.BENCH_IO_FLOOR_LATENCY_MS ?? "0").split(",").map(Number);
const FACES = [
  // The strict floor (providers/strict-floor.ts): ExternalService's program, inputs, check, diff and outputs, no I/O.
  { face: "hpecom" as Variant, floor: "strict-floor" as Variant, ioFloor: "io-floor" as Variant, latencies: LATENCIES, limits: { noop: 1.1, at0: 1.15, atLatency: 1.25 } },
  { face: "plugin" as Variant, floor: "plugin-floor" as Variant, ioFloor: "plugin-io-floor" as Variant, latencies: [0], limits: { noop: 1.15, at0: 1.15, atLatency: 1.15 } },
].filter((f) => (process.env.BENCH_FACES ?? "hpecom,plugin").split(",").includes(f.face));
const isFloor = (v: Variant) => FACES.some((f) => f.floor === v);
const faceOf = (v: Variant) => FACES.find((f) => f.face === v || f.ioFloor === v)!;

/** One run of a round: its stack, and an emulator of its own (reset for the round, with the run's latency). */
interface Lane { run: Run; bench: BenchStack; emulator: EmulatorProcess; peakMiB: number }

async function openLane(run: Run, n: number, emulator: EmulatorProcess): Promise<Lane> {
  await axios.post(`${emulator.url}/__emulator/reset`);
  if (run.latencyMs > 0) await axios.put(`${emulator.url}/__emulator/faults`, { latencyMs: run.latencyMs, match: "^\\w+ /(compute-ops-mgmt|as)/" });
  const bench = await benchStack(run.variant, n, emulator, `${run.variant}-${n}-${run.latencyMs}`, engineEnv(n));
  return { run, bench, emulator, peakMiB: 0 };
}

/** One operation on one lane, measured. */
async function measure(lane: Lane, n: number, round: number, operation: Operation): Promise<Measurement> {
  const { run: { variant, latencyMs }, bench, emulator } = lane;
  const { stack } = bench;
  const operations: Record<Operation, () => Promise<unknown>> = {
    "create": () => stack.up(),
    "no-op preview": () => stack.preview({ expectNoChanges: true }),
    "no-op up": () => stack.up(),
    "refresh": () => stack.refresh(),
    "update 1 field": () => { bench.setDescription("v2"); return stack.up(); },
    "destroy": () => stack.destroy(),
  };
  const { lastSeq } = await counts(emulator, 0);
  const memory = samplePeakMemory();
  const emulatorCpu = cpuSeconds(emulator.pid);
  const processCpu = sampleProcessCpu(emulator.pid);
  const started = process.hrtime.bigint();
  await operations[operation]();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const providerCpuSeconds = processCpu.stop().provider;
  const emulatorCpuSeconds = cpuSeconds(emulator.pid) - emulatorCpu;
  lane.peakMiB = Math.max(lane.peakMiB, memory.stop());
  const { routes } = await counts(emulator, lastSeq);
  process.stderr.write(`bench: N=${n} round ${round} ${label(lane.run).padEnd(20)} ${operation.padEnd(15)} ${seconds.toFixed(2)} s\n`);
  return { variant, n, latencyMs, round, operation, seconds, requests: Object.values(routes).reduce((a, b) => a + b, 0), byRoute: routes, emulatorCpuSeconds, providerCpuSeconds };
}

const rotated = <T>(xs: T[], by: number) => [...xs.slice(by % xs.length), ...xs.slice(0, by % xs.length)];

/**
 * One round of a face's runs, in lockstep: every run has its stack, and each operation runs on
 * all of them back to back (in an order that rotates with the round and the operation) before
 * the next operation. A face and its floors are then measured seconds apart, not minutes, so
 * the machine's slow swings fall on both sides of a ratio.
 */
async function runRound(runs: Run[], n: number, round: number, emulators: EmulatorProcess[]): Promise<{ lanes: Lane[]; results: Measurement[] }> {
  const lanes: Lane[] = [];
  const results: Measurement[] = [];
  try {
    for (const [i, run] of runs.entries()) lanes.push(await openLane(run, n, emulators[i]));
    for (const [o, operation] of OPERATIONS.filter((op) => !skipped(n, op)).entries()) {
      for (const lane of rotated(lanes, round + o)) results.push(await measure(lane, n, round, operation));
    }
  } finally {
    for (const lane of lanes) await lane.bench.remove();
  }
  return { lanes, results };
}

/** A face's runs: its floor, its I/O floors, and the face at each latency. */
const runsOf = ({ face, floor, ioFloor, latencies }: (typeof FACES)[number]): Run[] => [
  { variant: floor, latencyMs: 0 },
  ...latencies.filter((l) => IO_FLOOR_LATENCIES.includes(l)).map((l): Run => ({ variant: ioFloor, latencyMs: l })),
  ...latencies.map((l): Run => ({ variant: face, latencyMs: l })),
];

/**
 * Runs the rounds, each run against an emulator of its own (in memory: with a data file the
 * emulator rewrites all its services on every change, a cost that grows with N² and that no real
 * API puts on this machine's two cores).
 */
export async function engineFloorScenario(startEmulator: () => Promise<EmulatorProcess>): Promise<FloorResults> {
  const emulators: EmulatorProcess[] = [];
  try {
    for (let i = 0; i < Math.max(...FACES.map((f) => runsOf(f).length)); i++) emulators.push(await startEmulator());
    // The first round in a process runs slower (disk caches, the engine's plugin discovery): one
    // unmeasured round at N=10 keeps that cost out of the first measured one.
    for (const face of FACES) await runRound(runsOf(face), 10, -1, emulators);
    const measurements: Measurement[] = [];
    const peakMiB: Record<string, number> = {};
    const rounds: Record<number, number> = {};
    for (const n of SIZES) {
      rounds[n] = ROUNDS.get(n) ?? 1;
      for (let round = 0; round < rounds[n]; round++) {
        for (const face of FACES) {
          const { lanes, results } = await runRound(runsOf(face), n, round, emulators);
          measurements.push(...results);
          for (const lane of lanes) {
            const key = `N=${n} ${label(lane.run)}`;
            peakMiB[key] = Math.max(peakMiB[key] ?? 0, lane.peakMiB);
          }
        }
      }
    }
    return { measurements, peakMiB, rounds };
  } finally {
    for (const emulator of emulators) await emulator.stop();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const of = (all: Measurement[], n: number, r: Run, op: Operation) =>
  all.filter((m) => m.n === n && m.variant === r.variant && m.latencyMs === r.latencyMs && m.operation === op);

/**
 * Per-round ratios of a run's time (or another measure of it) to its reference's (by default its
 * face's floor) for one operation: their median and spread.
 */
function ratio(all: Measurement[], n: number, run: Run, op: Operation, reference: Run = { variant: faceOf(run.variant).floor, latencyMs: 0 },
  by: (m: Measurement) => number = (m) => m.seconds) {
  const theirs = of(all, n, reference, op);
  const ours = of(all, n, run, op);
  const ratios = ours.flatMap((m) => theirs.filter((f) => f.round === m.round).map((f) => by(m) / by(f)));
  return {
    median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), seconds: median(ours.map((m) => m.seconds)), requests: ours[0]?.requests,
    emulatorCpuSeconds: median(ours.map((m) => m.emulatorCpuSeconds)), providerCpuSeconds: median(ours.map((m) => m.providerCpuSeconds)),
  };
}

const spread = (r: { median: number; min: number; max: number }) => `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)})`;

/** The runs of `variants` that were measured at size `n`, with their latencies. */
const measuredRuns = (r: FloorResults, n: number, variants: Variant[]): Run[] =>
  variants.flatMap((variant) => [...new Set(r.measurements.filter((m) => m.n === n && m.variant === variant).map((m) => m.latencyMs))].map((latencyMs) => ({ variant, latencyMs })));
/** The faces' runs at size `n`. */
const runsAt = (r: FloorResults, n: number) => measuredRuns(r, n, FACES.map((f) => f.face));

export function floorTable(r: FloorResults): string {
  const lines = [
    "| N (rounds) | face | latency | operation | its floor s | face s | face ÷ floor, median (spread) | face ÷ its I/O floor | provider CPU s | provider CPU ÷ its I/O floor's | requests | emulator CPU s |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const n of [...new Set(r.measurements.map((m) => m.n))]) {
    // Each I/O floor is listed first, as a face of its own: its ratio to the floor is what the API costs.
    for (const run of measuredRuns(r, n, FACES.flatMap((f) => [f.ioFloor, f.face]))) {
      const ioFloor: Run = { variant: faceOf(run.variant).ioFloor, latencyMs: run.latencyMs };
      for (const op of measuredAt(r, n)) {
        const floor = median(of(r.measurements, n, { variant: faceOf(run.variant).floor, latencyMs: 0 }, op).map((m) => m.seconds));
        const ours = ratio(r.measurements, n, run, op);
        const againstIo = run.variant !== ioFloor.variant && of(r.measurements, n, ioFloor, op).length;
        const beyondIo = againstIo ? spread(ratio(r.measurements, n, run, op, ioFloor)) : "—";
        const cpuBeyondIo = againstIo ? spread(ratio(r.measurements, n, run, op, ioFloor, (m) => m.providerCpuSeconds)) : "—";
        lines.push(`| ${n} (${r.rounds[n]}) | ${run.variant} | ${run.latencyMs} ms | ${op} | ${floor.toFixed(2)} | ${ours.seconds.toFixed(2)} | ` +
          `${spread(ours)} | ${beyondIo} | ${ours.providerCpuSeconds.toFixed(2)} | ${cpuBeyondIo} | ${ours.requests} | ${ours.emulatorCpuSeconds.toFixed(2)} |`);
      }
    }
  }
  return lines.join("\n");
}

/** The operations measured at size `n` (the large size skips one). */
const measuredAt = (r: FloorResults, n: number) => OPERATIONS.filter((op) => r.measurements.some((m) => m.n === n && m.operation === op));

const routeCount = (m: Measurement, pattern: RegExp) =>
  Object.entries(m.byRoute).filter(([route]) => pattern.test(route)).reduce((a, [, c]) => a + c, 0);

/** The issues' targets, each with the measured value beside it. */
export function floorTargets(r: FloorResults) {
  const checks: { target: string; measured: string; met: boolean }[] = [];
  for (const n of [...new Set(r.measurements.map((m) => m.n))]) {
    for (const run of runsAt(r, n)) {
      const { variant, latencyMs } = run;
      const { floor, limits } = faceOf(variant);
      const at = `N=${n}, ${variant} @ ${latencyMs} ms`;
      const first = (op: Operation) => r.measurements.find((m) => m.n === n && m.variant === variant && m.latencyMs === latencyMs && m.operation === op)!;
      for (const op of measuredAt(r, n).filter((o) => o.startsWith("no-op"))) {
        checks.push({ target: `${at}: ${op} sends 0 requests`, measured: String(first(op).requests), met: first(op).requests === 0 });
      }
      const pages = Math.ceil(n / 100);
      const refreshReads = routeCount(first("refresh"), /^GET /);
      checks.push({ target: `${at}: refresh = ${pages} list pages (+1 token)`, measured: `${refreshReads} reads, ${first("refresh").requests} in all`, met: refreshReads === pages });
      const create = first("create");
      checks.push({ target: `${at}: create = ${n} POSTs + 1 token`, measured: `${create.requests} requests`, met: create.requests === n + 1 });
      const update = first("update 1 field");
      const reads = routeCount(update, /^GET /);
      checks.push({ target: `${at}: update = ${n} PATCHes + ${pages} list pages (+1 token)`, measured: `${routeCount(update, /^PATCH /)} PATCHes + ${reads} reads`, met: routeCount(update, /^PATCH /) === n && reads <= pages });
      for (const op of measuredAt(r, n)) {
        const limit = op.startsWith("no-op") ? limits.noop : latencyMs === 0 ? limits.at0 : limits.atLatency;
        const { median: m } = ratio(r.measurements, n, run, op);
        checks.push({ target: `${at}: ${op} ≤ ${limit}× ${floor} (median of rounds)`, measured: `${m.toFixed(2)}×`, met: m <= limit });
      }
      const peak = r.peakMiB[`N=${n} ${label(run)}`];
      const floorPeak = r.peakMiB[`N=${n} ${floor}`];
      checks.push({ target: `${at}: provider peak memory ≤ 1.2× ${floor}'s`, measured: `${peak} MiB vs ${floorPeak} MiB (${(peak / floorPeak).toFixed(2)}×)`, met: peak <= 1.2 * floorPeak });
    }
  }
  return checks;
}
