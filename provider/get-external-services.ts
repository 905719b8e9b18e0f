import * as pulumi from "@pulumi/pulumi";
import { ExternalService as ApiService, Filter, visibleAuthentication } from "../sdk";
import { clientFor, resolveSettings } from "./connection";

export interface GetExternalServicesArgs {
  /** An OData filter, e.g. `hpecom.filter.eq("serviceType", "VMWARE_VCENTER")`. */
  filter?: Filter | string;
  /** Look in this tenant of an MSP workspace. */
  tenantAcid?: string;
}

// Key remapping, not Omit: Omit over the API's open (index-signature) types would lose every known field.
type WithoutSecrets<T> = T extends unknown
  ? { [K in keyof T as K extends "authentication" ? never : K]: T[K] } & { authentication: Record<string, unknown> }
  : never;

/** An external service as the data source returns it: no secret fields at all. Narrow on `serviceType` for its `serviceData`. */
export type ExternalServiceInfo = WithoutSecrets<ApiService>;

export interface GetExternalServicesResult {
  items: ExternalServiceInfo[];
}

/** Reads existing external services (for example, ones managed elsewhere) with the stack's connection. */
export async function getExternalServices(args: GetExternalServicesArgs = {}): Promise<GetExternalServicesResult> {
  const settings = resolveSettings((key) => pulumi.runtime.getConfig(`hpecom:${key}`));
  const com = clientFor(settings, args.tenantAcid);
  const items = await com.externalServices.list({ filter: args.filter }).toArray();
  return {
    items: items.map((s) => ({ ...s, authentication: visibleAuthentication(s.authentication) }) as ExternalServiceInfo),
  };
}

/** `getExternalServices` as an Output, for use with other Outputs. */
export function getExternalServicesOutput(args: pulumi.Input<GetExternalServicesArgs> = {}): pulumi.Output<GetExternalServicesResult> {
  return pulumi.output(args).apply((a) => getExternalServices(a as GetExternalServicesArgs));
}
