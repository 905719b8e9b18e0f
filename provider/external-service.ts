import * as pulumi from "@pulumi/pulumi";
import type { AuthenticationType, IncidentScope, ServiceState, ServiceType, TestResult } from "../sdk";
import type { ConnectionOption } from "./explicit-connection";
import { providerImplementation } from "./implementation";
import { lazyProvider } from "./lazy-provider";
import { EXTERNAL_SERVICE_TYPE } from "./type-token";

/** Credentials COM uses to reach the external service; the secret fields are always stored as Pulumi secrets. */
export interface ExternalServiceAuthenticationArgs {
  /** SERVICE_NOW and DSCC: the OAuth client id. */
  clientId?: pulumi.Input<string>;
  /** SERVICE_NOW and DSCC: the OAuth client secret. */
  clientSecret?: pulumi.Input<string>;
  /** SERVICE_NOW: the OAuth refresh token. */
  refreshToken?: pulumi.Input<string>;
  /** VMWARE_VCENTER: the vCenter user. */
  username?: pulumi.Input<string>;
  /** VMWARE_VCENTER: the vCenter password. */
  password?: pulumi.Input<string>;
}

/** Service-specific settings; which fields apply depends on `serviceType`. */
export interface ExternalServiceDataArgs {
  /** SERVICE_NOW: the instance's OAuth token URL, e.g. https://acme.service-now.com/oauth_token.do. */
  oauthUrl?: pulumi.Input<string>;
  /** SERVICE_NOW: the import-set API that receives incidents. */
  incidentUrl?: pulumi.Input<string>;
  /** SERVICE_NOW: days until the refresh token expires (100-365). */
  refreshTokenExpiryInDays?: pulumi.Input<number>;
  /** SERVICE_NOW: which events create incidents; see the scope table in README. */
  incidentCreationScope?: pulumi.Input<Partial<pulumi.Unwrap<IncidentScope>>>;
  /** DSCC: the Data Services Cloud Console region, e.g. us-west. */
  region?: pulumi.Input<string>;
  /** VMWARE_VCENTER: the vCenter server's URL or address. */
  vCenterUrl?: pulumi.Input<string>;
  /** VMWARE_VCENTER: the URI of the associated secure gateway appliance. */
  associatedGatewayUri?: pulumi.Input<string>;
  /** VMWARE_VCENTER: the SHA-256 fingerprint of the vCenter certificate (colons optional, any case). */
  vCenterCertFingerprint?: pulumi.Input<string>;
}

/** The arguments of an ExternalService. */
export interface ExternalServiceArgs {
  /** The display name; unique within a workspace (or MSP tenant). */
  name: pulumi.Input<string>;
  serviceType: pulumi.Input<ServiceType>;
  /** Follows from serviceType when left out (OAUTH for SERVICE_NOW and DSCC, BASIC for VMWARE_VCENTER). */
  authenticationType?: pulumi.Input<AuthenticationType>;
  description?: pulumi.Input<string>;
  /** ENABLED (the default) or DISABLED. */
  state?: pulumi.Input<ServiceState>;
  authentication: pulumi.Input<ExternalServiceAuthenticationArgs>;
  serviceData: pulumi.Input<ExternalServiceDataArgs>;
  /** Manage the service in this tenant of an MSP workspace. Changing it replaces the service. */
  tenantAcid?: pulumi.Input<string>;
  /**
   * VMWARE_VCENTER: the vCenter server's UUID as VMware knows it, which the DeleteVCenter job
   * needs. Defaults to the service id (what the public client library sends); never sent on create or update.
   */
  vCenterUuid?: pulumi.Input<string>;
  /** Run the API's connection test after create and relevant updates (default true; no test exists for vCenter). */
  postDeployTest?: pulumi.Input<boolean | { timeoutSeconds?: pulumi.Input<number> }>;
  /** Take over an existing service of this name and type instead of failing with "already exists". */
  adopt?: pulumi.Input<boolean>;
  /**
   * SERVICE_NOW: when ServiceNow issued the refresh token (ISO 8601, e.g. 2026-06-01T09:00:00Z);
   * `refreshTokenExpiresAt` counts from here instead of from when the provider sent the token. Never sent to the API.
   */
  refreshTokenIssuedAt?: pulumi.Input<string>;
}

