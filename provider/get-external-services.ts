import * as pulumi from "@pulumi/pulumi";
import { ExternalService as ApiService, ComConfigurationError, Filter, isModelled, isObject, UnmodelledService, visibleAuthentication } from "../sdk";
import {
  clientFor, ConnectionSettings, DISABLE_DEFAULT_CONNECTION, defaultConnectionDisabled, explicitConnectionIssues, resolveSettings,
} from "./connection";
import type { Connection, ConnectionOption } from "./explicit-connection";
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

/**
 * A connection's settings, once known. The credentials are only used here, in the program's
 * process; the result holds none of them, so it is not secret.
 */
function settingsOf(connection: Connection): Promise<ConnectionSettings> {
  return new Promise((resolve) => { pulumi.unsecret(connection.settings).apply((s) => { resolve(s); return s; }); });
}

/** The settings of the call's connection, or the stack's default ones unless the stack disabled them. */
async function callSettings(connection: Connection | undefined): Promise<ConnectionSettings> {
  const config = (key: string) => pulumi.runtime.getConfig(key);
  if (!connection) {
    if (defaultConnectionDisabled(config)) {
      throw new ComConfigurationError(`no connection given, and the stack sets ${DISABLE_DEFAULT_CONNECTION.key}: pass { connection } as the call's options`);
    }
    return resolveSettings((key) => config(`hpecom:${key}`));
  }
  const settings = await settingsOf(connection);
  const issues = explicitConnectionIssues(settings);
  if (issues.length) throw new ComConfigurationError(issues.map((i) => `connection.${i.field} ${i.rule}`).join("; "));
  return settings;
}

/**
 * Reads existing external services (for example, ones managed elsewhere) through `connection`,
 * or the stack's default connection. The connection's fields must be known when the program
 * runs (stack config is); with values from other resources, use getExternalServicesOutput.
 */
export async function getExternalServices(args: GetExternalServicesArgs = {}, opts: ConnectionOption = {}): Promise<GetExternalServicesResult> {
  try {
    const com = clientFor(await callSettings(opts.connection), args.tenantAcid);
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
export function getExternalServicesOutput(args: pulumi.Input<GetExternalServicesArgs> = {}, opts: ConnectionOption = {}): pulumi.Output<GetExternalServicesResult> {
  // pulumi.output() turns a Filter into a plain object; getExternalServices revives it. The
  // connection joins in only to wait until it is known: the call reads it itself.
  const ready = opts.connection ? pulumi.unsecret(opts.connection.settings) : pulumi.output(undefined);
  return pulumi.all([pulumi.output(args), ready]).apply(([a]) => getExternalServices(a as GetExternalServicesArgs, opts));
}
