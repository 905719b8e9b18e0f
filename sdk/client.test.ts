// ledger: job-final-states, paging, token-lifetime, server-errors
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { AxiosError } from "axios";
import { z } from "zod";
import { ComClient, ComClientOptions } from "./client";
import { isModelled } from "./models/external-service";
import { AuthenticationError, ComConfigurationError, ComConnectionError, ComTimeoutError, JobFailedError, RateLimitError, ServerError, UnexpectedResponseError, WaitTimeoutError } from "./core/errors";
import { clearTokenCaches } from "./internal/token-cache";

type Handler = (config: InternalAxiosRequestConfig) => Partial<AxiosResponse> | Error;

/** An injected transport that answers from a script and records every request. */
function transport(...script: Handler[]) {
  const calls: InternalAxiosRequestConfig[] = [];
  const adapter: AxiosAdapter = async (config) => {
    calls.push(config);
    if (String(config.url).endsWith("/as/token.oauth2")) {
      return { status: 200, data: { access_token: `token-${calls.length}-abcdef`, expires_in: 900 }, headers: {}, config, statusText: "" };
    }
    const next = script.shift() ?? (() => ({ status: 200, data: {} }));
    const r = next(config);
    if (r instanceof Error) throw r;
    return { statusText: "", headers: {}, config, data: undefined, ...r } as AxiosResponse;
  };
  return { adapter, calls, apiCalls: () => calls.filter((c) => !String(c.url).endsWith("/as/token.oauth2")) };
}

const service = (over: Record<string, unknown> = {}) => ({
  id: "11111111-2222-3333-4444-555555555555", name: "dscc", serviceType: "DSCC", authenticationType: "OAUTH",
  authentication: { clientId: "c", clientSecret: "**********" }, serviceData: { region: "us-west" },
  resourceUri: "/compute-ops-mgmt/v1beta1/external-services/1", generation: 1, status: "ENABLED", state: "ENABLED",
  createdAt: "2026-01-10T10:00:00Z", updatedAt: "2026-01-10T10:00:00Z", ...over,
});

/** A list answer with no item, as the API gives for an empty workspace or a name it does not hold. */
const emptyPage = () => ({ status: 200, data: { offset: 0, count: 0, total: 0, items: [] } });

function client(adapter: AxiosAdapter, extra: Partial<ComClientOptions> = {}) {
  return new ComClient({
    endpoint: "http://127.0.0.1:9", clientId: `client-${Math.random()}`, clientSecret: "the-client-secret-42", tokenUrl: "http://127.0.0.1:9/as/token.oauth2",
    adapter, backoff: { baseDelayMs: 1, maxDelayMs: 5, maxHintMs: 50 }, ...extra,
  });
}

afterEach(() => clearTokenCaches());

