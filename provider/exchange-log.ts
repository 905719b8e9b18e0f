/**
 * Troubleshooting: each API exchange as one debug line in Pulumi's own log, so that
 * `pulumi up --debug` (or `-v=9 --logtostderr`) shows what a failed deployment sent and got.
 * Nothing secret can appear: an ExchangeEvent holds no header value, body or query.
 */
import type { ExchangeEvent } from "../sdk";
import { redact } from "../sdk/core/redact";
import { logToEngine } from "./engine-log";

/** One line per exchange: `hpecom: GET /compute-ops-mgmt/v1beta1/external-services/ab12 → 200 in 35 ms (attempt 1, rate limit 57/60)`. */
export function exchangeLine(e: ExchangeEvent): string {
  const outcome = e.status !== undefined ? String(e.status) : `no answer (${e.failure})`;
  const details = [`attempt ${e.attempt + 1}`];
  if (e.debugId) details.push(`debugId ${e.debugId}`);
  if (e.rateLimit) details.push(`rate limit ${e.rateLimit.remaining}${e.rateLimit.limit ? `/${e.rateLimit.limit}` : ""} left`);
  return redact(`hpecom: ${e.method} ${e.path} → ${outcome} in ${e.durationMs} ms (${details.join(", ")})`);
}

/** Sends the exchange to the engine's log at debug severity. */
export function logExchange(e: ExchangeEvent): void {
  logToEngine("DEBUG", exchangeLine(e));
}
