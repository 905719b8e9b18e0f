/**
 * Validation of an external service as the emulator stores it, written from the API
 * reference (independently of sdk/). Every failure names the field it concerns.
 */
import { badRequest } from "./http-error";
import { DEFAULT_SCOPE, isValidScopeRow, Scope, SCOPE_KEYS } from "./scope-table";

export const SERVICE_TYPES = ["SERVICE_NOW", "DSCC", "VMWARE_VCENTER"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** The authentication type the reference pairs with each service type. */
export const AUTH_TYPE_OF: Record<ServiceType, "OAUTH" | "BASIC"> = {
  SERVICE_NOW: "OAUTH",
  DSCC: "OAUTH",
  VMWARE_VCENTER: "BASIC",
};

/** The fields of `authentication` and `serviceData` each service type requires. */
const REQUIRED: Record<ServiceType, { authentication: string[]; serviceData: string[] }> = {
  SERVICE_NOW: { authentication: ["clientId", "clientSecret", "refreshToken"], serviceData: ["oauthUrl", "incidentUrl"] },
  DSCC: { authentication: ["clientId", "clientSecret"], serviceData: ["region"] },
  VMWARE_VCENTER: {
    authentication: ["username", "password"],
    serviceData: ["vCenterUrl", "associatedGatewayUri", "vCenterCertFingerprint"],
  },
};

/** "healthNotification is not part of the event notification set and may be set independently." */
const HEALTH_NOTIFICATION = "healthNotification";

const OPTIONAL_SERVICE_DATA: Record<ServiceType, string[]> = {
  SERVICE_NOW: ["refreshTokenExpiryInDays", "incidentCreationScope", ...SCOPE_KEYS, HEALTH_NOTIFICATION],
  DSCC: [],
  VMWARE_VCENTER: [],
};

/**
 * Fields COM fills in itself, which answers carry under setting `serverFilledFields` and a write
 * may not name: vCenter's two the public client displays, and one standing in for the undocumented rest.
 */
export const SERVER_FILLED_FIELDS = {
  top: ["emulatorServerField"],
  serviceData: { SERVICE_NOW: ["emulatorServerField"], DSCC: ["emulatorServerField"], VMWARE_VCENTER: ["vCenterVersion", "vCenterAlternateName", "emulatorServerField"] },
} as const;

/**
 * What a merge patch names under `authentication` and `serviceData` must be a field of the
 * type, even as a null (a null for a field the server fills in would erase its data).
 */
export function patchFieldIssues(type: ServiceType, patch: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const allowed = { authentication: REQUIRED[type].authentication, serviceData: [...REQUIRED[type].serviceData, ...OPTIONAL_SERVICE_DATA[type]] };
  for (const group of ["authentication", "serviceData"] as const) {
    const given = patch[group];
    if (!isObject(given)) continue;
    for (const key of Object.keys(given)) {
      const serverFilled = group === "serviceData" && (SERVER_FILLED_FIELDS.serviceData[type] as readonly string[]).includes(key);
      if (serverFilled) issues.push({ subject: `${group}.${key}`, description: "is filled in by the server and cannot be written" });
      else if (!allowed[group].includes(key)) issues.push({ subject: `${group}.${key}`, description: `is not a field of ${type} ${group}` });
    }
  }
  for (const key of SERVER_FILLED_FIELDS.top) {
    if (key in patch) issues.push({ subject: key, description: "is filled in by the server and cannot be written" });
  }
  return issues;
}

/** Fields a client may write; everything else in a body is rejected. */
export const WRITABLE_FIELDS = ["name", "serviceType", "authenticationType", "description", "state", "authentication", "serviceData"];

/** Secret fields: stored, used, never returned. */
export const SECRET_FIELDS = ["clientSecret", "refreshToken", "password"];

export interface StoredFields {
  name: string;
  serviceType: ServiceType;
  authenticationType: "OAUTH" | "BASIC";
  description: string | null;
  state: "ENABLED" | "DISABLED";
  authentication: Record<string, string>;
  serviceData: Record<string, unknown>;
}

export type Issue = { subject: string; description: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Checks a complete body (a create, or the result of applying a patch), folds flat scope keys
 * into `incidentCreationScope`, fills the documented defaults, and returns the stored form.
 * Throws a 400 listing every issue.
 */
export function validateService(body: unknown, nameMaxLength: number): StoredFields {
  const issues: Issue[] = [];
  const fail = (subject: string, description: string) => issues.push({ subject, description });
  if (!isObject(body)) throw badRequest("Request body must be a JSON object", [{ subject: "body", description: "must be a JSON object" }]);

  for (const key of Object.keys(body)) {
    if (!WRITABLE_FIELDS.includes(key)) fail(key, "is not a writable field of an external service");
  }
  const { name, serviceType, authenticationType, description, state, authentication, serviceData } = body;

  if (typeof name !== "string" || name.trim() === "") fail("name", "is required and must be a non-empty string");
  else if (name.length > nameMaxLength) fail("name", `must be at most ${nameMaxLength} characters`);

  // Only a known service type is used as a key or printed: any other JSON value (an object
  // whose `toString` is not a function, "__proto__") would throw or walk the prototype.
  const known = SERVICE_TYPES.includes(serviceType as ServiceType);
  if (!known) fail("serviceType", `must be one of ${SERVICE_TYPES.join(", ")}`);
  const type = serviceType as ServiceType;
  const expectedAuth = known ? AUTH_TYPE_OF[type] : undefined;
  if (authenticationType !== "OAUTH" && authenticationType !== "BASIC") fail("authenticationType", "must be OAUTH or BASIC");
  else if (expectedAuth && authenticationType !== expectedAuth) {
    fail("authenticationType", `must be ${expectedAuth} for serviceType ${type}`);
  }

  if (description !== undefined && description !== null) {
    if (typeof description !== "string") fail("description", "must be a string or null");
    else if (description.length >= 256) fail("description", "must be shorter than 256 characters");
  }
  if (state !== undefined && state !== "ENABLED" && state !== "DISABLED") fail("state", "must be ENABLED or DISABLED");

  let scope: Scope | undefined;
  if (!isObject(authentication)) fail("authentication", "is required and must be an object");
  if (!isObject(serviceData)) fail("serviceData", "is required and must be an object");
  if (expectedAuth && isObject(authentication)) {
    const required = REQUIRED[type].authentication;
    for (const key of required) {
      if (typeof authentication[key] !== "string" || authentication[key] === "") fail(`authentication.${key}`, `is required for ${type}`);
    }
    for (const key of Object.keys(authentication)) {
      if (!required.includes(key)) fail(`authentication.${key}`, `is not a field of ${type} authentication`);
    }
  }
  if (expectedAuth && isObject(serviceData)) {
    const required = REQUIRED[type].serviceData;
    const allowed = [...required, ...OPTIONAL_SERVICE_DATA[type]];
    for (const key of required) {
      if (typeof serviceData[key] !== "string" || serviceData[key] === "") fail(`serviceData.${key}`, `is required for ${type}`);
    }
    for (const key of Object.keys(serviceData)) {
      if (!allowed.includes(key)) fail(`serviceData.${key}`, `is not a field of ${type} serviceData`);
    }
    if (type === "SERVICE_NOW") {
      for (const key of ["oauthUrl", "incidentUrl"]) {
        if (typeof serviceData[key] === "string" && !/^https?:\/\/[^\s/]+/.test(serviceData[key] as string)) {
          fail(`serviceData.${key}`, "must be an http(s) URL");
        }
      }
      const days = serviceData.refreshTokenExpiryInDays;
      if (days !== undefined && (!Number.isInteger(days) || (days as number) < 100 || (days as number) > 365)) {
        fail("serviceData.refreshTokenExpiryInDays", "must be an integer from 100 to 365");
      }
      scope = readScope(serviceData, fail);
    }
    if (type === "VMWARE_VCENTER" && typeof serviceData.vCenterCertFingerprint === "string") {
      const hex = serviceData.vCenterCertFingerprint.replace(/:/g, "");
      if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
        fail("serviceData.vCenterCertFingerprint", "must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed");
      }
    }
  }

  if (issues.length) {
    throw badRequest(`Invalid external service: ${issues.map((i) => `${i.subject} ${i.description}`).join("; ")}`, issues);
  }

  const data: Record<string, unknown> = { ...(serviceData as Record<string, unknown>) };
  if (type === "SERVICE_NOW") {
    for (const key of [...SCOPE_KEYS, HEALTH_NOTIFICATION]) delete data[key];
    data.incidentCreationScope = scope;
  }
  if (type === "VMWARE_VCENTER") {
    data.vCenterCertFingerprint = (data.vCenterCertFingerprint as string).replace(/:/g, "").toLowerCase();
  }
  return {
    name: name as string,
    serviceType: type,
    authenticationType: authenticationType as "OAUTH" | "BASIC",
    description: (description as string | null | undefined) ?? null,
    state: (state as "ENABLED" | "DISABLED" | undefined) ?? "ENABLED",
    authentication: authentication as Record<string, string>,
    serviceData: data,
  };
}

/** Reads the scope from the nested object or from flat serviceData keys, and checks it. */
function readScope(serviceData: Record<string, unknown>, fail: (s: string, d: string) => void): Scope & { healthNotification?: boolean } {
  const nested = serviceData.incidentCreationScope;
  if (nested !== undefined && nested !== null && !isObject(nested)) {
    fail("serviceData.incidentCreationScope", "must be an object");
    return DEFAULT_SCOPE;
  }
  const source: Record<string, unknown> = { ...(isObject(nested) ? nested : {}) };
  for (const key of [...SCOPE_KEYS, HEALTH_NOTIFICATION]) if (serviceData[key] !== undefined) source[key] = serviceData[key];
  const scope: Scope & { healthNotification?: boolean } = { ...DEFAULT_SCOPE };
  for (const key of Object.keys(source)) {
    const subject = `serviceData.incidentCreationScope.${key}`;
    const value = source[key];
    if (key === HEALTH_NOTIFICATION) {
      // Outside the table's rule; stored only when sent (the reference gives it no default).
      if (typeof value !== "boolean") fail(subject, "must be a boolean");
      else scope.healthNotification = value;
      continue;
    }
    if (!(SCOPE_KEYS as string[]).includes(key)) { fail(subject, "is not an incident scope field"); continue; }
    if (key === "disconnectedEvent") {
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 3) fail(subject, "must be 0, 1, 2 or 3");
      else scope.disconnectedEvent = value as number;
    } else if (typeof value !== "boolean") {
      fail(subject, "must be a boolean");
    } else {
      (scope as unknown as Record<string, boolean>)[key] = value;
    }
  }
  if (!isValidScopeRow(scope)) {
    fail("serviceData.incidentCreationScope",
      "is not one of the valid combinations of serviceEventIssues, criticalEventIssues, warningEventIssues and utilizationAlerts");
  }
  return scope;
}
