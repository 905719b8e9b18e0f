/**
 * The plugin's translation of the wire (plugin/provider.ts), called in-process against an
 * emulator on a real loopback port: type tokens, secrets wrapped and unwrapped, the default
 * connection left out of state, initialization failures kept with their secrets wrapped, and the
 * data source as an invoke. The plugin tier runs the same code through the engine, built.
 */
import { SECRET_SIG, SIG_KEY } from "../../provider/runtime/wire";
import type { PluginProvider } from "../../plugin/server";
import { digestOf, secretDigests } from "../helpers/emulator-inspection";
import { clientFor, dsccInput, useEmulator } from "../helpers/emulator";

const CLIENT = { id: "demo-client", secret: "demo-secret" };
const MSP = { id: "msp-client", secret: "msp-secret", workspace: "msp", tenants: ["tenant-a", "tenant-b"] };
const emulator = useEmulator({ clients: [CLIENT, MSP] });
const URN = "urn:pulumi:dev::p::hpecom:index:ExternalService::svc";
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
/** Inputs as the engine sends them: the credentials wrapped as a secret. */
const wire = (input: Record<string, unknown>) => ({ ...input, authentication: secret(input.authentication) });

let plugin: PluginProvider;
beforeEach(async () => {
  await fetch(`${emulator().url}/__emulator/reset`, { method: "POST" });
  // One provider process per test: its clients, token and listing are its own.
  jest.isolateModules(() => {
    const { pluginProvider } = require("../../plugin/provider") as typeof import("../../plugin/provider");
    plugin = pluginProvider("9.9.9");
  });
  plugin.configure({ "hpecom:endpoint": emulator().url, "hpecom:tokenUrl": emulator().tokenUrl, "hpecom:clientId": CLIENT.id, "hpecom:clientSecret": CLIENT.secret });
});

describe("the plugin's resource operations", () => {
  it("refuses a type it does not serve, naming it", async () => {
    const other = "urn:pulumi:dev::p::hpecom:index:Other::x";
    await expect(plugin.check(other, {}, {})).rejects.toThrow("hpecom: unknown resource type hpecom:index:Other");
    await expect(plugin.create(other, {})).rejects.toThrow("hpecom: unknown resource type hpecom:index:Other");
    await expect(plugin.read("id", other, {})).rejects.toThrow(/unknown resource type/);
    await expect(plugin.delete("id", other, {})).rejects.toThrow(/unknown resource type/);
  });

  it("checks the revealed inputs and gives them back with the credentials wrapped", async () => {
    const { inputs, failures } = await plugin.check(URN, {}, wire(dsccInput("wire")));
    expect(failures).toEqual([]);
    expect(inputs.authentication).toEqual(secret({ clientId: "dscc-client", clientSecret: "dscc-secret-value" }));
    const bad = await plugin.check(URN, {}, wire({ ...dsccInput("wire"), authenticationType: "BASIC" }));
    expect(bad.failures.map((f) => f.property)).toEqual(["authenticationType"]);
  });

  it("gives back the checked inputs, the documented defaults filled in, not the ones it was sent", async () => {
    const { inputs } = await plugin.check(URN, {}, wire(dsccInput("defaults")));
    expect(inputs).toMatchObject({ state: "ENABLED", authenticationType: "OAUTH" });
  });

  it("passes an error that leaves nothing behind through as it is", async () => {
    // A name another service of the same type holds: the create fails before anything exists.
    await clientFor(emulator()).externalServices.create({ ...dsccInput("taken"), description: null } as never);
    const inputs = (await plugin.check(URN, {}, wire(dsccInput("taken")))).inputs;
    const err = await plugin.create(URN, inputs).catch((e) => e);
    expect(err.constructor.name).toBe("OperationError");
    expect(err).not.toHaveProperty("reasons");
    expect(err.message).toMatch(/already exists/);
  });

  it("creates, reads, updates and deletes with the secret revealed to the API and wrapped in state, and no connection in state", async () => {
    const inputs = (await plugin.check(URN, {}, wire(dsccInput("plug")))).inputs;
    const { id, outs } = await plugin.create(URN, inputs);
    expect((await secretDigests(emulator()))[id]).toEqual({ clientSecret: digestOf("dscc-secret-value") });
    expect(outs).toMatchObject({ name: "plug", authentication: secret({ clientId: "dscc-client", clientSecret: "dscc-secret-value" }), lastTest: { status: "PASSED" } });
    expect(outs).not.toHaveProperty("defaultConnection");

    // An import reads by id alone, with no properties.
    const imported = await plugin.read(id, URN, {});
    expect(imported.props).toMatchObject({ name: "plug", serviceType: "DSCC" });
    expect(imported.props).not.toHaveProperty("defaultConnection");
    expect(imported.inputs?.authentication).toEqual(secret(expect.objectContaining({ clientId: "dscc-client" })));

    const diff = await plugin.diff(id, URN, outs!, { ...inputs, description: "changed" });
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    const { outs: updated } = await plugin.update(id, URN, outs!, { ...inputs, description: "changed" });
    expect(updated).toMatchObject({ description: "changed", authentication: secret(expect.anything()) });
    expect(((await clientFor(emulator()).externalServices.get(id)) as { description?: string }).description).toBe("changed");

    await plugin.delete(id, URN, updated!);
    expect(await clientFor(emulator()).externalServices.findByName("plug")).toBeUndefined();
  });

  it("keeps a service whose test failed with its secrets wrapped, and no connection", async () => {
    await fetch(`${emulator().url}/__emulator/settings`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ dsccTestFails: true }) });
    const inputs = (await plugin.check(URN, {}, wire(dsccInput("plug-fails")))).inputs;
    const failure = await plugin.create(URN, inputs).catch((e) => e);
    expect(failure.name).toBe("InitializationFailure");
    expect(failure.properties.authentication).toEqual(secret(expect.objectContaining({ clientSecret: "dscc-secret-value" })));
    expect(failure.properties).not.toHaveProperty("defaultConnection");
    expect(failure.reasons[0]).toMatch(/post-deploy test of external service 'plug-fails' failed/);
  });
});

