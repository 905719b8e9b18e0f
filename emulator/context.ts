/** What every handler gets: the parsed request and the emulator's parts. */
import type { IncomingHttpHeaders } from "node:http";
import type { Clients } from "./clients";
import type { Faults } from "./faults";
import type { RateLimiter } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { ServiceNowStandIn } from "./servicenow";
import type { Settings } from "./settings";
import type { Store } from "./store";

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
  /**
   * API requests received and not yet answered. A request outlives a client that is killed
   * while it waits (latency, say): a test knows the workspace has settled when this is 0.
   */
  inFlight: number;
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
