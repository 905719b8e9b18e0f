import { BadRequestError, ClientError, ComApiError, ComConnectionError, ComError, ConflictError, NotFoundError, RateLimitError, ServerError } from "./errors";
import { redact, registerSecret } from "./redact";

const request = { method: "GET", url: "https://x/compute-ops-mgmt/v1beta1/external-services" };

describe("the error tree", () => {
  it("builds the subclass from the status code and keeps the documented fields", () => {
    const body = { httpStatusCode: 400, errorCode: "HPE-GL-COMPUTE_OPS-0400001", message: "bad", debugId: "d-1", errorDetails: [{ issues: [] }] };
    const err = ComApiError.from(400, body, request);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ httpStatusCode: 400, errorCode: "HPE-GL-COMPUTE_OPS-0400001", debugId: "d-1" });
    expect(ComApiError.from(404, {}, request)).toBeInstanceOf(NotFoundError);
    expect(ComApiError.from(429, {}, request)).toBeInstanceOf(RateLimitError);
    expect(ComApiError.from(503, "down", request)).toBeInstanceOf(ServerError);
  });

  it("recognises a duplicate by the errorCode ending in 1700004", () => {
    const err = ComApiError.from(409, { errorCode: "HPE-GL-COMPUTE_OPS-1700004" }, request) as ConflictError;
    expect(err.isDuplicate).toBe(true);
    expect(ComApiError.from(400, { errorCode: "HPE-GL-COMPUTE_OPS-1700004" }, request).isDuplicate).toBe(true);
    // Without that code, or outside 4xx, it is not one.
    expect(ComApiError.from(400, { message: "bad" }, request).isDuplicate).toBe(false);
    expect(ComApiError.from(409, {}, request).isDuplicate).toBe(false);
    expect(ComApiError.from(500, { errorCode: "HPE-GL-COMPUTE_OPS-1700004" }, request).isDuplicate).toBe(false);
    // A redirect is no refusal, whatever its body says.
    expect(ComApiError.from(302, { errorCode: "HPE-GL-COMPUTE_OPS-1700004" }, request).isDuplicate).toBe(false);
    expect(ComApiError.from(400, { errorCode: "HPE-GL-COMPUTE_OPS-1700005" }, request).isDuplicate).toBe(false);
  });

  it("tells which input the API refused, from its errorDetails or its message", () => {
    const details = ComApiError.from(400, { message: "invalid request", errorDetails: [{ issues: [{ source: "resourceType" }] }] }, request);
    expect([details.names("resourceType"), details.names("resource"), details.names("jobParams")]).toEqual([true, false, false]);
    const message = ComApiError.from(400, { message: "resourceType is not supported" }, request);
    expect([message.names("resourceType"), message.names("Type"), message.names("jobParams")]).toEqual([true, false, false]);
  });

  it("redacts registered secrets and bearer tokens from messages, causes and JSON", () => {
    registerSecret("s3cr3t-value-123");
    const cause = Object.assign(new Error("headers: Authorization: Bearer eyJabc.def.ghi body s3cr3t-value-123"), { code: "ECONNRESET" });
    const err = new ComConnectionError("failed with s3cr3t-value-123 and Bearer abcdefghijkl", request, cause);
    const everything = [err.message, String((err.cause as Error).message), JSON.stringify(err), err.stack ?? ""].join("\n");
    expect(everything).not.toContain("s3cr3t-value-123");
    expect(everything).not.toContain("eyJabc.def.ghi");
    expect(everything).not.toContain("abcdefghijkl");
    expect(everything).toContain("[REDACTED]");
    expect((err.cause as { code?: string }).code).toBe("ECONNRESET");
    expect(redact("Basic dXNlcjpwYXNz")).toBe("Basic [REDACTED]");
  });

  it("words the message and the summary from what the body gives, and nothing more", () => {
    const full = ComApiError.from(400, { errorCode: "HPE-1", message: "bad name", debugId: "d-9" }, request);
    expect([full.message, full.summary]).toEqual([`GET ${request.url} failed with 400 HPE-1: bad name (debugId d-9)`, "400 HPE-1: bad name (debugId d-9)"]);
    const bare = ComApiError.from(502, {}, request);
    expect([bare.message, bare.summary]).toEqual([`GET ${request.url} failed with 502: HTTP 502`, "502: HTTP 502"]);
  });

  it("reads a body that is no object: text as the message (500 characters at most), anything else as none", () => {
    const messageOf = (body: unknown) => ComApiError.from(503, body, request).summary;
    expect(messageOf("upstream down")).toBe("503: upstream down");
    expect(messageOf("x".repeat(600))).toBe(`503: ${"x".repeat(500)}`);
    for (const body of [null, undefined, "", 42]) expect([body, messageOf(body)]).toEqual([body, "503: HTTP 503"]);
    expect(ComApiError.from(400, { errorDetails: [{ field: "name" }] }, request).errorDetails).toEqual([{ field: "name" }]);
    expect(ComApiError.from(400, {}, request).errorDetails).toBeUndefined();
  });

  it("takes a status it has no class for as a client or server error by its range", () => {
    expect([ComApiError.from(418, {}, request).constructor, ComApiError.from(500, {}, request).constructor, ComApiError.from(599, {}, request).constructor])
      .toEqual([ClientError, ServerError, ServerError]);
  });

  it("serialises what a user needs and no more", () => {
    const err = ComApiError.from(409, { errorCode: "HPE-2", message: "taken", debugId: "d-1", errorDetails: [{ f: 1 }] }, request);
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: "ConflictError", message: `GET ${request.url} failed with 409 HPE-2: taken (debugId d-1)`, request, httpStatusCode: 409, errorCode: "HPE-2", debugId: "d-1", errorDetails: [{ f: 1 }],
    });
    expect(JSON.parse(JSON.stringify(new ComError("plain", request)))).toEqual({ name: "ComError", message: "plain", request });
    // Whatever the server echoes back, a registered secret included, is redacted.
    registerSecret("echoed-secret-4711");
    expect(JSON.stringify(ComApiError.from(400, { errorCode: "echoed-secret-4711", debugId: "echoed-secret-4711" }, request))).not.toContain("echoed-secret-4711");
  });

  it("keeps of a cause its name, code and message; a ComError whole; anything else not at all", () => {
    const typed = Object.assign(new TypeError("bad socket"), { code: "EPIPE" });
    const cause = new ComConnectionError("x", request, typed).cause as Error & { code?: string };
    expect([cause.name, cause.message, cause.code, cause instanceof TypeError]).toEqual(["TypeError", "bad socket", "EPIPE", false]);
    expect("code" in (new ComConnectionError("x", request, new Error("no code")).cause as object)).toBe(false);
    const inner = new ComError("inner", request);
    expect(new ComConnectionError("x", request, inner).cause).toBe(inner);
    expect(new ComConnectionError("x", request, "a string").cause).toBeUndefined();
    expect("cause" in new ComConnectionError("x", request)).toBe(false);
  });
});
