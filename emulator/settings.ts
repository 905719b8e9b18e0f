/**
 * The emulator's behaviour knobs. The defaults are the strictest faithful reading of the
 * reference; every other value is a plausible behaviour the reference leaves open, each one a
 * row of docs/api-assumptions.md, so the client can be tested against all of them.
 */
import type { RateLimitSetting } from "./rate-limit";

/**
 * What the server does with a filter on a property the reference does not list as filterable
 * (API-NOTES: "it may refuse it or ignore it"): `strict` refuses it with a 400 naming the
 * property, `ignore` answers as if no filter had been given, `lenient` filters on it.
 */
export const FILTER_MODES = ["strict", "ignore", "lenient"] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

/** Changeable at run time through PUT /__emulator/settings. */
export interface Settings {
  /** For how long after create a service reports status SUSPENDED before ENABLED. */
  activationDelayMs: number;
  /** How long after a test's 202 its activity shows in the list (the reference gives no bound): long enough, and the client times out. */
  testResultDelayMs: number;
  /** How long a DeleteVCenter job runs before it completes. */
  jobDurationMs: number;
  /** Makes every DSCC connection test fail. */
  dsccTestFails: boolean;
  /**
   * The status of a create whose name exists. The reference documents no 409 for a create, so
   * 400 (with the duplicate errorCode) is the default; 409 is the other plausible answer.
   */
  duplicateStatus: 400 | 409;
  filterMode: FilterMode;
  /** How a DeleteVCenter job ends: COMPLETE (the vCenter service is deleted), ERROR or STALLED. */
  jobOutcome: "COMPLETE" | "ERROR" | "STALLED";
  /** The request budget per API client (see rate-limit.ts); null: unlimited. */
  rateLimit: RateLimitSetting | null;
  /** The order activities are listed in, which the reference does not give. */
  activityOrder: "newest-first" | "oldest-first";
  /** Where answers put the scope's keys: nested (the seed) or flat in serviceData (the public client library). */
  scopeShape: "nested" | "flat";
  /** Secrets in answers: masked as `**********` (the seed's examples) or left out. */
  secretsInAnswers: "masked" | "omitted";
  /** The scope in the answer to a create or a PATCH: included, or left out as in the seed's examples. */
  writeAnswerScope: "included" | "omitted";
  /**
   * The longest name taken. API-NOTES gives the client library's 100 (its rename bound); its
   * create takes names under 256.
   */
  nameMaxLength: 100 | 255;
  /** Where a name must be unique: in the workspace (default), or only among services of its type. */
  nameScope: "workspace" | "service-type";
  /** List answers with `total` (the seed's example) or without it (HPE's list page marks it optional). */
  listTotal: "included" | "omitted";
  /**
   * Fields COM fills in itself, added to answers: vCenter's `vCenterVersion` and
   * `vCenterAlternateName` (the public client displays them) and, standing in for the ones
   * nobody has documented yet, `emulatorServerField` on every type. A write naming one is refused.
   */
  serverFilledFields: "none" | "included";
  /**
   * How an activity names its source: `resource` ({id, type: the resource type, name,
   * resourceUri}: API-NOTES' first reading) or `category` ({id, type: "External service",
   * displayName, resourceUri}: the public client's reading).
   */
  activitySource: "resource" | "category";
  /** Activities with their `key` (the default) or without one: the reference documents no success field. */
  activityKey: "included" | "omitted";
  /** `description` in a create: optional (the seed) or required, possibly null (HPE's create page). */
  createDescription: "optional" | "required";
  /**
   * What a vCenter PATCH must carry: the seed's whole group (default), or only what changes
   * (the public client sends `{name, state, description}` without credentials).
   */
  vcenterPatchGroup: "required" | "optional";
  /** How a job answer names its target: `resource: {type, id}` with a `name` (HPE's jobs pages) or the request's flat `resourceType`/`resourceId`. */
  jobShape: "resource" | "flat";
  /**
   * The states a job passes through: `pending` (PENDING, then RUNNING: HPE's jobs overview),
   * `running` (RUNNING at once) or `approval` (APPROVAL_PENDING, held until approved through
   * POST /__emulator/jobs/{id}/approve: an approval policy).
   */
  jobProgress: "pending" | "running" | "approval";
  /**
   * The job target type the server takes: HPE's DeleteVCenter page gives
   * `compute-ops-mgmt/external-service`, its job-create page `compute-ops/external-service`.
   */
  jobResourceType: "compute-ops-mgmt/external-service" | "compute-ops/external-service";
}

/** The settings that shape a service in an answer. */
export type AnswerShape = Pick<Settings, "scopeShape" | "secretsInAnswers" | "writeAnswerScope" | "serverFilledFields">;

