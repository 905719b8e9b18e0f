import { BadRequestError, ComApiError, ComConnectionError, ConflictError, NotFoundError, RateLimitError, ServerError } from "./errors";
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
});
