import { DEFAULT_WAIT_TIMEOUT_MS, poll, PollClock } from "./wait";

/** A fake clock: sleeping advances it and is recorded. */
function fakeClock(): PollClock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; } };
}

describe("poll", () => {
  it("doubles its interval up to 2 s, and stops when no sleep would end before the deadline", async () => {
    const clock = fakeClock();
    expect(await poll(async () => 0, () => false, { timeoutMs: 10_000 }, clock)).toBeUndefined();
    expect(clock.sleeps).toEqual([250, 500, 1000, 2000, 2000, 2000, 2000]);
  });

  it("sleeps up to the deadline itself, and probes once more there", async () => {
    const clock = fakeClock();
    let probes = 0;
    await poll(async () => ++probes, () => false, { timeoutMs: 750 }, clock);
    expect([clock.sleeps, probes]).toEqual([[250, 500], 3]);
  });

  it("answers the first value that is done, without sleeping after it", async () => {
    const clock = fakeClock();
    let probes = 0;
    expect(await poll(async () => ++probes, (n) => n === 3, { pollIntervalMs: 10 }, clock)).toBe(3);
    expect(clock.sleeps).toEqual([10, 20]);
  });

  it("waits two minutes by default", async () => {
    const clock = fakeClock();
    await poll(async () => 0, () => false, {}, clock);
    const slept = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(slept).toBeLessThanOrEqual(DEFAULT_WAIT_TIMEOUT_MS);
    expect(slept + 2000).toBeGreaterThan(DEFAULT_WAIT_TIMEOUT_MS);
  });
});
