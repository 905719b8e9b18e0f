/**
 * The plugin's gRPC server, served from Pulumi's generated ResourceProvider definitions
 * (@pulumi/pulumi/proto). @pulumi/pulumi/provider's generic server answers CheckConfig and
 * DiffConfig with UNIMPLEMENTED (so the engine never learns that a provider's resources moved
 * to another workspace), never hands Configure's settings to the provider, and fails `read`
 * for `pulumi import`; this one serves the protocol as this provider needs it, and nothing more.
 * Methods it does not serve (Construct, Call, Parameterize, …) get UNIMPLEMENTED from grpc-js.
 */
import type * as grpc from "@grpc/grpc-js";
import { fromPulumi } from "../provider/runtime/pulumi-modules";
import { revealed } from "./secrets";

/** A property-level failure, as check and invoke report them. */
export interface Failure { property: string; reason: string }
export interface DiffResult { changes?: boolean; replaces?: string[]; deleteBeforeReplace?: boolean }
type Props = Record<string, unknown>;

/** What the server asks of the provider; every value is a plain JS value, secrets still wrapped. */
export interface PluginProvider {
  version: string;
  schema: string;
  checkConfig(olds: Props, news: Props): Promise<{ inputs: Props; failures: Failure[] }>;
  diffConfig(olds: Props, news: Props): Promise<DiffResult>;
  /** Configure's settings keyed like stack config (`hpecom:region`), as text. */
  configure(config: Record<string, string>): void;
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: Failure[] }>;
  diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffResult>;
  create(urn: string, inputs: Props): Promise<{ id: string; outs?: Props }>;
  read(id: string, urn: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }>;
  update(id: string, urn: string, olds: Props, news: Props): Promise<{ outs?: Props }>;
  delete(id: string, urn: string, props: Props): Promise<void>;
  invoke(token: string, args: Props): Promise<{ outputs: object }>;
}

/** An error that leaves a created resource behind, to be kept in state (the engine's initialization failure). */
export interface InitializationError extends Error { id: string; properties: Props; reasons: string[] }
const isInitializationError = (e: unknown): e is InitializationError => e instanceof Error && typeof (e as InitializationError).id === "string";

// The server and its messages come from the copies of gRPC and protobuf @pulumi/pulumi loaded.
const grpcJs = fromPulumi<typeof grpc>("@grpc/grpc-js", () => require("@grpc/grpc-js"));
const { Struct } = fromPulumi<{ Struct: StructClass }>("google-protobuf/google/protobuf/struct_pb", () => require("google-protobuf/google/protobuf/struct_pb"));
const { Empty } = fromPulumi<{ Empty: new () => unknown }>("google-protobuf/google/protobuf/empty_pb", () => require("google-protobuf/google/protobuf/empty_pb"));
const { Any } = fromPulumi<{ Any: new () => { pack(b: Uint8Array, name: string): void } }>("google-protobuf/google/protobuf/any_pb", () => require("google-protobuf/google/protobuf/any_pb"));
/* eslint-disable @typescript-eslint/no-explicit-any */
const proto = require("@pulumi/pulumi/proto/provider_pb") as any;
const plugin = require("@pulumi/pulumi/proto/plugin_pb") as any;
const status = require("@pulumi/pulumi/proto/status_pb") as any;
const { ResourceProviderService } = require("@pulumi/pulumi/proto/provider_grpc_pb") as { ResourceProviderService: grpc.ServiceDefinition };

interface StructValue { toJavaScript(): Props }
interface StructClass { fromJavaScript(v: Props): StructValue; new (): StructValue }
type Call = grpc.ServerUnaryCall<any, unknown>;
type Handler = (call: Call) => Promise<unknown> | unknown;

const js = (s: StructValue | undefined): Props => s?.toJavaScript() ?? {};
const struct = (v: Props | undefined) => Struct.fromJavaScript(v ?? {});

function failures(list: Failure[]) {
  return list.map((f) => { const failure = new proto.CheckFailure(); failure.setProperty(f.property); failure.setReason(f.reason); return failure; });
}

function checkResponse(result: { inputs: Props; failures: Failure[] }) {
  const resp = new proto.CheckResponse();
  resp.setInputs(struct(result.inputs));
  resp.setFailuresList(failures(result.failures));
  return resp;
}

function diffResponse(result: DiffResult) {
  const resp = new proto.DiffResponse();
  const { DiffChanges } = proto.DiffResponse;
  resp.setChanges(result.changes === undefined ? DiffChanges.DIFF_UNKNOWN : result.changes ? DiffChanges.DIFF_SOME : DiffChanges.DIFF_NONE);
  resp.setReplacesList(result.replaces ?? []);
  resp.setDeletebeforereplace(result.deleteBeforeReplace ?? false);
  return resp;
}