describe("the plugin's configuration", () => {
  it("names an unknown key and a broken rule, reading secret values", async () => {
    const { failures } = await plugin.checkConfig({}, { endpont: "x", region: secret("mars"), jobTimeoutSeconds: "0" });
    expect(failures.map((f) => f.property).sort()).toEqual(["endpont", "jobTimeoutSeconds", "region"]);
    expect(failures.find((f) => f.property === "endpont")!.reason).toMatch(/hpecom:endpont is not a configuration key of hpecom/);
  });

  it("calls a new workspace a replacement, and new credentials an update", async () => {
    const olds = { endpoint: "https://a.example", clientId: "c", clientSecret: secret("s") };
    expect(await plugin.diffConfig(olds, { ...olds, endpoint: "https://b.example" })).toMatchObject({ changes: true, replaces: ["endpoint"] });
    expect(await plugin.diffConfig(olds, { ...olds, clientSecret: secret("t") })).toMatchObject({ changes: true, replaces: [] });
    expect(await plugin.diffConfig(olds, { ...olds })).toMatchObject({ changes: false, replaces: [] });
  });

  it("serves its schema and version", () => {
    expect(plugin.version).toBe("9.9.9");
    expect(JSON.parse(plugin.schema).name).toBe("hpecom");
  });
});

describe("the data source", () => {
  it("lists the workspace's services, and names a function it does not serve", async () => {
    await clientFor(emulator()).externalServices.create(dsccInput("listed") as never, { wait: false });
    const { outputs } = await plugin.invoke("hpecom:index:getExternalServices", { filter: "serviceType eq 'DSCC'" });
    expect(JSON.stringify(outputs)).toContain("listed");
    await expect(plugin.invoke("hpecom:index:getOther", {})).rejects.toThrow("hpecom: unknown function hpecom:index:getOther");
  });

  it("lists the services of the tenant it names", async () => {
    plugin.configure({ "hpecom:endpoint": emulator().url, "hpecom:tokenUrl": emulator().tokenUrl, "hpecom:clientId": MSP.id, "hpecom:clientSecret": MSP.secret });
    await clientFor(emulator(), { tenantAcid: "tenant-a" }, MSP).externalServices.create(dsccInput("in-tenant-a") as never, { wait: false });
    expect(JSON.stringify((await plugin.invoke("hpecom:index:getExternalServices", { tenantAcid: "tenant-a" })).outputs)).toContain("in-tenant-a");
    expect(JSON.stringify((await plugin.invoke("hpecom:index:getExternalServices", { tenantAcid: "tenant-b" })).outputs)).not.toContain("in-tenant-a");
  });

  it("says which call failed when the API refuses it", async () => {
    plugin.configure({ "hpecom:endpoint": emulator().url, "hpecom:tokenUrl": emulator().tokenUrl, "hpecom:clientId": CLIENT.id, "hpecom:clientSecret": "wrong" });
    await expect(plugin.invoke("hpecom:index:getExternalServices", {})).rejects.toThrow(/^hpecom: getExternalServices failed: /);
  });
});
