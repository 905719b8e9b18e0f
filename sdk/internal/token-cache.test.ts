// ledger: token-lifetime
import { TokenCache } from "./token-cache";

describe("TokenCache", () => {
  it("fetches one token for many concurrent callers (single flight)", async () => {
    let fetches = 0;
    const cache = new TokenCache(async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 20));
      return { accessToken: `t${fetches}`, expiresInSeconds: 900 };
    });
    const tokens = await Promise.all(Array.from({ length: 25 }, () => cache.token()));
    expect(new Set(tokens)).toEqual(new Set(["t1"]));
    expect(fetches).toBe(1);
    expect(await cache.token()).toBe("t1");
    expect(fetches).toBe(1);
  });

  it("refreshes a little before expiry, not after", async () => {
    let now = 0;
    let fetches = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++fetches}`, expiresInSeconds: 100 }), () => now);
    expect(await cache.token()).toBe("t1");
    now = 79_000; // 21 s left of 100: more than the 20 % margin
    expect(await cache.token()).toBe("t1");
    now = 80_000; // 20 s left: the margin's edge, refreshed
    expect(await cache.token()).toBe("t2");
  });

  it("refreshes at most a minute ahead of a long token's expiry", async () => {
    let now = 0;
    let fetches = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++fetches}`, expiresInSeconds: 900 }), () => now);
    await cache.token();
    now = 839_999;
    expect(await cache.token()).toBe("t1");
    now = 840_000;
    expect(await cache.token()).toBe("t2");
  });

  it("drops a token the API refused, but not a newer one", async () => {
    let fetches = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++fetches}`, expiresInSeconds: 900 }));
    cache.invalidate("t0"); // a 401 before this cache holds a token: nothing to drop
    await cache.token();
    cache.invalidate("t1");
    expect(await cache.token()).toBe("t2");
    cache.invalidate("t1"); // a stale 401 for the old token
    expect(await cache.token()).toBe("t2");
  });
});
