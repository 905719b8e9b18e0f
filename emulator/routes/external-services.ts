/** The six external-services operations, under both API prefixes. */
import { randomUUID } from "node:crypto";
import type { Reply, RequestContext, Route } from "../context";
import { badRequest, duplicate, notFound } from "../http-error";
import { applyMergePatch } from "../merge-patch";
import { page, SERVICE_LIMITS } from "../paging";
import { MASK } from "../request-log";
import type { ServiceRecord } from "../store";
import { AnswerShape, SEED_ANSWER_SHAPE } from "../settings";
import { patchFieldIssues, SECRET_FIELDS, SERVER_FILLED_FIELDS, validateService, WRITABLE_FIELDS } from "../validation";
import { runConnectionTest } from "./connection-test";
import { requireContentType } from "./content-type";

export const PREFIXES = ["/compute-ops-mgmt", "/compute-ops"];
export const DELETE_VCENTER_JOB_TEMPLATE = "3f06fd6b-dfb1-4bad-bd04-939951797e97";

/** The only property the reference lists as filterable for external services. */
const FILTERABLE = ["serviceType"];

/**
 * "When updating the VMware vCenter external service, provide the following attributes"
 * (seed, "Partially update"): every vCenter PATCH carries these.
 */
const VCENTER_PATCH_GROUP = [
  "name", "serviceData.vCenterUrl", "serviceData.associatedGatewayUri", "serviceData.vCenterCertFingerprint",
  "authentication.username", "authentication.password",
];

/** Secrets masked as the seed's examples show them, or left out (setting `secretsInAnswers`). */
function hideSecrets(auth: Record<string, unknown>, how: AnswerShape["secretsInAnswers"]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(auth).flatMap(([k, v]) =>
    !SECRET_FIELDS.includes(k) ? [[k, v]] : how === "masked" ? [[k, MASK]] : []));
}

/**
 * The scope as the seed's GET example shows it (nested in `incidentCreationScope`) or as the
 * public client library reads it (the same keys flat in `serviceData`): setting `scopeShape`.
 * The seed's create and PATCH answers show no scope: setting `writeAnswerScope`.
 */
function shapeScope(serviceData: Record<string, unknown>, shape: AnswerShape, answers: "read" | "write"): Record<string, unknown> {
  const { incidentCreationScope, ...rest } = serviceData;
  if (incidentCreationScope === undefined) return serviceData;
  if (answers === "write" && shape.writeAnswerScope === "omitted") return rest;
  if (shape.scopeShape === "nested") return serviceData;
  return { ...rest, ...(incidentCreationScope as Record<string, unknown>) };
}

/** The value the server fills in for each of SERVER_FILLED_FIELDS. */
const FILLED_VALUE: Record<string, (s: ServiceRecord) => unknown> = {
  emulatorServerField: () => "filled in by the server",
  vCenterVersion: () => "8.0.2",
  vCenterAlternateName: (s) => `${s.name}.alt`,
};

/** What COM fills in itself (setting `serverFilledFields`; docs/api-assumptions.md, `server-filled-fields`). */
function serverFilled(s: ServiceRecord): { top: Record<string, unknown>; serviceData: Record<string, unknown> } {
  const fill = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, FILLED_VALUE[name](s)]));
  return { top: fill(SERVER_FILLED_FIELDS.top), serviceData: fill(SERVER_FILLED_FIELDS.serviceData[s.serviceType]) };
}

/**
 * The resource as the API returns it to a read or a write: secrets hidden, links under the
 * request's prefix, in the answer shape the settings give (the inspection routes keep the seed's).
 */
