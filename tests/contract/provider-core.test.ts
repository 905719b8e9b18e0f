/**
 * The provider's runtime core (provider/runtime/provider.ts), called in-process as both faces
 * call it, against emulators on real loopback ports: what each operation sends, what it
 * records, and what it tells the user. The end-to-end tiers run the same core through the engine
 * (built, in another process); this suite is where a broken line of it fails in seconds, and
 * the one `make mutation` runs against each mutant of it.
 */
// ledger: generation-drift
import type { RunningEmulator } from "../../emulator";
import { checkInputs, ServiceInputs } from "../../provider/runtime/inputs";
import type { ServiceOutputs } from "../../provider/runtime/provider";
import { digestOf, secretDigests } from "../helpers/emulator-inspection";
import { clientFor, dsccInput, snowInput, useEmulator, vcenterInput } from "../helpers/emulator";

const CLIENT = { id: "demo-client", secret: "demo-secret" };
const home = useEmulator({ clients: [CLIENT] });
const away = useEmulator({ clients: [CLIENT] });

type Core = typeof import("../../provider/runtime/provider");
/** The core as a new provider process loads it: no client, token, listing or configuration yet. */
function freshCore(): Core {
  let core!: Core;
  jest.isolateModules(() => { core = require("../../provider/runtime/provider") as Core; });
  return core;
}
/** The core as one provider process has it: each test gets a fresh one (its clients, token and listing are per process). */
let provider: Core["provider"];
let configureConnection: Core["configureConnection"];

/** The stack's `hpecom:*` config, pointing the default connection at an emulator. */
const stackConfig = (e: RunningEmulator, extra: Record<string, string> = {}) => {
  const config: Record<string, string> = { "hpecom:endpoint": e.url, "hpecom:tokenUrl": e.tokenUrl, "hpecom:clientId": CLIENT.id, "hpecom:clientSecret": CLIENT.secret, ...extra };
  configureConnection((key) => config[key]);
};

function checked(input: Record<string, unknown>): ServiceInputs {
  const outcome = checkInputs(input);
  if (!outcome.checked) throw new Error(JSON.stringify(outcome.failures));
  return outcome.inputs;
}

/** The API requests (token requests aside) an emulator answered since `seq`. */
const apiCalls = (e: RunningEmulator, seq: number) => e.log.since(seq).filter((r) => r.path.startsWith("/compute-ops"));
const writes = (e: RunningEmulator, seq: number) => apiCalls(e, seq).filter((r) => r.method !== "GET");
const stored = async (e: RunningEmulator, id: string) => (await clientFor(e).externalServices.get(id)) as unknown as Record<string, unknown>;

async function created(input: Record<string, unknown>): Promise<{ id: string; outs: ServiceOutputs; inputs: ServiceInputs }> {
  const inputs = checked(input);
  const { id, outs } = await provider.create!(inputs);
  return { id, outs: outs as ServiceOutputs, inputs };
}

