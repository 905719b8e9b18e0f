/**
 * One probe per row of docs/api-assumptions.md that can be observed without a vCenter: what
 * the server does, and whether the client's assumption holds. Probes create only DSCC and
 * SERVICE_NOW services, named with the target's prefix, and record each id for clean-up.
 */
import axios from "axios";
import { z } from "zod";
import { ComApiError, ComClient, ExternalService, filter, isAboutService, isModelled } from "../../sdk";
import { MODELLED_FIELDS } from "../../sdk/schemas";
import { checkInputs, inputsFromService } from "../../provider/runtime/inputs";
import { fullPatch } from "../../provider/runtime/patch";
import type { Target } from "./target";

export interface ProbeContext {
  com: ComClient;
  options: Target["options"];
  prefix: string;
  /** Ids of everything created, deleted after the run whatever happens. */
  created: string[];
}

/**
 * A probe either judges (`holds`: what the client relies on is true of what it saw) or, for a
 * row the client handles whichever way the server goes, only records what it saw
 * (`observation: true`): it cannot fail, and says so rather than claiming `holds: true`.
 */
export type Probe = { id: string } & (
  | { observation?: false; run(ctx: ProbeContext): Promise<{ observed: unknown; holds: boolean }> }
  | { observation: true; run(ctx: ProbeContext): Promise<{ observed: unknown }> }
);

const COLLECTION = "/compute-ops-mgmt/v1beta1/external-services";

/** A request whose answer is kept whatever its status. */
async function answer(com: ComClient, req: Parameters<ComClient["request"]>[0]): Promise<{ status: number; headers?: Record<string, string>; errorCode?: string }> {
  try {
    const res = await com.request<unknown>({ ...req, schema: undefined });
    return { status: res.status, headers: res.headers };
  } catch (err) {
    if (err instanceof ComApiError) return { status: err.httpStatusCode, errorCode: err.errorCode };
    throw err;
  }
}

/** A create the sdk's schemas would not send: kept whatever its status, its service recorded for clean-up. */
async function rawCreate(ctx: ProbeContext, body: Record<string, unknown>): Promise<{ status: number; errorCode?: string; data?: Record<string, unknown> }> {
  try {
    const res = await ctx.com.request({ method: "POST", path: COLLECTION, body, retryClass: "create", schema: z.looseObject({ id: z.string() }) });
    ctx.created.push(res.data.id);
    return { status: res.status, data: res.data };
  } catch (err) {
    if (err instanceof ComApiError) return { status: err.httpStatusCode, errorCode: err.errorCode };
    throw err;
  }
}

/** The bodies of the services the probes create: made-up credentials, endpoints that cannot resolve. */
const dsccBody = (name: string) => ({
  name, serviceType: "DSCC" as const, authenticationType: "OAUTH" as const,
  authentication: { clientId: "conformance", clientSecret: "conformance-secret" }, serviceData: { region: "us-west" },
});
const snowBody = (name: string, scope: Record<string, unknown> = {}) => ({
  name, serviceType: "SERVICE_NOW" as const, authenticationType: "OAUTH" as const,
  authentication: { clientId: "conformance", clientSecret: "conformance-secret", refreshToken: "conformance-refresh" },
  serviceData: {
    oauthUrl: "https://conformance.invalid/oauth_token.do", incidentUrl: "https://conformance.invalid/api/now/import/u_conformance",
    refreshTokenExpiryInDays: 150, incidentCreationScope: { serviceEventIssues: true, ...scope },
  },
});

async function dscc(ctx: ProbeContext, suffix: string, extra: Record<string, unknown> = {}, wait?: false): Promise<ExternalService> {
  const s = await ctx.com.externalServices.create({ ...dsccBody(`${ctx.prefix}-${suffix}`), ...extra }, { wait });
  ctx.created.push(s.id);
  return s;
}

