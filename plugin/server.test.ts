/**
 * The plugin's gRPC server (server.ts) on a loopback port, called as the engine calls it, through
 * Pulumi's generated client: what each method hands the provider, and what it answers. The
 * provider behind it is a recording stand-in; the runtime core has its own suites.
 */
import type * as grpc from "@grpc/grpc-js";
import { fromPulumi } from "../provider/runtime/pulumi-modules";
import { SECRET_SIG, SIG_KEY } from "../provider/runtime/wire";
import { serve, type PluginProvider } from "./server";

/* eslint-disable @typescript-eslint/no-explicit-any */
const grpcJs = fromPulumi<typeof grpc>("@grpc/grpc-js", () => require("@grpc/grpc-js"));
const { Struct } = fromPulumi<any>("google-protobuf/google/protobuf/struct_pb", () => require("google-protobuf/google/protobuf/struct_pb"));
const { Empty } = fromPulumi<any>("google-protobuf/google/protobuf/empty_pb", () => require("google-protobuf/google/protobuf/empty_pb"));
const proto = require("@pulumi/pulumi/proto/provider_pb");
const pluginPb = require("@pulumi/pulumi/proto/plugin_pb");
const statusPb = require("@pulumi/pulumi/proto/status_pb");
const { ResourceProviderClient } = require("@pulumi/pulumi/proto/provider_grpc_pb");

type Props = Record<string, unknown>;
const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const URN = "urn:pulumi:dev::p::hpecom:index:ExternalService::s";

/** What the stand-in was called with, method by method, and what it answers next. */
const calls: Record<string, unknown[][]> = {};
let answer: Record<string, unknown> = {};
let failWith: Error | undefined;
const recorded = (method: string) => async (...args: unknown[]) => {
  (calls[method] ??= []).push(args);
  if (failWith) throw failWith;
  return answer[method];
};
const provider: PluginProvider = {
  version: "1.2.3",
  schema: '{"name":"hpecom"}',
  checkConfig: recorded("checkConfig") as PluginProvider["checkConfig"],
  diffConfig: recorded("diffConfig") as PluginProvider["diffConfig"],
  configure: (config) => void (calls.configure ??= []).push([config]),
  check: recorded("check") as PluginProvider["check"],
  diff: recorded("diff") as PluginProvider["diff"],
  create: recorded("create") as PluginProvider["create"],
  read: recorded("read") as PluginProvider["read"],
  update: recorded("update") as PluginProvider["update"],
  delete: recorded("delete") as PluginProvider["delete"],
  invoke: recorded("invoke") as PluginProvider["invoke"],
};

let server: grpc.Server;
let client: any;
beforeAll(async () => {
  const printed: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
  server = await serve(provider);
  log.mockRestore();
  expect(printed).toEqual([expect.stringMatching(/^\d+$/)]);
  client = new ResourceProviderClient(`127.0.0.1:${printed[0]}`, grpcJs.credentials.createInsecure());
});
afterAll(() => {
  client?.close();
  server?.forceShutdown();
});
beforeEach(() => {
  for (const k of Object.keys(calls)) delete calls[k];
  answer = {};
  failWith = undefined;
});

function rpc(method: string, request: unknown): Promise<any> {
  return new Promise((resolve, reject) => client[method](request, (err: Error | null, resp: unknown) => (err ? reject(err) : resolve(resp))));
}
const struct = (v: Props) => Struct.fromJavaScript(v);

function checkRequest(olds: Props, news: Props) {
  const req = new proto.CheckRequest();
  req.setUrn(URN);
  req.setOlds(struct(olds));
  req.setNews(struct(news));
  return req;
}

function diffRequest(olds: Props, news: Props, oldInputs?: Props) {
  const req = new proto.DiffRequest();
  req.setId("id-1");
  req.setUrn(URN);
  req.setOlds(struct(olds));
  req.setNews(struct(news));
  if (oldInputs) req.setOldInputs(struct(oldInputs));
  return req;
}

const failuresOf = (resp: any) => resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));

