/** Bounded polling with a growing interval, shared by every operation that waits. */

export interface WaitOptions {
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /** The first interval between polls (default 250 ms); it doubles up to 2 s. */
  pollIntervalMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `probe` until `done` holds for its result; undefined when time runs out. */
export async function poll<T>(probe: () => Promise<T>, done: (value: T) => boolean, options: WaitOptions = {}): Promise<T | undefined> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let interval = options.pollIntervalMs ?? 250;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() + interval > deadline) return undefined;
    await sleep(interval);
    interval = Math.min(interval * 2, 2000);
  }
}
