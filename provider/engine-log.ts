/**
 * Lines for the engine's own log, from a provider process. A provider process (the dynamic
 * provider's `pulumi-resource-pulumi-nodejs`, or the plugin) is started with the engine's
 * address as an argument, but @pulumi/pulumi's `log` reaches the engine only from a program; so
 * the lines go to the engine's Log service directly. Debug lines show with `--debug`; warnings
 * show in every preview and update as the engine's own diagnostics.
 */
import type * as grpc from "@grpc/grpc-js";
import { redact } from "../sdk/core/redact";
import { fromPulumi } from "./runtime/pulumi-modules";

/** host:port, [v6]:port: how the engine passes its address to a plugin (after any flags). */
const ENGINE_ADDRESS = /^(\[[0-9a-f:.]+\]|[\w.-]+):\d{1,5}$/i;

export type Severity = "DEBUG" | "INFO" | "WARNING" | "ERROR";

/** `-v=N`: the engine passes its verbosity to plugins only when asked to (`pulumi … --logflow -v=N`). */
const VERBOSITY = /^--?v=(\d+)$/;

/** Whether the engine flowed verbose logging to this process (`--logflow` with `-v=N`, N ≥ 1). */
export function verboseLogging(argv: readonly string[] = process.argv): boolean {
  return argv.slice(2).some((arg) => Number(VERBOSITY.exec(arg)?.[1] ?? 0) >= 1);
}

interface EngineClient { log(request: unknown, callback: (err: unknown) => void): void }
let engine: EngineClient | null | undefined;
/** Lines go one after another, so that the log shows them in the order they were written. */
let previous: Promise<void> = Promise.resolve();

function engineClient(): EngineClient | null {
  if (engine !== undefined) return engine;
  const address = process.argv.slice(2).find((arg) => ENGINE_ADDRESS.test(arg));
  if (!address) return (engine = null);
  const { credentials } = fromPulumi<typeof grpc>("@grpc/grpc-js", () => require("@grpc/grpc-js"));
  const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineClient: new (a: string, c: grpc.ChannelCredentials) => EngineClient };
  return (engine = new EngineClient(address, credentials.createInsecure()));
}

/**
 * Sends `message` (redacted) to the engine's log; best effort, never in the way of the work.
 * Without an engine (a unit test, a script) a warning or error goes to stderr instead.
 */
export function logToEngine(severity: Severity, message: string): void {
  const client = engineClient();
  const text = redact(message);
  if (!client) {
    if (severity === "WARNING" || severity === "ERROR") console.warn(`${severity.toLowerCase()}: ${text}`);
    return;
  }
  const { LogRequest, LogSeverity } = require("@pulumi/pulumi/proto/engine_pb") as {
    LogRequest: new () => { setSeverity(s: number): unknown; setMessage(m: string): unknown }; LogSeverity: Record<Severity, number>;
  };
  const request = new LogRequest();
  request.setSeverity(LogSeverity[severity]);
  request.setMessage(text);
  previous = previous.then(() => new Promise<void>((done) => client.log(request, () => done())));
}
