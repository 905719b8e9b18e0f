import * as pulumi from "@pulumi/pulumi";
import { ExternalService as ApiService, Filter, MASKED_SECRET, SECRET_AUTHENTICATION_FIELDS } from "../sdk";
import { clientFor, resolveSettings } from "./connection";

export interface GetExternalServicesArgs {
  /** An OData filter, e.g. `hpecom.filter.eq("serviceType", "VMWARE_VCENTER")`. */
  filter?: Filter | string;
  /** Look in this tenant of an MSP workspace. */
  tenantAcid?: string;
}

/** An external service as the data source returns it: no secret fields at all. */
export type ExternalServiceInfo = Omit<ApiService, "authentication"> & { authentication: Record<string, unknown> };

export interface GetExternalServicesResult {
  items: ExternalServiceInfo[];
}

/** Reads existing external services (for example, ones managed elsewhere) with the stack's connection. */
export async function getExternalServices(args: GetExternalServicesArgs = {}): Promise<GetExternalServicesResult> {
  const settings = resolveSettings((key) => pulumi.runtime.getConfig(`hpecom:${key}`));
  const com = clientFor(settings, args.tenantAcid);
  const items = await com.externalServices.list({ filter: args.filter }).toArray();
  return {
    items: items.map((s) => ({
      ...s,
      authentication: Object.fromEntries(Object.entries(s.authentication)
        .filter(([k, v]) => !(SECRET_AUTHENTICATION_FIELDS as readonly string[]).includes(k) && v !== MASKED_SECRET)),
    })),
  };
}

/** `getExternalServices` as an Output, for use with other Outputs. */
export function getExternalServicesOutput(args: pulumi.Input<GetExternalServicesArgs> = {}): pulumi.Output<GetExternalServicesResult> {
  return pulumi.output(args).apply((a) => getExternalServices(a as GetExternalServicesArgs));
}