async function snow(ctx: ProbeContext, suffix: string, extra: Record<string, unknown> = {}, scope: Record<string, unknown> = {}): Promise<ExternalService> {
  const s = await ctx.com.externalServices.create({ ...snowBody(`${ctx.prefix}-${suffix}`, scope), ...extra }, { wait: false });
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
    id: "name-uniqueness",
    async run(ctx) {
      await dscc(ctx, "shared-name");
      const other = await snow(ctx, "shared-name").then(() => "created", (e) => (e instanceof ComApiError && e.isDuplicate ? "refused as a duplicate" : `refused: ${e}`));
      // Either answer is one the provider handles; any other refusal is not.
      return { observed: { serviceNowNamedLikeADscc: other }, holds: other === "created" || other === "refused as a duplicate" };
    },
  },
  {
    id: "filter-support",
    async run(ctx) {
      // Two services, so that a name filter the server ignores shows as more than one item.
      await dscc(ctx, "filter-a");
      await dscc(ctx, "filter-b");
      const nameFilter = `name eq '${ctx.prefix}-filter-a'`;
      const byName = await answer(ctx.com, { method: "GET", path: COLLECTION, query: { filter: nameFilter, limit: 100 } });
      const byType = await answer(ctx.com, { method: "GET", path: COLLECTION, query: { filter: "serviceType eq 'DSCC'", limit: 5 } });
      const onlyTheNamed = async () => ((await rawGet(ctx.com, COLLECTION, { filter: nameFilter, limit: 100 })).items as { name: string }[])
        .every((i) => i.name === `${ctx.prefix}-filter-a`);
      const nameFilterWas = byName.status !== 200 ? "refused" : (await onlyTheNamed()) ? "applied" : "ignored";
      return { observed: { nameFilterWas, nameFilterStatus: byName.status, serviceTypeFilterStatus: byType.status }, holds: byType.status === 200 };
    },
  },
  {
    id: "paging",
    async run(ctx) {
      await dscc(ctx, "page-a");
      await dscc(ctx, "page-b");
      const page = await rawGet(ctx.com, COLLECTION);
      const present = (k: string) => (typeof page[k] === "number" ? page[k] : "absent");
      // The sdk's paging, one item a page, must find what one large page holds.
      const dsccOnly = { filter: filter.eq("serviceType", "DSCC") };
      const paged = (await ctx.com.externalServices.list({ ...dsccOnly, limit: 1 }).toArray()).map((s) => s.id).sort();
      const whole = (await ctx.com.externalServices.list({ ...dsccOnly, limit: 1000 }).toArray()).map((s) => s.id).sort();
      return {
        observed: { offset: present("offset"), count: present("count"), total: present("total"), pagedOneByOne: paged.length, inOnePage: whole.length },
        holds: Array.isArray(page.items) && paged.length >= 2 && JSON.stringify(paged) === JSON.stringify(whole),
      };
    },
  },
  {
    id: "unmodelled-types",
    async run(ctx) {
      // The listing must not fail on an item the sdk does not model, and every item must be addressable by its id.
      const all = await ctx.com.externalServices.list().toArray();
      const others = [...new Set(all.filter((s) => !isModelled(s)).map((s) => s.serviceType))];
      return { observed: { services: all.length, unmodelledTypes: others }, holds: all.every((s) => typeof s.id === "string" && s.id !== "") };
    },
  },
  {
    id: "secrets-masked",
    async run(ctx) {
      const s = await snow(ctx, "masked");
      const body = await rawGet(ctx.com, `${COLLECTION}/${s.id}`);
      const auth = body.authentication as Record<string, unknown>;
      const shown = (key: string) => (key in auth ? auth[key] : "absent");
      return {
        observed: { clientSecret: shown("clientSecret"), refreshToken: shown("refreshToken") },
        holds: auth.clientSecret !== "conformance-secret" && auth.refreshToken !== "conformance-refresh",
      };
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
    id: "token-updated-at",
    async run(ctx) {
      // What the expiry bound rests on: a new refresh token (the whole authentication group, as
      // the client sends it) moves updatedAt. Within one millisecond of the create a server with
      // millisecond timestamps cannot show it: rotate again, up to three times.
      const s = await snow(ctx, "token-updated-at");
      let updated = s;
      for (let i = 1; i <= 3 && updated.updatedAt === s.updatedAt; i++) {
        updated = await ctx.com.externalServices.update(s.id, { authentication: { clientId: "conformance", clientSecret: "conformance-secret", refreshToken: `conformance-rotated-${i}` } });
      }
      return { observed: { before: s.updatedAt, after: updated.updatedAt }, holds: Date.parse(updated.updatedAt ?? "") > Date.parse(s.updatedAt ?? "") };
    },
  },
  {
    id: "masked-secret-in-patch",
    observation: true,
    async run(ctx) {
      const s = await dscc(ctx, "masked-patch");
      const res = await answer(ctx.com, {
        method: "PATCH", path: `${COLLECTION}/${s.id}`, contentType: "application/merge-patch+json",
        body: { authentication: { clientId: "conformance", clientSecret: "**********" } },
      });
      // The client never sends the mask: it sends the group with the real values from state.
      return { observed: { status: res.status, errorCode: res.errorCode } };
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
      // The seed's request: no body, no Content-Type. Then what the client sends: {} as JSON.
      const bare = await answer(ctx.com, { method: "POST", path: `${COLLECTION}/${s.id}/test`, retryClass: "create" });
      const json = await answer(ctx.com, { method: "POST", path: `${COLLECTION}/${s.id}/test`, body: {}, retryClass: "create" });
      return { observed: { withoutBody: bare.status, withJson: json.status }, holds: json.status === 202 };
    },
  },
  {
    id: "server-filled-fields",
    async run(ctx) {
      const bodies = [dsccBody(`${ctx.prefix}-server-fields`), snowBody(`${ctx.prefix}-server-fields-snow`)];
      const extra: Record<string, string[]> = {};
      let onlyModelledWritten = true;
      for (const body of bodies) {
        const created = await ctx.com.externalServices.create(body, { wait: false });
        ctx.created.push(created.id);
        const read = await ctx.com.externalServices.getModelled(created.id);
        const known = MODELLED_FIELDS[read.serviceType];
        extra[read.serviceType] = Object.keys(read.serviceData).filter((k) => !known.serviceData.includes(k));
        // What the provider would keep as inputs and send after a change outside Pulumi: modelled fields only.
        const desired = checkInputs(body);
        if (!desired.checked) throw new Error(`probe body refused: ${JSON.stringify(desired.failures)}`);
        const kept = inputsFromService(read, desired.inputs).serviceData;
        const sent = fullPatch(read, desired.inputs).serviceData as Record<string, unknown>;
        onlyModelledWritten &&= [...Object.keys(kept), ...Object.keys(sent)].every((k) => known.serviceData.includes(k));
      }
      return { observed: { unmodelledServiceDataFields: extra }, holds: onlyModelledWritten };
    },
  },
  {
    id: "create-description",
    async run(ctx) {
      const { status: without, errorCode } = await rawCreate(ctx, dsccBody(`${ctx.prefix}-no-description`));
      // What the client sends: description null.
      const { status: asNull } = await rawCreate(ctx, { ...dsccBody(`${ctx.prefix}-null-description`), description: null });
      return { observed: { withoutDescription: without, errorCode, descriptionNull: asNull }, holds: asNull === 201 };
    },
  },
  {
    id: "activity-source",
    async run(ctx) {
      const s = await dscc(ctx, "activity-source");
      const result = await ctx.com.externalServices.test(s.id, { timeoutMs: 60_000 });
      const items = (await rawGet(ctx.com, "/compute-ops-mgmt/v1beta2/activities", { filter: `source/id eq '${s.id}'`, limit: 5 })).items as { source?: Record<string, unknown> }[];
      const source = items[0]?.source ?? {};
      return {
        observed: { sourceFields: Object.keys(source).sort(), sourceType: source.type ?? "absent", result: result.status },
        holds: result.status !== "TIMED_OUT" && items.every((a) => isAboutService(a as Parameters<typeof isAboutService>[0], s.id)),
      };
    },
  },
  {
    id: "test-disabled",
    observation: true,
    async run(ctx) {
      const s = await snow(ctx, "disabled", { state: "DISABLED" });
      const res = await answer(ctx.com, { method: "POST", path: `${COLLECTION}/${s.id}/test`, body: {}, retryClass: "create" });
      // The provider skips this test either way; if the API could run it, only the test is lost.
      return { observed: { disabledServiceNowTest: res.status, errorCode: res.errorCode } };
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
    id: "token-lifetime",
    async run(ctx) {
      // Only the lifetime and the type are kept: the token itself never leaves this function.
      const { tokenUrl, clientId, clientSecret } = ctx.options;
      const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }).toString();
      const res = await axios.post(tokenUrl, form, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, validateStatus: () => true });
      const data = (res.data ?? {}) as { expires_in?: unknown; token_type?: unknown };
      return { observed: { status: res.status, expiresIn: data.expires_in ?? "absent", tokenType: data.token_type }, holds: res.status === 200 };
    },
  },
  {
    id: "rate-limit-budget",
    observation: true,
    async run(ctx) {
      const res = await answer(ctx.com, { method: "GET", path: COLLECTION, query: { limit: 1 } });
      const headers = Object.fromEntries(["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"].map((h) => [h, res.headers?.[h] ?? "absent"]));
      // The pacer learns from these headers when they come and holds nothing back when they do not.
      return { observed: { status: res.status, ...headers } };
    },
  },
  {
    id: "status-after-create",
    async run(ctx) {
      const s = await dscc(ctx, "status", {}, false);
      return { observed: { statusRightAfterCreate: s.status }, holds: s.status === "ENABLED" || s.status === "SUSPENDED" };
    },
  },
  {
    id: "field-bounds",
    async run(ctx) {
      const { status: name101 } = await rawCreate(ctx, dsccBody(`${ctx.prefix}-`.padEnd(101, "x")));
      const { status: name256 } = await rawCreate(ctx, dsccBody(`${ctx.prefix}-`.padEnd(256, "y")));
      const { status: description256 } = await rawCreate(ctx, { ...dsccBody(`${ctx.prefix}-long-description`), description: "d".repeat(256) });
      // The sdk refuses a 256-character name or description itself: that holds if the API does too.
      return { observed: { name101, name256, description256 }, holds: name256 === 400 && description256 === 400 };
    },
  },
  {
    id: "unknown-body-fields",
    observation: true,
    async run(ctx) {
      const { status, errorCode } = await rawCreate(ctx, { ...dsccBody(`${ctx.prefix}-unknown-field`), conformanceProbe: true });
      // The sdk's strict schemas never send such a field, whatever the API does with one.
      return { observed: { status, errorCode } };
    },
  },
  {
    id: "activities-filter",
    async run(ctx) {
      const path = "/compute-ops-mgmt/v1beta2/activities";
      const s = await dscc(ctx, "activities-filter");
      // Exactly the filter the sdk's test() sends, built by its own filter builder.
      const sdkFilter = filter.and(filter.eq("source/id", s.id), filter.ge("createdAt", new Date(Date.now() - 3_600_000))).toString();
      const asTheSdkSends = await answer(ctx.com, { method: "GET", path, query: { filter: sdkFilter, limit: 20 } });
      const largest = await answer(ctx.com, { method: "GET", path, query: { limit: 1000 } });
      return {
        observed: { filter: sdkFilter, status: asTheSdkSends.status, limit1000: largest.status },
        holds: asTheSdkSends.status === 200,
      };
    },
  },
  {
    id: "tenant-acid",
    async run(ctx) {
      // A workspace id that cannot exist: an MSP token may not act for it, and any other token may not act for a tenant at all.
      const stranger = new ComClient({ ...ctx.options, tenantAcid: `conformance-not-a-tenant-${ctx.prefix}` });
      const { status, errorCode } = await answer(stranger, { method: "GET", path: COLLECTION, query: { limit: 1 } });
      return { observed: { status, errorCode }, holds: status === 403 || status === 404 };
    },
  },
  {
    id: "list-items-whole",
    async run(ctx) {
      const s = await snow(ctx, "listed", {}, { criticalEventIssues: true });
      const byId = await rawGet(ctx.com, `${COLLECTION}/${s.id}`);
      const listed = ((await rawGet(ctx.com, COLLECTION, { filter: "serviceType eq 'SERVICE_NOW'", limit: 100 })).items as Record<string, unknown>[])
        .find((i) => i.id === s.id) ?? {};
      const fields = (o: Record<string, unknown>) => [...Object.keys(o), ...Object.keys((o.serviceData ?? {}) as object).map((k) => `serviceData.${k}`)].sort();
      const missing = fields(byId).filter((f) => !fields(listed).includes(f));
      return { observed: { fieldsInGetNotInList: missing }, holds: missing.length === 0 };
    },
  },
  {
    id: "scope-in-write-answers",
    async run(ctx) {
      const created = await rawCreate(ctx, snowBody(`${ctx.prefix}-write-answer`, { criticalEventIssues: true }));
      const data = (created.data?.serviceData ?? {}) as Record<string, unknown>;
      const byId = created.data ? (await rawGet(ctx.com, `${COLLECTION}/${String(created.data.id)}`)).serviceData as Record<string, unknown> : {};
      const has = (d: Record<string, unknown>) => "incidentCreationScope" in d || "criticalEventIssues" in d;
      return { observed: { status: created.status, scopeInCreateAnswer: has(data), scopeInGet: has(byId) }, holds: created.status === 201 && has(byId) };
    },
  },
  {
    id: "activity-order",
    async run(ctx) {
      const page = await rawGet(ctx.com, "/compute-ops-mgmt/v1beta2/activities", { limit: 20 });
      const times = (page.items as { createdAt: string }[]).map((a) => Date.parse(a.createdAt));
      const order = times.length < 2 ? "unknown (fewer than two activities)"
        : times.every((t, i) => i === 0 || t <= times[i - 1]) ? "newest first"
          : times.every((t, i) => i === 0 || t >= times[i - 1]) ? "oldest first" : "neither";
      // The client reads either order; a list in neither could give it an old baseline before a test.
      return { observed: { items: times.length, order }, holds: order !== "neither" };
    },
  },
];

