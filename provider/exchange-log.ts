/**
 * Troubleshooting: API exchanges as debug lines in Pulumi's own log. An exchange that failed or
 * was a retry is always sent, so that `pulumi up --debug` shows what went wrong; every exchange is
 * sent when the engine flows verbose logging to providers (`--logflow -v=N`), as Pulumi's own
 * providers trace HTTP only then. Each line is a call to the engine, which costs about as much CPU
 * as the request it describes (bench/README.md measures it), so a deployment that goes well does
 * not pay for lines nobody asked for. Nothing secret can appear: an ExchangeEvent holds no header
 * value, body or query.
 */
import type { ExchangeEvent } from "../sdk";
import { redact } from "../sdk/core/redact";
import { logToEngine, verboseLogging } from "./engine-log";

/** One line per exchange: `hpecom: GET /compute-ops-mgmt/v1beta1/external-services/ab12 → 200 in 35 ms (attempt 1, rate limit 57/60)`. */
export function exchangeLine(e: ExchangeEvent): string {
  const outcome = e.status !== undefined ? String(e.status) : `no answer (${e.failure})`;
  const details = [`attempt ${e.attempt + 1}`];
  if (e.debugId) details.push(`debugId ${e.debugId}`);
  if (e.rateLimit) details.push(`rate limit ${e.rateLimit.remaining}${e.rateLimit.limit ? `/${e.rateLimit.limit}` : ""} left`);
  return redact(`hpecom: ${e.method} ${e.path} → ${outcome} in ${e.durationMs} ms (${details.join(", ")})`);
}

/** An exchange worth a line even when nobody asked for traces: no answer, an answer other than a success, or a retry. */
export const troubled = (e: ExchangeEvent): boolean => e.status === undefined || e.status < 200 || e.status >= 300 || e.attempt > 0;

const traced = verboseLogging();

/** Sends the exchange to the engine's log at debug severity, when it is troubled or traces were asked for. */
export function logExchange(e: ExchangeEvent, everyExchange = traced): void {
  if (everyExchange || troubled(e)) logToEngine("DEBUG", exchangeLine(e));
}
