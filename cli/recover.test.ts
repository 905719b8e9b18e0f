import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkpointFile, repairCheckpoint } from "./checkpoint-repair";
import type { Deployment, StateResource } from "./pulumi-cli";
import { revealed } from "./pulumi-cli";
import { applyRecovery, describe as describePlan, FindServices, planRecovery, workspaceOfResource } from "./recover";

const urn = (type: string, name: string) => `urn:pulumi:ci::fleet::${type}::${name}`;
const DYNAMIC = "pulumi-nodejs:dynamic/hpecom:ExternalService";
const PLUGIN = "hpecom:index:ExternalService";
const PROVIDER_URN = urn("pulumi:providers:hpecom", "tenant-b");

const service = (type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<StateResource> = {}): StateResource =>
  ({ urn: urn(type, name), type, custom: true, inputs: { name: `svc ${name}`, serviceType: "DSCC", ...inputs }, ...extra });

const config = { "hpecom:endpoint": { value: "https://stack.example" }, "hpecom:clientId": { value: "id" }, "hpecom:clientSecret": { value: "s", secret: true } };

/** A workspace that holds the named services: `endpoint tenant type name` → ids. */
function workspaceHolding(held: Record<string, string[]>): { find: FindServices; asked: string[] } {
  const asked: string[] = [];
  const find: FindServices = async (ws, type, name) => {
    const key = `${ws.settings.endpoint} ${ws.tenantAcid ?? "-"} ${type} ${name}`;
    asked.push(key);
    return held[key] ?? [];
  };
  return { find, asked };
}

describe("recover's plan", () => {
  const state: Deployment = {
    resources: [
      { urn: PROVIDER_URN, type: "pulumi:providers:hpecom", custom: true, id: "p1", inputs: { endpoint: "https://b.example", clientId: "b", clientSecret: "bs" } },
      service(DYNAMIC, "kept", {}, { id: "s-kept" }),
    ],
    pending_operations: [
      { type: "creating", resource: service(DYNAMIC, "made") },
      { type: "creating", resource: service(DYNAMIC, "never") },
      { type: "creating", resource: service(PLUGIN, "plug", { tenantAcid: "t-b" }, { provider: `${PROVIDER_URN}::p1` }) },
      { type: "creating", resource: service(DYNAMIC, "own", { connection: { endpoint: "https://own.example", clientId: "o", clientSecret: "os" } }) },
      { type: "updating", resource: service(DYNAMIC, "upd", {}, { id: "s-upd" }) },
      { type: "deleting", resource: service(DYNAMIC, "del", {}, { id: "s-del" }) },
      { type: "creating", resource: { urn: urn("random:index/randomId:RandomId", "r"), type: "random:index/randomId:RandomId", inputs: {} } },
    ],
  };
  const { find, asked } = workspaceHolding({
    "https://stack.example - DSCC svc made": ["s-made"],
    "https://b.example t-b DSCC svc plug": ["s-plug"],
    "https://own.example - DSCC svc own": ["s-own"],
    // The kept resource's service has the name the create was for: it is not this create's.
    "https://stack.example - DSCC svc never": ["s-kept"],
  });

  it("imports what reached the workspace, clears what did not, and asks each create's own workspace", async () => {
    const plan = await planRecovery(state, config, find);
    expect(plan.undecided).toEqual([]);
    const byName = Object.fromEntries(plan.steps.map((s) => [s.urn.split("::").pop(), s]));
    expect(byName.made).toMatchObject({ action: "import", id: "s-made" });
    expect(byName.plug).toMatchObject({ action: "import", id: "s-plug" });
    expect(byName.own).toMatchObject({ action: "import", id: "s-own" });
    expect(byName.never).toMatchObject({ action: "clear" });
    expect(byName.never.why).toMatch(/never reached the API/);
    expect(byName.upd).toMatchObject({ action: "clear", operation: "updating" });
    expect(byName.del.why).toMatch(/already gone counts as deleted/);
    expect(byName.r).toMatchObject({ action: "keep" });
    // Only creates of this provider are looked up; the plugin's in its provider instance's workspace and tenant.
    expect(asked.sort()).toEqual([
      "https://b.example t-b DSCC svc plug", "https://own.example - DSCC svc own",
      "https://stack.example - DSCC svc made", "https://stack.example - DSCC svc never",
    ]);
  });

  it("refuses to decide between two services of one type and name, and names them", async () => {
    const two = workspaceHolding({ "https://stack.example - DSCC svc made": ["a", "b"] });
    const plan = await planRecovery({ resources: [], pending_operations: [state.pending_operations![0]] }, config, two.find);
    expect(plan.steps).toEqual([]);
    expect(plan.undecided).toEqual([{ urn: urn(DYNAMIC, "made"), why: expect.stringMatching(/2 DSCC external service 'svc made's .*ids a, b/) }]);
  });

  it("leaves a create undecided when its workspace cannot be asked", async () => {
    const failing: FindServices = async () => { throw new Error("401 Unauthorized"); };
    const plan = await planRecovery({ resources: [], pending_operations: [state.pending_operations![0]] }, config, failing);
    expect(plan.undecided[0].why).toMatch(/could not look up .*401 Unauthorized/);
  });

  it("writes imports as resources and drops the settled operations, keeping what it does not own", async () => {
    const plan = await planRecovery(state, config, find);
    const next = applyRecovery(state, plan);
    expect(next.pending_operations!.map((o) => o.resource.type)).toEqual(["random:index/randomId:RandomId"]);
    const made = next.resources!.find((r) => r.urn === urn(DYNAMIC, "made"))!;
    expect(made).toMatchObject({ id: "s-made", custom: true, outputs: made.inputs });
    expect(next.resources!.filter((r) => r.urn === urn(DYNAMIC, "never"))).toEqual([]);
    expect(next.resources).toHaveLength(2 + 3);
    expect(describePlan(plan).join("\n")).toMatch(/import +made: .*imported with id s-made/);
  });

  it("keeps the resource a replacement was to delete, marked for deletion, before its replacement", () => {
    const old = service(DYNAMIC, "moved", {}, { id: "old" });
    const replacing = service(DYNAMIC, "moved", { description: "new" });
    const next = applyRecovery({ resources: [old], pending_operations: [{ type: "creating", resource: replacing }] },
      { steps: [{ urn: old.urn, operation: "creating", action: "import", id: "new", why: "" }], undecided: [] });
    expect(next.resources!.map((r) => [r.id, r.delete ?? false])).toEqual([["old", true], ["new", false]]);
  });
});

