/**
 * The retry decision and the backoff, as small pure functions (tested on their own).
 * Reads, deletes and merge patches are safe to repeat; a create is not: after an ambiguous
 * failure the caller looks the resource up instead (see externalServices.create).
 */

/** How safely a request may be repeated. */
export type RetryClass = "idempotent" | "create";

export interface RetryInput {
  retryClass: RetryClass;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** Set when there was no answer. */
  failure?: "connection" | "timeout";
  /** Retries already made. */
  attempt: number;
  maxRetries: number;
}

export function shouldRetry(input: RetryInput): boolean {
  if (input.attempt >= input.maxRetries) return false;
  // A 429 is a refusal: the server did nothing, so even a create may be sent again.
  if (input.status === 429) return true;
  // Only what is safe to repeat is repeated: a create, or a class this code does not know, is not.
  if (input.retryClass !== "idempotent") return false;
  if (input.failure) return true;
  // Any 5xx: the reference lists 500 for every operation, and repeating a read, a merge
  // patch or a delete gives the same result (openai-node and smithy retry these too).
  return (input.status ?? 0) >= 500;
}

/** Whether the outcome of a request is unknown: it may have been applied. */
export function isAmbiguousFailure(input: { status?: number; failure?: string }): boolean {
  return input.failure !== undefined || (input.status ?? 0) >= 500;
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest server hint (ratelimit-reset, Retry-After) that is honoured. */
  maxHintMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 200, maxDelayMs: 8000, maxHintMs: 60_000 };

/**
 * The server's hint in milliseconds: `ratelimit-reset` (seconds), or `Retry-After`
 * (seconds or an HTTP date); undefined when there is none.
 */
export function serverHintMs(headers: Record<string, string | undefined>, now = Date.now()): number | undefined {
  const reset = headers["ratelimit-reset"];
  if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset.trim())) return Number(reset) * 1000;
  const retryAfter = headers["retry-after"];
  if (retryAfter === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Capped exponential backoff with full jitter; a server hint, bounded by `maxHintMs`, wins.
 * `random` is injectable so tests are exact.
 */
export function backoffDelayMs(attempt: number, hintMs: number | undefined, options = DEFAULT_BACKOFF, random = Math.random): number {
  if (hintMs !== undefined) return Math.min(Math.max(hintMs, 0), options.maxHintMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
