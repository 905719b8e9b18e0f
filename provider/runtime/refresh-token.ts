/**
 * When a ServiceNow integration's refresh token expires. The API says for how many days a token
 * is valid (`serviceData.refreshTokenExpiryInDays`) but not when it was issued, so the provider
 * counts from what it knows: the program's `refreshTokenIssuedAt`, else the moment the provider
 * last sent the token (create, adoption, or an update that changed it). A token set outside
 * Pulumi (an imported service) has no such moment: its expiry is unknown, and said to be.
 */
import { quoted } from "../../sdk";
import type { ServiceInputs } from "./inputs";

const DAY_MS = 86_400_000;

/** The warning window's rule (`hpecom:refreshTokenWarningDays`): its bounds and default. */
export const REFRESH_TOKEN_WARNING_DAYS = { min: 0, max: 365, default: 30 } as const;

/** The rule of `refreshTokenIssuedAt`, as check reports it and the schema describes it. */
export const ISSUED_AT_RULE = "must be an ISO 8601 date-time with a time zone, e.g. 2026-06-01T09:00:00Z, not in the future";

/** What the provider records about the token beyond the inputs (a type, not an interface: state is an open record). */
export type RefreshTokenRecord = {
  /** When the provider last sent the refresh token to the API. */
  refreshTokenSentAt?: string;
  /** When the token expires: (`refreshTokenIssuedAt` ?? `refreshTokenSentAt`) + `refreshTokenExpiryInDays`. */
  refreshTokenExpiresAt?: string;
};

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `value` is an ISO 8601 date-time with a zone, no later than `now`. */
export function validIssuedAt(value: unknown, now = Date.now()): boolean {
  // An impossible date (2026-13-01) parses to NaN, which is no earlier than anything.
  return typeof value === "string" && ISO_8601.test(value) && Date.parse(value) <= now;
}

const validityDays = (inputs: Pick<ServiceInputs, "serviceData">) => {
  const days = inputs.serviceData?.refreshTokenExpiryInDays;
  // Number.isFinite is true of finite numbers only (no coercion).
  return Number.isFinite(days) ? (days as number) : undefined;
};

/**
 * The record after a deployment: `sent` says whether this deployment sent a new refresh token.
 * Only SERVICE_NOW services have one.
 */
export function tokenRecord(inputs: ServiceInputs, previous: RefreshTokenRecord, sent: boolean, now = Date.now()): RefreshTokenRecord {
  if (inputs.serviceType !== "SERVICE_NOW") return {};
  const refreshTokenSentAt = sent ? new Date(now).toISOString() : previous.refreshTokenSentAt;
  const from = inputs.refreshTokenIssuedAt ?? refreshTokenSentAt;
  const days = validityDays(inputs);
  const record: RefreshTokenRecord = {};
  if (refreshTokenSentAt) record.refreshTokenSentAt = refreshTokenSentAt;
  if (from && days !== undefined) record.refreshTokenExpiresAt = new Date(Date.parse(from) + days * DAY_MS).toISOString();
  return record;
}

/** Whether an update that goes from `olds` to `news` sends a new refresh token. */
export const sendsNewToken = (olds: Partial<ServiceInputs>, news: ServiceInputs) =>
  news.authentication.refreshToken !== undefined && olds.authentication?.refreshToken !== news.authentication.refreshToken;

/**
 * The latest a token can expire when nobody knows when it was set: a token changes only by an
 * update, which moves `updatedAt` (docs/api-assumptions.md, `token-updated-at`), so it was set no
 * later than the service's last update.
 */
export function latestExpiry(service: { serviceType?: string; serviceData?: Record<string, unknown>; updatedAt?: string }): string | undefined {
  const days = service.serviceType === "SERVICE_NOW" ? validityDays(service as Pick<ServiceInputs, "serviceData">) : undefined;
  if (days === undefined || !service.updatedAt || Number.isNaN(Date.parse(service.updatedAt))) return undefined;
  return new Date(Date.parse(service.updatedAt) + days * DAY_MS).toISOString();
}

/** When a token expires: exactly (the provider knows when it was set or issued), or at the latest. */
export interface TokenExpiry { at: string; exact: boolean }

/** A service in state: its exact expiry when recorded, else the latest it can be. */
export function expiryOf(outs: RefreshTokenRecord & { serviceType?: string; serviceData?: Record<string, unknown>; updatedAt?: string }): TokenExpiry | undefined {
  if (outs.refreshTokenExpiresAt) return { at: outs.refreshTokenExpiresAt, exact: true };
  const latest = latestExpiry(outs);
  return latest ? { at: latest, exact: false } : undefined;
}

/** The expiry of the token `inputs` hold, given what the state recorded (the token's record, the service's last update). */
export function expiryAfter(inputs: ServiceInputs, state: RefreshTokenRecord & { updatedAt?: string }, sent = false): TokenExpiry | undefined {
  return expiryOf({ serviceType: inputs.serviceType, serviceData: inputs.serviceData, updatedAt: state.updatedAt, ...tokenRecord(inputs, state, sent) });
}

export type TokenNotice = { expired: boolean; message: string };

const day = (iso: string) => iso.slice(0, 10);

/**
 * What to tell the user about a token that expires at `expiry`: that it has expired, that it
 * expires within `windowDays`, or nothing.
 */
export function tokenNotice(name: string, expiry: TokenExpiry | undefined, windowDays: number, now = Date.now()): TokenNotice | undefined {
  if (!expiry) return undefined;
  const left = (Date.parse(expiry.at) - now) / DAY_MS;
  const what = `the ServiceNow refresh token of external service ${quoted(name)}`;
  const unknown = expiry.exact ? "" : " (it was set outside Pulumi, so this is the latest date the service's last update allows)";
  const rotate = "rotate authentication.refreshToken (and give refreshTokenIssuedAt its new issue time, if you set it)";
  if (left <= 0) {
    return { expired: true, message: `${what} expired ${expiry.exact ? "on" : "on or before"} ${day(expiry.at)}${unknown}: COM can no longer file incidents; ${rotate}` };
  }
  if (left <= windowDays) {
    return { expired: false, message: `${what} expires ${expiry.exact ? "on" : "on or before"} ${day(expiry.at)}, in ${Math.ceil(left)} day(s)${expiry.exact ? "" : " or less"}${unknown} (warning window ${windowDays} days); ${rotate}` };
  }
  return undefined;
}

/** The warning window from its setting: the default when unset. */
export function warningDays(setting: string | undefined): number | undefined {
  if (setting === undefined) return REFRESH_TOKEN_WARNING_DAYS.default;
  const days = Number(setting);
  // Digits only: a whole number, never below the minimum, 0.
  return /^\d+$/.test(setting) && days <= REFRESH_TOKEN_WARNING_DAYS.max ? days : undefined;
}