/** Sets emulator settings (the second reading's switches) for this test; beforeEach's reset restores them. */
async function settings(e: RunningEmulator, values: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${e.url}/__emulator/settings`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(values) });
  if (!r.ok) throw new Error(`settings: ${r.status} ${await r.text()}`);
}

/** Removes the service named `name` from the workspace the moment the emulator has created it (before it answers). */
function deletedOnceCreated(e: RunningEmulator, name: string): void {
  const stop = e.log.onRequest((r) => {
    if (r.method !== "POST" || r.status !== 201 || !r.path.endsWith("/external-services")) return;
    const services = e.store.workspace("workspace-demo-client").services;
    const id = Object.keys(services).find((k) => (services[k] as { name: string }).name === name);
    if (id === undefined) return;
    delete services[id];
    stop();
  });
}

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

let warnings: string[];
beforeEach(async () => {
  for (const e of [home(), away()]) await fetch(`${e.url}/__emulator/reset`, { method: "POST" });
  ({ provider, configureConnection } = freshCore());
  stackConfig(home());
  warnings = [];
  jest.spyOn(console, "warn").mockImplementation((line: string) => void warnings.push(line));
});
afterEach(() => jest.restoreAllMocks());

describe("create", () => {
  it("creates the service, waits for it, tests it, and records what the API answered", async () => {
    const since = home().log.lastSeq;
    const { id, outs, inputs } = await created(dsccInput("core-create"));
    const service = await stored(home(), id);
    expect(outs).toMatchObject({
      ...inputs, resourceUri: service.resourceUri, generation: service.generation, status: service.status,
      createdAt: service.createdAt, updatedAt: service.updatedAt, state: "ENABLED",
      defaultConnection: { endpoint: home().url, clientId: CLIENT.id },
      lastTest: { status: "PASSED" },
    });
    const sent = writes(home(), since).map((r) => `${r.method} ${r.route.split(" ")[1]}`);
    expect(sent[0]).toBe("POST /compute-ops-mgmt/v1beta1/external-services");
    expect(sent).toContain("POST /compute-ops-mgmt/v1beta1/external-services/{id}/test");
    expect((await secretDigests(home()))[id]).toEqual({ clientSecret: digestOf("dscc-secret-value") });
  });

  it("does not test a service whose postDeployTest is false, nor a vCenter", async () => {
    const since = home().log.lastSeq;
    const { outs } = await created({ ...dsccInput("untested"), postDeployTest: false });
    const vc = await created(vcenterInput("vc-untested"));
    expect(outs).not.toHaveProperty("lastTest");
    expect(vc.outs).not.toHaveProperty("lastTest");
    expect(writes(home(), since).filter((r) => r.path.endsWith("/test"))).toEqual([]);
  });

  it("records no default connection for a service with its own, and creates it in that workspace", async () => {
    const connection = { endpoint: away().url, tokenUrl: away().tokenUrl, clientId: CLIENT.id, clientSecret: CLIENT.secret };
    const { id, outs } = await created({ ...dsccInput("own-connection"), connection });
    expect(outs.defaultConnection).toBeUndefined();
    expect(outs.connection).toEqual(connection);
    expect((await stored(away(), id)).name).toBe("own-connection");
    expect(await clientFor(home()).externalServices.findByName("own-connection")).toBeUndefined();
  });

  it("adopts a service of the same type and name when asked, setting it to the desired state with one PATCH", async () => {
    const existing = await clientFor(home()).externalServices.create({ ...dsccInput("adoptee"), description: "made by hand" } as never, { wait: false });
    const since = home().log.lastSeq;
    const { id, outs } = await created({ ...dsccInput("adoptee"), description: "as code", adopt: true });
    expect(id).toBe(existing.id);
    expect(outs.description).toBe("as code");
    expect(writes(home(), since).filter((r) => r.method === "POST" && r.path.endsWith("/external-services"))).toEqual([]);
    expect(writes(home(), since).filter((r) => r.method === "PATCH")).toHaveLength(1);
    expect(warnings.join("\n")).toMatch(new RegExp(`adopting existing external service 'adoptee' \\(id ${existing.id}\\)`));
  });

  it("creates when asked to adopt and nothing is there to adopt", async () => {
    const { id } = await created({ ...dsccInput("nothing-to-adopt"), adopt: true });
    expect((await stored(home(), id)).name).toBe("nothing-to-adopt");
    expect(warnings).toEqual([]);
  });

  it("names the way out of a duplicate: adopt it, or another name when another type holds it", async () => {
    await created(dsccInput("taken"));
    const again = await provider.create!(checked(dsccInput("taken"))).catch((e: Error) => e.message);
    expect(again).toMatch(/^create of external service 'taken' failed: it already exists in this workspace\. To manage it with Pulumi, set `adopt: true` on this resource: it will be taken over and set to the desired state \(400 /);
    const other = await provider.create!(checked(vcenterInput("taken"))).catch((e: Error) => e.message);
    expect(other).toMatch(/its name is taken in this workspace by a DSCC external service \(id [^)]+\); choose another name/);
  });

  it("keeps a service whose post-deploy test fails in state: an initialization failure with its outputs", async () => {
    await settings(home(), { dsccTestFails: true });
    const failure = await provider.create!(checked(dsccInput("fails-test"))).catch((e) => e);
    expect(failure.name).toBe("InitializationFailure");
    expect(failure.id).toBe((await clientFor(home()).externalServices.findByName("fails-test"))!.id);
    expect(failure.properties).toMatchObject({ name: "fails-test", lastTest: { status: "FAILED" } });
    expect(failure.reasons[0]).toMatch(/^post-deploy test of external service 'fails-test' failed: .*The service exists and is kept in state/);
  });
  it("waits until the service is ENABLED before it records it", async () => {
    await settings(home(), { activationDelayMs: 150 });
    const { outs } = await created({ ...dsccInput("slow-start"), postDeployTest: false });
    expect(outs.status).toBe("ENABLED");
    expect(outs).not.toHaveProperty("lastTest");
  });

  it("keeps a service that vanished before it was ENABLED in state, saying so", async () => {
    await settings(home(), { activationDelayMs: 150 });
    deletedOnceCreated(home(), "vanished");
    const failure = await provider.create!(checked(dsccInput("vanished"))).catch((e) => e);
    expect(failure.name).toBe("InitializationFailure");
    expect(failure.reasons).toEqual([expect.stringMatching(/^external service 'vanished' was created but did not become ENABLED: /)]);
    expect(failure.properties).toMatchObject({ name: "vanished", status: "SUSPENDED" });
  });

  it("records a test that could not be run as FAILED, with the reason", async () => {
    deletedOnceCreated(home(), "untestable");
    const failure = await provider.create!(checked(dsccInput("untestable"))).catch((e) => e);
    expect(failure.properties.lastTest).toMatchObject({ status: "FAILED", message: expect.stringMatching(/^the test could not be run: .*404/) });
  });

  it("fails the test of a ServiceNow service whose token has expired, without asking the API", async () => {
    const input = { ...snowInput(home(), "snow-born-expired"), refreshTokenIssuedAt: daysAgo(151) };
    const since = home().log.lastSeq;
    const failure = await provider.create!(checked(input)).catch((e) => e);
    expect(failure.properties.lastTest).toMatchObject({ status: "FAILED", message: expect.stringMatching(/refresh token .* expired on/) });
    expect(writes(home(), since).filter((r) => r.path.endsWith("/test"))).toEqual([]);
  });

  it("does not test a DISABLED ServiceNow service, which the API cannot test, and says so", async () => {
    const since = home().log.lastSeq;
    const { outs } = await created({ ...snowInput(home(), "snow-disabled"), state: "DISABLED" });
    expect(outs.lastTest).toEqual({ status: "SKIPPED", message: "not tested: the service is DISABLED, and the API tests a ServiceNow integration only while it is ENABLED", at: expect.any(String) });
    expect(writes(home(), since).filter((r) => r.path.endsWith("/test"))).toEqual([]);
  });

  it("tests a DISABLED DSCC service, which the API can test", async () => {
    const since = home().log.lastSeq;
    const { outs } = await created({ ...dsccInput("dscc-disabled"), state: "DISABLED" });
    expect(outs.lastTest).toMatchObject({ status: "PASSED" });
    expect(writes(home(), since).filter((r) => r.path.endsWith("/test"))).toHaveLength(1);
  });

  it("waits for a test's outcome as long as postDeployTest.timeoutSeconds says", async () => {
    await settings(home(), { testResultDelayMs: 60_000 });
    const failure = await provider.create!(checked({ ...dsccInput("slow-test"), postDeployTest: { timeoutSeconds: 1 } })).catch((e) => e);
    expect(failure.properties.lastTest).toMatchObject({ status: "TIMED_OUT", message: "no test result within 1000 ms" });
  });

  it("takes the stack's configuration from the engine's configure call", async () => {
    const config = new Map(Object.entries({ "hpecom:endpoint": away().url, "hpecom:tokenUrl": away().tokenUrl, "hpecom:clientId": CLIENT.id, "hpecom:clientSecret": CLIENT.secret }));
    await provider.configure!({ config } as never);
    const { id } = await created(dsccInput("configured"));
    expect((await stored(away(), id)).name).toBe("configured");
  });
});

describe("read", () => {
  it("keeps when a ServiceNow token was sent: a refresh sends none", async () => {
    const { id, outs } = await created(snowInput(home(), "snow-read"));
    const sentAt = daysAgo(3);
    const { props } = await provider.read!(id, { ...outs, refreshTokenSentAt: sentAt });
    expect(props!.refreshTokenSentAt).toBe(sentAt);
  });

  it("answers nothing without state, and names the service and the cause when it cannot read", async () => {
    expect(await provider.read!("some-id", undefined as never)).toEqual({});
    const { id, outs } = await created(dsccInput("unreadable"));
    // Credentials the workspace refuses: a refusal is not retried, so the test takes no backoff
    // (an unreachable endpoint took 16 s of retries, past the mutation config's 15 s limit).
    const err = await provider.read!(id, { ...outs, defaultConnection: undefined, connection: { endpoint: home().url, tokenUrl: home().tokenUrl, clientId: CLIENT.id, clientSecret: "not-the-secret" } }).catch((e) => e);
    expect(err.message).toMatch(new RegExp(`^read of external service 'unreadable' \\(id ${id}\\) failed: the token endpoint \\S+ refused client id '${CLIENT.id}' \\(HTTP 401 invalid_client\\)`));
  });

  it("returns what the API has now, as outputs and as inputs, keeping what the API never returns", async () => {
    const { id, outs } = await created(dsccInput("core-read"));
    await clientFor(home()).externalServices.update(id, { description: "changed in the console" });
    const read = await provider.read!(id, outs);
    const now = await stored(home(), id);
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ description: "changed in the console", generation: now.generation, updatedAt: now.updatedAt, lastTest: outs.lastTest });
    expect(read.inputs).toMatchObject({ description: "changed in the console", authentication: outs.authentication });
  });

  it("tells the engine a service that is gone is gone", async () => {
    const { id, outs } = await created(dsccInput("read-gone"));
    await clientFor(home()).externalServices.delete(id);
    expect(await provider.read!(id, outs)).toEqual({});
  });

  it("reads a service with its own connection in that workspace", async () => {
    const connection = { endpoint: away().url, tokenUrl: away().tokenUrl, clientId: CLIENT.id, clientSecret: CLIENT.secret };
    const { id, outs } = await created({ ...dsccInput("read-own"), connection });
    expect((await provider.read!(id, outs)).props?.name).toBe("read-own");
  });

  it("reads with the stack's current credentials when the workspace did not change", async () => {
    const { id, outs } = await created(dsccInput("read-rotated"));
    const stale = { ...outs, defaultConnection: { ...outs.defaultConnection, clientSecret: "a-secret-rotated-since" } };
    expect((await provider.read!(id, stale)).props?.name).toBe("read-rotated");
  });

  it("reads a service where it was deployed, after the stack's default connection moved", async () => {
    const { id, outs } = await created(dsccInput("read-moved"));
    stackConfig(away());
    expect((await provider.read!(id, outs)).props?.name).toBe("read-moved");
  });
});

describe("update", () => {
  it("sends only what changed, and tests again only when the connection's parts changed", async () => {
    const { id, outs, inputs } = await created(dsccInput("core-update"));
    const since = home().log.lastSeq;
    const { outs: next } = await provider.update!(id, outs, checked({ ...dsccInput("core-update"), description: "new words" }));
    const sent = writes(home(), since);
    expect(sent.map((r) => [r.method, r.body])).toEqual([["PATCH", { description: "new words" }]]);
    expect(next).toMatchObject({ description: "new words", generation: outs.generation + 1, lastTest: outs.lastTest });
    expect(inputs.description).toBeUndefined();
  });

  it("sends a rotated secret to the API and tests the service again", async () => {
    const { id, outs } = await created(dsccInput("rotate"));
    const since = home().log.lastSeq;
    const rotated = { ...dsccInput("rotate"), authentication: { clientId: "dscc-client", clientSecret: "rotated-secret-value" } };
    const { outs: next } = await provider.update!(id, outs, checked(rotated));
    expect((await secretDigests(home()))[id]).toEqual({ clientSecret: digestOf("rotated-secret-value") });
    expect(writes(home(), since).some((r) => r.path.endsWith("/test"))).toBe(true);
    expect(next!.lastTest?.status).toBe("PASSED");
  });

  it("tests again when only the region or only the state changed", async () => {
    const { id, outs } = await created(dsccInput("retest"));
    let since = home().log.lastSeq;
    const { outs: moved } = await provider.update!(id, outs, checked({ ...dsccInput("retest"), serviceData: { region: "eu-central" } }));
    expect(writes(home(), since).filter((r) => r.path.endsWith("/test"))).toHaveLength(1);
    since = home().log.lastSeq;
    await provider.update!(id, moved!, checked({ ...dsccInput("retest"), serviceData: { region: "eu-central" }, state: "DISABLED" }));
    expect(writes(home(), since).filter((r) => r.path.endsWith("/test"))).toHaveLength(1);
  });

  it("updates a service whose state holds no test outcome (imported, or never tested)", async () => {
    const { id, outs } = await created({ ...dsccInput("untested"), postDeployTest: false });
    expect(outs.lastTest).toBeUndefined();
    const { outs: next } = await provider.update!(id, outs, checked({ ...dsccInput("untested"), postDeployTest: false, description: "d" }));
    expect(next).toMatchObject({ description: "d", generation: outs.generation + 1 });
  });

  it("records when a ServiceNow token was sent: at create, not again when a change outside Pulumi makes it send the same token", async () => {
    const before = Date.now();
    const { id, outs } = await created(snowInput(home(), "snow-sent"));
    expect(Date.parse(outs.refreshTokenSentAt!)).toBeGreaterThanOrEqual(before - 1000);
    const sentAt = daysAgo(10);
    await clientFor(home()).externalServices.update(id, { description: "changed in the console" });
    const { outs: next } = await provider.update!(id, { ...outs, refreshTokenSentAt: sentAt }, checked({ ...snowInput(home(), "snow-sent"), description: "ours" }));
    expect(next!.refreshTokenSentAt).toBe(sentAt);
  });

  it("sends an imported ServiceNow service's token with its first update, as the whole group, and records it as sent", async () => {
    const { id } = await clientFor(home()).externalServices.create(snowInput(home(), "snow-imported"));
    const imported = await provider.read!(id, {} as never);
    expect(imported.props!.refreshTokenSentAt).toBeUndefined();
    const [since, before] = [home().log.lastSeq, Date.now()];
    const { outs: next } = await provider.update!(id, imported.props!, checked({ ...snowInput(home(), "snow-imported"), description: "ours" }));
    const [patch] = writes(home(), since).filter((r) => r.method === "PATCH");
    expect(Object.keys(patch.body as object).sort()).toEqual(["authentication", "description"]);
    expect(Date.parse(next!.refreshTokenSentAt!)).toBeGreaterThanOrEqual(before);
  });

  it("sends nothing at all when only the provider's own options changed", async () => {
    const { id, outs } = await created(dsccInput("options-only"));
    const since = home().log.lastSeq;
    const { outs: next } = await provider.update!(id, outs, checked({ ...dsccInput("options-only"), postDeployTest: { timeoutSeconds: 30 } }));
    expect(apiCalls(home(), since)).toEqual([]);
    expect(next).toMatchObject({ postDeployTest: { timeoutSeconds: 30 }, generation: outs.generation, resourceUri: outs.resourceUri, lastTest: outs.lastTest });
    expect(next!.defaultConnection).toEqual(outs.defaultConnection);
  });

  it("keeps when a ServiceNow token was sent when nothing is sent", async () => {
    const input = snowInput(home(), "snow-kept");
    const { id, outs } = await created(input);
    const sentLongAgo = { ...outs, refreshTokenSentAt: daysAgo(10), refreshTokenExpiresAt: new Date(Date.now() + 140 * DAY).toISOString() } as ServiceOutputs;
    const { outs: next } = await provider.update!(id, sentLongAgo, checked({ ...input, postDeployTest: { timeoutSeconds: 30 } }));
    expect(next).toMatchObject({ refreshTokenSentAt: sentLongAgo.refreshTokenSentAt, refreshTokenExpiresAt: sentLongAgo.refreshTokenExpiresAt });
  });

  it("fails the test of a ServiceNow service whose token expired since, without asking the API; a new token passes", async () => {
    const input = snowInput(home(), "snow-aged");
    const { id, outs } = await created(input);
    const aged = { ...outs, refreshTokenSentAt: daysAgo(151), refreshTokenExpiresAt: daysAgo(1) } as ServiceOutputs;
    const since = home().log.lastSeq;
    const failure = await provider.update!(id, aged, checked(input)).catch((e) => e);
    expect(failure.name).toBe("InitializationFailure");
    expect(failure.properties.lastTest).toMatchObject({ status: "FAILED", message: expect.stringMatching(/expired on/) });
    expect(writes(home(), since)).toEqual([]);
    const rotated = { ...input, authentication: { ...input.authentication, refreshToken: "a-fresh-token" } };
    const { outs: next } = await provider.update!(id, aged, checked(rotated));
    expect(next!.lastTest?.status).toBe("PASSED");
    expect(Date.parse(next!.refreshTokenSentAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("tests again, and fails, when a change reaches a ServiceNow service whose token expired", async () => {
    const input = snowInput(home(), "snow-aged-change");
    const { id, outs } = await created(input);
    const aged = { ...outs, refreshTokenSentAt: daysAgo(151), refreshTokenExpiresAt: undefined } as ServiceOutputs;
    const changed = { ...input, serviceData: { ...input.serviceData, incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true, utilizationAlerts: true } } };
    const failure = await provider.update!(id, aged, checked(changed)).catch((e) => e);
    expect(failure.properties?.lastTest).toMatchObject({ status: "FAILED", message: expect.stringMatching(/expired on/) });
  });

  it("sends the whole desired state, with a warning, when the service was changed outside Pulumi", async () => {
    const { id, outs } = await created({ ...dsccInput("drifted"), description: "as code" });
    await clientFor(home()).externalServices.update(id, { description: "by hand", serviceData: { region: "eu-central" } } as never);
    const since = home().log.lastSeq;
    await provider.update!(id, outs, checked({ ...dsccInput("drifted"), description: "as code, again" }));
    const patch = writes(home(), since).find((r) => r.method === "PATCH")!.body as Record<string, unknown>;
    expect(patch).toMatchObject({ description: "as code, again", serviceData: { region: "us-west" } });
    expect((await stored(home(), id)).serviceData).toMatchObject({ region: "us-west" });
    expect(warnings.join("\n")).toMatch(/external service 'drifted' \(id [^)]+\) was changed outside Pulumi \(generation \d+, last deployed \d+\); sending the full desired state/);
  });

  it("says what to do about a service deleted outside Pulumi", async () => {
    const { id, outs } = await created(dsccInput("update-gone"));
    await clientFor(home()).externalServices.delete(id);
    const err = await provider.update!(id, outs, checked({ ...dsccInput("update-gone"), description: "x" })).catch((e: Error) => e.message);
    expect(err).toBe(`update of external service 'update-gone' (id ${id}) failed: it no longer exists; run \`pulumi refresh\` to drop it from state, then \`pulumi up\` to create it again`);
  });

  it("tests again, sending nothing else, when the last test failed", async () => {
    const { id, outs } = await created(dsccInput("retest"));
    const failedBefore = { ...outs, lastTest: { status: "FAILED", message: "it failed", at: outs.createdAt } } as ServiceOutputs;
    const since = home().log.lastSeq;
    const { outs: next } = await provider.update!(id, failedBefore, checked(dsccInput("retest")));
    expect(writes(home(), since).map((r) => r.method + " " + r.path.split("/").pop())).toEqual(["POST test"]);
    expect(next!.lastTest?.status).toBe("PASSED");
  });
});

