/**
 * The resource's inputs as the provider stores them, and the pure functions over them:
 * check (validate and normalise), the API body, and the mapping back from the API.
 */
import {
  AUTHENTICATION_TYPE_FOR, CONTROL_CHARACTERS, ExternalService, ExternalServiceCreate, ExternalServiceCreateInput, issuesOf, modelledFields,
  PatchView, schemas, SECRET_AUTHENTICATION_FIELDS, SERVICE_TYPES, ServiceType, visibleAuthentication,
} from "../../sdk";

import { ConnectionSettings, connectionIssues } from "../connection";
import { ISSUED_AT_RULE, validIssuedAt } from "./refresh-token";

/** Pulumi's marker for a value not known until deployment (preview). */
export { UNKNOWN } from "./wire";
import { UNKNOWN } from "./wire";

/**
 * Inputs whose value is secret. The engine prints the value of a failing top-level property
 * (as `value {…}`), so a failure about one of these as a whole is reported under a name that
 * is not a property key.
 */
const SECRET_INPUTS = new Set(["authentication", "connection"]);

export type PostDeployTestOption = boolean | { timeoutSeconds?: number };
/** The rules of `postDeployTest`, as check reports them and the schema describes them. */
export const POST_DEPLOY_TEST_RULES = {
  shape: "must be true, false or { timeoutSeconds }",
  timeoutSeconds: { min: 1, max: 3600, rule: "must be a whole number of seconds from 1 to 3600" },
} as const;

/**
 * Inputs after check: the sdk's create body as it validated it (defaults filled in, one shape
 * for the three service types), plus the provider's own options.
 */
export type ServiceInputs = Pick<ExternalServiceCreate, "name" | "serviceType" | "authenticationType"> & {
  description?: string;
  state: NonNullable<ExternalServiceCreate["state"]>;
  authentication: Record<string, string>;
  serviceData: Record<string, unknown>;
  tenantAcid?: string;
  /** VMWARE_VCENTER: the vCenter server's UUID for the DeleteVCenter job (default: the service id). Never sent on create or update. */
  vCenterUuid?: string;
  postDeployTest: PostDeployTestOption;
  adopt: boolean;
  /** SERVICE_NOW: when ServiceNow issued the refresh token (ISO 8601); its expiry counts from here, not from when Pulumi sent it. Never sent. */
  refreshTokenIssuedAt?: string;
  /** The workspace's connection (`hpecom.Connection`); the stack's default connection when absent. */
  connection?: ConnectionSettings;
  /**
   * Set by check for one deployment, never by the program: the secret fields whose value this
   * deployment changes (their paths, never their values). The engine shows a secret as `[secret]`
   * on both sides of a change, so without this a secret-only update would show no reason.
   */
  changedSecrets?: string[];
};

/** The fields the API manages, as opposed to the provider's own options. */
export const API_FIELDS = ["name", "serviceType", "authenticationType", "description", "state", "authentication", "serviceData"] as const;
/** Every input field. */
export const INPUT_FIELDS = [...API_FIELDS, "tenantAcid", "vCenterUuid", "postDeployTest", "adopt", "refreshTokenIssuedAt", "connection"] as const;
/** A change of one of these means a new service: the API cannot change them in place. */
export const IMMUTABLE_FIELDS = ["serviceType", "authenticationType"] as const;

export interface CheckFailure { property: string; reason: string }

/**
 * `checked`: the inputs are valid and normalised. Otherwise they are the program's own (with at
 * most `authenticationType` filled in), and either failures name what is wrong or some values
 * are not known yet (preview).
 */
export type CheckOutcome<T> = { checked: true; inputs: ServiceInputs; failures: [] } | { checked: false; inputs: T; failures: CheckFailure[] };