/** A failed create or update whose resource exists: its id, properties and reasons travel in the status details. */
function grpcError(err: unknown): Partial<grpc.StatusObject> {
  const message = err instanceof Error ? err.message : String(err);
  const metadata = new grpcJs.Metadata();
  if (isInitializationError(err)) {
    const detail = new proto.ErrorResourceInitFailed();
    detail.setId(err.id);
    detail.setProperties(struct(err.properties));
    detail.setReasonsList(err.reasons);
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const st = new status.Status();
    st.setCode(grpcJs.status.UNKNOWN);
    st.setMessage(message);
    st.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(st.serializeBinary()));
  }
  return { code: grpcJs.status.UNKNOWN, details: message, metadata };
}

function handlers(provider: PluginProvider): Record<string, Handler> {
  return {
    getPluginInfo: () => { const info = new plugin.PluginInfo(); info.setVersion(provider.version); return info; },
    getSchema: (call) => {
      if (call.request.getVersion() !== 0) throw new Error(`unsupported schema version ${call.request.getVersion()}`);
      const resp = new proto.GetSchemaResponse();
      resp.setSchema(provider.schema);
      return resp;
    },
    checkConfig: async (call) => checkResponse(await provider.checkConfig(js(call.request.getOlds()), js(call.request.getNews()))),
    diffConfig: async (call) => diffResponse(await provider.diffConfig(js(call.request.getOldInputs() ?? call.request.getOlds()), js(call.request.getNews()))),
    configure: (call) => {
      provider.configure(configurationOf(call.request));
      const resp = new proto.ConfigureResponse();
      resp.setAcceptsecrets(true);
      return resp;
    },
    check: async (call) => checkResponse(await provider.check(call.request.getUrn(), js(call.request.getOlds()), js(call.request.getNews()))),
    diff: async (call) => diffResponse(await provider.diff(call.request.getId(), call.request.getUrn(), js(call.request.getOlds()), js(call.request.getNews()))),
    create: async (call) => {
      const result = await provider.create(call.request.getUrn(), js(call.request.getProperties()));
      const resp = new proto.CreateResponse();
      resp.setId(result.id);
      resp.setProperties(struct(result.outs));
      return resp;
    },
    // `pulumi import` reads with no properties at all.
    read: async (call) => {
      const result = await provider.read(call.request.getId(), call.request.getUrn(), js(call.request.getProperties()));
      const resp = new proto.ReadResponse();
      resp.setId(result.id ?? "");
      if (result.props) resp.setProperties(struct(result.props));
      if (result.inputs) resp.setInputs(struct(result.inputs));
      return resp;
    },
    update: async (call) => {
      const result = await provider.update(call.request.getId(), call.request.getUrn(), js(call.request.getOlds()), js(call.request.getNews()));
      const resp = new proto.UpdateResponse();
      resp.setProperties(struct(result.outs));
      return resp;
    },
    delete: async (call) => { await provider.delete(call.request.getId(), call.request.getUrn(), js(call.request.getProperties())); return new Empty(); },
    invoke: async (call) => {
      const result = await provider.invoke(call.request.getTok(), js(call.request.getArgs()));
      const resp = new proto.InvokeResponse();
      resp.setReturn(struct(result.outputs as Props));
      return resp;
    },
    cancel: () => new Empty(),
    attach: () => new Empty(),
  };
}

/** Configure's settings: its typed `args` (secrets wrapped) when the engine sends them, else its `variables` (`hpecom:config:region`). */
function configurationOf(request: { getArgs(): StructValue | undefined; getVariablesMap(): { entries(): Iterable<[string, string]> } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(revealed(js(request.getArgs())))) {
    if (value !== undefined && value !== null && value !== "") out[`hpecom:${k}`] = String(value);
  }
  for (const [k, v] of request.getVariablesMap().entries()) out[k.replace(/^hpecom:config:/, "hpecom:")] ??= v;
  return out;
}

/** Serves `provider` on a loopback port and prints the port, which is how the engine finds a plugin. */
export async function serve(provider: PluginProvider): Promise<grpc.Server> {
  const server = new grpcJs.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const [name, handle] of Object.entries(handlers(provider))) {
    implementation[name] = (call: Call, callback: grpc.sendUnaryData<unknown>) => {
      Promise.resolve().then(() => handle(call)).then((resp) => callback(null, resp), (err) => callback(grpcError(err), null));
    };
  }
  server.addService(ResourceProviderService, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpcJs.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  console.log(String(port));
  return server;
}
