/**
 * The rate-limit scenario: N services created, updated and destroyed, one `up`/`destroy` per
 * step, against an emulator that allows LIMIT requests per WINDOW seconds per API client.
 * No provider can beat ⌈requests / LIMIT⌉ × WINDOW for a step, so wall time is reported as a
 * ratio to that bound, with the 429s answered, for ExternalService at two `--parallel` values and
 * for the naive provider (which does not retry).
 */
import * as path from "node:path";
import axios from "axios";
import { EmulatorProcess, startEmulatorProcess } from "../emulator";
import type { Variant } from "./resources";
import { benchStack, CLIENT, counts, root } from "./stack";

export const RATE_LIMIT = { n: 200, limit: 100, windowSeconds: 10 };
const STEPS = ["create", "update", "destroy"] as const;
/**
 * ExternalService at the engine's default `--parallel` (4 × cores: 8 here) and the naive provider.
 * `BENCH_RATE_PARALLEL=8,64` adds wider runs: pacing makes them alike (README shows one).
 */
const PARALLEL = (process.env.BENCH_RATE_PARALLEL ?? "").split(",").filter(Boolean).map(Number);
const RUNS: { variant: Variant; parallel?: number }[] = [{ variant: "hpecom" }, ...PARALLEL.map((parallel) => ({ variant: "hpecom" as const, parallel })), { variant: "naive" }];

export interface RateLimitStep {
  variant: Variant; parallel: string; step: (typeof STEPS)[number];
  seconds: number; requests: number; tooMany: number; boundSeconds: number; failed?: string;
}

async function runOne(emulator: EmulatorProcess, variant: Variant, parallel: number | undefined): Promise<RateLimitStep[]> {
  await axios.post(`${emulator.url}/__emulator/reset`); // a fresh window and an empty workspace
  const bench = await benchStack(variant, RATE_LIMIT.n, emulator, `rate-${variant}-${parallel ?? "default"}`);
  const actions = {
    create: () => bench.stack.up({ parallel }),
    update: () => { bench.setDescription("v2"); return bench.stack.up({ parallel }); },
    destroy: () => bench.stack.destroy({ parallel }),
  };
  const steps: RateLimitStep[] = [];
  try {
    for (const step of STEPS) {
      const { lastSeq } = await counts(emulator, 0);
      const started = process.hrtime.bigint();
      let failed: string | undefined;
      await actions[step]().catch((err: Error) => { failed = /(\d+) errored/.exec(err.message)?.[0] ?? err.message.split("\n")[0]; });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { routes, statuses } = await counts(emulator, lastSeq);
      const requests = Object.entries(routes).filter(([r]) => !r.includes("token")).reduce((a, [, c]) => a + c, 0);
      const tooMany = statuses["429"] ?? 0;
      const counted = requests - tooMany; // what the budget counted
      const boundSeconds = Math.ceil(counted / RATE_LIMIT.limit) * RATE_LIMIT.windowSeconds;
      steps.push({ variant, parallel: parallel ? String(parallel) : "default (8)", step, seconds, requests, tooMany, boundSeconds, failed });
      process.stderr.write(`bench: rate limit ${variant} parallel=${parallel ?? "default"} ${step}: ${seconds.toFixed(1)} s, ${requests} requests, ${tooMany} × 429${failed ? `, failed: ${failed}` : ""}\n`);
    }
  } finally {
    await bench.remove();
  }
  return steps;
}

export async function rateLimitScenario(): Promise<RateLimitStep[]> {
  const emulator = await startEmulatorProcess({
    dataFile: path.join(root, ".pulumi", "bench", "emulator-rate-limit.json"), clients: [`${CLIENT.id}:${CLIENT.secret}`],
    rateLimit: `${RATE_LIMIT.limit}/${RATE_LIMIT.windowSeconds}`,
  });
  try {
    const all: RateLimitStep[] = [];
    for (const run of RUNS) all.push(...await runOne(emulator, run.variant, run.parallel));
    return all;
  } finally {
    await emulator.stop();
  }
}

export function rateLimitTable(steps: RateLimitStep[]): string {
  const { n, limit, windowSeconds } = RATE_LIMIT;
  return [
    `Rate limit: N=${n} DSCC services under ${limit} requests per ${windowSeconds} s per API client; bound = ⌈requests counted / ${limit}⌉ × ${windowSeconds} s`,
    "",
    "| provider | --parallel | step | wall s | bound s | wall ÷ bound | requests | 429s (share) | outcome |",
    "|---|---|---|---|---|---|---|---|---|",
    ...steps.map((s) => `| ${s.variant} | ${s.parallel} | ${s.step} | ${s.seconds.toFixed(1)} | ${s.boundSeconds} | ${s.boundSeconds ? `${(s.seconds / s.boundSeconds).toFixed(2)}×` : "—"} | ` +
      `${s.requests} | ${s.tooMany} (${(100 * s.tooMany / Math.max(s.requests, 1)).toFixed(1)} %) | ${s.failed ? `failed: ${s.failed}` : "ok"} |`),
  ].join("\n");
}

/** The issue's targets for ExternalService: within 1.15× of the bound, ≤ 2 % 429s, no failure. */
export function rateLimitTargets(steps: RateLimitStep[]) {
  return steps.filter((s) => s.variant === "hpecom").flatMap((s) => {
    const at = `rate limit, --parallel ${s.parallel}, ${s.step}`;
    const ratio = s.seconds / s.boundSeconds;
    const share = s.tooMany / Math.max(s.requests, 1);
    return [
      { target: `${at}: within 1.15× of the bound`, measured: `${ratio.toFixed(2)}×`, met: ratio <= 1.15 },
      { target: `${at}: ≤ 2 % of requests answered 429, one run, no failure`, measured: `${(100 * share).toFixed(1)} %${s.failed ? `, failed: ${s.failed}` : ""}`, met: share <= 0.02 && !s.failed },
    ];
  });
}