describe("delete", () => {
  it("deletes the service, and succeeds when it is already gone", async () => {
    const { id, outs } = await created(dsccInput("core-delete"));
    await provider.delete!(id, outs);
    expect(await clientFor(home()).externalServices.findByName("core-delete")).toBeUndefined();
    await expect(provider.delete!(id, outs)).resolves.toBeUndefined();
  });

  it("deletes a vCenter through its DeleteVCenter job", async () => {
    const { id, outs } = await created(vcenterInput("vc-delete"));
    const since = home().log.lastSeq;
    await provider.delete!(id, outs);
    expect(writes(home(), since).map((r) => `${r.method} ${r.path.split("/").slice(-1)[0]}`)).toContain("POST jobs");
    expect(await clientFor(home()).externalServices.findByName("vc-delete")).toBeUndefined();
  });

  it("says how to wait longer for a DeleteVCenter job held for approval", async () => {
    stackConfig(home(), { "hpecom:jobTimeoutSeconds": "1" });
    const { id, outs } = await created(vcenterInput("vc-held"));
    await settings(home(), { jobProgress: "approval" });
    const err = await provider.delete!(id, outs).catch((e: Error) => e.message);
    expect(err).toMatch(/^delete of external service 'vc-held' \(id [^)]+\) failed: .*awaiting approval in COM \(APPROVAL_PENDING\) after 1 s.*\(hpecom:jobTimeoutSeconds sets how long to wait\)$/);
  });

  it("says only what failed when a delete fails for another reason than a held job", async () => {
    const { id, outs } = await created(dsccInput("delete-refused"));
    stackConfig(home(), { "hpecom:clientSecret": "not-the-secret" });
    const err = await provider.delete!(id, outs).catch((e: Error) => e.message);
    expect(err).toMatch(/^delete of external service 'delete-refused' \(id [^)]+\) failed: .*refused client id 'demo-client'/);
    expect(err).not.toContain("jobTimeoutSeconds");
  });

  it("deletes in the workspace the service was deployed to, after the stack's default connection moved", async () => {
    const { id, outs } = await created(dsccInput("delete-moved"));
    stackConfig(away());
    await provider.delete!(id, outs);
    expect(await clientFor(home()).externalServices.findByName("delete-moved")).toBeUndefined();
  });
});

