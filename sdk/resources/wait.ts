/** Bounded polling with a growing interval, shared by every operation that waits. */
import { sleep } from "../internal/sleep";

export interface WaitOptions {
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /** The first interval between polls (default 250 ms); it doubles up to 2 s. */
  pollIntervalMs?: number;
}

/** How long an operation waits by default (for ENABLED, a job, a test activity). */
export const DEFAULT_WAIT_TIMEOUT_MS = 120_000;

/** The clock a poll reads and waits on (a fake one in its tests). */
export interface PollClock { now(): number; sleep(ms: number): Promise<void> }

/** Calls `probe` until `done` holds for its result; undefined when time runs out (no sleep would end before the deadline). */
export async function poll<T>(probe: () => Promise<T>, done: (value: T) => boolean, options: WaitOptions = {},
  clock: PollClock = { now: Date.now, sleep }): Promise<T | undefined> {
  const deadline = clock.now() + (options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
  let interval = options.pollIntervalMs ?? 250;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (clock.now() + interval > deadline) return undefined;
    await clock.sleep(interval);
    interval = Math.min(interval * 2, 2000);
  }
}