/** The outcome of the last post-deploy test: PASSED, FAILED, TIMED_OUT, or SKIPPED (a DISABLED ServiceNow integration cannot be tested). */
export type LastTest = TestResult | { status: "SKIPPED"; message: string; at: string };

/** Resource options, with the connection of the workspace the service belongs to. */
export interface ExternalServiceOptions extends pulumi.CustomResourceOptions, ConnectionOption {}

// The serialized provider: module locations only, no credentials, no client, no zod.
const provider = lazyProvider(providerImplementation());

/** Outputs kept secret beyond the authentication: the default connection carries its client secret. */
export const SECRET_OUTPUTS = ["defaultConnection"];

/**
 * The properties an ExternalService registers: its arguments (the authentication always a
 * secret) and every output key, undefined until the provider fills it. bench/resources.ts gives
 * its strict floor the same.
 */
export function serviceProperties(args: ExternalServiceArgs | undefined, connection: unknown): pulumi.Inputs {
  return {
    // A read by `get` fills these from the API; the engine makes outputs only of keys it is given.
    ...(args ?? { name: undefined, serviceType: undefined, authenticationType: undefined, description: undefined, state: undefined, serviceData: undefined, tenantAcid: undefined }),
    // Secret whatever the program passed: state and previews never show credentials.
    authentication: args && pulumi.secret(args.authentication),
    connection,
    resourceUri: undefined,
    generation: undefined,
    status: undefined,
    createdAt: undefined,
    updatedAt: undefined,
    lastTest: undefined,
    refreshTokenSentAt: undefined,
    refreshTokenExpiresAt: undefined,
    // The default connection it was deployed through (see ServiceOutputs): the client secret with it.
    defaultConnection: undefined,
  };
}

/**
 * A ServiceNow, Data Services Cloud Console or VMware vCenter integration of an HPE Compute
 * Ops Management workspace.
 */
export class ExternalService extends pulumi.dynamic.Resource {
  /** The type token policies match on. */
  static readonly __pulumiType = EXTERNAL_SERVICE_TYPE;

  declare readonly name: pulumi.Output<string>;
  declare readonly serviceType: pulumi.Output<ServiceType>;
  declare readonly authenticationType: pulumi.Output<AuthenticationType>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly state: pulumi.Output<ServiceState>;
  declare readonly serviceData: pulumi.Output<Record<string, unknown>>;
  declare readonly tenantAcid: pulumi.Output<string | undefined>;
  /** The service's self link. */
  declare readonly resourceUri: pulumi.Output<string>;
  /** The API's update counter: 1 at creation, +1 on each change. */
  declare readonly generation: pulumi.Output<number>;
  /** ENABLED, or SUSPENDED while the service is not usable. */
  declare readonly status: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  /** The last post-deploy test: status, activityId, message, at. */
  declare readonly lastTest: pulumi.Output<LastTest | undefined>;
  /** SERVICE_NOW: when the provider last sent a new refresh token; absent for a token set outside Pulumi (an imported service). */
  declare readonly refreshTokenSentAt: pulumi.Output<string | undefined>;
  /**
   * SERVICE_NOW: when the refresh token expires, `refreshTokenIssuedAt` (or else
   * `refreshTokenSentAt`) plus `refreshTokenExpiryInDays`; absent when neither is known.
   */
  declare readonly refreshTokenExpiresAt: pulumi.Output<string | undefined>;

  static isInstance(obj: unknown): obj is ExternalService {
    return obj instanceof ExternalService;
  }

  /**
   * Reads an existing service into the program without managing it: its fields (never its
   * secrets) as the API has them, through `connection` or the stack's default one.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: ExternalServiceOptions): ExternalService {
    return new ExternalService(name, undefined, { ...opts, id });
  }

  /** `args` is left out only by `get`, which reads the service with the id in `opts`. */
  constructor(name: string, args: ExternalServiceArgs | undefined, opts?: ExternalServiceOptions) {
    const { connection, ...resourceOptions } = opts ?? {};
    super(provider, name, serviceProperties(args, connection?.settings),
      { ...resourceOptions, additionalSecretOutputs: [...(resourceOptions.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS] }, "hpecom", "ExternalService");
  }
}
