/**
 * Fault injection for the COM routes, deterministic under a seed: rate limiting (429 with
 * rate-limit headers), a 5xx rate, latency with spikes, connection resets, and
 * "commit, then drop the response".
 */
export interface FaultConfig {
  seed?: number;
  /** Only requests whose `METHOD path` matches this regular expression are affected. */
  match?: string;
  /** Probability of answering 429 with ratelimit-* headers (and Retry-After when set). */
  rateLimitRate?: number;
  rateLimitResetSeconds?: number;
  retryAfterSeconds?: number;
  /** Probability of answering one of `serverErrorStatuses` (default 503) without acting. */
  serverErrorRate?: number;
  serverErrorStatuses?: number[];
  /** Added to every matching request, plus `spikeMs` with probability `spikeRate`. */
  latencyMs?: number;
  spikeMs?: number;
  spikeRate?: number;
  /** Probability of closing the connection without acting or answering. */
  resetRate?: number;
  /** Probability of acting on the request, then closing the connection without an answer. */
  commitThenDropRate?: number;
  commitThenDropMethods?: string[];
}

export type FaultDecision =
  | { kind: "none" }
  | { kind: "status"; status: number; headers: Record<string, string>; label: string }
  | { kind: "reset" }
  | { kind: "commit-then-drop" };

/** mulberry32: small, fast and reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private config: FaultConfig = {};
  private random = seededRandom(1);
  private match?: RegExp;

  set(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed ?? 1);
    this.match = config.match ? new RegExp(config.match) : undefined;
  }

  get current(): FaultConfig {
    return this.config;
  }

  clear(): void {
    this.set({});
  }

  /** The delay to add before answering this request. */
  latency(method: string, path: string): number {
    const c = this.config;
    if (!this.applies(method, path)) return 0;
    const spike = c.spikeRate && this.random() < c.spikeRate ? c.spikeMs ?? 0 : 0;
    return (c.latencyMs ?? 0) + spike;
  }

  decide(method: string, path: string): FaultDecision {
    const c = this.config;
    if (!this.applies(method, path)) return { kind: "none" };
    if (c.resetRate && this.random() < c.resetRate) return { kind: "reset" };
    if (c.rateLimitRate && this.random() < c.rateLimitRate) {
      const reset = String(c.rateLimitResetSeconds ?? 1);
      const headers: Record<string, string> = { "ratelimit-limit": "100", "ratelimit-remaining": "0", "ratelimit-reset": reset };
      if (c.retryAfterSeconds !== undefined) headers["retry-after"] = String(c.retryAfterSeconds);
      return { kind: "status", status: 429, headers, label: "429" };
    }
    if (c.serverErrorRate && this.random() < c.serverErrorRate) {
      const statuses = c.serverErrorStatuses ?? [503];
      const status = statuses[Math.floor(this.random() * statuses.length)];
      return { kind: "status", status, headers: {}, label: String(status) };
    }
    const dropMethods = c.commitThenDropMethods ?? ["POST", "PATCH"];
    if (c.commitThenDropRate && dropMethods.includes(method) && this.random() < c.commitThenDropRate) {
      return { kind: "commit-then-drop" };
    }
    return { kind: "none" };
  }

  private applies(method: string, path: string): boolean {
    return !this.match || this.match.test(`${method} ${path}`);
  }
}