/** Dotted paths of every unknown value in `value`. */
export function unknownPaths(value: unknown, prefix = ""): string[] {
  if (value === UNKNOWN) return [prefix];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => unknownPaths(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * Whether a value unknown at `unknownPath` may decide a rule about `property`: the same path, one
 * inside the other, or either the whole input (the empty path).
 */
export const overlaps = (unknownPath: string, property: string) =>
  unknownPath === property || unknownPath.startsWith(`${property}.`) || property.startsWith(`${unknownPath}.`) || unknownPath === "" || property === "";

/**
 * Validates and normalises new inputs. Each failure names its property path and the rule.
 * A value still unknown during preview is not judged: rules that touch it pass for now and
 * are checked again when the value is known.
 */
export function checkInputs<T extends Record<string, unknown>>(news: T, options: { requireConnection?: boolean } = {}): CheckOutcome<T> {
  const unknowns = unknownPaths(news);
  const failures: CheckFailure[] = [];
  const add = (property: string, reason: string) => {
    if (unknowns.some((u) => overlaps(u, property))) return;
    const value = news[property];
    const hidden = SECRET_INPUTS.has(property) && value !== undefined;
    // The engine prints a failing top-level property's value raw: a terminal escape or a line break would reach the terminal.
    // A list is printed with its items' text, raw too.
    const unprintable = CONTROL_CHARACTERS.test(String(value));
    failures.push({ property: hidden ? `${property} (secret)` : unprintable ? `${property} (not printed: it holds control characters)` : property, reason });
  };

  for (const key of Object.keys(news)) {
    if (!(INPUT_FIELDS as readonly string[]).includes(key) && key !== PROVIDER_KEY) add(key, `is not an input of ExternalService (inputs: ${INPUT_FIELDS.join(", ")})`);
  }
  const { tenantAcid, vCenterUuid, postDeployTest, adopt, refreshTokenIssuedAt, connection } = news;
  if (connection === undefined || connection === null) {
    if (options.requireConnection) {
      add("connection", "is required: the stack sets hpecom:disableDefaultConnection, so give this resource { connection } in its options");
    }
  } else if (typeof connection !== "object" || Object.values(connection).some((v) => typeof v !== "string")) { // (an unknown is a string too)
    add("connection", "must be an hpecom.Connection");
  } else {
    // A field unknown during preview holds the engine's sentinel, a non-empty string: it raises
    // no issue but its own, which `add` drops.
    for (const issue of connectionIssues(connection as ConnectionSettings)) {
      add(`connection.${issue.field}`, issue.rule);
    }
  }
  if (tenantAcid !== undefined && (typeof tenantAcid !== "string" || tenantAcid === "")) add("tenantAcid", "must be a non-empty string");
  if (vCenterUuid !== undefined) {
    if (typeof vCenterUuid !== "string" || vCenterUuid === "") add("vCenterUuid", "must be a non-empty string");
    else if (news.serviceType !== "VMWARE_VCENTER") add("vCenterUuid", "applies to serviceType VMWARE_VCENTER only");
  }
  if (adopt !== undefined && typeof adopt !== "boolean") add("adopt", "must be true or false");
  if (refreshTokenIssuedAt !== undefined) {
    if (!validIssuedAt(refreshTokenIssuedAt)) add("refreshTokenIssuedAt", ISSUED_AT_RULE);
    else if (news.serviceType !== "SERVICE_NOW") add("refreshTokenIssuedAt", "applies to serviceType SERVICE_NOW only");
  }
  if (postDeployTest !== undefined && typeof postDeployTest !== "boolean") {
    const seconds = (postDeployTest as { timeoutSeconds?: unknown } | null)?.timeoutSeconds;
    if (postDeployTest === null || typeof postDeployTest !== "object" || Object.keys(postDeployTest).some((k) => k !== "timeoutSeconds")) {
      add("postDeployTest", POST_DEPLOY_TEST_RULES.shape);
    } else if (seconds !== undefined && (!Number.isInteger(seconds) || (seconds as number) < POST_DEPLOY_TEST_RULES.timeoutSeconds.min || (seconds as number) > POST_DEPLOY_TEST_RULES.timeoutSeconds.max)) {
      add("postDeployTest.timeoutSeconds", POST_DEPLOY_TEST_RULES.timeoutSeconds.rule);
    }
  }

  // An absent field and an undefined one are the same to the schema.
  const api = Object.fromEntries(API_FIELDS.map((key) => [key, news[key]]));
  const parsed = schemas().ExternalServiceCreateSchema.safeParse(api);
  if (!parsed.success) for (const issue of issuesOf(parsed.error)) add(issue.path, issue.message);

  if (failures.length || unknowns.length || !parsed.success) {
    // Keep what the program gave; fill only what follows from a known serviceType.
    const type = news.serviceType as ServiceType;
    const known = news.authenticationType === undefined && SERVICE_TYPES.includes(type);
    return { checked: false, inputs: known ? { ...news, authenticationType: AUTHENTICATION_TYPE_FOR[type] } : news, failures };
  }
  const body = parsed.data;
  const inputs: ServiceInputs = {
    name: body.name,
    serviceType: body.serviceType,
    authenticationType: body.authenticationType,
    state: body.state ?? "ENABLED",
    authentication: body.authentication,
    serviceData: body.serviceData,
    postDeployTest: (postDeployTest as PostDeployTestOption | undefined) ?? true,
    adopt: (adopt as boolean | undefined) ?? false,
  };
  if (body.description !== null) inputs.description = body.description; // the schema's default is null
  if (tenantAcid !== undefined) inputs.tenantAcid = tenantAcid as string;
  if (vCenterUuid !== undefined) inputs.vCenterUuid = vCenterUuid as string;
  if (refreshTokenIssuedAt !== undefined) inputs.refreshTokenIssuedAt = refreshTokenIssuedAt as string;
  if (connection !== undefined && connection !== null) inputs.connection = connection as ConnectionSettings;
  // The dynamic provider adds `__provider` back itself.
  return { checked: true, inputs, failures: [] };
}

/** The key under which the engine passes a dynamic resource's serialized provider. */
const PROVIDER_KEY = "__provider";

/** The paths of the secret fields whose value differs between the last inputs and the new ones. */
export function changedSecretPaths(olds: Partial<ServiceInputs>, news: ServiceInputs): string[] {
  return SECRET_AUTHENTICATION_FIELDS.filter((key) => {
    const before = olds.authentication?.[key];
    return before !== undefined && news.authentication[key] !== undefined && before !== news.authentication[key];
  }).map((key) => `authentication.${key}`);
}

/** The managed fields the API accepts in a PATCH, from the inputs. */
export function patchView(inputs: ServiceInputs): PatchView {
  const view: PatchView = {
    name: inputs.name, state: inputs.state, authentication: inputs.authentication, serviceData: inputs.serviceData,
  };
  if (inputs.description !== undefined) view.description = inputs.description;
  return view;
}

/** The create body, from the inputs (the sdk validates it again before sending). */
export function createBody(inputs: ServiceInputs): ExternalServiceCreateInput {
  return schemas().ExternalServiceCreateSchema.parse({ ...patchView(inputs), serviceType: inputs.serviceType, authenticationType: inputs.authenticationType });
}

/**
 * The service as the API holds it, in the shape of `patchView` (secrets masked), limited to the
 * fields this client models: a field the server fills in is never compared, so never patched away.
 */
export function serverView(service: ExternalService): Record<string, unknown> {
  const view: Record<string, unknown> = {
    // No default for a missing state: the desired state, which always has one, is laid over this view.
    name: service.name, state: service.state,
    authentication: modelledFields(service.serviceType, "authentication", service.authentication),
    serviceData: modelledFields(service.serviceType, "serviceData", service.serviceData),
  };
  if (service.description !== undefined && service.description !== null) view.description = service.description;
  return view;
}

/**
 * Maps the API's view of a service back to inputs: only the fields this client models (one the
 * server fills in is never an input, so never drift). The API never returns secrets, so secret
 * fields keep the values in state: a change to a secret outside Pulumi cannot be seen.
 */
export function inputsFromService(service: ExternalService, previous: Partial<ServiceInputs>): ServiceInputs {
  const authentication = visibleAuthentication(modelledFields(service.serviceType, "authentication", service.authentication));
  for (const key of SECRET_AUTHENTICATION_FIELDS) {
    const old = previous.authentication?.[key];
    if (old !== undefined) authentication[key] = old;
  }
  const inputs: ServiceInputs = {
    name: service.name,
    serviceType: service.serviceType,
    authenticationType: service.authenticationType,
    state: service.state ?? "ENABLED",
    authentication,
    serviceData: modelledFields(service.serviceType, "serviceData", service.serviceData),
    postDeployTest: previous.postDeployTest ?? true,
    adopt: previous.adopt ?? false,
  };
  if (service.description !== undefined && service.description !== null) inputs.description = service.description;
  if (previous.tenantAcid !== undefined) inputs.tenantAcid = previous.tenantAcid;
  if (previous.vCenterUuid !== undefined) inputs.vCenterUuid = previous.vCenterUuid;
  if (previous.refreshTokenIssuedAt !== undefined) inputs.refreshTokenIssuedAt = previous.refreshTokenIssuedAt;
  if (previous.connection !== undefined) inputs.connection = previous.connection;
  return inputs;
}
