/**
 * Troubleshooting: each API exchange as one debug line in Pulumi's own log, so that
 * `pulumi up --debug` (or `-v=9 --logtostderr`) shows what a failed deployment sent and got.
 *
 * A provider process (the dynamic provider's `pulumi-resource-pulumi-nodejs`, or the
 * plugin) is started with the engine's address as an argument, but @pulumi/pulumi's `log`
 * reaches the engine only from a program; so the lines go to the engine's Log service directly.
 * Nothing secret can appear: an ExchangeEvent holds no header value, body or query.
 */
import type * as grpc from "@grpc/grpc-js";
import type { ExchangeEvent } from "../sdk";
import { redact } from "../sdk/core/redact";
import { fromPulumi } from "./runtime/pulumi-modules";

/** One line per exchange: `hpecom: GET /compute-ops-mgmt/v1beta1/external-services/ab12 → 200 in 35 ms (attempt 1, rate limit 57/60)`. */
export function exchangeLine(e: ExchangeEvent): string {
  const outcome = e.status !== undefined ? String(e.status) : `no answer (${e.failure})`;
  const details = [`attempt ${e.attempt + 1}`];
  if (e.debugId) details.push(`debugId ${e.debugId}`);
  if (e.rateLimit) details.push(`rate limit ${e.rateLimit.remaining}${e.rateLimit.limit ? `/${e.rateLimit.limit}` : ""} left`);
  return redact(`hpecom: ${e.method} ${e.path} → ${outcome} in ${e.durationMs} ms (${details.join(", ")})`);
}

/** host:port, [v6]:port: how the engine passes its address to a plugin (after any flags). */
const ENGINE_ADDRESS = /^(\[[0-9a-f:.]+\]|[\w.-]+):\d{1,5}$/i;

interface EngineLog { log(request: unknown, callback: (err: unknown) => void): void }
let engine: EngineLog | null | undefined;
/** Lines go one after another, so that the log shows the exchanges in the order they happened. */
let previous: Promise<void> = Promise.resolve();

function engineLog(): EngineLog | null {
  if (engine !== undefined) return engine;
  const address = process.argv.slice(2).find((arg) => ENGINE_ADDRESS.test(arg));
  if (!address) return (engine = null);
  const { credentials } = fromPulumi<typeof grpc>("@grpc/grpc-js", () => require("@grpc/grpc-js"));
  const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineClient: new (a: string, c: grpc.ChannelCredentials) => EngineLog };
  return (engine = new EngineClient(address, credentials.createInsecure()));
}

/** Sends the exchange to the engine's log at debug severity; best effort, never in the way of the request. */
export function logExchange(e: ExchangeEvent): void {
  const client = engineLog();
  if (!client) return;
  const { LogRequest, LogSeverity } = require("@pulumi/pulumi/proto/engine_pb") as {
    LogRequest: new () => { setSeverity(s: number): unknown; setMessage(m: string): unknown }; LogSeverity: { DEBUG: number };
  };
  const request = new LogRequest();
  request.setSeverity(LogSeverity.DEBUG);
  request.setMessage(exchangeLine(e));
  previous = previous.then(() => new Promise<void>((done) => client.log(request, () => done())));
}
