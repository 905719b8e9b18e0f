/**
 * The COM client: one class that builds requests and owns the retry loop, the token and the
 * connection pool. Resources hang off it: `client.externalServices`, `client.activities`,
 * `client.jobs`.
 */
import { createHash } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import * as tls from "node:tls";
import type { AxiosAdapter, AxiosError, AxiosInstance, AxiosRequestConfig, AxiosResponse, AxiosStatic } from "axios";
import type { z } from "zod";
import {
  ComApiError, ComConfigurationError, ComConnectionError, ComTimeoutError, ComValidationError, RequestInfo, TokenError, UnexpectedResponseError,
} from "./core/errors";
import { registerSecret, SECRET_KEY } from "./core/redact";
export { API_PREFIX } from "./core/paths";
import { credentialUrl } from "./core/credential-url";
import { isObject } from "./core/json";
import { LONE_SURROGATE } from "./core/filter";
import { DEFAULT_TOKEN_URL, isRegion, Region, REGIONS, regionEndpoint } from "./core/regions";
import { backoffDelayMs, BackoffOptions, DEFAULT_BACKOFF, RetryClass, serverHintMs, shouldRetry } from "./core/retry";
import { encodeQuery } from "./internal/query-string";
import { sleep } from "./internal/sleep";
import { RatePacer, sharedRatePacer } from "./internal/rate-pacer";
import { sharedTokenCache, TokenCache } from "./internal/token-cache";
import { Activities } from "./resources/activities";
import { ExternalServices } from "./resources/external-services";
import { Jobs } from "./resources/jobs";

/**
 * axios, loaded by the first client rather than with the sdk: a preview only checks and diffs,
 * sends no request, and would otherwise pay about 70 ms of the provider process to load it.
 */
const axios = (): AxiosStatic => require("axios");

export interface ComClientOptions {
  /** A COM region; or give `endpoint`. */
  region?: Region;
  /** An explicit base URL (e.g. the emulator's); wins over `region`. */
  endpoint?: string;
  /** API client credentials for the OAuth2 client-credentials grant. */
  clientId?: string;
  clientSecret?: string;
  /** The token endpoint (default: GreenLake's). */
  tokenUrl?: string;
  /** A ready bearer token instead of client credentials (it is never refreshed). */
  bearerToken?: string;
  /** Act for this tenant of an MSP workspace (sent as `Tenant-Acid`). */
  tenantAcid?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Retries of one request (default 4). */
  maxRetries?: number;
  backoff?: Partial<BackoffOptions>;
  /** PEM certificates to trust in addition to the system's, for TLS inspection proxies. */
  caBundle?: string | Buffer;
  /** Allows plain http to a host other than loopback (never do this in production). */
  allowInsecureHttp?: boolean;
  /** Replaces the HTTP transport: unit tests inject one. */
  adapter?: AxiosAdapter;
  /**
   * Paces requests to the rate limit the API announces (default true): all clients of one API
   * client in the process share its budget and wait for the window's reset instead of meeting 429s.
   */
  paceRequests?: boolean;
  /** Observes retries (for logs and tests); it never sees secrets. */
  onRetry?: (event: RetryEvent) => void;
  /** Observes every HTTP exchange, the token's included (for troubleshooting logs); it never sees a secret. */
  onExchange?: (event: ExchangeEvent) => void;
}

export interface RetryEvent { method: string; path: string; attempt: number; status?: number; failure?: string; delayMs: number }

/** One HTTP exchange as a troubleshooting log shows it: never a header value, a body or a query. */
export interface ExchangeEvent {
  method: string;
  /** The URL's path (the token endpoint's too), without its query. */
  path: string;
  /** 0 for the first try of a request. */
  attempt: number;
  durationMs: number;
  status?: number;
  /** When no answer came: "timeout" or "connection". */
  failure?: "timeout" | "connection";
  /** The server's `debugId` of an error answer, for HPE support. */
  debugId?: string;
  /** The rate-limit budget the answer announced (`ratelimit-remaining` of `ratelimit-limit`). */
  rateLimit?: { remaining: string; limit?: string };
}

export interface ComRequest<T> {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  contentType?: string;
  retryClass?: RetryClass;
  /** Parses the response body; omitted for bodiless answers. */
  schema?: z.ZodType<T>;
}

export interface ComResponse<T> { status: number; data: T; headers: Record<string, string> }

/** One HTTP exchange: the response and its headers (lower-cased), or the failure when there was none. */
type Exchange =
  | { res: AxiosResponse; headers: Record<string, string>; failure?: undefined; error?: undefined; retryInMs?: number }
  | { res?: undefined; headers?: undefined; failure: "timeout" | "connection"; error: AxiosError; retryInMs?: number };

function resolveEndpoint(options: ComClientOptions): URL {
  const raw = options.endpoint ?? (options.region ? regionEndpoint(options.region) : undefined);
  if (!raw) throw new ComConfigurationError(`no COM endpoint: set a region (${REGIONS.join(", ")}) or an endpoint URL`);
  if (options.region && !options.endpoint && !isRegion(options.region)) {
    throw new ComConfigurationError(`unknown region '${options.region}': use ${REGIONS.join(", ")}`);
  }
  return credentialUrl(raw, "COM endpoint", options.allowInsecureHttp);
}

