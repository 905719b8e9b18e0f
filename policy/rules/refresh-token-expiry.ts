import { REFRESH_TOKEN_WARNING_DAYS, tokenNotice, tokenRecord } from "../../provider/runtime/refresh-token";
import type { ServiceInputs } from "../../provider/runtime/inputs";
import { fail, isUnknown, pass, RuleOutcome } from "./outcome";
import type { NamedService } from "./unique-service-names";

export interface RefreshTokenExpiryConfig {
  /** Report a token that expires within this many days (default: the provider's warning window). */
  days?: number;
}

/**
 * A ServiceNow refresh token that expires within the window, or has expired, is reported with
 * the provider's own words. The expiry is the one in state (`refreshTokenExpiresAt`, what the
 * provider recorded), else the program's `refreshTokenIssuedAt` plus the validity days; a
 * service with neither is not judged (its token was set outside Pulumi).
 */
export function refreshTokenExpiry(services: NamedService[], config: RefreshTokenExpiryConfig, now = Date.now()): RuleOutcome {
  const days = config.days ?? REFRESH_TOKEN_WARNING_DAYS.default;
  const violations: string[] = [];
  for (const { urn, props } of services) {
    if (props.serviceType !== "SERVICE_NOW" || isUnknown(props.name)) continue;
    const recorded = (props as { refreshTokenExpiresAt?: unknown }).refreshTokenExpiresAt;
    const issuedAt = (props as { refreshTokenIssuedAt?: unknown }).refreshTokenIssuedAt;
    const expiresAt = typeof recorded === "string" && !isUnknown(recorded) ? recorded
      : typeof issuedAt === "string" && !isUnknown(issuedAt) ? tokenRecord(props as unknown as ServiceInputs, {}, false).refreshTokenExpiresAt : undefined;
    const notice = tokenNotice(String(props.name), expiresAt ? { at: expiresAt, exact: true } : undefined, days, now);
    if (notice) violations.push(`${urn.split("::").pop()}: ${notice.message}`);
  }
  return violations.length ? fail(...violations) : pass();
}