describe("diff", () => {
  const olds = (input: Record<string, unknown>) => ({ ...checked(input), defaultConnection: { endpoint: home().url, tokenUrl: home().tokenUrl, clientId: CLIENT.id, clientSecret: CLIENT.secret } }) as ServiceOutputs;

  it("finds no change in the same inputs, an update in a new description, a replacement in a new type", async () => {
    const before = olds(dsccInput("d"));
    expect(await provider.diff!("id", before, checked(dsccInput("d")))).toMatchObject({ changes: false, replaces: [] });
    expect(await provider.diff!("id", before, checked({ ...dsccInput("d"), description: "x" }))).toMatchObject({ changes: true, replaces: [] });
    expect(await provider.diff!("id", before, checked({ ...vcenterInput("d") }))).toMatchObject({ changes: true, replaces: expect.arrayContaining(["serviceType"]), deleteBeforeReplace: true });
  });

  it("neither changes nor warns about a ServiceNow service whose token is far from expiry", async () => {
    const input = snowInput(home(), "snow-fresh");
    const before = { ...olds(input), refreshTokenSentAt: daysAgo(1), refreshTokenExpiresAt: new Date(Date.now() + 149 * DAY).toISOString() } as ServiceOutputs;
    expect(await provider.diff!("id", before, checked(input))).toMatchObject({ changes: false });
    const unknownExpiry = { ...olds(input), updatedAt: daysAgo(1) } as ServiceOutputs;
    expect(await provider.diff!("id", unknownExpiry, checked(input))).toMatchObject({ changes: false });
    expect(warnings).toEqual([]);
  });

  it("replaces, creating first, when the stack's default connection moved to another workspace", async () => {
    const before = olds(dsccInput("d"));
    stackConfig(away());
    expect(await provider.diff!("id", before, checked(dsccInput("d")))).toMatchObject({ changes: true, replaces: ["connection"], deleteBeforeReplace: false });
  });

  it("changes a ServiceNow service whose refresh token has expired, so that up tests it again", async () => {
    const input = snowInput(home(), "snow-expired");
    const expiredAt = new Date(Date.now() - 86_400_000).toISOString();
    const before = { ...olds(input), refreshTokenSentAt: new Date(Date.now() - 200 * 86_400_000).toISOString(), refreshTokenExpiresAt: expiredAt } as ServiceOutputs;
    expect(await provider.diff!("id", before, checked(input))).toMatchObject({ changes: true });
    expect(warnings.join("\n")).toMatch(/the ServiceNow refresh token of external service 'snow-expired' expired on/);
    expect(await provider.diff!("id", before, checked({ ...input, postDeployTest: false }))).toMatchObject({ changes: true });
    const rotated = { ...input, authentication: { ...input.authentication, refreshToken: "a-new-token" } };
    warnings.length = 0;
    expect(await provider.diff!("id", before, checked(rotated))).toMatchObject({ changes: true, replaces: [] });
    // The old token no longer matters once a new one is sent.
    expect(warnings).toEqual([]);
  });
});

