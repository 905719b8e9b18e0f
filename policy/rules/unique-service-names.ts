import { workspaceKey } from "../../sdk";
import { fail, isUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import type { ServiceProps } from "./service-props";

export interface NamedService { urn: string; props: ServiceProps }

/**
 * No two services of a stack share a name in one workspace (connection and tenant): the API
 * would reject the second. Resources without a connection share the stack's default one.
 */
export function uniqueServiceNames(services: NamedService[]): RuleOutcome {
  const byKey = new Map<string, string[]>();
  const pending: string[] = [];
  for (const { urn, props } of services) {
    if (isUnknown(props.name) || isUnknown(props.tenantAcid) || isUnknown(props.connection)) {
      pending.push(urn);
      continue;
    }
    const connection = (props.connection ?? {}) as { endpoint?: string; region?: string; tenantAcid?: string };
    const tenant = (props.tenantAcid as string | undefined) ?? connection.tenantAcid;
    const key = JSON.stringify([workspaceKey({ ...connection, tenantAcid: tenant }), tenant ?? null, props.name]);
    byKey.set(key, [...(byKey.get(key) ?? []), urn]);
  }
  const violations = [...byKey.entries()].filter(([, urns]) => urns.length > 1).map(([key, urns]) => {
    const [, tenant, name] = JSON.parse(key) as [string, string | null, string];
    const resources = urns.map((u) => u.split("::").pop()).sort().join(", ");
    return `external service name '${name}' is used by ${urns.length} resources (${resources})${tenant ? ` in tenant ${tenant}` : ""}: names must be unique in a workspace`;
  });
  if (violations.length) return fail(...violations);
  return pending.length ? waitFor(...pending) : pass();
}
