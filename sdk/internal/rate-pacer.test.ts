// ledger: rate-limit-budget
import { RatePacer } from "./rate-pacer";

/** A pacer on a fake clock: waiting advances time and is recorded. */
function pacerOnFakeClock() {
  const clock = { now: 0, waits: [] as number[] };
  const pacer = new RatePacer(() => clock.now, async (ms) => { clock.waits.push(ms); clock.now += ms; });
  return { pacer, clock };
}

const answer = (remaining: number, reset: number, status = 200, limit = 3) => ({
  status, headers: { "ratelimit-limit": String(limit), "ratelimit-remaining": String(remaining), "ratelimit-reset": String(reset) },
});

describe("RatePacer", () => {
  it("holds nothing back while no answer has announced a budget", async () => {
    const { pacer, clock } = pacerOnFakeClock();
    for (let i = 0; i < 50; i++) { await pacer.acquire(); pacer.settle({ status: 200, headers: {} }); }
    expect(clock.waits).toEqual([]);
  });

  it("spends the announced budget, then waits for the window's end and starts again", async () => {
    const { pacer, clock } = pacerOnFakeClock();
    await pacer.acquire();
    pacer.settle(answer(2, 10));
    await pacer.acquire();
    await pacer.acquire();
    expect(clock.waits).toEqual([]);
    await pacer.acquire(); // the fourth request of a 3-request window
    expect(clock.now).toBeGreaterThanOrEqual(10_000);
    expect(clock.now).toBeLessThan(10_100);
  });

  it("sends one request at a time until the first answer", async () => {
    const { pacer } = pacerOnFakeClock();
    await pacer.acquire();
    let second = false;
    const next = pacer.acquire().then(() => { second = true; });
    await new Promise((r) => setImmediate(r));
    expect(second).toBe(false);
    pacer.settle(answer(2, 10));
    await next;
    expect(second).toBe(true);
  });

  it("counts requests still out against the first budget it hears of", async () => {
    const { pacer, clock } = pacerOnFakeClock();
    await pacer.acquire();
    pacer.settle({ status: 200, headers: {} }); // the first answer carries no budget
    for (let i = 0; i < 3; i++) await pacer.acquire();
    pacer.settle(answer(2, 10)); // counted only the first; two are still out
    await pacer.acquire();
    expect(clock.waits.length).toBe(1);
  });

  it("takes the earliest window end any answer implies (reset is rounded up)", async () => {
    const { pacer, clock } = pacerOnFakeClock();
    await pacer.acquire();
    pacer.settle(answer(2, 10));
    clock.now = 600;
    await pacer.acquire();
    pacer.settle(answer(1, 10)); // implies an end at 10.6 s: later, so 10 s stands
    clock.now = 900;
    await pacer.acquire();
    pacer.settle(answer(0, 9)); // implies 9.9 s: earlier, so it wins
    await pacer.acquire();
    expect(clock.now).toBeGreaterThanOrEqual(9_900);
    expect(clock.now).toBeLessThan(10_000);
  });

  it("ignores an answer from a window that is already over", async () => {
    const { pacer, clock } = pacerOnFakeClock();
    await pacer.acquire();
    pacer.settle(answer(2, 10));
    await pacer.acquire();
    clock.now = 10_050; // the window ended; a fresh one starts locally
    await pacer.acquire();
    pacer.settle(answer(1, 1)); // the late answer of the old window's request
    await pacer.acquire();
    await pacer.acquire();
    expect(clock.waits).toEqual([]);
  });

  it("stops at a 429 until the window's end", async () => {
    const { pacer, clock } = pacerOnFakeClock();
    await pacer.acquire();
    pacer.settle(answer(2, 5, 429));
    await pacer.acquire();
    expect(clock.now).toBeGreaterThanOrEqual(5_000);
  });

  it("follows the server into a new window that it started first", async () => {
    const { pacer, clock } = pacerOnFakeClock();
    await pacer.acquire();
    pacer.settle(answer(0, 10));
    clock.now = 9_000; // the server's window ends sooner than the rounded-up reset said
    pacer.settle(answer(2, 10)); // an answer from its next window, ending at 19 s
    await pacer.acquire();
    expect(clock.waits).toEqual([]);
  });
});

