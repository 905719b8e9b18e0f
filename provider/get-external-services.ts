import * as pulumi from "@pulumi/pulumi";
import { ExternalService as ApiService, Filter, isModelled, isObject, UnmodelledService, visibleAuthentication } from "../sdk";
import { clientFor, resolveSettings } from "./connection";
import { userError } from "./user-error";

export interface GetExternalServicesArgs {
  /**
   * A filter built with `hpecom.filter`, e.g. `hpecom.filter.eq("serviceType", "VMWARE_VCENTER")`.
   * Any property may be used: COM filters on `serviceType` only, the rest is applied here.
   */
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

/** A service of a type this package does not model (ARUBA_CENTRAL, …): its fields as the API gave them, secrets left out. */
export interface UnmodelledServiceInfo { modelled: false; id: string; name: string; serviceType: string; [field: string]: unknown }

export interface GetExternalServicesResult {
  /** The services of the three modelled types that match. */
  items: ExternalServiceInfo[];
  /** Matching services of other types (or shapes) than this package models, kept apart so that `items` stays typed. */
  unmodelled: UnmodelledServiceInfo[];
}

function unmodelledInfo(s: UnmodelledService): UnmodelledServiceInfo {
  const authentication = isObject(s.raw.authentication) ? visibleAuthentication(s.raw.authentication) : undefined;
  return { ...s.raw, ...(authentication && { authentication }), modelled: false, id: s.id, name: s.name, serviceType: s.serviceType };
}

/** Reads existing external services (for example, ones managed elsewhere) with the stack's connection. */
export async function getExternalServices(args: GetExternalServicesArgs = {}): Promise<GetExternalServicesResult> {
  try {
    const settings = resolveSettings((key) => pulumi.runtime.getConfig(`hpecom:${key}`));
    const com = clientFor(settings, args.tenantAcid);
    const all = await com.externalServices.list({ filter: Filter.revive(args.filter) }).toArray();
    return {
      items: all.filter(isModelled).map((s) => ({ ...s, authentication: visibleAuthentication(s.authentication) }) as ExternalServiceInfo),
      unmodelled: all.filter((s): s is UnmodelledService => !isModelled(s)).map(unmodelledInfo),
    };
  } catch (err) {
    throw userError("getExternalServices", err);
  }
}

/** `getExternalServices` as an Output, for use with other Outputs. */
export function getExternalServicesOutput(args: pulumi.Input<GetExternalServicesArgs> = {}): pulumi.Output<GetExternalServicesResult> {
  // pulumi.output() turns a Filter into a plain object; getExternalServices revives it.
  return pulumi.output(args).apply((a) => getExternalServices(a as GetExternalServicesArgs));
}