/**
 * Why a ledger row has no probe: each reason says what observing it would need, so that a new
 * row must either get a probe or say why it cannot.
 */
export const NOT_PROBED: Record<string, string> = {
  "vcenter-delete-job": "needs a VMWARE_VCENTER service, which needs a vCenter behind a COM gateway; the probes create only DSCC and SERVICE_NOW services",
  "vcenter-direct-delete": "needs a VMWARE_VCENTER service (see vcenter-delete-job)",
  "vcenter-uuid": "needs a VMWARE_VCENTER service and its vCenter's own UUID (see vcenter-delete-job)",
  "job-final-states": "needs a DeleteVCenter job (see vcenter-delete-job)",
  "job-shape": "needs a DeleteVCenter job (see vcenter-delete-job)",
  "job-progress": "needs a DeleteVCenter job, and an approval policy for APPROVAL_PENDING (see vcenter-delete-job)",
  "job-resource-type": "needs a DeleteVCenter job (see vcenter-delete-job); a job sent to learn which value is taken would delete a vCenter integration",
  "name-characters": "a client-side rule: the sdk never sends such a name, and a probe sending one would leave a name no message can show in one line",
  "vcenter-patch-group": "needs a VMWARE_VCENTER service (see vcenter-delete-job)",
  "fingerprint-format": "needs a VMWARE_VCENTER service (see vcenter-delete-job)",
  "rate-limit": "needs a 429, which a probe must not provoke on a shared workspace; rate-limit-budget records the headers",
  "rate-limit-tenants": "needs an MSP API client with two tenants and a spent budget",
  "server-errors": "needs a server failure, which cannot be provoked from outside",
  "create-ambiguous": "needs a create whose answer is lost after the server applied it, which cannot be provoked from outside",
};
