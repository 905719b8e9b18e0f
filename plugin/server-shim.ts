/**
 * Two defects of @pulumi/pulumi 3.248's provider server (provider/server.js), worked around in
 * one place, before `main` builds its gRPC service:
 * - `configure` answers only capability flags: the provider configuration (stack config for the
 *   default provider, or a `pulumi:providers:hpecom` resource's properties) never reaches the
 *   provider object. The shim hands it over first.
 * - `read` dereferences the request's properties, which `pulumi import` leaves unset; the shim
 *   gives such a request an empty Struct.
 * Remove it when the server does both itself.
 */
import type * as grpc from "@grpc/grpc-js";
import { fromPulumi } from "../provider/runtime/pulumi-modules";
import { revealed } from "./secrets";

interface Call { request: { getProperties(): unknown; setProperties(s: unknown): void } & ConfigureRequest }
interface ConfigureRequest {
  getArgs?(): { toJavaScript(): Record<string, unknown> } | undefined;
  getVariablesMap?(): { entries(): Iterable<[string, string]> };
}
type Handler = (call: Call, callback: unknown) => unknown;

/** `configure` receives the configuration as plain strings keyed like stack config (`hpecom:region`). */
export function patchProviderServer(configure: (config: Record<string, string>) => void): void {
  // The server and its messages come from the copies of gRPC and protobuf @pulumi/pulumi loaded.
  const { Server } = fromPulumi<typeof grpc>("@grpc/grpc-js", () => require("@grpc/grpc-js"));
  const { Struct } = fromPulumi<{ Struct: new () => unknown }>("google-protobuf/google/protobuf/struct_pb", () => require("google-protobuf/google/protobuf/struct_pb"));
  const addService = Server.prototype.addService;
  Server.prototype.addService = function (this: grpc.Server, service, implementation) {
    const handlers = implementation as unknown as Record<string, Handler>;
    // The server's handlers are methods of a class: the patched object inherits them.
    const patched: Record<string, Handler> = Object.assign(Object.create(handlers), {
      configure: (call: Call, callback: unknown) => {
        configure(configurationOf(call.request));
        return handlers.configure.call(handlers, call, callback);
      },
      read: (call: Call, callback: unknown) => {
        if (!call.request.getProperties()) call.request.setProperties(new Struct());
        return handlers.read.call(handlers, call, callback);
      },
    });
    return addService.call(this, service, patched as unknown as grpc.UntypedServiceImplementation);
  };
}

/** Configure's `args` (typed values, secrets wrapped) when the engine sends them, else its `variables`. */
function configurationOf(request: ConfigureRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(revealed(request.getArgs?.()?.toJavaScript() ?? {}))) {
    if (value !== undefined && value !== null && value !== "") out[`hpecom:${k}`] = String(value);
  }
  for (const [k, v] of request.getVariablesMap?.()?.entries() ?? []) {
    // Variables are keyed `hpecom:config:region`; args win where both are set.
    out[k.replace(/^hpecom:config:/, "hpecom:")] ??= v;
  }
  return out;
}