describe("the workspace of a resource", () => {
  it("fills the stack config's gaps from the environment, as the provider does", () => {
    const ws = workspaceOfResource({}, { "hpecom:endpoint": { value: "https://e" } }, service(DYNAMIC, "x"), { HPECOM_CLIENT_ID: "env-id", HPECOM_CLIENT_SECRET: "env-s" });
    expect(ws.settings).toMatchObject({ endpoint: "https://e", clientId: "env-id", clientSecret: "env-s" });
  });

  it("takes an explicit connection as it is: no environment", () => {
    const ws = workspaceOfResource({}, config, service(DYNAMIC, "x", { connection: { region: "eu-central", clientId: "c" } }), { HPECOM_CLIENT_SECRET: "env-s" });
    expect(ws.settings).toEqual({ region: "eu-central", clientId: "c" });
  });
});

describe("revealed state", () => {
  it("replaces each secret by its plaintext value, at any depth", () => {
    const secret = (v: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(v) });
    expect(revealed({ a: [secret("s")], b: secret({ clientSecret: "x" }), c: 1 })).toEqual({ a: ["s"], b: { clientSecret: "x" }, c: 1 });
  });
});

describe("a checkpoint that cannot be read", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recover-test-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const project = path.join(dir, "project");
  const stacks = path.join(dir, "state", ".pulumi", "stacks", "fleet");
  fs.mkdirSync(project);
  fs.mkdirSync(stacks, { recursive: true });
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: fleet\nruntime: nodejs\n");
  const file = path.join(stacks, "ci.json");
  const env = { PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}` };

  it("is found where the file backend keeps it", () => {
    fs.writeFileSync(file, "{}");
    expect(checkpointFile(project, "organization/fleet/ci", env)).toBe(file);
    expect(checkpointFile(project, "ci", { PULUMI_BACKEND_URL: "s3://bucket" })).toBeUndefined();
  });

  it("whose sidecar a kill cut short gets it removed; the checkpoint itself is kept as it is", () => {
    const checkpoint = "{\"version\": 3, \"checkpoint\": {}}";
    fs.writeFileSync(file, checkpoint);
    fs.writeFileSync(`${file}.attrs`, "");
    fs.writeFileSync(`${file}.bak`, "{\"version\": 3}");
    fs.writeFileSync(`${file}.bak.attrs`, "{\"user.content_type\":\"application/octet-stream\"}");
    expect(repairCheckpoint(file)).toBe("removed ci.json.attrs, which the kill cut short (the backend reads a missing one as default attributes)");
    expect(fs.existsSync(`${file}.attrs`)).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe(checkpoint);
    // A sidecar that is JSON is the backend's own: kept.
    expect(fs.existsSync(`${file}.bak.attrs`)).toBe(true);
    expect(repairCheckpoint(file)).toBeUndefined();
    fs.writeFileSync(`${file}.bak.attrs`, "{\"user.cont");
    expect(repairCheckpoint(file)).toMatch(/^removed ci.json.bak.attrs/);
  });

  it("is replaced by the backend's backup, and kept beside it with its sidecar gone", () => {
    fs.writeFileSync(file, "{\"version\": 3, \"checkpoint\": {");
    fs.writeFileSync(`${file}.attrs`, "{\"md5\": \"of the damaged file\"}");
    fs.writeFileSync(`${file}.bak`, "{\"version\": 3}");
    expect(repairCheckpoint(file)).toMatch(/^the checkpoint could not be read \(kept as ci.json.damaged-\d+\); restored the backend's backup ci.json.bak$/);
    expect(fs.readFileSync(file, "utf8")).toBe("{\"version\": 3}");
    expect(fs.existsSync(`${file}.attrs`)).toBe(false);
    expect(fs.readdirSync(stacks).filter((f) => f.includes(".damaged-"))).toHaveLength(1);
    // Readable now: nothing more to do.
    expect(repairCheckpoint(file)).toBeUndefined();
  });

  it("is left as it is when its backup cannot be read either", () => {
    fs.writeFileSync(file, "{\"version\"");
    fs.writeFileSync(`${file}.bak`, "{\"vers");
    expect(repairCheckpoint(file)).toBeUndefined();
    expect(fs.readFileSync(file, "utf8")).toBe("{\"version\"");
  });
});