describe("plugin gRPC server", () => {
  it("answers its version and its schema (version 0 only)", async () => {
    expect((await rpc("getPluginInfo", new Empty())).getVersion()).toBe("1.2.3");
    const req = new proto.GetSchemaRequest();
    expect((await rpc("getSchema", req)).getSchema()).toBe('{"name":"hpecom"}');
    req.setVersion(1);
    await expect(rpc("getSchema", req)).rejects.toThrow("unsupported schema version 1");
  });

  it("takes a request beyond gRPC's 4 MiB default, as the engine may send one (a large state)", async () => {
    answer.check = { inputs: { name: "n" }, failures: [] };
    const large = "x".repeat(5 * 1024 * 1024);
    const resp = await rpc("check", checkRequest({ description: large }, { name: "n" }));
    expect(resp.getInputs().toJavaScript()).toEqual({ name: "n" });
    expect((calls.check[0][1] as { description: string }).description).toHaveLength(large.length);
  });

  it("hands check and checkConfig the olds and news, and answers the inputs and each failure", async () => {
    answer.check = { inputs: { name: "n", authentication: secret({ clientId: "c" }) }, failures: [{ property: "name", reason: "too long" }, { property: "serviceType", reason: "unknown" }] };
    const resp = await rpc("check", checkRequest({ name: "old" }, { name: "new", authentication: secret({ clientId: "c" }) }));
    expect(calls.check).toEqual([[URN, { name: "old" }, { name: "new", authentication: secret({ clientId: "c" }) }]]);
    expect(resp.getInputs().toJavaScript()).toEqual(answer.check && (answer.check as { inputs: Props }).inputs);
    expect(failuresOf(resp)).toEqual([{ property: "name", reason: "too long" }, { property: "serviceType", reason: "unknown" }]);

    answer.checkConfig = { inputs: { region: "us-west" }, failures: [] };
    const config = await rpc("checkConfig", checkRequest({ region: "eu-central" }, { region: "us-west" }));
    expect(calls.checkConfig).toEqual([[{ region: "eu-central" }, { region: "us-west" }]]);
    expect(config.getInputs().toJavaScript()).toEqual({ region: "us-west" });
    expect(failuresOf(config)).toEqual([]);
  });

  it("answers a diff as some, none or unknown, with the replaced keys and the order of a replacement", async () => {
    const { DiffChanges } = proto.DiffResponse;
    answer.diff = { changes: true, replaces: ["serviceType", "name"], deleteBeforeReplace: true };
    let resp = await rpc("diff", diffRequest({ a: 1 }, { a: 2 }));
    expect(calls.diff).toEqual([["id-1", URN, { a: 1 }, { a: 2 }]]);
    expect([resp.getChanges(), resp.getReplacesList(), resp.getDeletebeforereplace()]).toEqual([DiffChanges.DIFF_SOME, ["serviceType", "name"], true]);
    answer.diff = { changes: false };
    resp = await rpc("diff", diffRequest({}, {}));
    expect([resp.getChanges(), resp.getReplacesList(), resp.getDeletebeforereplace()]).toEqual([DiffChanges.DIFF_NONE, [], false]);
    answer.diff = {};
    expect((await rpc("diff", diffRequest({}, {}))).getChanges()).toBe(DiffChanges.DIFF_UNKNOWN);
  });

  it("hands diffConfig the old inputs when the engine sends them, else the old outputs", async () => {
    answer.diffConfig = { changes: true, replaces: ["endpoint"] };
    const resp = await rpc("diffConfig", diffRequest({ endpoint: "old-output" }, { endpoint: "new" }, { endpoint: "old-input" }));
    expect(resp.getReplacesList()).toEqual(["endpoint"]);
    await rpc("diffConfig", diffRequest({ endpoint: "old-output" }, { endpoint: "new" }));
    expect(calls.diffConfig).toEqual([[{ endpoint: "old-input" }, { endpoint: "new" }], [{ endpoint: "old-output" }, { endpoint: "new" }]]);
  });

  it("configures from the typed args (secrets revealed, empty ones left out), the variables filling the rest", async () => {
    const req = new proto.ConfigureRequest();
    req.setArgs(struct({ endpoint: "https://a", clientSecret: secret("s3cret"), region: "", tenantAcid: null, tokenUrl: "https://t" }));
    req.getVariablesMap().set("hpecom:config:endpoint", "https://ignored");
    req.getVariablesMap().set("hpecom:config:region", "eu-central");
    req.getVariablesMap().set("other:config:key", "kept as is");
    const resp = await rpc("configure", req);
    expect(resp.getAcceptsecrets()).toBe(true);
    expect(calls.configure).toEqual([[{
      "hpecom:endpoint": "https://a", "hpecom:clientSecret": "s3cret", "hpecom:tokenUrl": "https://t",
      "hpecom:region": "eu-central", "other:config:key": "kept as is",
    }]]);
  });

  it("configures from the variables alone when no args come", async () => {
    const req = new proto.ConfigureRequest();
    req.getVariablesMap().set("hpecom:config:clientId", "id");
    await rpc("configure", req);
    expect(calls.configure).toEqual([[{ "hpecom:clientId": "id" }]]);
  });

  it("creates, reads, updates and deletes with what the engine sent, answering ids and properties", async () => {
    answer.create = { id: "svc-1", outs: { name: "n", generation: 1 } };
    const create = new proto.CreateRequest();
    create.setUrn(URN);
    create.setProperties(struct({ name: "n" }));
    const created = await rpc("create", create);
    expect(calls.create).toEqual([[URN, { name: "n" }]]);
    expect([created.getId(), created.getProperties().toJavaScript()]).toEqual(["svc-1", { name: "n", generation: 1 }]);

    const read = new proto.ReadRequest();
    read.setId("svc-1");
    read.setUrn(URN);
    read.setProperties(struct({ name: "n" }));
    answer.read = { id: "svc-1", props: { name: "m" }, inputs: { name: "m" } };
    let resp = await rpc("read", read);
    expect(calls.read).toEqual([["svc-1", URN, { name: "n" }]]);
    expect([resp.getId(), resp.getProperties().toJavaScript(), resp.getInputs().toJavaScript()]).toEqual(["svc-1", { name: "m" }, { name: "m" }]);
    // Gone: no id, no properties, no inputs.
    answer.read = {};
    resp = await rpc("read", read);
    expect([resp.getId(), resp.getProperties(), resp.getInputs()]).toEqual(["", undefined, undefined]);

    const update = new proto.UpdateRequest();
    update.setId("svc-1");
    update.setUrn(URN);
    update.setOlds(struct({ name: "n" }));
    update.setNews(struct({ name: "m" }));
    answer.update = { outs: { name: "m", generation: 2 } };
    expect((await rpc("update", update)).getProperties().toJavaScript()).toEqual({ name: "m", generation: 2 });
    expect(calls.update).toEqual([["svc-1", URN, { name: "n" }, { name: "m" }]]);

    const del = new proto.DeleteRequest();
    del.setId("svc-1");
    del.setUrn(URN);
    del.setProperties(struct({ name: "m" }));
    expect(await rpc("delete", del)).toBeInstanceOf(Empty);
    expect(calls.delete).toEqual([["svc-1", URN, { name: "m" }]]);
  });

  it("invokes a function by its token with its args, and answers what it returned", async () => {
    answer.invoke = { outputs: { services: [{ id: "a" }] } };
    const req = new proto.InvokeRequest();
    req.setTok("hpecom:index:getExternalServices");
    req.setArgs(struct({ tenantAcid: "t" }));
    expect((await rpc("invoke", req)).getReturn().toJavaScript()).toEqual({ services: [{ id: "a" }] });
    expect(calls.invoke).toEqual([["hpecom:index:getExternalServices", { tenantAcid: "t" }]]);
  });

  it("answers cancel and attach, and no method it does not serve", async () => {
    expect(await rpc("cancel", new Empty())).toBeInstanceOf(Empty);
    expect(await rpc("attach", new pluginPb.PluginAttach())).toBeInstanceOf(Empty);
    await expect(rpc("construct", new proto.ConstructRequest())).rejects.toMatchObject({ code: grpcJs.status.UNIMPLEMENTED });
  });

  it("fails a call with UNKNOWN and the provider's message, without details for a plain error", async () => {
    failWith = new Error("the service no longer exists");
    const err = await rpc("check", checkRequest({}, {})).catch((e) => e);
    expect([err.code, err.details]).toEqual([grpcJs.status.UNKNOWN, "the service no longer exists"]);
    expect(err.metadata.get("grpc-status-details-bin")).toEqual([]);
  });

  it("sends an initialization failure's id, properties and reasons in the status details, so the engine keeps the resource", async () => {
    failWith = Object.assign(new Error("post-deploy test failed"), { id: "svc-9", properties: { name: "n", generation: 1 }, reasons: ["test failed", "see the activity"] });
    const create = new proto.CreateRequest();
    create.setUrn(URN);
    create.setProperties(struct({ name: "n" }));
    const err = await rpc("create", create).catch((e) => e);
    expect([err.code, err.details]).toEqual([grpcJs.status.UNKNOWN, "post-deploy test failed"]);
    const [bin] = err.metadata.get("grpc-status-details-bin") as Buffer[];
    const st = statusPb.Status.deserializeBinary(bin);
    expect([st.getCode(), st.getMessage()]).toEqual([grpcJs.status.UNKNOWN, "post-deploy test failed"]);
    const [detail] = st.getDetailsList();
    expect(detail.getTypeUrl()).toMatch(/pulumirpc\.ErrorResourceInitFailed$/);
    const failed = proto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
    expect([failed.getId(), failed.getProperties().toJavaScript(), failed.getReasonsList()]).toEqual(["svc-9", { name: "n", generation: 1 }, ["test failed", "see the activity"]]);
  });
});
