/**
 * One probe per row of docs/api-assumptions.md that can be observed without a vCenter: what
 * the server does, and whether the client's assumption holds. Probes create only DSCC and
 * SERVICE_NOW services, named with the target's prefix, and record each id for clean-up.
 */
import { z } from "zod";
import { ComApiError, ComClient, ExternalService, isModelled } from "../../sdk";

export interface ProbeContext {
  com: ComClient;
  prefix: string;
  /** Ids of everything created, deleted after the run whatever happens. */
  created: string[];
}

export interface Probe {
  /** The ledger row's id. */
  id: string;
  run(ctx: ProbeContext): Promise<{ observed: unknown; holds: boolean }>;
}

const COLLECTION = "/compute-ops-mgmt/v1beta1/external-services";

/** A request whose answer is kept whatever its status. */
async function answer(com: ComClient, req: Parameters<ComClient["request"]>[0]): Promise<{ status: number; data?: unknown; errorCode?: string }> {
  try {
    const res = await com.request<unknown>({ ...req, schema: undefined });
    return { status: res.status };
  } catch (err) {
    if (err instanceof ComApiError) return { status: err.httpStatusCode, errorCode: err.errorCode };
    throw err;
  }
}

async function dscc(ctx: ProbeContext, suffix: string, extra: Record<string, unknown> = {}): Promise<ExternalService> {
  const s = await ctx.com.externalServices.create({
    name: `${ctx.prefix}-${suffix}`, serviceType: "DSCC", authentication: { clientId: "conformance", clientSecret: "conformance-secret" },
    serviceData: { region: "us-west" }, ...extra,
  });
  ctx.created.push(s.id);
  return s;
}

async function snow(ctx: ProbeContext, suffix: string, extra: Record<string, unknown> = {}, scope: Record<string, unknown> = {}): Promise<ExternalService> {
  const s = await ctx.com.externalServices.create({
    name: `${ctx.prefix}-${suffix}`, serviceType: "SERVICE_NOW",
    authentication: { clientId: "conformance", clientSecret: "conformance-secret", refreshToken: "conformance-refresh" },
    serviceData: {
      oauthUrl: "https://conformance.invalid/oauth_token.do", incidentUrl: "https://conformance.invalid/api/now/import/u_conformance",
      refreshTokenExpiryInDays: 150, incidentCreationScope: { serviceEventIssues: true, ...scope },
    },
    ...extra,
  }, { wait: false });
  ctx.created.push(s.id);
  return s;
}

/** A body exactly as the server sent it, unparsed by the sdk's schemas. */
const rawGet = async (com: ComClient, path: string, query: Record<string, string | number> = {}) =>
  (await com.request({ method: "GET", path, query, schema: z.record(z.string(), z.unknown()) })).data;