// Each edge of the window arithmetic, on a 10 s window of 3 requests (a wait is the time to the window's end plus 20 ms of slack).
describe("RatePacer's windows, edge by edge", () => {
  /** A pacer whose first answer announced `remaining` of a window ending at 10 s, then at `at` ms. */
  async function afterFirstWindow(remaining: number, at: number) {
    const { pacer, clock } = pacerOnFakeClock();
    await pacer.acquire();
    pacer.settle(answer(remaining, 10));
    clock.now = at;
    return { pacer, clock };
  }
  const acquireTimes = async (pacer: RatePacer, n: number) => { for (let i = 0; i < n; i++) await pacer.acquire(); };

  it("starts the next window exactly at the window's end", async () => {
    const { pacer, clock } = await afterFirstWindow(0, 10_000);
    await pacer.acquire();
    expect(clock.waits).toEqual([]);
  });

  it("makes a window it starts itself a whole window long", async () => {
    const { pacer, clock } = await afterFirstWindow(2, 10_050);
    await acquireTimes(pacer, 4);
    expect(clock.waits).toEqual([9_970]);
  });

  it("starts a window it starts long after the last one's end now, and only once", async () => {
    const { pacer, clock } = await afterFirstWindow(2, 35_000);
    await acquireTimes(pacer, 4);
    expect(clock.waits).toEqual([21]);
  });

  it.each([[4, []], [5, [5_020]], [6, [6_020]]])(
    "after a window it started itself, ignores an answer ending less than half a window past the last one's end (reset %i s)", async (reset, waits) => {
      const { pacer, clock } = await afterFirstWindow(2, 10_000);
      await pacer.acquire();
      pacer.settle(answer(0, reset));
      await pacer.acquire();
      expect(clock.waits).toEqual(waits);
    });

  it("counts an answer ending half a window later in the current window, which it can only shorten and lower", async () => {
    const { pacer, clock } = await afterFirstWindow(2, 5_000);
    await pacer.acquire();
    pacer.settle(answer(2, 10)); // ends at 15 s: half a window after 10 s, still this window; 2 left is more than the 1 counted
    await acquireTimes(pacer, 2);
    expect(clock.waits).toEqual([5_020]);
  });

  it("takes the end of a window it started itself from the first answer in it, then tightens it, keeping its own count", async () => {
    const { pacer, clock } = await afterFirstWindow(2, 10_050);
    await acquireTimes(pacer, 2); // a window started here: 3 left, then 1
    pacer.settle(answer(3, 10)); // the server's first answer in it: ends at 20.05 s, and has not counted ours
    clock.now = 10_100;
    pacer.settle(answer(3, 10)); // ends at 20.1 s: later, so 20.05 s stands
    await acquireTimes(pacer, 2);
    expect(clock.waits).toEqual([9_970]);
  });
});

describe("RatePacer reading the budget headers", () => {
  const waitsAfter = (headers: Record<string, string>) => {
    const { pacer, clock } = pacerOnFakeClock();
    return (async () => {
      await pacer.acquire();
      pacer.settle({ status: 200, headers });
      await pacer.acquire();
      return clock.waits;
    })();
  };

  it("takes blanks around a number, and a reset in fractions of a second", async () => {
    expect(await waitsAfter({ "ratelimit-limit": " 3 ", "ratelimit-remaining": " 0 ", "ratelimit-reset": "1.25" })).toEqual([1270]);
  });

  it.each([["0abc"], ["x0"], ["-1"], [""]])("reads no budget from a remaining of %j", async (remaining) => {
    expect(await waitsAfter({ "ratelimit-limit": "3", "ratelimit-remaining": remaining, "ratelimit-reset": "1" })).toEqual([]);
  });
});

describe("RatePacer after a first request without an answer", () => {
  it("lets the next request go", async () => {
    const { pacer } = pacerOnFakeClock();
    await pacer.acquire();
    const waiting = pacer.acquire();
    pacer.settle(undefined); // the connection was lost
    await waiting;
    let third = false;
    const next = pacer.acquire().then(() => { third = true; });
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false); // still one at a time: nothing has answered yet
    pacer.settle(answer(5, 10));
    await next;
  });
});