describe("ComClient", () => {
  it("retries a 429 after the ratelimit-reset hint, bounded by maxHintMs", async () => {
    const t = transport(() => ({ status: 429, headers: { "ratelimit-reset": "0.02" }, data: {} }), () => ({ status: 200, data: service() }));
    const delays: number[] = [];
    const s = await client(t.adapter, { onRetry: (e) => delays.push(e.delayMs) }).externalServices.get("1");
    expect(s.name).toBe("dscc");
    expect(delays).toEqual([20]);

    const t2 = transport(() => ({ status: 429, headers: { "retry-after": "600" }, data: {} }), () => ({ status: 200, data: service() }));
    const delays2: number[] = [];
    await client(t2.adapter, { onRetry: (e) => delays2.push(e.delayMs) }).externalServices.get("1");
    expect(delays2).toEqual([50]);
  });

  it("gives up after maxRetries with the typed error", async () => {
    const t = transport(...Array.from({ length: 5 }, () => () => ({ status: 429, data: { errorCode: "X", message: "slow down" } })));
    await expect(client(t.adapter, { maxRetries: 2 }).externalServices.get("1")).rejects.toBeInstanceOf(RateLimitError);
    expect(t.apiCalls()).toHaveLength(3);
  });

  it("never retries a create blindly after a 503: it looks the name up and takes over the match", async () => {
    const t = transport(
      () => ({ status: 503, data: {} }), // create: ambiguous
      (c) => { // lookup by name finds the service the failed POST did create
        // Only serviceType is documented as filterable: names are matched by the client.
        expect(String(c.url)).toContain("filter=serviceType%20eq%20%27DSCC%27");
        return { status: 200, data: { offset: 0, count: 1, total: 1, items: [service()] } };
      },
    );
    const created = await client(t.adapter).externalServices.create({
      name: "dscc", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" },
    });
    expect(created.id).toBe(service().id);
    expect(t.apiCalls().map((c) => c.method?.toUpperCase())).toEqual(["POST", "GET"]);
  });

  it("sends the create again when the lookup finds nothing", async () => {
    const reset = new AxiosError("socket hang up", "ECONNRESET");
    const t = transport(() => reset, emptyPage, () => ({ status: 201, data: service() }));
    const com = client(t.adapter);
    const backoff = jest.spyOn(com, "retryDelayMs");
    await com.externalServices.create({
      name: "dscc", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" },
    });
    expect(t.apiCalls().map((c) => c.method?.toUpperCase())).toEqual(["POST", "GET", "POST"]);
    // It backs off before sending again, as any retry does.
    expect(backoff.mock.calls).toEqual([[0]]);
  });

  it("sends a create at most maxRetries times more when every attempt is ambiguous, then reports the last failure", async () => {
    const unavailable = () => ({ status: 503, data: { httpStatusCode: 503, errorCode: "HPE-GL-COMPUTE_OPS-503", message: "try later" } });
    const t = transport(unavailable, emptyPage, unavailable, emptyPage, unavailable, emptyPage, unavailable, emptyPage);
    const err = await client(t.adapter, { maxRetries: 2 }).externalServices.create({
      name: "dscc", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(t.apiCalls().map((c) => c.method?.toUpperCase())).toEqual(["POST", "GET", "POST", "GET", "POST"]);
  });

  it("reports a duplicate after an ambiguous attempt when the lookup still finds no such service", async () => {
    const duplicate = () => ({ status: 400, data: { httpStatusCode: 400, errorCode: "HPE-GL-COMPUTE_OPS-1700004", message: "already exists" } });
    const t = transport(() => ({ status: 503, data: {} }), emptyPage, duplicate, emptyPage);
    const err = await client(t.adapter).externalServices.create({
      name: "dscc", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" },
    }).catch((e) => e);
    expect(err.isDuplicate).toBe(true);
    expect(t.apiCalls().map((c) => c.method?.toUpperCase())).toEqual(["POST", "GET", "POST", "GET"]);
  });

  it("says how long it waited for a service that never became ENABLED", async () => {
    const suspended = () => ({ status: 200, data: service({ status: "SUSPENDED" }) });
    const t = transport(suspended, suspended, suspended, suspended);
    await expect(client(t.adapter).externalServices.waitForEnabled(service({ status: "SUSPENDED" }) as never, { timeoutMs: 30, pollIntervalMs: 10 }))
      .rejects.toThrow(new WaitTimeoutError(`external service ${service().id} did not become ENABLED within 30 ms`));
  });

  it("refuses, before sending, a patch of a field the API cannot change", async () => {
    const t = transport();
    await expect(client(t.adapter).externalServices.update("svc", { serviceType: "DSCC", authenticationType: "OAUTH" } as never)).rejects.toThrow(
      "invalid external service: serviceType: cannot be changed by a patch (only name, description, state, authentication, serviceData); " +
      "authenticationType: cannot be changed by a patch (only name, description, state, authentication, serviceData)");
    expect(t.apiCalls()).toEqual([]);
  });

  it("on 401 invalidates the token and retries once with a new one", async () => {
    const t = transport(() => ({ status: 401, data: {} }), () => ({ status: 200, data: service() }));
    await client(t.adapter).externalServices.get("1");
    const auth = t.apiCalls().map((c) => c.headers.Authorization);
    expect(auth[0]).not.toEqual(auth[1]);
    expect(t.calls.filter((c) => String(c.url).endsWith("token.oauth2"))).toHaveLength(2);

    const t2 = transport(() => ({ status: 401, data: {} }), () => ({ status: 401, data: { message: "no" } }));
    await expect(client(t2.adapter).externalServices.get("1")).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("shares one token between clients of the same credentials", async () => {
    const t = transport();
    const a = client(t.adapter, { clientId: "shared" });
    const b = client(t.adapter, { clientId: "shared" });
    await Promise.all([a.request({ method: "GET", path: "/x" }), b.request({ method: "GET", path: "/y" })]);
    expect(t.calls.filter((c) => String(c.url).endsWith("token.oauth2"))).toHaveLength(1);
  });

  it("does not reuse a token cache built with another secret for the same client id", async () => {
    const secrets: string[] = [];
    const t = transport();
    const spy: AxiosAdapter = async (config) => {
      if (String(config.url).endsWith("/as/token.oauth2")) secrets.push(new URLSearchParams(String(config.data)).get("client_secret")!);
      return t.adapter(config);
    };
    await client(spy, { clientId: "rotating", clientSecret: "old-secret-value" }).request({ method: "GET", path: "/x" });
    await client(spy, { clientId: "rotating", clientSecret: "new-secret-value" }).request({ method: "GET", path: "/x" });
    expect(secrets).toEqual(["old-secret-value", "new-secret-value"]);
  });

  it("sends Tenant-Acid, merge-patch content type, and percent-encoded filters", async () => {
    const t = transport(() => ({ status: 200, data: service() }));
    await client(t.adapter, { tenantAcid: "tenant-7" }).externalServices.update("1", { description: "x" });
    const [patch] = t.apiCalls();
    expect(patch.headers["Tenant-Acid"]).toBe("tenant-7");
    expect(patch.headers["Content-Type"]).toBe("application/merge-patch+json");
    expect(patch.data).toBe('{"description":"x"}');
  });

  it("keeps secrets and bearer tokens out of a connection error", async () => {
    const leak = new AxiosError("connect ECONNREFUSED with Authorization: Bearer token-1-abcdef", "ECONNREFUSED");
    const t = transport(...Array.from({ length: 6 }, () => () => leak));
    const err = await client(t.adapter, { maxRetries: 1 }).externalServices.get("1").catch((e) => e);
    expect(err).toBeInstanceOf(ComConnectionError);
    const text = [err.message, (err.cause as Error).message, JSON.stringify(err), err.stack].join(" ");
    expect(text).not.toMatch(/token-1-abcdef|the-client-secret-42/);
  });

  it.each([["ECONNABORTED", "timeout"], ["ETIMEDOUT", "timeout"], ["ECONNRESET", "connection"], ["ECONNREFUSED", "connection"]])(
    "names a failure with code %s a %s, in the error, the retry event and the exchange log", async (code, failure) => {
      const t = transport(...Array.from({ length: 2 }, () => () => new AxiosError(`failed: ${code}`, code)));
      const retries: (string | undefined)[] = [];
      const exchanges: (string | undefined)[] = [];
      const err = await client(t.adapter, { maxRetries: 1, onRetry: (e) => retries.push(e.failure), onExchange: (e) => exchanges.push(e.failure) })
        .externalServices.get("1").catch((e) => e);
      expect(err).toBeInstanceOf(failure === "timeout" ? ComTimeoutError : ComConnectionError);
      expect(err instanceof ComTimeoutError).toBe(failure === "timeout");
      expect(retries).toEqual([failure]);
      expect(exchanges).toEqual([undefined, failure, failure]);
      // The error names the code, not the library's message.
      expect(err.message).toContain(`no answer (${code})`);
    });

  it("keeps every secret a body carries, at any depth, out of an answer that repeats it loosely; other text stays", async () => {
    const t = transport(() => ({ status: 400, data: { message: "password loose-echo-secret-77 is wrong for plain-name-123" } }));
    const body = { name: "plain-name-123", authentication: { username: "u", password: "loose-echo-secret-77" } };
    const err = await client(t.adapter).request({ method: "PATCH", path: "/x", body }).catch((e) => e);
    expect(err.message).toContain("password [REDACTED] is wrong for plain-name-123");
  });

  it("times each exchange from its start", async () => {
    const durations: number[] = [];
    const t = transport(() => ({ status: 200, data: service() }));
    const before = performance.now();
    await client(t.adapter, { onExchange: (e) => durations.push(e.durationMs) }).externalServices.get("1");
    const elapsed = performance.now() - before;
    expect(durations).toHaveLength(2);
    expect(durations.every((d) => d >= 0 && d <= Math.ceil(elapsed))).toBe(true);
  });

  it("passes on an error that is not the transport's, as it is and without a retry", async () => {
    const bug = new TypeError("a bug in an adapter");
    const t = transport(() => bug, () => ({ status: 200, data: service() }));
    await expect(client(t.adapter).externalServices.get("1")).rejects.toBe(bug);
    expect(t.apiCalls()).toHaveLength(1);
  });

  it("sends the bearer token, and a content type only with a body", async () => {
    const t = transport(() => ({ status: 200, data: service() }));
    await client(t.adapter).externalServices.get("1");
    const [get] = t.apiCalls();
    expect(get.headers.Authorization).toMatch(/^Bearer token-\d+-abcdef$/);
    expect(get.headers.Accept).toBe("application/json");
    expect(get.headers["Content-Type"]).toBeUndefined();
    expect(get.data).toBeUndefined();
  });

  it("after its first answer lets requests go out together, and sends them unpaced when told to", async () => {
    let inFlight = 0, most = 0;
    const adapter: AxiosAdapter = async (config) => {
      if (String(config.url).endsWith("/as/token.oauth2")) return { status: 200, data: { access_token: "token-pace-abcdef", expires_in: 900 }, headers: {}, config, statusText: "" };
      most = Math.max(most, ++inFlight);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      inFlight--;
      return { status: 200, data: service(), headers: {}, config, statusText: "" };
    };
    const paced = client(adapter);
    await paced.externalServices.get("1");
    await Promise.all([paced.externalServices.get("2"), paced.externalServices.get("3")]);
    expect(most).toBe(2);
    most = 0;
    const unpaced = client(adapter, { paceRequests: false });
    await Promise.all([unpaced.externalServices.get("1"), unpaced.externalServices.get("2")]);
    expect(most).toBe(2);
  });

  it.each([300, 199])("takes an answer %i for neither a success nor an error of the API", async (status) => {
    const t = transport(() => ({ status, data: service() }));
    await expect(client(t.adapter).externalServices.get("1")).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it("reads a debugId only as text from an object body (a body may be null)", async () => {
    const ids: unknown[] = [];
    const t = transport(() => ({ status: 404, data: { debugId: 42, message: "gone" } }), () => ({ status: 404, data: null }));
    const c = client(t.adapter, { onExchange: (e) => ids.push(e.debugId) });
    for (let i = 0; i < 2; i++) await c.externalServices.get("1").catch(() => undefined);
    expect(ids).toEqual([undefined, undefined, undefined]);
  });

  it("reads response headers whatever their case, as text, and without the empty ones", async () => {
    const events: unknown[] = [];
    const t = transport(
      () => ({ status: 200, data: service(), headers: { "RateLimit-Remaining": 7, "RATELIMIT-LIMIT": null } as never }),
      () => ({ status: 200, data: service(), headers: { "ratelimit-remaining": "6", "ratelimit-limit": undefined } as never }),
    );
    const c = client(t.adapter, { onExchange: (e) => events.push(e.rateLimit) });
    await c.externalServices.get("1");
    await c.externalServices.get("1");
    // The token's exchange announced no budget; the API's did, its limit left out as empty.
    expect(events).toStrictEqual([undefined, { remaining: "7" }, { remaining: "6" }]);
  });

  it("retries a 500 on a read within its budget, then reports the server's fields", async () => {
    const boom = () => ({ status: 500, data: { httpStatusCode: 500, errorCode: "HPE-GL-COMPUTE_OPS-0500001", message: "boom", debugId: "dbg" } });
    const t = transport(boom, boom, boom, boom);
    const err = await client(t.adapter, { maxRetries: 2 }).externalServices.get("1").catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ errorCode: "HPE-GL-COMPUTE_OPS-0500001", debugId: "dbg" });
    expect(t.apiCalls()).toHaveLength(3);
    const recovers = transport(boom, () => ({ status: 200, data: service() }));
    expect((await client(recovers.adapter).externalServices.get("1")).id).toBe(service().id);
  });

  it("holds an API client's second request until its first is answered, in any of its ComClients, while another API client's go their own way", async () => {
    const held: (() => void)[] = [];
    let arrivedB!: () => void;
    const bArrived = new Promise<void>((r) => { arrivedB = r; });
    const holding = (onArrival: () => void): AxiosAdapter => async (config) => {
      if (String(config.url).endsWith("/as/token.oauth2")) return { status: 200, data: { access_token: "token-held-abcdef", expires_in: 900 }, headers: {}, config, statusText: "" };
      onArrival();
      await new Promise<void>((r) => held.push(r));
      return { status: 200, data: service(), headers: {}, config, statusText: "" };
    };
    let aCalls = 0;
    const aId = `pacer-a-${Math.random()}`;
    const a = client(holding(() => aCalls++), { clientId: aId });
    const sameApiClient = client(holding(() => aCalls++), { clientId: aId });
    const b = client(holding(() => arrivedB()), { clientId: `pacer-b-${Math.random()}` });
    const first = a.externalServices.get("1");
    const second = a.externalServices.get("2");
    const third = sameApiClient.externalServices.get("2");
    const other = b.externalServices.get("3");
    // B's request fetches a token first: A's second has long reached its pacer when B's arrives.
    await Promise.race([bArrived, new Promise((_, reject) => setTimeout(() => reject(new Error("B's request never arrived: held by A's pacer")), 2000))]);
    expect(aCalls).toBe(1);
    while (held.length) held.shift()!();
    await first;
    while (aCalls < 3) await new Promise((r) => setImmediate(r));
    while (held.length) held.shift()!();
    await Promise.all([second, third, other]);
  });

  /** Runs `use` against a real HTTP server on a loopback port, closed afterwards whatever happens. */
  async function onLoopback(handler: http.RequestListener, use: (url: string, server: http.Server) => Promise<void>): Promise<void> {
    const server = http.createServer(handler);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, server);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }

  it("keeps its connection alive: one TCP connection for a token and many requests", () =>
    onLoopback((req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(req.url?.endsWith("/token") ? { access_token: "token-alive-abcdef", expires_in: 900 } : service()));
    }, async (url, server) => {
      let connections = 0;
      server.on("connection", () => connections++);
      const com = new ComClient({ endpoint: url, tokenUrl: `${url}/token`, clientId: `alive-${Math.random()}`, clientSecret: "s-123456789" });
      for (let i = 0; i < 5; i++) await com.externalServices.get("1");
      expect(connections).toBe(1);
    }));

  // Its own bound (10 s) is far beyond the 100 ms asked and far below the 30 s default.
  it("gives up on a request unanswered for timeoutMs, as a timeout, not after the default", () =>
    onLoopback(() => undefined /* accepts, never answers */, async (url) => {
      const com = new ComClient({ endpoint: url, bearerToken: "t-123456789", timeoutMs: 100, maxRetries: 0 });
      await expect(com.externalServices.get("1")).rejects.toBeInstanceOf(ComTimeoutError);
    }), 10_000);

  it("keeps a path in its endpoint, without a trailing slash", async () => {
    const t = transport(() => ({ status: 200, data: service() }));
    await client(t.adapter, { endpoint: "http://127.0.0.1:9/prefix/" }).externalServices.get("1");
    expect(t.apiCalls()[0].url).toBe("http://127.0.0.1:9/prefix/compute-ops-mgmt/v1beta1/external-services/1");
  });

  it("refuses plain http to a remote host unless allowed, and needs credentials", () => {
    expect(() => new ComClient({ endpoint: "http://com.example.com", bearerToken: "x" })).toThrow(ComConfigurationError);
    expect(() => new ComClient({ endpoint: "http://com.example.com", bearerToken: "x", allowInsecureHttp: true })).not.toThrow();
    expect(() => new ComClient({ region: "us-west" })).toThrow(/no COM credentials/);
    expect(() => new ComClient({ region: "us-west", clientId: "a" })).toThrow(/no COM credentials/);
    expect(() => new ComClient({ region: "us-west", clientSecret: "b" })).toThrow(/no COM credentials/);
    expect(() => new ComClient({ endpoint: "https://user@com.example.com", bearerToken: "x" })).toThrow(/must not hold credentials/);
    expect(() => new ComClient({ clientId: "a", clientSecret: "b" })).toThrow(/no COM endpoint/);
  });
});

/** Fallbacks the ledger names, each on an answer the emulator does not give (ledger: token-lifetime, job-final-states, paging). */
describe("fallbacks", () => {
  it("takes a token answer without expires_in as lasting 900 s: one token for many requests", async () => {
    const tokens: number[] = [];
    const adapter: AxiosAdapter = async (config) => {
      const reply = (data: unknown) => ({ status: 200, statusText: "", headers: {}, config, data }) as AxiosResponse;
      if (String(config.url).endsWith("/as/token.oauth2")) return reply({ access_token: `token-${tokens.push(1)}-abcdef` });
      return reply(service());
    };
    const com = client(adapter);
    for (let i = 0; i < 3; i++) await com.externalServices.get("1");
    expect(tokens).toHaveLength(1);
  });

  const vcenter = { id: "vc-1", serviceType: "VMWARE_VCENTER" as const, serviceData: { vCenterUrl: "vc", associatedGatewayUri: "/gw" } };
  const job = (state: string, resultCode?: string) => () => ({ status: state === "NEW" ? 201 : 200, data: { id: "job-1", state, resultCode } });

  it("logs a job's and the activities' reads as the GETs they are", async () => {
    const events: string[] = [];
    const t = transport(job("RUNNING"), () => ({ status: 200, data: { items: [], count: 0, offset: 0 } }));
    const com = client(t.adapter, { onExchange: (e) => events.push(`${e.method} ${e.path.split("/").slice(-2).join("/")}`) });
    await com.jobs.get("job-1");
    await com.activities.newest();
    expect(events.filter((e) => !e.includes("token"))).toEqual(["GET jobs/job-1", "GET v1beta2/activities"]);
  });

  it("polls a job in a state it does not know until the wait ends, naming the last state", async () => {
    const t = transport(job("NEW"), ...Array.from({ length: 50 }, () => job("QUEUED_FOREVER")));
    const err = await client(t.adapter).externalServices.delete(vcenter, { pollIntervalMs: 1, timeoutMs: 30 }).catch((e) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(err.message).toMatch(/job job-1 did not finish within 30 ms \(last state QUEUED_FOREVER\)/);
  });

  it("counts a failed DeleteVCenter job as done when the service is gone, and as a failure when it is not", async () => {
    const gone = transport(job("NEW"), job("ERROR", "FAILURE"), () => ({ status: 404, data: { message: "not found" } }));
    await expect(client(gone.adapter).externalServices.delete(vcenter, { pollIntervalMs: 1 })).resolves.toBeUndefined();
    const failed = () => ({ status: 200, data: { id: "job-1", state: "ERROR", resultCode: "FAILURE", statusDetails: { reason: "gateway unreachable" } } });
    const still = transport(job("NEW"), failed, () => ({ status: 200, data: service({ id: "vc-1" }) }));
    const err = await client(still.adapter).externalServices.delete(vcenter, { pollIntervalMs: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(JobFailedError);
    expect([err.message, err.request]).toEqual([
      `DeleteVCenter job job-1 for external service vc-1 ended ERROR/FAILURE: {"reason":"gateway unreachable"}`,
      { method: "POST", url: "http://127.0.0.1:9/compute-ops-mgmt/v1/jobs" },
    ]);
    const noDetails = transport(job("NEW"), job("ERROR", "FAILURE"), () => ({ status: 200, data: service({ id: "vc-1" }) }));
    expect((await client(noDetails.adapter).externalServices.delete(vcenter, { pollIntervalMs: 1 }).catch((e) => e)).message).toMatch(/ended ERROR\/FAILURE: ""$/);
  });

  it("passes on what stops it from seeing whether a failed DeleteVCenter job's service is gone", async () => {
    const t = transport(job("NEW"), job("ERROR", "FAILURE"), () => ({ status: 403, data: { message: "forbidden" } }));
    await expect(client(t.adapter).externalServices.delete(vcenter, { pollIntervalMs: 1 })).rejects.toMatchObject({ httpStatusCode: 403 });
  });

  it("asks nothing more after a DeleteVCenter job that succeeded", async () => {
    const t = transport(job("NEW"), job("COMPLETE", "SUCCESS"));
    await client(t.adapter).externalServices.delete(vcenter, { pollIntervalMs: 1 });
    expect(t.apiCalls().map((c) => `${c.method?.toUpperCase()} ${new URL(String(c.url)).pathname}`))
      .toEqual(["POST /compute-ops-mgmt/v1/jobs", "GET /compute-ops-mgmt/v1/jobs/job-1"]);
  });

  it("never sends a connection test again blindly after a 503: a test is an action", async () => {
    const t = transport(() => ({ status: 200, data: { items: [] } }), () => ({ status: 503, data: { message: "try later" } }), () => ({ status: 202 }));
    await expect(client(t.adapter).externalServices.test("svc-1", { pollIntervalMs: 1, timeoutMs: 20 })).rejects.toBeInstanceOf(ServerError);
    expect(t.apiCalls().map((c) => c.method?.toUpperCase())).toEqual(["GET", "POST"]);
  });

  it("names the PATCH when a patch answers with a service type it does not model", async () => {
    const t = transport(() => ({ status: 200, data: service({ serviceType: "ARUBA_CENTRAL" }) }));
    const err = await client(t.adapter).externalServices.update("svc-1", { description: "d" }).catch((e) => e);
    expect([err.constructor, err.request]).toEqual([UnexpectedResponseError, { method: "PATCH", url: "http://127.0.0.1:9/compute-ops-mgmt/v1beta1/external-services/svc-1" }]);
  });

  it("takes a created service that gives no status as ready, without polling it", async () => {
    const t = transport(() => ({ status: 201, data: service({ status: undefined }) }));
    await client(t.adapter).externalServices.create({
      name: "dscc", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" },
    }, { wait: { pollIntervalMs: 1, timeoutMs: 50 } });
    expect(t.apiCalls().map((c) => c.method?.toUpperCase())).toEqual(["POST"]);
  });

  it("reads an empty workspace from one empty page", async () => {
    const t = transport(emptyPage);
    expect(await client(t.adapter).externalServices.list().toArray()).toEqual([]);
    expect(t.apiCalls()).toHaveLength(1);
    const bare = transport(() => ({ status: 200, data: { items: [] } }));
    expect(await client(bare.adapter).externalServices.list().toArray()).toEqual([]);
    expect(bare.apiCalls()).toHaveLength(1);
  });
});

/** What the client says when it cannot go on: each message names what failed and what to do. */
describe("errors the client reports", () => {
  const creds = { clientId: "the-client", clientSecret: "the-client-secret-42" };

  it("names the regions when none is given or one it does not know", () => {
    expect(() => new ComClient({ ...creds })).toThrow(new ComConfigurationError("no COM endpoint: set a region (us-west, eu-central, ap-northeast) or an endpoint URL"));
    expect(() => new ComClient({ ...creds, region: "mars" as never })).toThrow(new ComConfigurationError("unknown region 'mars': use us-west, eu-central, ap-northeast"));
    // An explicit endpoint wins over the region, whatever the region says.
    expect(() => new ComClient({ ...creds, region: "mars" as never, endpoint: "http://127.0.0.1:9" })).not.toThrow();
  });

  it("follows no redirect, saying where it led when the answer says", async () => {
    const t = transport(() => ({ status: 302, headers: { location: "https://elsewhere.example.com/x" } }), () => ({ status: 304 }));
    const c = client(t.adapter);
    await expect(c.externalServices.get("svc")).rejects.toThrow(
      "GET http://127.0.0.1:9/compute-ops-mgmt/v1beta1/external-services/svc: answered 302 to https://elsewhere.example.com/x, which this API does not document; redirects are not followed");
    await expect(c.externalServices.get("svc")).rejects.toThrow(
      "GET http://127.0.0.1:9/compute-ops-mgmt/v1beta1/external-services/svc: answered 304, which this API does not document; redirects are not followed");
  });

  // What each response schema needs, no more: an answer without it cannot be read.
  it.each([
    ["a job without its state", (c: ComClient) => c.jobs.get("job-1"), { id: "job-1" }, /: state: /],
    ["an activity without its time", (c: ComClient) => c.activities.newest(), { items: [{ id: "a" }] }, /: items\.0\.createdAt: /],
    ["an activity whose source id is a number", (c: ComClient) => c.activities.newest(),
      { items: [{ id: "a", createdAt: "2026-01-01T00:00:00Z", source: { id: 5 } }] }, /: items\.0\.source\.id: /],
  ])("cannot read %s, and names the field", async (_case, call, data, field) => {
    const t = transport(() => ({ status: 200, data }));
    const err = await call(client(t.adapter)).catch((e) => e);
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect(err.message).toMatch(field);
  });

  it.each([
    ["without its generation", { ...service(), generation: undefined }],
    ["whose scope flag is text", service({ serviceType: "SERVICE_NOW", authentication: { clientId: "c" },
      serviceData: { oauthUrl: "https://s", incidentUrl: "https://s/i", incidentCreationScope: { serviceEventIssues: "yes" } } })],
  ])("reads a service %s as one it does not model", async (_case, data) => {
    const t = transport(() => ({ status: 200, data }), () => ({ status: 200, data: service({ serviceType: "SERVICE_NOW", authentication: { clientId: "c" },
      serviceData: { oauthUrl: "https://s", incidentUrl: "https://s/i", incidentCreationScope: { serviceEventIssues: true } } }) }));
    const com = client(t.adapter);
    expect(isModelled(await com.externalServices.get("1"))).toBe(false);
    expect(isModelled(await com.externalServices.get("1"))).toBe(true);
  });

  it("names each field of a body it cannot read, by its path", async () => {
    const t = transport(() => ({ status: 200, data: { a: 1, n: { c: 2 } } }));
    const schema = z.object({ a: z.string(), n: z.object({ c: z.string() }) });
    const err = await client(t.adapter).request({ method: "GET", path: "/compute-ops-mgmt/v1/x", schema }).catch((e) => e);
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect(err.message).toMatch(/^GET http:\/\/127\.0\.0\.1:9\/compute-ops-mgmt\/v1\/x: unexpected response body: a: [^;]+; n\.c: [^;]+$/);
  });
});

describe("the token endpoint", () => {
  /** A token endpoint answering from a script (then 200), and an API answering one service. */
  function tokenEndpoint(...script: ((config: InternalAxiosRequestConfig) => Partial<AxiosResponse> | Error)[]) {
    const tokenCalls: InternalAxiosRequestConfig[] = [];
    const adapter: AxiosAdapter = async (config) => {
      if (!String(config.url).endsWith("/as/token.oauth2")) return { status: 200, data: service(), headers: {}, config, statusText: "" };
      tokenCalls.push(config);
      const r = (script.shift() ?? (() => ({ status: 200, data: { access_token: "token-ok-abcdef", expires_in: 900 } })))(config);
      if (r instanceof Error) throw r;
      return { statusText: "", headers: {}, config, data: undefined, ...r } as AxiosResponse;
    };
    return { adapter, tokenCalls };
  }

  it("is asked again after a transient failure, within the retry budget, then the call goes on", async () => {
    const t = tokenEndpoint(() => ({ status: 503 }), () => ({ status: 503 }));
    await expect(client(t.adapter, { maxRetries: 2 }).externalServices.get("svc")).resolves.toMatchObject({ name: "dscc" });
    expect(t.tokenCalls).toHaveLength(3);
  });

  it("gives up when the budget is spent, with the status", async () => {
    const t = tokenEndpoint(() => ({ status: 503 }), () => ({ status: 503 }), () => ({ status: 503 }), () => ({ status: 503 }));
    const c = client(t.adapter, { clientId: "the-client", maxRetries: 2 });
    await expect(c.externalServices.get("svc")).rejects.toThrow("the token endpoint http://127.0.0.1:9/as/token.oauth2 refused client id 'the-client' (HTTP 503); check the client id and secret");
    expect(t.tokenCalls).toHaveLength(3);
  });

  it("says what it refused with the OAuth error it answered, and sends the grant as a form", async () => {
    const t = tokenEndpoint(() => ({ status: 401, data: { error: "invalid_client" } }));
    const c = client(t.adapter, { clientId: "the-client" });
    const err = await c.externalServices.get("svc").catch((e) => e);
    expect([err.message, err.request]).toEqual([
      "the token endpoint http://127.0.0.1:9/as/token.oauth2 refused client id 'the-client' (HTTP 401 invalid_client); check the client id and secret",
      { method: "POST", url: "http://127.0.0.1:9/as/token.oauth2" },
    ]);
    expect(t.tokenCalls).toHaveLength(1);
    expect(t.tokenCalls[0].data).toBe("grant_type=client_credentials&client_id=the-client&client_secret=the-client-secret-42");
    expect(t.tokenCalls[0].headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
    expect(t.tokenCalls[0].headers.Accept).toBe("application/json");
  });

  it("takes a 200 without a body for a refusal, not for a token", async () => {
    const t = tokenEndpoint(() => ({ status: 200, data: undefined }));
    await expect(client(t.adapter, { clientId: "the-client" }).externalServices.get("svc")).rejects.toThrow("refused client id 'the-client' (HTTP 200)");
  });

  it("says it cannot be reached, with the cause", async () => {
    const refused = () => new AxiosError("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED");
    const t = tokenEndpoint(refused, refused, refused);
    await expect(client(t.adapter, { maxRetries: 1 }).externalServices.get("svc")).rejects.toThrow("cannot reach the token endpoint http://127.0.0.1:9/as/token.oauth2 (ECONNREFUSED)");
    expect(t.tokenCalls).toHaveLength(2);
  });
});