function failureOf(err: AxiosError): "timeout" | "connection" {
  return err.code === "ECONNABORTED" || err.code === "ETIMEDOUT" ? "timeout" : "connection";
}

function flatHeaders(res: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
  return out;
}

/** What a troubleshooting log may show of one exchange (see ExchangeEvent). */
function exchangeEvent(config: AxiosRequestConfig, attempt: number, durationMs: number, x: Exchange): ExchangeEvent {
  const event: ExchangeEvent = { method: String(config.method).toUpperCase(), path: new URL(config.url!).pathname, attempt, durationMs: Math.round(durationMs) };
  if (!x.res) return { ...event, failure: x.failure };
  const debugId = isObject(x.res.data) && typeof x.res.data.debugId === "string" ? x.res.data.debugId : undefined;
  const remaining = x.headers["ratelimit-remaining"];
  return {
    ...event, status: x.res.status, ...(debugId && { debugId }),
    ...(remaining !== undefined && { rateLimit: { remaining, ...(x.headers["ratelimit-limit"] !== undefined && { limit: x.headers["ratelimit-limit"] }) } }),
  };
}

export class ComClient {
  readonly externalServices: ExternalServices;
  readonly activities: Activities;
  readonly jobs: Jobs;
  readonly endpoint: string;
  readonly tenantAcid?: string;

  private readonly http: AxiosInstance;
  private readonly tokens?: TokenCache;
  private readonly bearerToken?: string;
  /** Retries of one request; the create's lookup-and-retry loop obeys it too. */
  readonly maxRetries: number;
  private readonly backoff: BackoffOptions;
  private readonly onRetry?: (event: RetryEvent) => void;
  private readonly onExchange?: (event: ExchangeEvent) => void;
  private readonly pacer?: RatePacer;