export const DEFAULT_SETTINGS: Settings = {
  activationDelayMs: 0, testResultDelayMs: 0, jobDurationMs: 0, dsccTestFails: false, duplicateStatus: 400, filterMode: "strict", jobOutcome: "COMPLETE",
  rateLimit: null, activityOrder: "newest-first", scopeShape: "nested", secretsInAnswers: "masked",
  writeAnswerScope: "included", nameMaxLength: 100, nameScope: "workspace", listTotal: "included", serverFilledFields: "none",
  activitySource: "resource", activityKey: "included", createDescription: "optional", vcenterPatchGroup: "required",
  jobShape: "resource", jobProgress: "pending", jobResourceType: "compute-ops-mgmt/external-service",
};

/** Services as the seed shows them: what the inspection routes always answer. */
export const SEED_ANSWER_SHAPE: AnswerShape = { scopeShape: "nested", secretsInAnswers: "masked", writeAnswerScope: "included", serverFilledFields: "none" };

const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const oneOf = (...values: unknown[]) => (v: unknown) => values.includes(v);
const isRateLimit = (v: unknown) => {
  if (v === null) return true;
  const r = v as Partial<RateLimitSetting>;
  return typeof v === "object" && Number.isInteger(r.limit) && r.limit! > 0 && typeof r.windowSeconds === "number" && r.windowSeconds > 0
    && (r.per === undefined || r.per === "client" || r.per === "tenant");
};

/**
 * What each setting accepts, said the way an error names it; `tokenLifetimeSeconds` belongs to
 * the token endpoint (clients.ts) but is set the same way.
 */
const RULES: { [K in keyof Settings | "tokenLifetimeSeconds"]: { accepts: (v: unknown) => boolean; expected: string } } = {
  tokenLifetimeSeconds: { accepts: (v) => isCount(v) && (v as number) > 0, expected: "a whole number of seconds above 0" },
  activationDelayMs: { accepts: isCount, expected: "a whole number of milliseconds" },
  jobDurationMs: { accepts: isCount, expected: "a whole number of milliseconds" },
  testResultDelayMs: { accepts: isCount, expected: "a whole number of milliseconds" },
  dsccTestFails: { accepts: (v) => typeof v === "boolean", expected: "true or false" },
  duplicateStatus: { accepts: oneOf(400, 409), expected: "400 or 409" },
  filterMode: { accepts: oneOf(...FILTER_MODES), expected: FILTER_MODES.join(", ") },
  jobOutcome: { accepts: oneOf("COMPLETE", "ERROR", "STALLED"), expected: "COMPLETE, ERROR or STALLED" },
  rateLimit: { accepts: isRateLimit, expected: "null or {limit, windowSeconds, per?: client | tenant}" },
  activityOrder: { accepts: oneOf("newest-first", "oldest-first"), expected: "newest-first or oldest-first" },
  scopeShape: { accepts: oneOf("nested", "flat"), expected: "nested or flat" },
  secretsInAnswers: { accepts: oneOf("masked", "omitted"), expected: "masked or omitted" },
  writeAnswerScope: { accepts: oneOf("included", "omitted"), expected: "included or omitted" },
  nameMaxLength: { accepts: oneOf(100, 255), expected: "100 or 255" },
  nameScope: { accepts: oneOf("workspace", "service-type"), expected: "workspace or service-type" },
  listTotal: { accepts: oneOf("included", "omitted"), expected: "included or omitted" },
  serverFilledFields: { accepts: oneOf("none", "included"), expected: "none or included" },
  activitySource: { accepts: oneOf("resource", "category"), expected: "resource or category" },
  activityKey: { accepts: oneOf("included", "omitted"), expected: "included or omitted" },
  createDescription: { accepts: oneOf("optional", "required"), expected: "optional or required" },
  vcenterPatchGroup: { accepts: oneOf("required", "optional"), expected: "required or optional" },
  jobShape: { accepts: oneOf("resource", "flat"), expected: "resource or flat" },
  jobProgress: { accepts: oneOf("pending", "running", "approval"), expected: "pending, running or approval" },
  jobResourceType: {
    accepts: oneOf("compute-ops-mgmt/external-service", "compute-ops/external-service"),
    expected: "compute-ops-mgmt/external-service or compute-ops/external-service",
  },
};

/**
 * The problems of a settings change, one line each naming the setting: a typo in a test's
 * setting must fail loudly rather than leave the default in place.
 */
export function settingsProblems(change: Record<string, unknown>): string[] {
  return Object.entries(change).map(([key, value]) => {
    const rule = Object.hasOwn(RULES, key) ? RULES[key as keyof typeof RULES] : undefined;
    if (!rule) return `${key}: not a setting (settings: ${Object.keys(RULES).join(", ")})`;
    return rule.accepts(value) ? "" : `${key}: must be ${rule.expected}`;
  }).filter(Boolean);
}