describe("check", () => {
  it("names each failure by property, and marks the secrets a change rotates", async () => {
    const bad = await provider.check!({} as ServiceInputs, { name: "", serviceType: "DSCC" } as unknown as ServiceInputs);
    expect(bad.failures?.map((f) => f.property)).toEqual(expect.arrayContaining(["name", "authentication"]));
    const before = checked(dsccInput("c"));
    const rotated = await provider.check!(before, { ...dsccInput("c"), authentication: { clientId: "dscc-client", clientSecret: "new" } } as unknown as ServiceInputs);
    expect(rotated.failures).toEqual([]);
    expect(rotated.inputs).toMatchObject({ changedSecrets: ["authentication.clientSecret"] });
    const same = await provider.check!(before, dsccInput("c") as unknown as ServiceInputs);
    expect(same.inputs).not.toHaveProperty("changedSecrets");
  });

  it("warns about a new ServiceNow service whose token was issued long ago", async () => {
    const input = { ...snowInput(home(), "snow-old"), refreshTokenIssuedAt: new Date(Date.now() - 140 * 86_400_000).toISOString() };
    await provider.check!({} as ServiceInputs, input as unknown as ServiceInputs);
    expect(warnings.join("\n")).toMatch(/the ServiceNow refresh token of external service 'snow-old' expires on .* in \d+ day\(s\)/);
  });

  it("leaves a service already in state to diff, and says nothing of a token without an issue time or of inputs that fail", async () => {
    const issuedAt = new Date(Date.now() - 140 * 86_400_000).toISOString();
    const input = { ...snowInput(home(), "snow-old"), refreshTokenIssuedAt: issuedAt };
    await provider.check!(checked(input), input as unknown as ServiceInputs);
    await provider.check!({} as ServiceInputs, snowInput(home(), "snow-new") as unknown as ServiceInputs);
    await provider.check!({} as ServiceInputs, { ...input, name: "" } as unknown as ServiceInputs);
    expect(warnings).toEqual([]);
  });

  it("requires no connection of its own before the engine has configured the provider", async () => {
    const outcome = await freshCore().provider.check!({} as ServiceInputs, dsccInput("unconfigured") as unknown as ServiceInputs);
    expect(outcome.failures).toEqual([]);
  });

  it("requires each resource's own connection when the stack disables the default one", async () => {
    stackConfig(home(), { "hpecom:disableDefaultConnection": "true" });
    const outcome = await provider.check!({} as ServiceInputs, dsccInput("no-connection") as unknown as ServiceInputs);
    expect(outcome.failures?.map((f) => f.property)).toEqual(["connection"]);
  });
});

it("shares one client, one token and one listing between the operations of a deployment", async () => {
  const first = await created(dsccInput("shared-1"));
  const second = await created(dsccInput("shared-2"));
  const tokens = home().clients.tokensIssued;
  const since = home().log.lastSeq;
  await provider.read!(first.id, first.outs);
  await provider.read!(second.id, second.outs);
  expect(home().clients.tokensIssued).toBe(tokens);
  // Both reads come from one listing of the workspace, not a GET each.
  expect(apiCalls(home(), since).map((r) => r.route)).toEqual(["GET /compute-ops-mgmt/v1beta1/external-services"]);
});
