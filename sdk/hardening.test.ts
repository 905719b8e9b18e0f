/**
 * What a hostile or careless input, URL or server does to the client (issue 21): each case was
 * reproduced against the code before it was fixed.
 */

// ledger: name-characters
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import { ComClient, ComClientOptions } from "./client";
import { ComApiError, ComConfigurationError, ComValidationError, UnexpectedResponseError } from "./core/errors";
import * as filter from "./core/filter";
import { Filter } from "./core/filter";
import { quoted } from "./core/quoted";
import { redact, redactValue, registerSecret } from "./core/redact";
import { isLoopbackHost, regionEndpoint, workspaceKey } from "./core/regions";
import { ExternalServiceCreateSchema } from "./schemas";
import { clearTokenCaches } from "./internal/token-cache";

/** An injected transport answering every API request with `answer`, recording each. */
function transport(answer: (config: InternalAxiosRequestConfig) => Partial<AxiosResponse>) {
  const calls: InternalAxiosRequestConfig[] = [];
  const adapter: AxiosAdapter = async (config) => {
    calls.push(config);
    if (String(config.url).endsWith("/as/token.oauth2")) return { status: 200, data: { access_token: "token-abcdef-123", expires_in: 900 }, headers: {}, config, statusText: "" };
    return { statusText: "", headers: {}, config, data: undefined, ...answer(config) } as AxiosResponse;
  };
  return { adapter, apiCalls: () => calls.filter((c) => !String(c.url).endsWith("/as/token.oauth2")) };
}

const options = (adapter?: AxiosAdapter, extra: Partial<ComClientOptions> = {}): ComClientOptions => ({
  endpoint: "http://127.0.0.1:9", clientId: `client-${Math.random()}`, clientSecret: "the-client-secret-42", tokenUrl: "http://127.0.0.1:9/as/token.oauth2",
  adapter, maxRetries: 0, ...extra,
});

afterEach(() => clearTokenCaches());

