import { ComClient } from "../sdk";
import type { ExchangeEvent } from "../sdk";
import { clearTokenCaches } from "../sdk/internal/token-cache";
import { logToEngine, verboseLogging } from "./engine-log";
import { exchangeLine, logExchange, troubled } from "./exchange-log";

// Unit level: what reaches the engine's log, without an engine.
jest.mock("./engine-log", () => ({ ...jest.requireActual("./engine-log"), logToEngine: jest.fn() }));

afterEach(() => clearTokenCaches());

describe("the exchange log", () => {
  it("sees every exchange, the token's and each retry, without a query, header value or body", async () => {
    const answers = [
      { status: 503, headers: { "ratelimit-limit": "60", "ratelimit-remaining": "59" }, data: { errorCode: "HPE-GL-COMPUTE_OPS-0503001", message: "busy", debugId: "dbg-42" } },
      { status: 200, headers: { "ratelimit-remaining": "58" }, data: { items: [], count: 0, offset: 0, total: 0 } },
    ];
    const events: ExchangeEvent[] = [];
    const com = new ComClient({
      endpoint: "http://127.0.0.1:9", clientId: `c-${Math.random()}`, clientSecret: "the-client-secret-42", tokenUrl: "http://127.0.0.1:9/as/token.oauth2",
      backoff: { baseDelayMs: 1, maxDelayMs: 2 }, onExchange: (e) => events.push(e),
      adapter: async (config) => String(config.url).endsWith("/as/token.oauth2")
        ? { status: 200, data: { access_token: "a-bearer-token-123", expires_in: 900 }, headers: {}, config, statusText: "" }
        : { statusText: "", config, ...answers.shift()! },
    });
    await com.externalServices.list({ filter: "name eq 'secret-looking'" }).toArray();
    expect(events.map(({ durationMs: _, ...e }) => e)).toEqual([
      { method: "POST", path: "/as/token.oauth2", attempt: 0, status: 200 },
      { method: "GET", path: "/compute-ops-mgmt/v1beta1/external-services", attempt: 0, status: 503, debugId: "dbg-42", rateLimit: { remaining: "59", limit: "60" } },
      { method: "GET", path: "/compute-ops-mgmt/v1beta1/external-services", attempt: 1, status: 200, rateLimit: { remaining: "58" } },
    ]);
    expect(events.every((e) => Number.isInteger(e.durationMs) && e.durationMs >= 0)).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/secret|a-bearer-token|eq/);
  });

  it("reports a request that got no answer", async () => {
    const events: ExchangeEvent[] = [];
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { isAxiosError: true, code: "ECONNREFUSED" });
    const com = new ComClient({
      endpoint: "http://127.0.0.1:9", bearerToken: "a-bearer-token-123", maxRetries: 0, onExchange: (e) => events.push(e),
      adapter: async () => { throw refused; },
    });
    await expect(com.externalServices.get("abc")).rejects.toThrow(/no answer/);
    expect(events).toEqual([expect.objectContaining({ method: "GET", path: "/compute-ops-mgmt/v1beta1/external-services/abc", failure: "connection" })]);
    expect(events[0].status).toBeUndefined();
  });

  it("prints one line per exchange: outcome, duration, attempt, debugId and the rate-limit budget", () => {
    expect(exchangeLine({ method: "GET", path: "/p", attempt: 1, durationMs: 12, status: 503, debugId: "dbg-42", rateLimit: { remaining: "3", limit: "60" } }))
      .toBe("hpecom: GET /p → 503 in 12 ms (attempt 2, debugId dbg-42, rate limit 3/60 left)");
    expect(exchangeLine({ method: "POST", path: "/q", attempt: 0, durationMs: 30_000, failure: "timeout" }))
      .toBe("hpecom: POST /q → no answer (timeout) in 30000 ms (attempt 1)");
    expect(exchangeLine({ method: "GET", path: "/p", attempt: 0, durationMs: 1, status: 200, rateLimit: { remaining: "7" } }))
      .toBe("hpecom: GET /p → 200 in 1 ms (attempt 1, rate limit 7 left)");
  });

  describe("which exchanges are sent", () => {
    const ok: ExchangeEvent = { method: "GET", path: "/p", attempt: 0, durationMs: 1, status: 200 };
    const sent = jest.mocked(logToEngine);
    beforeEach(() => sent.mockClear());

    it("an exchange with no answer, an answer other than a success, or a retry: always", () => {
      const troubles: ExchangeEvent[] = [
        { ...ok, status: undefined, failure: "timeout" }, { ...ok, status: 503 }, { ...ok, status: 400 }, { ...ok, status: 302 },
        { ...ok, status: 199 }, { ...ok, attempt: 1 },
      ];
      for (const e of troubles) logExchange(e, false);
      expect(sent.mock.calls).toEqual(troubles.map((e) => ["DEBUG", exchangeLine(e)]));
      expect(troubles.every(troubled)).toBe(true);
    });

    it("a first try that succeeded: only when the engine flowed verbose logging to the provider", () => {
      for (const status of [200, 201, 204, 299]) logExchange({ ...ok, status }, false);
      expect(sent).not.toHaveBeenCalled();
      logExchange(ok, true);
      expect(sent.mock.calls).toEqual([["DEBUG", exchangeLine(ok)]]);
    });

    it("verbose logging is the engine's `-v=N` (N ≥ 1) among the provider's arguments", () => {
      const argv = (...args: string[]) => ["node", "/x/main.js", ...args];
      expect(verboseLogging(argv("--logtostderr", "-v=9", "127.0.0.1:4000"))).toBe(true);
      expect(verboseLogging(argv("-v=1", "127.0.0.1:4000"))).toBe(true);
      expect(verboseLogging(argv("--v=3", "127.0.0.1:4000"))).toBe(true);
      expect(verboseLogging(argv("-v=0", "127.0.0.1:4000"))).toBe(false);
      expect(verboseLogging(argv("--logtostderr", "127.0.0.1:4000"))).toBe(false);
      expect(verboseLogging(argv("-v=x", "-vv=9", "127.0.0.1:4000"))).toBe(false);
      expect(verboseLogging(["node", "-v=9"])).toBe(false);
    });
  });
});
