import { sleep } from "./sleep";

/**
 * Paces one API client's requests to the budget the server announces on every answer
 * (`ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`), so that concurrent operations
 * share what is left of a window and wait for its reset together, instead of each meeting a 429
 * on its own. It learns only from headers. Until the first answer arrives, one request at a time
 * goes out (a burst before anything is known would meet the limit blind); when answers carry no
 * budget, nothing is held back.
 *
 * The arithmetic is conservative on purpose: every request is counted when it leaves, an answer
 * can only lower what is left, and `ratelimit-reset` (whole seconds, an upper bound on the
 * window's end) is tightened by taking the earliest end any answer implies. Answers that arrive
 * after their window is over are recognised by their end and ignored.
 */
export class RatePacer {
  private limit?: number;
  private remaining?: number;
  /** The end of the current window (ms); `estimated` until an answer from it arrives. */
  private windowEnd?: number;
  private estimated = false;
  private previousEnd = -Infinity;
  /** The window's length, learnt as the largest reset seen. */
  private windowMs = 1000;
  private inFlight = 0;
  /** Resolved by the first answer; until then one request at a time goes out. */
  private firstAnswer? = deferred();

  constructor(private readonly now: () => number = Date.now, private readonly wait: (ms: number) => Promise<void> = sleep) {}

  /** Resolves when one more request fits in the budget; then call `settle` once with its answer. */
  async acquire(): Promise<void> {
    for (;;) {
      if (this.firstAnswer && this.inFlight > 0) {
        await this.firstAnswer.promise;
        continue;
      }
      this.rollOver();
      if (this.remaining === undefined || this.remaining > 0) {
        if (this.remaining !== undefined) this.remaining--;
        this.inFlight++;
        return;
      }
      await this.wait(Math.max(this.windowEnd! - this.now(), 0) + WAKE_SLACK_MS);
    }
  }

  /** Records the end of a request: its answer's headers and status, or none when there was no answer. */
  settle(answer?: { status: number; headers: Record<string, string> }): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.firstAnswer) {
      // Without an answer (a lost connection) the next request becomes the first.
      const first = this.firstAnswer;
      this.firstAnswer = answer ? undefined : deferred();
      first.resolve();
    }
    const budget = answer && readBudget(answer.headers);
    if (!budget) return;
    const end = this.now() + budget.resetSeconds * 1000;
    this.windowMs = Math.max(this.windowMs, budget.resetSeconds * 1000);
    if (end < this.previousEnd + Math.max(this.windowMs / 2, 1000)) return; // from a window already over
    this.limit = budget.limit;
    let remaining = budget.remaining;
    if (this.windowEnd === undefined) {
      // The first answer: requests still out may not be counted in it yet.
      remaining = Math.max(0, remaining - this.inFlight);
      this.windowEnd = end;
    } else if (this.estimated || end > this.windowEnd + this.windowMs / 2) {
      // The first answer from a new window (also when the server rolled over before we did).
      if (!this.estimated) { this.previousEnd = this.windowEnd; this.remaining = budget.remaining; }
      this.windowEnd = end;
      this.estimated = false;
    } else {
      this.windowEnd = Math.min(this.windowEnd, end);
    }
    this.remaining = answer.status === 429 ? 0 : Math.min(this.remaining ?? remaining, remaining);
  }

  /** Starts the next window locally once the current one has ended. */
  private rollOver(): void {
    const now = this.now();
    // A window's end is set with its limit, by the same answer.
    if (this.windowEnd === undefined || now < this.windowEnd) return;
    this.previousEnd = this.windowEnd;
    this.windowEnd = Math.max(this.windowEnd + this.windowMs, now + 1);
    this.estimated = true;
    this.remaining = this.limit;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

/** Waiting this much past a window's end keeps a request from arriving a moment too early. */
const WAKE_SLACK_MS = 20;

function readBudget(headers: Record<string, string>): { limit: number; remaining: number; resetSeconds: number } | undefined {
  const values = ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"].map((name) => headers[name]?.trim());
  if (!values.every((v) => /^\d+(\.\d+)?$/.test(v ?? ""))) return undefined;
  const [limit, remaining, resetSeconds] = values.map(Number);
  return { limit, remaining, resetSeconds };
}

const pacers = new Map<string, RatePacer>();

/** The process-wide pacer of one API client (at one endpoint): every ComClient of it shares one budget. */
export function sharedRatePacer(key: string): RatePacer {
  let pacer = pacers.get(key);
  if (!pacer) {
    pacer = new RatePacer();
    pacers.set(key, pacer);
  }
  return pacer;
}
