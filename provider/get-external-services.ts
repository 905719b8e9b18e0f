import * as pulumi from "@pulumi/pulumi";
import { ComConfigurationError, Filter } from "../sdk";
import {
  clientFor, ConnectionSettings, DISABLE_DEFAULT_CONNECTION, defaultConnectionDisabled, connectionIssues, resolveSettings,
} from "./connection";
import type { Connection, ConnectionOption } from "./explicit-connection";
import { GetExternalServicesResult, listServices } from "./service-listing";
export type { ExternalServiceInfo, GetExternalServicesResult, UnmodelledServiceInfo } from "./service-listing";
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
  const issues = connectionIssues(settings);
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
    return await listServices(com, args.filter);
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
