/**
 * The plugin face for TypeScript programs: `ExternalService` and `Provider` served by the hpecom
 * plugin (pulumi-resource-hpecom), as a generated SDK's classes are, without generating one.
 * The plugin must be installed (`pulumi plugin install resource hpecom <version> --file …`, or
 * `plugins:` in Pulumi.yaml). `ExternalService` aliases the dynamic class's type, so a program
 * that switches a service from `hpecom.ExternalService` to `hpecom.plugin.ExternalService` keeps
 * it: no replacement, and no request to the API.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AuthenticationType, ServiceState, ServiceType } from "../sdk";
import type { ConnectionArgs } from "./explicit-connection";
import type { ExternalServiceArgs, LastTest } from "./external-service";
import { EXTERNAL_SERVICE_TYPE, PLUGIN_DOWNLOAD_URL, PLUGIN_EXTERNAL_SERVICE_TYPE } from "./type-token";

/** This package's version, from its manifest: one level up from the sources, two from the build (dist/provider). */
function packageVersion(): string {
  for (const manifest of ["../package.json", "../../package.json"]) {
    try {
      const { name, version } = require(manifest) as { name: string; version: string };
      if (name === "pulumi-hpecom") return version;
    } catch {
      // not at this level
    }
  }
  throw new Error("pulumi-hpecom: package.json not found beside the provider");
}
const version = packageVersion();
/** The plugin version this package goes with, and where the engine finds it when it is missing. */
const pluginOptions = { version, pluginDownloadURL: PLUGIN_DOWNLOAD_URL };

/** A COM workspace as an explicit provider (`pulumi:providers:hpecom`): its resources move with it. */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ConnectionArgs, opts?: pulumi.ResourceOptions) {
    super("hpecom", name, { ...args, clientSecret: pulumi.secret(args.clientSecret) }, { ...pluginOptions, ...opts });
  }
}

/** A ServiceNow, DSCC or VMware vCenter integration, served by the plugin. */
export class ExternalService extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly serviceType: pulumi.Output<ServiceType>;
  declare readonly authenticationType: pulumi.Output<AuthenticationType>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly state: pulumi.Output<ServiceState>;
  declare readonly serviceData: pulumi.Output<Record<string, unknown>>;
  declare readonly tenantAcid: pulumi.Output<string | undefined>;
  declare readonly resourceUri: pulumi.Output<string>;
  declare readonly generation: pulumi.Output<number>;
  declare readonly status: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  declare readonly lastTest: pulumi.Output<LastTest | undefined>;
  declare readonly refreshTokenSentAt: pulumi.Output<string | undefined>;
  declare readonly refreshTokenExpiresAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: ExternalServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(PLUGIN_EXTERNAL_SERVICE_TYPE, name, {
      ...args,
      authentication: pulumi.secret(args.authentication),
      resourceUri: undefined, generation: undefined, status: undefined, createdAt: undefined, updatedAt: undefined, lastTest: undefined,
      refreshTokenSentAt: undefined, refreshTokenExpiresAt: undefined,
    }, { ...pluginOptions, ...opts, aliases: [{ type: EXTERNAL_SERVICE_TYPE }, ...(opts?.aliases ?? [])] });
  }
}