describe("URLs credentials travel to", () => {
  it.each([
    ["a plain-http token URL on another host", { tokenUrl: "http://sso.example.com/as/token.oauth2" }, /refusing plain http to sso\.example\.com for the token URL/],
    ["a plain-http endpoint on another host", { endpoint: "http://com.example.com" }, /refusing plain http to com\.example\.com for the COM endpoint/],
    ["credentials in the endpoint", { endpoint: "https://user:hunter2-pw@com.example.com" }, /COM endpoint must not hold credentials/],
    ["credentials in the token URL", { tokenUrl: "https://user:hunter2-pw@sso.example.com/token" }, /token URL must not hold credentials/],
    ["an invalid endpoint holding a password", { endpoint: "https://user:hunter2-pw@[bad" }, /COM endpoint is not a valid URL \(not repeated here/],
    ["a token URL of another scheme", { tokenUrl: "ftp://sso.example.com/token" }, /token URL must be an https URL, not ftp:/],
  ])("refuses %s, without repeating the URL's secret", (_what, extra, message) => {
    let error: unknown;
    try {
      new ComClient(options(undefined, extra));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ComConfigurationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("takes plain http to another host only when allowed, for the token URL as for the endpoint", () => {
    expect(() => new ComClient(options(undefined, { tokenUrl: "http://sso.example.com/t", endpoint: "http://com.example.com", allowInsecureHttp: true }))).not.toThrow();
  });

  it.each([
    ["127.0.0.2", true], ["localhost", true], ["[::1]", true], ["[::ffff:127.0.0.2]", true], ["[::ffff:7f00:2]", true],
    ["[0:0:0:0:0:0:0:1]", true], ["[::ffff:10.0.0.1]", false], ["[::ffff:a00:1]", false], ["10.0.0.1", false],
    ["127.example.com", false], ["[::2]", false], ["localhost.example.com", false],
    ["[::ffff:127.0.0.100]", true], ["[1::ffff:7f00:1]", false], ["[::ffff:7f00:1:2]", false],
  ])("judges %s as loopback: %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
    // The same judgement through the URL parser, which is what the client sees.
    expect(isLoopbackHost(new URL(`http://${host}/`).hostname)).toBe(loopback);
  });
});

describe("which workspace a connection addresses", () => {
  it("is the endpoint without trailing slashes, or the region's, and the tenant", () => {
    expect(workspaceKey({ endpoint: "https://com.example.com//", tenantAcid: "t1" })).toBe("https://com.example.com t1");
    expect(workspaceKey({ endpoint: "https://com.example.com/api/" })).toBe("https://com.example.com/api ");
    expect(workspaceKey({ region: "eu-central" })).toBe(`${regionEndpoint("eu-central")} `);
    // A region it does not know is kept as it is (check names it); none at all is the empty base.
    expect(workspaceKey({ region: "mars" })).toBe("mars ");
    expect(workspaceKey({})).toBe(" ");
  });
});

describe("secrets in errors", () => {
  const echoing = (sent: unknown) => transport((config) => ({
    status: 400,
    data: {
      errorCode: "HPE-GL-COMPUTE_OPS-0400001", message: `Invalid body: ${String(config.data)}`, debugId: "d-1",
      errorDetails: [{ issues: [{ subject: "authentication", description: `got ${String(config.data)}` }], echo: sent }],
    },
  }));

  it.each([
    ["a short password", { username: "u", password: "Pw#12" }, "Pw#12"],
    ["a secret with a quote", { clientId: "c", clientSecret: 'Quo"te-SECRET-9' }, 'Quo\\"te-SECRET-9'],
    ["a secret with a backslash", { clientId: "c", clientSecret: "back\\slash-9" }, "back\\\\slash-9"],
    ["a secret with a newline", { clientId: "c", clientSecret: "line\nbreak-9" }, "line\\nbreak-9"],
  ])("a 400 echoing the body hides %s in the message, the summary and errorDetails", async (_what, authentication, escaped) => {
    const secret = Object.values(authentication)[1];
    const t = echoing(authentication);
    const err = await new ComClient(options(t.adapter)).request({ method: "PATCH", path: "/x", body: { authentication } }).catch((e) => e);
    expect(err).toBeInstanceOf(ComApiError);
    const shown = [err.message, err.summary, JSON.stringify(err.errorDetails), JSON.stringify(err), String(err.stack)].join("\n");
    expect(shown).toContain("Invalid body");
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(escaped);
  });

  it("redacts by structure the value of every secret-named key, registered or not, in JSON, escaped JSON and forms", () => {
    const body = JSON.stringify({ password: "xY", refreshToken: "never-registered", name: "kept" });
    expect(redact(body)).toBe('{"password":"[REDACTED]","refreshToken":"[REDACTED]","name":"kept"}');
    expect(redact(JSON.stringify({ message: body }))).toBe(JSON.stringify({ message: '{"password":"[REDACTED]","refreshToken":"[REDACTED]","name":"kept"}' }));
    expect(redact("grant_type=client_credentials&client_secret=ab%2Bc&client_id=me")).toBe("grant_type=client_credentials&client_secret=[REDACTED]&client_id=me");
    expect(redact('{"refreshTokenExpiryInDays":150}')).toBe('{"refreshTokenExpiryInDays":150}');
  });

  it("redacts a registered secret whole when another registered one is part of it", () => {
    registerSecret("nested-secret-1");
    registerSecret("nested-secret-1-and-more");
    expect(redact("a nested-secret-1-and-more b nested-secret-1 c")).toBe("a [REDACTED] b [REDACTED] c");
  });

  it("copies values deeply, keeping arrays, nulls and numbers as they are", () => {
    expect(redactValue({ list: ["Bearer abcdefghijkl", 1], none: null, n: 5, clientSecret: "x-secret", nested: { password: "pw" } }))
      .toStrictEqual({ list: ["Bearer [REDACTED]", 1], none: null, n: 5, clientSecret: "[REDACTED]", nested: { password: "[REDACTED]" } });
  });

  it("redacts a registered secret in its encoded forms too, outside any structure", () => {
    registerSecret("p@ss word+9");
    expect(redact(`url ${encodeURIComponent("p@ss word+9")} form ${new URLSearchParams({ a: "p@ss word+9" })}`)).not.toMatch(/p%40ss|p@ss/);
    registerSecret("Pw#5x");
    expect(redact("wrong credentials Pw#5x for user u")).toBe("wrong credentials [REDACTED] for user u");
    registerSecret('In"ner\\-7');
    expect(redact(`the value ${JSON.stringify('In"ner\\-7')} is refused`)).toBe('the value "[REDACTED]" is refused');
    // Shorter than 4: found by structure only, never as loose text.
    registerSecret("ab1");
    expect(redact("tab1e ab1")).toBe("tab1e ab1");
  });
});

describe("ids that are not one plain path segment", () => {
  // undefined and a number: what a JavaScript caller may pass.
  it.each([".", "..", "", undefined, 7])("id %j is refused before any request, naming the rule", async (id) => {
    const t = transport(() => ({ status: 200, data: {} }));
    const com = new ComClient(options(t.adapter));
    const given = id as string;
    for (const call of [() => com.externalServices.get(given), () => com.externalServices.delete(given), () => com.externalServices.update(given, { description: "x" }),
      () => com.externalServices.test(given), () => com.jobs.get(given)]) {
      const err = await call().catch((e) => e);
      expect(err).toBeInstanceOf(ComValidationError);
      expect(err.message).toBe("invalid request: id: must be one plain path segment (not empty, '.' or '..')");
    }
    expect(t.apiCalls()).toEqual([]);
  });

  it("keeps /, ? and # inside one segment", async () => {
    const t = transport(() => ({ status: 404, data: {} }));
    await new ComClient(options(t.adapter)).externalServices.delete("a/../b?c#d");
    expect(t.apiCalls().map((c) => c.url)).toEqual(["http://127.0.0.1:9/compute-ops-mgmt/v1beta1/external-services/a%2F..%2Fb%3Fc%23d"]);
  });
});

describe("answers that are not the documented ones", () => {
  it.each([301, 302, 307, 308])("a %i to a DELETE or a GET is an error naming it and where it pointed", async (status) => {
    const t = transport(() => ({ status, headers: { location: "https://elsewhere.example/x" }, data: "" }));
    const com = new ComClient(options(t.adapter));
    for (const call of [() => com.externalServices.delete({ id: "svc", serviceType: "DSCC" }), () => com.externalServices.get("svc")]) {
      const err = await call().catch((e) => e);
      expect(err).toBeInstanceOf(UnexpectedResponseError);
      expect(err.message).toMatch(new RegExp(`answered ${status} to https://elsewhere.example/x, which this API does not document`));
    }
  });

  it("a GET answered 200 with no service in it is an error naming the request", async () => {
    const t = transport(() => ({ status: 200, data: "" }));
    const err = await new ComClient(options(t.adapter)).externalServices.get("svc").catch((e) => e);
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect(err.message).toMatch(/holds no external service/);
    expect(err.request).toEqual({ method: "GET", url: "http://127.0.0.1:9/compute-ops-mgmt/v1beta1/external-services/svc" });
  });
});

describe("filters", () => {
  it("a revived filter's literals and paths are checked as the builder checks them", () => {
    const revive = (node: unknown) => () => Filter.revive({ node });
    expect(revive({ op: "ge", path: "createdAt", value: { timestamp: "2026-01-01T00:00:00Z) or (name ne 'x'" } })).toThrow(/invalid filter literal/);
    expect(revive({ op: "eq", path: "name) or (x", value: "a" })).toThrow(/invalid filter property/);
    expect(revive({ op: "and", operands: [{ op: "drop", path: "x" }] })).toThrow(/unknown operator/);
    let deep: unknown = { op: "eq", path: "name", value: "a" };
    for (let i = 0; i < 1000; i++) deep = { op: "not", operand: deep };
    expect(revive(deep)).toThrow(/nested more than/);
    const ok = filter.and(filter.eq("serviceType", "DSCC"), filter.ge("createdAt", new Date("2026-01-01T00:00:00Z")));
    expect(Filter.revive(JSON.parse(JSON.stringify(ok)))?.toString()).toBe(ok.toString());
  });

  it("a lone surrogate is refused with a clear error, built or as text", async () => {
    expect(() => filter.eq("name", "a\uD800b")).toThrow(/lone surrogate/);
    expect(() => filter.contains("name", "\uDC00")).toThrow(/lone surrogate/);
    expect(filter.eq("name", "ok 😀").toString()).toBe("name eq 'ok 😀'");
    const t = transport(() => ({ status: 200, data: { items: [] } }));
    const err = await new ComClient(options(t.adapter)).externalServices.list({ filter: "serviceType eq '\uD800'" }).toArray().catch((e) => e);
    expect(err).toBeInstanceOf(ComValidationError);
    expect(err.message).toBe("invalid request: filter: is not well-formed Unicode (it holds a lone surrogate)");
  });
});

describe("names", () => {
  const dscc = (name: unknown) => ({ name, serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" } });
  const messages = (name: unknown) => {
    const r = ExternalServiceCreateSchema.safeParse(dscc(name));
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("a name of another type says so, a missing one that it is required", () => {
    expect(messages(12345)).toEqual(["name: name must be a string"]);
    expect(messages(undefined)).toEqual(["name: name is required"]);
  });

  it.each(["line\nbreak", "tab\there", "bell\u0007", "escape\u001b[31mred", "del\u007f", "c1\u009b"])("a name with control characters (%j) is refused", (name) => {
    expect(messages(name)).toEqual(["name: must not contain control characters (line breaks, tabs, terminal escapes)"]);
  });

  it("is quoted with control characters escaped wherever it is printed", () => {
    expect(quoted("a\nb\u001b[2J")).toBe("'a\\u000ab\\u001b[2J'");
    expect(quoted("plain name")).toBe("'plain name'");
  });
});
