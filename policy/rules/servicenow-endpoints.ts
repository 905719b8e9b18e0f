import { isLoopbackHost, REFRESH_TOKEN_EXPIRY_DAYS } from "../../sdk";
import { at, fail, firstUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import { globMatch, ServiceProps } from "./service-props";

export interface ServiceNowEndpointsConfig {
  /** Host patterns the instance must match, e.g. `*.service-now.com`; empty allows any host. */
  allowedHosts?: string[];
  /** Accept http on loopback hosts (the local emulator's ServiceNow stand-in). */
  allowLoopbackHttp?: boolean;
}

/** oauthUrl and incidentUrl use https on one allowed host; the refresh token lives 100-365 days. */
export function servicenowEndpoints(props: ServiceProps, config: ServiceNowEndpointsConfig = {}): RuleOutcome {
  const unknownType = firstUnknown(props, ["serviceType"]);
  if (unknownType) return waitFor(unknownType);
  if (props.serviceType !== "SERVICE_NOW") return pass();
  const unknown = firstUnknown(props, ["serviceData.oauthUrl", "serviceData.incidentUrl", "serviceData.refreshTokenExpiryInDays"]);
  if (unknown) return waitFor(unknown);

  const violations: string[] = [];
  const hosts: string[] = [];
  for (const field of ["oauthUrl", "incidentUrl"]) {
    const raw = at(props, `serviceData.${field}`);
    let url: URL | undefined;
    try {
      url = typeof raw === "string" ? new URL(raw) : undefined;
    } catch { /* reported below */ }
    if (!url) {
      violations.push(`serviceData.${field} must be a URL`);
      continue;
    }
    hosts.push(url.hostname);
    const insecureOk = config.allowLoopbackHttp && url.protocol === "http:" && isLoopbackHost(url.hostname);
    if (url.protocol !== "https:" && !insecureOk) violations.push(`serviceData.${field} must use https`);
    const allowed = config.allowedHosts ?? [];
    if (allowed.length && !allowed.some((p) => globMatch(p, url!.hostname))) {
      violations.push(`serviceData.${field} host ${url.hostname} is not in allowedHosts (${allowed.join(", ")})`);
    }
  }
  if (hosts.length === 2 && hosts[0] !== hosts[1]) {
    violations.push(`serviceData.oauthUrl and serviceData.incidentUrl must be on the same ServiceNow instance (${hosts[0]} ≠ ${hosts[1]})`);
  }
  const days = at(props, "serviceData.refreshTokenExpiryInDays");
  const { min, max } = REFRESH_TOKEN_EXPIRY_DAYS;
  if (days !== undefined && (typeof days !== "number" || !Number.isInteger(days) || days < min || days > max)) {
    violations.push(`serviceData.refreshTokenExpiryInDays must be a whole number from ${min} to ${max}`);
  }
  return violations.length ? fail(...violations) : pass();
}
