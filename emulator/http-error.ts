/** A COM error response: the documented body and the status it is sent with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly errorDetails?: unknown[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const code = (status: number, n = 1) => `HPE-GL-COMPUTE_OPS-0${status}${String(n).padStart(3, "0")}`;

/** The API client library recognises a duplicate by an errorCode ending in 1700004. */
export const DUPLICATE_ERROR_CODE = "HPE-GL-COMPUTE_OPS-1700004";

export const badRequest = (message: string, issues: { subject: string; description: string }[] = []) =>
  new HttpError(400, code(400), message, issues.length ? [{
    type: "hpe.greenlake.bad_request",
    issues: issues.map((i) => ({ source: "body", ...i })),
  }] : undefined);
export const unauthorized = (message = "Unauthorized: missing, invalid or expired bearer token") =>
  new HttpError(401, code(401), message);
export const forbidden = (message: string) => new HttpError(403, code(403), message);
export const notFound = (message: string) => new HttpError(404, code(404), message);
export const notAcceptable = () => new HttpError(406, code(406), "Not Acceptable: this API produces application/json");
/** A name that exists: 400 by default (the create documents no 409), or 409 (settings.duplicateStatus). */
export const duplicate = (status: 400 | 409, message: string, subject = "name") =>
  new HttpError(status, DUPLICATE_ERROR_CODE, message, [{ type: "hpe.greenlake.bad_request", issues: [{ source: "body", subject, description: "already exists" }] }]);
export const unsupportedMediaType = (expected: string) =>
  new HttpError(415, code(415), `Unsupported Media Type: Content-Type must be '${expected}'`);
