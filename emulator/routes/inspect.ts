/**
 * The inspection and fault API, outside the COM prefix: what tests and benchmarks use to see
 * what the emulator was asked and to make it misbehave.
 */
import type { Reply, RequestContext, Route } from "../context";
import type { FaultConfig } from "../faults";
import type { ServiceRecord } from "../store";
import { createHash, randomUUID } from "node:crypto";
import { badRequest } from "../http-error";
import { settingsProblems } from "../settings";
import { SECRET_FIELDS } from "../validation";
import { render } from "./external-services";
import { approveJob } from "./jobs";

const since = (ctx: RequestContext) => Number(ctx.query.get("since") ?? 0);

function services(ctx: RequestContext): Reply {
  const all = ctx.emulator.store.allWorkspaces();
  const only = ctx.query.get("workspace");
  const body = Object.fromEntries(Object.entries(all)
    .filter(([id]) => !only || id === only)
    .map(([id, ws]) => [id, Object.values(ws.services).map((s) => render(s, "/compute-ops-mgmt"))]));
  return { status: 200, body };
}

/**
 * What each service's secrets are, as SHA-256 digests of the stored values, never the values:
 * how a test sees that a rotated secret reached the API (the answers only ever mask it).
 */
function secretDigests(ctx: RequestContext): Reply {
  const digest = (value: string) => createHash("sha256").update(value).digest("hex");
  const body: Record<string, Record<string, string>> = {};
  for (const ws of Object.values(ctx.emulator.store.allWorkspaces())) {
    for (const s of Object.values(ws.services)) {
      body[s.id] = Object.fromEntries(SECRET_FIELDS.filter((k) => typeof s.authentication[k] === "string").map((k) => [k, digest(s.authentication[k])]));
    }
  }
  return { status: 200, body };
}

/**
 * Stores one service exactly as given (any serviceType, any fields), filling in the server
 * fields it lacks: how tests put a type this project does not model (ARUBA_CENTRAL, …) in a
 * workspace. `?tenant=<acid>` or `?workspace=<id>` picks the workspace (default: the first client's).
 */
function addRawService(ctx: RequestContext): Reply {
  const body = ctx.body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw badRequest("body must be one service object");
  const raw = { ...(body as Record<string, unknown>) };
  const tenant = ctx.query.get("tenant");
  const workspaceId = tenant ? `tenant-${tenant}` : ctx.query.get("workspace") ?? ctx.emulator.clients.defaultWorkspace();
  const now = new Date().toISOString();
  const id = typeof raw.id === "string" ? raw.id : randomUUID();
  // Stored by id in a plain object: this one key would set its prototype instead.
  if (id === "__proto__") throw badRequest("id '__proto__' cannot be stored", [{ subject: "id", description: "is reserved" }]);
  const record = {
    id, raw, name: String(raw.name ?? ""), serviceType: raw.serviceType, authenticationType: raw.authenticationType,
    description: null, state: "ENABLED", authentication: {}, serviceData: {}, status: "ENABLED",
    generation: typeof raw.generation === "number" ? raw.generation : 1,
    createdAt: typeof raw.createdAt === "string" ? raw.createdAt : now,
    updatedAt: typeof raw.updatedAt === "string" ? raw.updatedAt : now,
    enabledAfter: 0,
  } as unknown as ServiceRecord;
  ctx.emulator.store.workspace(workspaceId).services[id] = record;
  ctx.emulator.store.save();
  return { status: 201, body: render(record, "/compute-ops-mgmt") };
}

export function inspectRoutes(): Route[] {
  const route = (method: string, path: string, handler: Route["handler"]): Route =>
    ({ method, pattern: `/__emulator${path}`, kind: "inspect", handler });
  return [
    route("GET", "/requests", (ctx) => ({ status: 200, body: { lastSeq: ctx.emulator.log.lastSeq, requests: ctx.emulator.log.since(since(ctx)) } })),
    route("GET", "/counts", (ctx) => ({
      status: 200,
      body: { lastSeq: ctx.emulator.log.lastSeq, inFlight: ctx.emulator.inFlight, tokensIssued: ctx.emulator.clients.tokensIssued, routes: ctx.emulator.log.counts(since(ctx)), statuses: ctx.emulator.log.statuses(since(ctx)) },
    })),
    route("GET", "/services", services),
    route("GET", "/secret-digests", secretDigests),
    route("POST", "/raw-services", addRawService),
    route("GET", "/faults", (ctx) => ({ status: 200, body: ctx.emulator.faults.current })),
    route("PUT", "/faults", (ctx) => { ctx.emulator.faults.set((ctx.body ?? {}) as FaultConfig); return { status: 204 }; }),
    route("DELETE", "/faults", (ctx) => { ctx.emulator.faults.clear(); return { status: 204 }; }),
    route("GET", "/settings", (ctx) => ({ status: 200, body: { ...ctx.emulator.settings, tokenLifetimeSeconds: ctx.emulator.clients.tokenLifetimeSeconds } })),
    route("PUT", "/settings", (ctx) => {
      const { tokenLifetimeSeconds, ...rest } = (ctx.body ?? {}) as Record<string, unknown>;
      const problems = settingsProblems((ctx.body ?? {}) as Record<string, unknown>);
      if (problems.length) throw badRequest(`Invalid settings: ${problems.join("; ")}`, problems.map((p) => ({ subject: p.split(":")[0], description: p })));
      Object.assign(ctx.emulator.settings, rest);
      if ("rateLimit" in rest) ctx.emulator.rateLimiter.clear();
      if (tokenLifetimeSeconds !== undefined) ctx.emulator.clients.tokenLifetimeSeconds = tokenLifetimeSeconds as number;
      return { status: 204 };
    }),
    route("PUT", "/servicenow", (ctx) => {
      ctx.emulator.servicenow.refuse = Boolean((ctx.body as { refuse?: boolean } | undefined)?.refuse);
      return { status: 204 };
    }),
    route("POST", "/jobs/{id}/approve", (ctx) => { approveJob(ctx.emulator, ctx.params.id); return { status: 204 }; }),
    route("GET", "/servicenow/incidents", (ctx) => ({ status: 200, body: ctx.emulator.servicenow.incidents })),
    route("POST", "/reset", (ctx) => {
      ctx.emulator.store.reset();
      ctx.emulator.log.clear();
      ctx.emulator.faults.clear();
      ctx.emulator.rateLimiter.clear();
      ctx.emulator.servicenow.reset();
      Object.assign(ctx.emulator.settings, ctx.emulator.initialSettings);
      return { status: 204 };
    }),
  ];
}