export function render(s: ServiceRecord, prefix: string, shape: AnswerShape = SEED_ANSWER_SHAPE, answers: "read" | "write" = "read"): Record<string, unknown> {
  const server = {
    id: s.id,
    type: `${prefix.slice(1)}/external-service`,
    resourceUri: `${prefix}/v1beta1/external-services/${s.id}`,
    generation: s.generation,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
  if (s.raw) {
    // A service stored as given (a type this emulator does not model): the given fields, with
    // the server's own ones filled in where it lacked them.
    const auth = s.raw.authentication;
    return { status: "ENABLED", state: "ENABLED", ...s.raw, ...server, ...(auth && typeof auth === "object" ? { authentication: hideSecrets(auth as Record<string, unknown>, shape.secretsInAnswers) } : {}) };
  }
  const filled = shape.serverFilledFields === "included" ? serverFilled(s) : { top: {}, serviceData: {} };
  return {
    ...server,
    ...filled.top,
    name: s.name,
    serviceType: s.serviceType,
    authenticationType: s.authenticationType,
    description: s.description,
    state: s.state,
    status: Date.now() < s.enabledAfter ? "SUSPENDED" : "ENABLED",
    authentication: hideSecrets(s.authentication, shape.secretsInAnswers),
    serviceData: { ...shapeScope(s.serviceData, shape, answers), ...filled.serviceData },
  };
}

const services = (ctx: RequestContext) => ctx.emulator.store.workspace(ctx.workspaceId).services;

function find(ctx: RequestContext): ServiceRecord {
  // Own properties only: an id such as `constructor` must not find the prototype's.
  const all = services(ctx);
  const s = Object.hasOwn(all, ctx.params.id) ? all[ctx.params.id] : undefined;
  if (!s) throw notFound(`External service '${ctx.params.id}' not found`);
  return s;
}

/** A name is unique in the workspace, or only among services of its type (setting `nameScope`). */
function assertUniqueName(ctx: RequestContext, name: string, serviceType: string, exceptId?: string): void {
  const perType = ctx.emulator.settings.nameScope === "service-type";
  const clash = Object.values(services(ctx)).find((s) => s.name === name && s.id !== exceptId && (!perType || s.serviceType === serviceType));
  if (clash) throw duplicate(ctx.emulator.settings.duplicateStatus, `An external service named '${name}' already exists (id ${clash.id})`);
}

function list(ctx: RequestContext): Reply {
  const all = Object.values(services(ctx))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((s) => render(s, ctx.prefix, ctx.emulator.settings));
  const { filterMode, listTotal } = ctx.emulator.settings;
  return { status: 200, body: page(all, ctx.query, { filterable: FILTERABLE, mode: filterMode, limits: SERVICE_LIMITS, total: listTotal }) };
}

const at = (obj: unknown, path: string) => path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), obj);

/** The field groups a PATCH must carry (seed, "Partially update"; docs/api-assumptions.md, `patch-field-groups`). */
function patchGroupIssues(existing: ServiceRecord, patch: Record<string, unknown>, vcenterGroup: "required" | "optional"): { subject: string; description: string }[] {
  const issues: { subject: string; description: string }[] = [];
  if (existing.serviceType === "VMWARE_VCENTER" && vcenterGroup === "required") {
    for (const field of VCENTER_PATCH_GROUP) {
      if (at(patch, field) === undefined || at(patch, field) === null) issues.push({ subject: field, description: "is required in every VMWARE_VCENTER update" });
    }
  }
  const auth = patch.authentication as Record<string, unknown> | undefined;
  if (auth && typeof auth === "object" && auth.refreshToken !== undefined) {
    for (const key of ["clientId", "clientSecret"]) {
      if (auth[key] === undefined) issues.push({ subject: `authentication.${key}`, description: "is required when authentication.refreshToken is updated" });
    }
  }
  return issues;
}

function create(ctx: RequestContext): Reply {
  requireContentType(ctx, "application/json");
  // HPE's create page lists `description` as required (string or null); the seed calls it optional.
  if (ctx.emulator.settings.createDescription === "required" && (typeof ctx.body !== "object" || ctx.body === null || !("description" in ctx.body))) {
    throw badRequest("Invalid external service: description is required (it may be null)", [{ subject: "description", description: "is required (it may be null)" }]);
  }
  const fields = validateService(ctx.body, ctx.emulator.settings.nameMaxLength);
  assertUniqueName(ctx, fields.name, fields.serviceType);
  const now = new Date().toISOString();
  const record: ServiceRecord = {
    ...fields,
    id: randomUUID(),
    status: "ENABLED",
    generation: 1,
    createdAt: now,
    updatedAt: now,
    enabledAfter: Date.now() + ctx.emulator.settings.activationDelayMs,
  };
  services(ctx)[record.id] = record;
  ctx.emulator.store.save();
  return { status: 201, body: render(record, ctx.prefix, ctx.emulator.settings, "write") };
}

