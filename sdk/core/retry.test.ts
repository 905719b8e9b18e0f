// ledger: rate-limit, server-errors
import { backoffDelayMs, isAmbiguousFailure, serverHintMs, shouldRetry } from "./retry";

describe("shouldRetry", () => {
  const base = { attempt: 0, maxRetries: 3 };
  it.each([429, 500, 501, 502, 503, 504])("retries an idempotent request answered %i", (status) => {
    expect(shouldRetry({ ...base, retryClass: "idempotent", status })).toBe(true);
  });
  it.each([400, 401, 403, 404, 409, 415])("does not retry an idempotent request answered %i", (status) => {
    expect(shouldRetry({ ...base, retryClass: "idempotent", status })).toBe(false);
  });
  it("retries connection failures and timeouts of idempotent requests", () => {
    expect(shouldRetry({ ...base, retryClass: "idempotent", failure: "connection" })).toBe(true);
    expect(shouldRetry({ ...base, retryClass: "idempotent", failure: "timeout" })).toBe(true);
  });
  it("never retries a create blindly after an ambiguous failure, but does after a 429 refusal", () => {
    expect(shouldRetry({ ...base, retryClass: "create", status: 503 })).toBe(false);
    expect(shouldRetry({ ...base, retryClass: "create", status: 500 })).toBe(false);
    expect(shouldRetry({ ...base, retryClass: "create", failure: "timeout" })).toBe(false);
    expect(shouldRetry({ ...base, retryClass: "create", status: 429 })).toBe(true);
  });
  it("stops after maxRetries", () => {
    expect(shouldRetry({ retryClass: "idempotent", status: 503, attempt: 3, maxRetries: 3 })).toBe(false);
  });
  it("calls a 5xx or a missing answer ambiguous, a 4xx not", () => {
    expect(isAmbiguousFailure({ status: 500 })).toBe(true);
    expect(isAmbiguousFailure({ failure: "connection" })).toBe(true);
    expect(isAmbiguousFailure({ status: 409 })).toBe(false);
  });
});

describe("backoff", () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000, maxHintMs: 5000 };
  it("grows exponentially with full jitter and is capped", () => {
    expect(backoffDelayMs(0, undefined, options, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, undefined, options, () => 0.5)).toBe(400);
    expect(backoffDelayMs(10, undefined, options, () => 0.999)).toBe(999);
    expect(backoffDelayMs(2, undefined, options, () => 0)).toBe(0);
  });
  it("by default starts below 200 ms, stops growing at 8 s, and honours a hint up to a minute", () => {
    expect(backoffDelayMs(0, undefined, undefined, () => 0.999)).toBe(199);
    expect(backoffDelayMs(10, undefined, undefined, () => 0.999)).toBe(7992);
    expect(backoffDelayMs(0, 90_000)).toBe(60_000);
  });
  it("honours the server's hint within bounds", () => {
    expect(backoffDelayMs(0, 2000, options, () => 0)).toBe(2000);
    expect(backoffDelayMs(0, 60_000, options, () => 0)).toBe(5000);
  });
  it("reads ratelimit-reset seconds first, then Retry-After seconds or date", () => {
    expect(serverHintMs({ "ratelimit-reset": "3", "retry-after": "9" })).toBe(3000);
    expect(serverHintMs({ "retry-after": "2" })).toBe(2000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(serverHintMs({ "retry-after": "Thu, 01 Jan 2026 00:00:04 GMT" }, now)).toBe(4000);
    expect(serverHintMs({})).toBeUndefined();
  });
});

describe("the server's hint", () => {
  it.each([
    [{ "ratelimit-reset": " 3 " }, 3000],
    [{ "ratelimit-reset": "1.25" }, 1250],
    [{ "ratelimit-reset": "12" }, 12000],
    [{ "ratelimit-reset": "2abc", "retry-after": "4" }, 4000],
    [{ "ratelimit-reset": "x2", "retry-after": "4" }, 4000],
    [{ "retry-after": " 2 " }, 2000],
    [{ "retry-after": "2.25" }, 2250],
    [{ "retry-after": "2abc" }, undefined],
    [{ "retry-after": "x2" }, undefined],
  ])("reads %j as %s ms", (headers, ms) => {
    expect(serverHintMs(headers, Date.parse("2026-01-01T00:00:00Z"))).toBe(ms);
  });
});
