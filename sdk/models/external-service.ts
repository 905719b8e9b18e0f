/**
 * External services as this client models them: the service types and their authentication
 * pairing, the fields a request may carry, and the types of request and response bodies. What
 * validates and parses those bodies is ../schemas/external-service.ts (zod); nothing here loads zod.
 */
import { RequestInfo, UnexpectedResponseError } from "../core/errors";
import { quoted } from "../core/quoted";
import { isObject } from "../core/json";
import { schemas } from "../internal/schemas";
import { SCOPE_FIELDS } from "./scope-rules";
import type { ExternalService } from "../schemas/external-service";
export type { ExternalService, ExternalServiceCreate, ExternalServiceCreateInput } from "../schemas/external-service";

export const SERVICE_TYPES = ["SERVICE_NOW", "DSCC", "VMWARE_VCENTER"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export type AuthenticationType = "OAUTH" | "BASIC";
export type ServiceState = "ENABLED" | "DISABLED";

/** The authentication type the API pairs with each service type. */
export const AUTHENTICATION_TYPE_FOR: Readonly<Record<ServiceType, AuthenticationType>> = {
  SERVICE_NOW: "OAUTH",
  DSCC: "OAUTH",
  VMWARE_VCENTER: "BASIC",
};

/** The pairing in words, e.g. "OAUTH for SERVICE_NOW and DSCC, BASIC for VMWARE_VCENTER". */
export const AUTHENTICATION_PAIRING = [...new Set(Object.values(AUTHENTICATION_TYPE_FOR))]
  .map((auth) => `${auth} for ${SERVICE_TYPES.filter((t) => AUTHENTICATION_TYPE_FOR[t] === auth).join(" and ")}`).join(", ");

/** Fields of `authentication` that are secrets: written, never read back. */
export const SECRET_AUTHENTICATION_FIELDS = ["clientSecret", "refreshToken", "password"] as const;

/** How the API returns a secret. */
export const MASKED_SECRET = "**********";

/** The fields of an `authentication` that may be shown: no secret field, no masked value. */
export function visibleAuthentication(authentication: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(authentication).filter(([k, v]) =>
    typeof v === "string" && v !== MASKED_SECRET && !(SECRET_AUTHENTICATION_FIELDS as readonly string[]).includes(k))) as Record<string, string>;
}

/** Writable top-level fields of a PATCH. */
export const PATCHABLE_FIELDS = ["name", "description", "state", "authentication", "serviceData"] as const;

/** Moves flat scope keys of `serviceData` (the client library's shape) into `incidentCreationScope`. */
export function foldScope(serviceData: unknown): unknown {
  if (!isObject(serviceData) || !SCOPE_FIELDS.some((k) => k in serviceData)) return serviceData;
  const { incidentCreationScope, ...rest } = serviceData;
  const scope: Record<string, unknown> = isObject(incidentCreationScope) ? { ...incidentCreationScope } : {};
  for (const key of SCOPE_FIELDS) {
    if (key in rest) {
      scope[key] = rest[key];
      delete rest[key];
    }
  }
  return { ...rest, incidentCreationScope: scope };
}

/** The lifetime the API allows a ServiceNow refresh token (API-NOTES: the client library's bounds). */
export const REFRESH_TOKEN_EXPIRY_DAYS = { min: 100, max: 365 } as const;

/**
 * The longest name the client sends. The client library refuses a new name over 100
 * characters but creates names up to 255 (docs/api-assumptions.md, `field-bounds`): the looser
 * bound is checked here, the server judges the rest.
 */
export const NAME_MAX_LENGTH = 255;

export const SERVICE_STATES = ["ENABLED", "DISABLED"] as const;

/**
 * A service this client does not model: a service type beyond the three (ARUBA_CENTRAL, …) or
 * a body that does not have the documented shape. Reads yield it instead of failing the page.
 */
export interface UnmodelledService {
  modelled: false;
  id: string;
  name: string;
  serviceType: string;
  /** Every field as the API returned it (secrets arrive masked). */
  raw: Record<string, unknown>;
}

export type AnyExternalService = ExternalService | UnmodelledService;

/** Whether a service read from the API is one this client models. */
export function isModelled(service: AnyExternalService): service is ExternalService {
  return (service as Partial<UnmodelledService>).modelled !== false;
}

/** The service, where this client models it; otherwise an UnexpectedResponseError naming its type. */
export function requireModelled(service: AnyExternalService, request?: RequestInfo): ExternalService {
  if (isModelled(service)) return service;
  throw new UnexpectedResponseError(
    `external service ${service.id} (${quoted(service.name)}) is a ${quoted(service.serviceType)} service, which this client does not model`, request);
}

/** Only the fields of `group` this client models for `serviceType`, from what the API answered. */
export function modelledFields(serviceType: ServiceType, group: "authentication" | "serviceData", fields: Record<string, unknown>): Record<string, unknown> {
  const known = schemas().MODELLED_FIELDS[serviceType][group];
  return Object.fromEntries(Object.entries(fields).filter(([k, v]) => known.includes(k) && v !== undefined));
}

/** An RFC 7396 merge patch of an external service. */
export type ExternalServicePatch = Partial<Record<(typeof PATCHABLE_FIELDS)[number], unknown>>;
