/**
 * Under faults, one `pulumi up` of 50 services through the real engine ends with the emulator's
 * state equal to Pulumi's: same ids, same fields, zero duplicates, zero orphans, no secret in
 * plaintext. A further scenario creates, updates and destroys 30 services, each step in one run,
 * with about a third of all requests faulted in every way at once.
 */
import * as path from "node:path";
import axios from "axios";
import * as hpecom from "../../provider";
import { EmulatorProcess, FaultConfig, startEmulatorProcess } from "../../emulator";
import { withTestStack, scratchDir, TestStack } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const N = 50;
/** How many services the current scenario's program declares. */
let count = N;
const SECRET = "reliability-dscc-secret";
const CLIENT = { id: "reliability", secret: "reliability-client-secret" };

interface ScenarioReport { scenario: string; ups: string; requests: number; faults: number; retriesSeen: string; outcome: string }
const reports: ScenarioReport[] = [];
afterAll(() => {
  console.log(`reliability: ${N} services per scenario unless it says otherwise\n` + reports.map((r) =>
    `  ${r.scenario.padEnd(52)} runs=${r.ups.padEnd(22)} requests=${String(r.requests).padStart(4)}  faults=${String(r.faults).padStart(3)}  ${r.retriesSeen.padEnd(16)}  ${r.outcome}`).join("\n") +
    "\n  (runs: the faulted operations, each of which must succeed the first time; faults: injected 429/5xx/resets/drops, each retried or resolved by a lookup;" +
    "\n   requests: the emulator's log, which a restart empties, so the restart scenario counts the restarted process only)");
});

let description = "v1";
const program = async () => {
  for (let i = 0; i < count; i++) {
    new hpecom.ExternalService(`svc-${i}`, {
      name: `svc-${i}`,
      serviceType: "DSCC",
      description,
      authentication: { clientId: `client-${i}`, clientSecret: SECRET },
      serviceData: { region: i % 2 ? "us-west" : "eu-central" },
      postDeployTest: false,
    });
  }
};

type Service = { id: string; name: string; description?: string; generation: number; serviceData: unknown; state: string };

async function emulatorServices(emulator: EmulatorProcess): Promise<Service[]> {
  return ((await axios.get(`${emulator.url}/__emulator/services`)).data[`workspace-${CLIENT.id}`] ?? []) as Service[];
}

async function setFaults(emulator: EmulatorProcess, faults: FaultConfig | undefined) {
  if (faults) await axios.put(`${emulator.url}/__emulator/faults`, faults);
  else await axios.delete(`${emulator.url}/__emulator/faults`);
}

/** Emulator and Pulumi state hold the same services, field by field. */
async function expectConsistent(t: TestStack, emulator: EmulatorProcess, n = N) {
  const deployment = (await t.stack.exportStack()).deployment as { resources: { type: string; id: string; outputs: Record<string, unknown> }[] };
  const inState = deployment.resources.filter((r) => r.type === hpecom.ExternalService.__pulumiType);
  const inEmulator = await emulatorServices(emulator);
  expect(inEmulator).toHaveLength(n);
  expect(new Set(inEmulator.map((s) => s.name)).size).toBe(n); // zero duplicates
  expect(new Set(inEmulator.map((s) => s.id))).toEqual(new Set(inState.map((r) => r.id))); // zero orphans, nothing missing
  for (const r of inState) {
    const s = inEmulator.find((e) => e.id === r.id)!;
    expect({ id: r.id, name: r.outputs.name, description: r.outputs.description, generation: r.outputs.generation, serviceData: r.outputs.serviceData })
      .toEqual({ id: s.id, name: s.name, description: s.description, generation: s.generation, serviceData: s.serviceData });
  }
  expectNoSecrets({ state: t.stateText(), output: t.output.join("\n"), errors: t.errors.join("\n") }, [SECRET, CLIENT.secret]);
}

/** A fresh emulator process and a stack of `n` services configured to reach it. */
async function withEmulatorStack(n: number, body: (t: TestStack, emulator: EmulatorProcess) => Promise<void>) {
  const dir = scratchDir("reliability");
  const emulator = await startEmulatorProcess({ dataFile: path.join(dir, "emulator.json"), clients: [`${CLIENT.id}:${CLIENT.secret}`] });
  description = "v1";
  count = n;
  try {
    await withTestStack(program, (t) => body(t, emulator), {
      config: {
        "hpecom:endpoint": { value: emulator.url },
        "hpecom:tokenUrl": { value: emulator.tokenUrl },
        "hpecom:clientId": { value: CLIENT.id },
        "hpecom:clientSecret": { value: CLIENT.secret, secret: true },
      },
    });
  } finally {
    await emulator.stop();
    require("node:fs").rmSync(dir, { recursive: true, force: true });
  }
}

type Log = { fault?: string; status: number; method: string; route: string }[];
/** How many logged requests carried a fault whose label matches. */
const faults = (label: RegExp) => (log: Log) => log.filter((r) => r.fault !== undefined && label.test(r.fault)).length;
const requestLog = async (emulator: EmulatorProcess) => (await axios.get(`${emulator.url}/__emulator/requests`)).data.requests as Log;

function report(scenario: string, runs: string, log: Log) {
  reports.push({
    scenario, ups: runs, requests: log.length, faults: log.filter((r) => r.fault).length,
    retriesSeen: `${log.filter((r) => r.status === 401).length} re-auth (401)`,
    outcome: "consistent, 0 duplicates, 0 orphans, no secrets",
  });
}

/**
 * One faulted `up` of N services, which must succeed; then the states agree, and destroy empties
 * the emulator. `disturbed` counts, in the log, the disturbances the scenario is about: a scenario
 * whose faults never happened proves nothing, so it must count at least one.
 */