  constructor(options: ComClientOptions) {
    const endpoint = resolveEndpoint(options);
    this.endpoint = endpoint.origin + endpoint.pathname.replace(/\/$/, "");
    this.tenantAcid = options.tenantAcid;
    this.maxRetries = options.maxRetries ?? 4;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.onRetry = options.onRetry;
    this.onExchange = options.onExchange;
    this.http = axios().create({
      timeout: options.timeoutMs ?? 30_000,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32, ca: options.caBundle ? [...tls.rootCertificates, options.caBundle.toString()] : undefined }),
      maxRedirects: 0,
      validateStatus: () => true,
      adapter: options.adapter,
    });

    if (options.bearerToken) {
      this.bearerToken = options.bearerToken;
      registerSecret(options.bearerToken);
    } else {
      const { clientId, clientSecret } = options;
      if (!clientId || !clientSecret) throw new ComConfigurationError("no COM credentials: give clientId and clientSecret, or a bearerToken");
      registerSecret(clientSecret);
      // The client secret travels to the token URL: the endpoint's rule holds for it too.
      const tokenUrl = credentialUrl(options.tokenUrl ?? DEFAULT_TOKEN_URL, "token URL", options.allowInsecureHttp).href;
      this.tokens = sharedTokenCache(tokenUrl, clientId, clientSecret, () => this.fetchToken(tokenUrl, clientId, clientSecret));
    }
    // The budget belongs to the API client at this endpoint; an MSP's tenants share it (see the ledger).
    const caller = options.clientId ?? createHash("sha256").update(options.bearerToken ?? "").digest("hex");
    if (options.paceRequests !== false) this.pacer = sharedRatePacer(`${this.endpoint}\u0000${caller}`);
    this.externalServices = new ExternalServices(this);
    this.activities = new Activities(this);
    this.jobs = new Jobs(this);
  }

  /** Sends one API request with auth, retries and response parsing. */
  async request<T = undefined>(req: ComRequest<T>): Promise<ComResponse<T>> {
    const query = req.query ? encodeQueryOf(req) : "";
    const url = `${this.endpoint}${req.path}${query ? `?${query}` : ""}`;
    const info: RequestInfo = { method: req.method, url: `${this.endpoint}${req.path}` };
    collectSecrets(req.body);
    let authRetried = false;
    for (let attempt = 0; ; ) {
      const token = await this.token();
      const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${token}` };
      if (this.tenantAcid) headers["Tenant-Acid"] = this.tenantAcid;
      if (req.body !== undefined) headers["Content-Type"] = req.contentType ?? "application/json";
      await this.pacer?.acquire();
      const x = await this.exchange({
        // Sent as serialized here (JSON.stringify(undefined) is no body), untouched by axios's transforms.
        method: req.method, url, headers, data: JSON.stringify(req.body), transformRequest: [],
      }, req.retryClass ?? "idempotent", attempt);
      this.pacer?.settle(x.res && { status: x.res.status, headers: x.headers });

      // A refused token is replaced once, without counting as a retry.
      if (x.res?.status === 401 && this.tokens && !authRetried) {
        authRetried = true;
        this.tokens.invalidate(token);
        continue;
      }
      if (x.res && x.res.status >= 200 && x.res.status < 300) return { status: x.res.status, headers: x.headers, data: this.parse(req, x.res, info) };
      // Redirects are never followed (a bearer token must not go where the endpoint did not say); nor are they success.
      if (x.res && x.res.status < 400) {
        const location = x.headers.location ? ` to ${x.headers.location}` : "";
        throw new UnexpectedResponseError(`${req.method} ${info.url}: answered ${x.res.status}${location}, which this API does not document; redirects are not followed`, info);
      }
      if (x.retryInMs === undefined) {
        if (x.res) throw ComApiError.from(x.res.status, x.res.data, info, x.headers);
        const Class = x.failure === "timeout" ? ComTimeoutError : ComConnectionError;
        throw new Class(`${req.method} ${info.url}: no answer (${x.error!.code ?? x.error!.message}); the request may or may not have been applied`, info, x.error);
      }
      this.onRetry?.({ method: req.method, path: req.path, attempt, status: x.res?.status, failure: x.failure, delayMs: x.retryInMs });
      await sleep(x.retryInMs);
      attempt++;
    }
  }

  /** The delay before retry number `attempt + 1`, with this client's backoff settings. */
  retryDelayMs(attempt: number, hintMs?: number): number {
    return backoffDelayMs(attempt, hintMs, this.backoff);
  }

  /**
   * One HTTP exchange and the retry decision for it: the response, or the failure when there was
   * none, and `retryInMs` when it should be sent again (after that long).
   */
  private async exchange(config: AxiosRequestConfig, retryClass: RetryClass, attempt: number): Promise<Exchange> {
    const started = performance.now();
    const x = await this.send(config, retryClass, attempt);
    this.onExchange?.(exchangeEvent(config, attempt, performance.now() - started, x));
    return x;
  }

  private async send(config: AxiosRequestConfig, retryClass: RetryClass, attempt: number): Promise<Exchange> {
    try {
      const res = await this.http.request(config);
      const headers = flatHeaders(res);
      const retry = shouldRetry({ retryClass, status: res.status, attempt, maxRetries: this.maxRetries });
      return { res, headers, retryInMs: retry ? this.retryDelayMs(attempt, serverHintMs(headers)) : undefined };
    } catch (err) {
      if (!axios().isAxiosError(err)) throw err;
      const failure = failureOf(err);
      const retry = shouldRetry({ retryClass, failure, attempt, maxRetries: this.maxRetries });
      return { failure, error: err, retryInMs: retry ? this.retryDelayMs(attempt) : undefined };
    }
  }

  private parse<T>(req: ComRequest<T>, res: AxiosResponse, info: RequestInfo): T {
    if (!req.schema) return undefined as T;
    const parsed = req.schema.safeParse(res.data);
    if (!parsed.success) {
      throw new UnexpectedResponseError(`${info.method} ${info.url}: unexpected response body: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, info);
    }
    return parsed.data;
  }

  private async token(): Promise<string> {
    return this.bearerToken ?? this.tokens!.token();
  }

  /** The client-credentials grant, retried on transient failures like any idempotent call. */
  private async fetchToken(tokenUrl: string, clientId: string, clientSecret: string) {
    const info: RequestInfo = { method: "POST", url: tokenUrl };
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }).toString();
    for (let attempt = 0; ; attempt++) {
      const x = await this.exchange({
        method: "POST", url: tokenUrl, data: form,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      }, "idempotent", attempt);
      const token = x.res?.status === 200 ? x.res.data?.access_token : undefined;
      if (typeof token === "string") {
        registerSecret(token);
        return { accessToken: token, expiresInSeconds: Number(x.res!.data.expires_in ?? 900) };
      }
      if (x.retryInMs !== undefined) {
        await sleep(x.retryInMs);
        continue;
      }
      if (!x.res) throw new TokenError(`cannot reach the token endpoint ${tokenUrl} (${x.error!.code ?? x.error!.message})`, info, x.error);
      const reason = typeof x.res.data?.error === "string" ? ` ${x.res.data.error}` : "";
      throw new TokenError(`the token endpoint ${tokenUrl} refused client id '${clientId}' (HTTP ${x.res.status}${reason}); check the client id and secret`, info);
    }
  }
}

/** The query string of a request; text that cannot be percent-encoded (a lone surrogate) is an error naming the parameter. */
function encodeQueryOf(req: ComRequest<unknown>): string {
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (LONE_SURROGATE.test(String(value))) {
      throw new ComValidationError([{ path: key, message: "is not well-formed Unicode (it holds a lone surrogate)" }], "request");
    }
  }
  return encodeQuery(req.query ?? {});
}

/** Registers the secret fields of a request body so that no error or log can show them. */
function collectSecrets(body: unknown): void {
  if (body === null || typeof body !== "object") return;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (SECRET_KEY.test(k)) registerSecret(v);
    else collectSecrets(v);
  }
}

