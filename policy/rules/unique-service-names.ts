import { fail, isUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import type { ServiceProps } from "./service-props";

export interface NamedService { urn: string; props: ServiceProps }

/** No two services of a stack share a name in one tenant: the API would reject the second. */
export function uniqueServiceNames(services: NamedService[]): RuleOutcome {
  const byKey = new Map<string, string[]>();
  const pending: string[] = [];
  for (const { urn, props } of services) {
    if (isUnknown(props.name) || isUnknown(props.tenantAcid)) {
      pending.push(urn);
      continue;
    }
    const key = JSON.stringify([props.tenantAcid ?? null, props.name]);
    byKey.set(key, [...(byKey.get(key) ?? []), urn]);
  }
  const violations = [...byKey.entries()].filter(([, urns]) => urns.length > 1).map(([key, urns]) => {
    const [tenant, name] = JSON.parse(key) as [string | null, string];
    const resources = urns.map((u) => u.split("::").pop()).sort().join(", ");
    return `external service name '${name}' is used by ${urns.length} resources (${resources})${tenant ? ` in tenant ${tenant}` : ""}: names must be unique in a workspace`;
  });
  if (violations.length) return fail(...violations);
  return pending.length ? waitFor(...pending) : pass();
}
