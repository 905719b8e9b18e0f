/**
 * `hpecom.Connection`: one COM workspace (a region or an endpoint, an API client, optionally a
 * tenant), given to resources and data-source calls the way `{ provider }` is given in other
 * Pulumi providers. Dynamic providers cannot have provider resources, so a connection travels
 * with each resource as its `connection` input, secret as a whole: the client secret is
 * encrypted in state like any other credential, and never part of the serialized provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Region } from "../sdk";
import type { ConnectionSettings } from "./connection";

export interface ConnectionArgs {
  /** A COM region (us-west, eu-central, ap-northeast); or give `endpoint`. */
  region?: pulumi.Input<Region>;
  /** An explicit base URL (wins over `region`), e.g. a local emulator. */
  endpoint?: pulumi.Input<string>;
  /** The API client's id and secret (OAuth2 client credentials). */
  clientId: pulumi.Input<string>;
  clientSecret: pulumi.Input<string>;
  /** The token endpoint (default: GreenLake's). */
  tokenUrl?: pulumi.Input<string>;
  /** Act in this tenant of an MSP workspace (a resource's own `tenantAcid` wins). */
  tenantAcid?: pulumi.Input<string>;
  /** A PEM file of extra certificate authorities to trust, read where the provider runs. */
  caBundleFile?: pulumi.Input<string>;
  /** How long a delete waits for its DeleteVCenter job (an approval policy can hold it), in seconds; default 120. */
  jobTimeoutSeconds?: pulumi.Input<number>;
  /** Warn this many days before a ServiceNow refresh token expires (0–365; default 30). */
  refreshTokenWarningDays?: pulumi.Input<number>;
}

export class Connection {
  /** What the provider receives: every given field, as one secret. */
  readonly settings: pulumi.Output<ConnectionSettings>;

  constructor(args: ConnectionArgs) {
    this.settings = pulumi.secret(pulumi.output(args).apply((a) =>
      // Settings travel as text, as stack config does.
      Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)])) as ConnectionSettings));
  }

  static isInstance(obj: unknown): obj is Connection {
    return obj instanceof Connection;
  }
}

/** Options of a resource or data-source call that may name its connection. */
export interface ConnectionOption {
  /** The workspace this belongs to; the stack's default connection (`hpecom:*` config) when left out. */
  connection?: Connection;
}
