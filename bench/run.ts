/**
 * `make bench`: the engine-floor scenario (each operation of N services against the engine
 * floor, in lockstep rounds; engine-floor.ts) and the rate-limit scenario (rate-limit.ts),
 * with the requests each made (from the emulator's log) and the provider process's peak memory.
 * Prints the tables and the targets, and writes bench/results/latest.{json,md}.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulatorProcess } from "../emulator";
import { engineFloorScenario, floorTable, floorTargets } from "./engine-floor";
import { RateLimitStep, rateLimitScenario, rateLimitTable, rateLimitTargets } from "./rate-limit";
import { CLIENT, root } from "./stack";

/** `floor` and `rate-limit`; both by default (`BENCH_SCENARIOS=rate-limit` runs one). */
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? "floor,rate-limit").split(",");

async function main() {
  if (!process.env.PULUMI_ENGINE_BIN) throw new Error("run under scripts/with-engine (make bench)");
  fs.mkdirSync(path.join(root, ".pulumi", "bench"), { recursive: true });
  const started = Date.now();
  const floor = SCENARIOS.includes("floor") ? await engineFloorScenario(() => startEmulatorProcess({ clients: [`${CLIENT.id}:${CLIENT.secret}`] })) : undefined;
  const rateLimit: RateLimitStep[] = SCENARIOS.includes("rate-limit") ? await rateLimitScenario() : [];
  const checks = [...(floor ? floorTargets(floor) : []), ...rateLimitTargets(rateLimit)];
  const minutes = (Date.now() - started) / 60000;
  const report = [
    `pulumi-hpecom benchmark — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, ${minutes.toFixed(1)} min`,
    ...(floor ? ["", floorTable(floor), "",
      "Provider process peak memory (VmHWM, highest of all rounds): " + Object.entries(floor.peakMiB).map(([k, v]) => `${k}: ${v} MiB`).join(", ")] : []),
    ...(rateLimit.length ? ["", rateLimitTable(rateLimit)] : []),
    "", "| target | measured | met |", "|---|---|---|",
    ...checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met ? "yes" : "**no**"} |`),
  ].join("\n");
  console.log(report);
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "latest.json"), JSON.stringify({
    date: new Date().toISOString(), cores: os.cpus().length, node: process.version, minutes,
    floor: floor ?? null, rateLimit, targets: checks,
  }, null, 2));
  fs.writeFileSync(path.join(root, "bench", "results", "latest.md"), report + "\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