export const PROBES: Probe[] = [
  {
    id: "duplicate-status",
    async run(ctx) {
      await dscc(ctx, "dup");
      const err = await dscc(ctx, "dup").then(() => undefined, (e) => e);
      const observed = err instanceof ComApiError ? { status: err.httpStatusCode, errorCode: err.errorCode } : { status: "created twice" };
      return { observed, holds: err instanceof ComApiError && err.isDuplicate };
    },
  },
  {
    id: "filter-support",
    async run(ctx) {
      const byName = await answer(ctx.com, { method: "GET", path: COLLECTION, query: { filter: `name eq '${ctx.prefix}-dup'`, limit: 5 } });
      const byType = await answer(ctx.com, { method: "GET", path: COLLECTION, query: { filter: "serviceType eq 'DSCC'", limit: 5 } });
      return { observed: { nameFilterStatus: byName.status, serviceTypeFilterStatus: byType.status }, holds: byType.status === 200 };
    },
  },
  {
    id: "paging",
    async run(ctx) {
      const page = await rawGet(ctx.com, COLLECTION);
      const shape = ["offset", "count", "total"].every((k) => typeof page[k] === "number") && Array.isArray(page.items);
      return { observed: { offset: page.offset, count: page.count, total: page.total }, holds: shape };
    },
  },
  {
    id: "unmodelled-types",
    async run(ctx) {
      const all = await ctx.com.externalServices.list().toArray();
      const others = [...new Set(all.filter((s) => !isModelled(s)).map((s) => s.serviceType))];
      return { observed: { services: all.length, unmodelledTypes: others }, holds: true };
    },
  },
  {
    id: "secrets-masked",
    async run(ctx) {
      const s = await snow(ctx, "masked");
      const body = await rawGet(ctx.com, `${COLLECTION}/${s.id}`);
      const auth = body.authentication as Record<string, unknown>;
      return { observed: { clientSecret: auth.clientSecret, refreshToken: auth.refreshToken }, holds: auth.clientSecret !== "conformance-secret" && auth.refreshToken !== "conformance-refresh" };
    },
  },
  {
    id: "scope-shape",
    async run(ctx) {
      const s = await snow(ctx, "scope", {}, { criticalEventIssues: true });
      const data = (await rawGet(ctx.com, `${COLLECTION}/${s.id}`)).serviceData as Record<string, unknown>;
      const nested = typeof data.incidentCreationScope === "object";
      return { observed: { nested, flat: "criticalEventIssues" in data }, holds: nested || "criticalEventIssues" in data };
    },
  },
  {
    id: "health-notification",
    async run(ctx) {
      const scopeOf = (s: ExternalService) => (s.serviceType === "SERVICE_NOW" ? s.serviceData.incidentCreationScope : {}) as { healthNotification?: boolean };
      const sent = scopeOf(await snow(ctx, "health", {}, { healthNotification: true }));
      const notSent = scopeOf(await snow(ctx, "no-health"));
      return {
        observed: { sent: sent.healthNotification, whenNotSent: notSent.healthNotification ?? "absent" },
        holds: sent.healthNotification === true,
      };
    },
  },
  {
    id: "generation",
    async run(ctx) {
      const s = await dscc(ctx, "generation");
      const updated = await ctx.com.externalServices.update(s.id, { description: "conformance" });
      return { observed: { created: s.generation, afterOnePatch: updated.generation }, holds: s.generation === 1 && updated.generation === 2 };
    },
  },
  {
    id: "masked-secret-in-patch",
    async run(ctx) {
      const s = await dscc(ctx, "masked-patch");
      const res = await answer(ctx.com, {
        method: "PATCH", path: `${COLLECTION}/${s.id}`, contentType: "application/merge-patch+json",
        body: { authentication: { clientId: "conformance", clientSecret: "**********" } },
      });
      return { observed: res, holds: true };
    },
  },
  {
    id: "patch-field-groups",
    async run(ctx) {
      const s = await snow(ctx, "groups");
      const lone = await answer(ctx.com, {
        method: "PATCH", path: `${COLLECTION}/${s.id}`, contentType: "application/merge-patch+json", body: { authentication: { refreshToken: "rotated" } },
      });
      const whole = await answer(ctx.com, {
        method: "PATCH", path: `${COLLECTION}/${s.id}`, contentType: "application/merge-patch+json",
        body: { authentication: { clientId: "conformance", clientSecret: "conformance-secret", refreshToken: "rotated" } },
      });
      return { observed: { refreshTokenAlone: lone.status, wholeGroup: whole.status }, holds: whole.status === 200 };
    },
  },
  {
    id: "test-content-type",
    async run(ctx) {
      const s = await dscc(ctx, "content-type");
      const res = await answer(ctx.com, { method: "POST", path: `${COLLECTION}/${s.id}/test`, body: {}, retryClass: "create" });
      return { observed: { withJson: res.status }, holds: res.status === 202 };
    },
  },
  {
    id: "test-disabled",
    async run(ctx) {
      const s = await snow(ctx, "disabled", { state: "DISABLED" });
      const res = await answer(ctx.com, { method: "POST", path: `${COLLECTION}/${s.id}/test`, body: {}, retryClass: "create" });
      return { observed: { disabledServiceNowTest: res.status, errorCode: res.errorCode }, holds: true };
    },
  },
  {
    id: "test-outcome",
    async run(ctx) {
      const s = await dscc(ctx, "test");
      const result = await ctx.com.externalServices.test(s.id, { timeoutMs: 60_000 });
      return { observed: result, holds: result.status !== "TIMED_OUT" };
    },
  },
  {
    id: "activity-order",
    async run(ctx) {
      const page = await rawGet(ctx.com, "/compute-ops-mgmt/v1beta2/activities", { limit: 20 });
      const times = (page.items as { createdAt: string }[]).map((a) => Date.parse(a.createdAt));
      const newestFirst = times.every((t, i) => i === 0 || t <= times[i - 1]);
      return { observed: { items: times.length, newestFirst }, holds: newestFirst };
    },
  },
];