function update(ctx: RequestContext): Reply {
  requireContentType(ctx, "application/merge-patch+json");
  const existing = find(ctx);
  const patch = ctx.body;
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
    throw badRequest("A merge patch must be a JSON object", [{ subject: "body", description: "must be a JSON object" }]);
  }
  if (existing.raw) throw badRequest(`External service '${existing.id}' is of type '${String(existing.raw.serviceType)}', which this emulator cannot update`);
  const issues = [
    ...patchGroupIssues(existing, patch as Record<string, unknown>, ctx.emulator.settings.vcenterPatchGroup),
    ...patchFieldIssues(existing.serviceType, patch as Record<string, unknown>),
  ];
  for (const [key, value] of Object.entries(patch)) {
    if (key === "serviceType" || key === "authenticationType") {
      if (value !== existing[key]) issues.push({ subject: key, description: "cannot be changed; create a new external service instead" });
    } else if (!WRITABLE_FIELDS.includes(key) && !issues.some((i) => i.subject === key)) {
      issues.push({ subject: key, description: "is not a writable field of an external service" });
    }
  }
  if (issues.length) throw badRequest(`Invalid patch: ${issues.map((i) => `${i.subject} ${i.description}`).join("; ")}`, issues);

  // A masked secret sent back (as the reference's own PATCH example does) means "unchanged".
  const effective = JSON.parse(JSON.stringify(patch)) as Record<string, unknown>;
  const auth = effective.authentication as Record<string, unknown> | undefined;
  if (auth && typeof auth === "object") {
    for (const key of SECRET_FIELDS) if (auth[key] === MASK) delete auth[key];
  }
  const current = {
    name: existing.name,
    serviceType: existing.serviceType,
    authenticationType: existing.authenticationType,
    description: existing.description,
    state: existing.state,
    authentication: existing.authentication,
    serviceData: existing.serviceData,
  };
  const fields = validateService(applyMergePatch(current, effective), ctx.emulator.settings.nameMaxLength);
  if (fields.name !== existing.name) assertUniqueName(ctx, fields.name, fields.serviceType, existing.id);
  Object.assign(existing, fields, { generation: existing.generation + 1, updatedAt: new Date().toISOString() });
  ctx.emulator.store.save();
  return { status: 200, body: render(existing, ctx.prefix, ctx.emulator.settings, "write") };
}

function remove(ctx: RequestContext): Reply {
  const existing = find(ctx);
  if (existing.serviceType === "VMWARE_VCENTER") {
    throw badRequest(`A VMWARE_VCENTER external service cannot be deleted directly: run the DeleteVCenter job ` +
      `(POST /compute-ops-mgmt/v1/jobs with jobTemplate ${DELETE_VCENTER_JOB_TEMPLATE})`,
    [{ subject: "id", description: "is a VMWARE_VCENTER service; delete it through the DeleteVCenter job" }]);
  }
  delete services(ctx)[existing.id];
  ctx.emulator.store.save();
  return { status: 204 };
}

function test(ctx: RequestContext): Reply {
  // The seed's example sends no body and no Content-Type. 415 is documented, so a body (or a
  // declared type) must be JSON; the public client library sends {}. The test takes no fields.
  if (ctx.body !== undefined || ctx.headers["content-type"] !== undefined) requireContentType(ctx, "application/json");
  if (ctx.body !== undefined && (typeof ctx.body !== "object" || ctx.body === null || Array.isArray(ctx.body) || Object.keys(ctx.body).length > 0)) {
    throw badRequest("The test takes no parameters: send no body, or {}", [{ subject: "body", description: "must be empty or {}" }]);
  }
  const existing = find(ctx);
  if (existing.raw || existing.serviceType === "VMWARE_VCENTER") {
    throw badRequest(`${existing.raw ? String(existing.raw.serviceType) : "VMWARE_VCENTER"} external services have no connectivity test`,
      [{ subject: "serviceType", description: "has no connectivity test" }]);
  }
  // "This endpoint is available even if the configured [DSCC] integration is disabled": by
  // implication, not for a disabled ServiceNow integration.
  if (existing.serviceType === "SERVICE_NOW" && existing.state === "DISABLED") {
    throw badRequest("A DISABLED ServiceNow external service cannot be tested: enable it first",
      [{ subject: "state", description: "is DISABLED; a ServiceNow integration is tested only while ENABLED" }]);
  }
  // The answer comes first; the outcome is recorded later as an activity, as the API does.
  void runConnectionTest(ctx.emulator, ctx.workspaceId, existing, ctx.prefix);
  return { status: 202 };
}

export function externalServiceRoutes(): Route[] {
  return PREFIXES.flatMap((prefix): Route[] => {
    const base = `${prefix}/v1beta1/external-services`;
    const withPrefix = (h: (ctx: RequestContext) => Reply) => (ctx: RequestContext) => h({ ...ctx, prefix });
    return [
      { method: "GET", pattern: base, kind: "com", handler: withPrefix(list) },
      { method: "POST", pattern: base, kind: "com", handler: withPrefix(create) },
      { method: "GET", pattern: `${base}/{id}`, kind: "com", handler: withPrefix((ctx) => ({ status: 200, body: render(find(ctx), prefix, ctx.emulator.settings) })) },
      { method: "PATCH", pattern: `${base}/{id}`, kind: "com", handler: withPrefix(update) },
      { method: "DELETE", pattern: `${base}/{id}`, kind: "com", handler: withPrefix(remove) },
      { method: "POST", pattern: `${base}/{id}/test`, kind: "com", handler: withPrefix(test) },
    ];
  });
}
