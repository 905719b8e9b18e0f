/** What every handler gets: the parsed request and the emulator's parts. */
import type { IncomingHttpHeaders } from "node:http";
import type { Clients } from "./clients";
import type { Faults } from "./faults";
import type { RateLimiter, RateLimitSetting } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { ServiceNowStandIn } from "./servicenow";
import type { Store } from "./store";

/** Behaviour knobs, changeable at run time through PUT /__emulator/settings. */
export interface Settings {
  /** For how long after create a service reports status SUSPENDED before ENABLED. */
  activationDelayMs: number;
  /** How long a DeleteVCenter job runs before it completes. */
  jobDurationMs: number;
  /** Makes every DSCC connection test fail. */
  dsccTestFails: boolean;
  /**
   * The status of a create whose name exists. The reference documents no 409 for a create, so
   * 400 (with the duplicate errorCode) is the default; 409 is the other plausible answer.
   */
  duplicateStatus: 400 | 409;
  /**
   * `strict` (default): a filter on a property the reference does not list as filterable is a
   * 400 naming it; `lenient`: any property path is filtered on.
   */
  filterMode: "strict" | "lenient";
  /** How a DeleteVCenter job ends: COMPLETE (the vCenter service is deleted), ERROR or STALLED. */
  jobOutcome: "COMPLETE" | "ERROR" | "STALLED";
  /** The request budget per API client (see rate-limit.ts); null: unlimited. */
  rateLimit: RateLimitSetting | null;
}

/** The defaults: the strictest faithful reading of the reference. */
export const DEFAULT_SETTINGS: Settings = {
  activationDelayMs: 0, jobDurationMs: 0, dsccTestFails: false, duplicateStatus: 400, filterMode: "strict", jobOutcome: "COMPLETE",
  rateLimit: null,
};

export interface Emulator {
  store: Store;
  clients: Clients;
  log: RequestLog;
  faults: Faults;
  rateLimiter: RateLimiter;
  settings: Settings;
  /** The settings it started with: what POST /__emulator/reset restores. */
  initialSettings: Readonly<Settings>;
  servicenow: ServiceNowStandIn;
  /** The emulator's own base URL, e.g. http://127.0.0.1:4010. */
  baseUrl: string;
}

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON or form body; undefined when there was none. */
  body: unknown;
  params: Record<string, string>;
  /** The API prefix the request came through (`/compute-ops-mgmt` or the deprecated `/compute-ops`). */
  prefix: string;
  /** The workspace (or MSP tenant) a COM request acts in, from its token and Tenant-Acid. */
  workspaceId: string;
  emulator: Emulator;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** COM routes require a token and see faults; the others do not. */
export type RouteKind = "com" | "token" | "inspect" | "servicenow";

export interface Route {
  method: string;
  /** A path with `{name}` parameters, e.g. `/compute-ops-mgmt/v1beta1/external-services/{id}`. */
  pattern: string;
  kind: RouteKind;
  handler: (ctx: RequestContext) => Reply | Promise<Reply>;
}
