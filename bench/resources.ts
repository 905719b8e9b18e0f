/** The variants of one service, as resources: the engine floors, the naive provider, ExternalService, and the plugin (and its floor). */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ExternalService } from "../provider";
import { SECRET_OUTPUTS, serviceProperties, type ExternalServiceArgs } from "../provider/external-service";
import { lazyProvider } from "../provider/lazy-provider";
import { PLUGIN_EXTERNAL_SERVICE_TYPE } from "../provider/type-token";

/** Resolves a compiled bench provider, whether this module runs built or from the sources. */
const built = (name: string) => path.resolve(__dirname, ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? [] : ["..", "dist", "bench"]), "providers", `${name}.js`);

// One provider object per kind, as ExternalService has: the program serializes each provider
// object once, so a new object per resource would cost the floors a serialization each.
const floorProvider = lazyProvider([built("floor")]);
const strictFloorProvider = lazyProvider([built("strict-floor")]);
const ioFloorProvider = lazyProvider([built("io-floor")]);
const naiveProvider = lazyProvider([built("naive")]);

class FloorService extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>) {
    super(floorProvider, name, props, {}, "hpecom-bench", "Floor");
  }
}

/**
 * The dynamic face's floors: ExternalService's properties and options, through a provider that
 * does no I/O (the strict floor) or only the requests each operation needs (the I/O floor).
 */
class StrictFloorService extends pulumi.dynamic.Resource {
  constructor(name: string, args: ExternalServiceArgs, withIo = false) {
    super(withIo ? ioFloorProvider : strictFloorProvider, name, serviceProperties(args, undefined), { additionalSecretOutputs: SECRET_OUTPUTS }, "hpecom-bench", withIo ? "IoFloor" : "StrictFloor");
  }
}

class NaiveService extends pulumi.dynamic.Resource {
  declare readonly generation: pulumi.Output<number>;
  constructor(name: string, props: Record<string, unknown>) {
    super(naiveProvider, name, { ...props, generation: undefined }, {}, "hpecom-bench", "Naive");
  }
}

/** The same service through the provider plugin (bin/pulumi-resource-hpecom): no closure is serialized per resource. */
class PluginService extends pulumi.CustomResource {
  constructor(name: string, props: Record<string, unknown>) {
    super(PLUGIN_EXTERNAL_SERVICE_TYPE, name, { ...props, generation: undefined }, {});
  }
}

/**
 * `plugin-floor` and `plugin-io-floor` run the same program as `plugin`; bench/stack.ts gives
 * their engine the plugin of providers/plugin-floor.ts (no I/O) or plugin-io-floor.ts.
 */
export type Variant = "floor" | "strict-floor" | "io-floor" | "naive" | "hpecom" | "plugin" | "plugin-floor" | "plugin-io-floor";

/** A program of `n` DSCC services through `variant`, with the given description. */
export function program(variant: Variant, n: number, description: () => string) {
  return async () => {
    for (let i = 0; i < n; i++) {
      const props = {
        name: `bench-${i}`,
        serviceType: "DSCC" as const,
        description: description(),
        authentication: { clientId: `client-${i}`, clientSecret: "bench-dscc-secret" },
        serviceData: { region: "us-west" },
      };
      if (variant === "floor") new FloorService(`s${i}`, props);
      else if (variant === "strict-floor" || variant === "io-floor") new StrictFloorService(`s${i}`, { ...props, postDeployTest: false }, variant === "io-floor");
      else if (variant === "naive") new NaiveService(`s${i}`, props);
      else if (variant.startsWith("plugin")) new PluginService(`s${i}`, { ...props, authentication: pulumi.secret(props.authentication), postDeployTest: false });
      else new ExternalService(`s${i}`, { ...props, postDeployTest: false });
    }
  };
}
