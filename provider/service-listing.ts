/**
 * What getExternalServices returns, whichever face calls it (the program's data source, or the
 * plugin's invoke): the services a filter selects, without a single secret field.
 */
import { latestExpiry } from "./runtime/refresh-token";
import { ComClient, ExternalService as ApiService, Filter, isModelled, isObject, UnmodelledService, visibleAuthentication } from "../sdk";

// Key remapping, not Omit: Omit over the API's open (index-signature) types would lose every known field.
type WithoutSecrets<T> = T extends unknown
  ? { [K in keyof T as K extends "authentication" ? never : K]: T[K] } & { authentication: Record<string, unknown> }
  : never;

/**
 * An external service as the data source returns it: no secret fields at all. Narrow on
 * `serviceType` for its `serviceData`. A SERVICE_NOW service also says the latest its refresh
 * token can expire (the API does not say when a token was issued; see refresh-token.ts).
 */
export type ExternalServiceInfo = WithoutSecrets<ApiService> & { refreshTokenExpiresNoLaterThan?: string };

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

/** Lists the services `filter` selects (COM filters on `serviceType`; the rest is applied here). */
export async function listServices(com: ComClient, filter?: Filter | string): Promise<GetExternalServicesResult> {
  const all = await com.externalServices.list({ filter: Filter.revive(filter) }).toArray();
  return {
    items: all.filter(isModelled).map((s) => {
      const latest = latestExpiry(s);
      return { ...s, authentication: visibleAuthentication(s.authentication), ...(latest && { refreshTokenExpiresNoLaterThan: latest }) } as ExternalServiceInfo;
    }),
    unmodelled: all.filter((s): s is UnmodelledService => !isModelled(s)).map(unmodelledInfo),
  };
}
