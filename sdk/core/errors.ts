/**
 * One error tree for the COM client. API errors carry the server's `errorCode`, `debugId` and
 * `errorDetails`; connection and timeout errors say that the outcome of a request is unknown.
 * Messages, causes and serialised forms are redacted: no secret or bearer token ever shows.
 */
import { redact, redactValue } from "./redact";
import { formatIssue, ValidationIssue } from "./validation-issues";

/** The request an error belongs to, without headers or body. */
export interface RequestInfo { method: string; url: string }

/** Base of every error this client throws. */
export class ComError extends Error {
  constructor(message: string, readonly request?: RequestInfo, cause?: unknown) {
    super(redact(message), cause === undefined ? undefined : { cause: sanitizeCause(cause) });
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    return redactValue({ name: this.name, message: this.message, request: this.request });
  }
}

/** A cause reduced to its name, code and redacted message: never an axios config with headers. */
function sanitizeCause(cause: unknown): unknown {
  if (cause instanceof ComError) return cause;
  if (cause instanceof Error) {
    const safe = new Error(redact(cause.message));
    safe.name = cause.name;
    const code = (cause as { code?: string }).code;
    if (code) (safe as Error & { code?: string }).code = code;
    return safe;
  }
  return undefined;
}

/** The documented COM error body. */
export interface ErrorBody {
  httpStatusCode?: number;
  errorCode?: string;
  message?: string;
  debugId?: string;
  errorDetails?: unknown[];
}

/** The API answered with an error status. */
export class ComApiError extends ComError {
  readonly httpStatusCode: number;
  readonly errorCode?: string;
  readonly debugId?: string;
  readonly errorDetails?: unknown[];
  /** Response headers the caller may need (rate-limit hints). */
  readonly headers: Record<string, string>;
  /** The cause as a user reads it: status, errorCode, the API's message and debugId, without the URL. */
  readonly summary: string;

  constructor(status: number, body: ErrorBody, request: RequestInfo, headers: Record<string, string> = {}) {
    const detail = body.message ?? `HTTP ${status}`;
    super(`${request.method} ${request.url} failed with ${status}${body.errorCode ? ` ${body.errorCode}` : ""}: ${detail}` +
      (body.debugId ? ` (debugId ${body.debugId})` : ""), request);
    this.httpStatusCode = status;
    this.errorCode = body.errorCode;
    this.debugId = body.debugId;
    this.errorDetails = body.errorDetails ? redactValue(body.errorDetails) : undefined;
    this.headers = headers;
    this.summary = redact(`${status}${body.errorCode ? ` ${body.errorCode}` : ""}: ${detail}${body.debugId ? ` (debugId ${body.debugId})` : ""}`);
  }

  /** Whether the API's answer names `field` (in its errorDetails, or in its message): which input it refused. */
  names(field: string): boolean {
    return JSON.stringify(this.errorDetails ?? []).includes(JSON.stringify(field)) || new RegExp(`\\b${field}\\b`).test(this.message);
  }

  /**
   * "Already exists": the API client library's reading, an errorCode ending in 1700004. The
   * create's documented errors have no 409, so any 4xx with that code counts.
   */
  get isDuplicate(): boolean {
    return this.httpStatusCode >= 400 && this.httpStatusCode < 500 && (this.errorCode?.endsWith("1700004") ?? false);
  }

  /** The one factory: picks the subclass from the status code. */
  static from(status: number, body: unknown, request: RequestInfo, headers: Record<string, string> = {}): ComApiError {
    const b: ErrorBody = body !== null && typeof body === "object" ? (body as ErrorBody) : { message: typeof body === "string" && body ? body.slice(0, 500) : undefined };
    const Class = STATUS_CLASSES[status] ?? (status >= 500 ? ServerError : ClientError);
    return new Class(status, b, request, headers);
  }

  override toJSON(): Record<string, unknown> {
    return redactValue({
      ...super.toJSON(), httpStatusCode: this.httpStatusCode, errorCode: this.errorCode, debugId: this.debugId, errorDetails: this.errorDetails,
    });
  }
}

export class ClientError extends ComApiError {}
export class BadRequestError extends ClientError {}
export class AuthenticationError extends ClientError {}
export class PermissionDeniedError extends ClientError {}
export class NotFoundError extends ClientError {}
export class NotAcceptableError extends ClientError {}
export class ConflictError extends ClientError {}
export class UnsupportedMediaTypeError extends ClientError {}
export class RateLimitError extends ClientError {}
export class ServerError extends ComApiError {}

const STATUS_CLASSES: Record<number, new (s: number, b: ErrorBody, r: RequestInfo, h: Record<string, string>) => ComApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  406: NotAcceptableError,
  409: ConflictError,
  415: UnsupportedMediaTypeError,
  429: RateLimitError,
};

/** No answer: the connection failed or was reset. The request may or may not have been acted on. */
export class ComConnectionError extends ComError {}
/** No answer in time. The request may or may not have been acted on. */
export class ComTimeoutError extends ComConnectionError {}

/** The client credentials were refused, or the token endpoint failed. */
export class TokenError extends ComError {}

/** A job (the DeleteVCenter job) ended without success. */
export class JobFailedError extends ComError {}

/** An operation that waits (for ENABLED, a job, a test activity) ran out of time. */
export class WaitTimeoutError extends ComError {}

/** A job waited for ran out of time while COM held it for approval (APPROVAL_PENDING): an approval policy, not a fault. */
export class JobAwaitingApprovalError extends WaitTimeoutError {
  constructor(readonly jobId: string, waitedMs: number) {
    super(`job ${jobId} is awaiting approval in COM (APPROVAL_PENDING) after ${Math.round(waitedMs / 1000)} s: approve it there, then run again, or wait longer`);
  }
}

/** A response body did not have the documented shape. */
export class UnexpectedResponseError extends ComError {}

/** Input failed validation before any request was sent; each issue names the property and the rule. */
export class ComValidationError extends ComError {
  constructor(readonly issues: ValidationIssue[], what = "external service") {
    super(`invalid ${what}: ${issues.map(formatIssue).join("; ")}`);
  }
}

/** The client was configured wrongly (no endpoint, no credentials, plain http to a remote host). */
export class ComConfigurationError extends ComError {}