async function runScenario(name: string, disturbed: (log: Log) => number, body: (t: TestStack, emulator: EmulatorProcess) => Promise<void>) {
  await withEmulatorStack(N, async (t, emulator) => {
    await body(t, emulator);
    const log = await requestLog(emulator);
    expect(disturbed(log)).toBeGreaterThan(0);
    await setFaults(emulator, undefined);
    await expectConsistent(t, emulator);
    report(name, "1 up", log);
    await t.destroy();
    expect(await emulatorServices(emulator)).toEqual([]);
  });
}

const COM_ROUTES = "^(GET|POST|PATCH|DELETE) /(compute-ops-mgmt|as)/";

const faulty = (faults: FaultConfig) => async (t: TestStack, emulator: EmulatorProcess) => {
  await setFaults(emulator, { seed: 7, match: COM_ROUTES, ...faults });
  await t.up({ parallel: 16 });
};

describe("pulumi up of 50 services under faults", () => {
  it("bursts of 429 with ratelimit-reset", () =>
    runScenario("429 bursts (ratelimit-reset 1 s)", faults(/^429$/), faulty({ rateLimitRate: 0.3, rateLimitResetSeconds: 1 })));

  it("20 % of responses 5xx", () =>
    runScenario("20 % 5xx (500/502/503/504)", faults(/^5\d\d$/), faulty({ serverErrorRate: 0.2, serverErrorStatuses: [500, 502, 503, 504] })));

  it("200 ms latency with spikes", () =>
    // Latency leaves no mark on an answer: every request was slowed, so any request counts.
    runScenario("200 ms latency, 5 % spikes of 2 s", (log) => log.length, faulty({ latencyMs: 200, spikeMs: 2000, spikeRate: 0.05 })));

  it("connection resets", () => runScenario("15 % connection resets", faults(/^reset$/), faulty({ resetRate: 0.15 })));

  it("commit, then drop the response, on POST", () =>
    runScenario("commit-then-drop on 30 % of POSTs", faults(/^commit-then-drop$/), faulty({ commitThenDropRate: 0.3, commitThenDropMethods: ["POST"] })));

  it("commit, then drop the response, on PATCH", () =>
    runScenario("commit-then-drop on 30 % of PATCHes", (log) => log.filter((r) => r.fault === "commit-then-drop" && r.method === "PATCH").length, async (t, emulator) => {
      await t.up({ parallel: 16 });
      description = "v2";
      await faulty({ commitThenDropRate: 0.3, commitThenDropMethods: ["PATCH"] })(t, emulator);
      expect((await emulatorServices(emulator)).every((s) => s.description === "v2")).toBe(true);
    }));

  it("tokens that expire every 2 seconds", () =>
    // Tokens really expired during the run: the client fetched more than one.
    runScenario("tokens expire every 2 s (+100 ms latency)", (log) => log.filter((r) => r.route === "POST /as/token.oauth2").length - 1, async (t, emulator) => {
      await axios.put(`${emulator.url}/__emulator/settings`, { tokenLifetimeSeconds: 2 });
      return faulty({ latencyMs: 100, spikeMs: 1500, spikeRate: 0.1 })(t, emulator);
    }));

  it("the emulator restarted in the middle of the run", () =>
    // The restarted process's log starts empty: what it logged at all is the work after the restart.
    runScenario("emulator restarted mid-run (--data-file)", (log) => log.length, async (t, emulator) => {
      await setFaults(emulator, { seed: 3, latencyMs: 150 });
      const running = t.up({ parallel: 16 }).then(() => true, () => false);
      // Restart once creates are under way.
      for (let i = 0; i < 100; i++) {
        const counts = (await axios.get(`${emulator.url}/__emulator/counts`)).data.routes;
        if ((counts["POST /compute-ops-mgmt/v1beta1/external-services"] ?? 0) >= 10) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await emulator.restart(400);
      expect(await running).toBe(true);
    }));
});

describe("create, update and destroy of 30 services with a third of requests faulted", () => {
  /** 429s, 500/502/503, resets and commit-then-drop on every write method, all at once: about 1 request in 3. */
  const mixed: FaultConfig = {
    match: COM_ROUTES, rateLimitRate: 0.1, rateLimitResetSeconds: 1, serverErrorRate: 0.1, serverErrorStatuses: [500, 502, 503],
    resetRate: 0.07, commitThenDropRate: 0.1, commitThenDropMethods: ["POST", "PATCH", "DELETE"],
  };

  it("converges at every step in one run", () => withEmulatorStack(30, async (t, emulator) => {
    await setFaults(emulator, { ...mixed, seed: 11 });
    await t.up({ parallel: 16 });
    await setFaults(emulator, undefined);
    await expectConsistent(t, emulator, 30);

    description = "v2";
    await setFaults(emulator, { ...mixed, seed: 12 });
    await t.up({ parallel: 16 });
    await setFaults(emulator, undefined);
    await expectConsistent(t, emulator, 30);
    expect((await emulatorServices(emulator)).every((s) => s.description === "v2")).toBe(true);

    await setFaults(emulator, { ...mixed, seed: 13 });
    await t.destroy({ parallel: 16 });
    const log = await requestLog(emulator);
    await setFaults(emulator, undefined);
    expect(await emulatorServices(emulator)).toEqual([]);
    expectNoSecrets({ state: t.stateText(), output: t.output.join("\n"), errors: t.errors.join("\n") }, [SECRET, CLIENT.secret]);
    const faulted = log.filter((r) => r.fault).length / log.length;
    expect(faulted).toBeGreaterThan(0.2); // the mix really faulted about a third
    report(`30 services, ${Math.round(100 * faulted)} % of requests faulted (all kinds)`, "1 up, 1 up, 1 destroy", log);
  }));
});
