/**
 * The `hpecom` resource provider plugin: the package's schema, and the dynamic provider's runtime
 * core (provider/runtime/provider.ts) behind the plugin interface of @pulumi/pulumi/provider. Both
 * faces run the same check, diff, create, read, update and delete; this file only translates
 * the wire (type tokens, URNs, secrets) and serves the data source as an invoke.
 */
import type { ServiceInputs } from "../provider/runtime/inputs";
import { configureConnection, defaultClient, provider as core, ServiceOutputs } from "../provider/runtime/provider";
import { configFailures, diffConfig } from "../provider/provider-config";
import { InitializationFailure } from "../provider/runtime/post-deploy-test";
import { listServices } from "../provider/service-listing";
import { failureMessage } from "../provider/failure-message";
import { PLUGIN_EXTERNAL_SERVICE_TYPE } from "../provider/type-token";
import { revealed, withSecrets } from "./secrets";
import type { PluginProvider } from "./server";

import schema from "./schema.json";

const SCHEMA_TEXT = JSON.stringify(schema);

const GET_EXTERNAL_SERVICES = "hpecom:index:getExternalServices";

function requireExternalService(urn: string): void {
  const type = urn.split("::")[2];
  if (type !== PLUGIN_EXTERNAL_SERVICE_TYPE) throw new Error(`hpecom: unknown resource type ${type}`);
}

/**
 * Outputs as the plugin's state keeps them: secrets wrapped, and without the default connection
 * the core records for the dynamic face (the engine keeps each provider's configuration itself).
 */
function stateOf<T extends object>(outs: T): T {
  const { defaultConnection: _recorded, ...rest } = outs as T & { defaultConnection?: unknown };
  return withSecrets(rest as T);
}

/** An initialization failure keeps the service in state: its properties go back with their secrets wrapped. */
async function wrapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof InitializationFailure) throw new InitializationFailure(err.id, stateOf(err.properties), err.reasons);
    throw err;
  }
}

export function pluginProvider(version: string): PluginProvider {
  return {
    version,
    schema: SCHEMA_TEXT,

    async checkConfig(_olds, news) {
      return { inputs: news, failures: configFailures(revealed(news)) };
    },

    async diffConfig(olds, news) {
      return diffConfig(revealed(olds), revealed(news));
    },

    configure(config) {
      configureConnection((key) => config[key]);
    },

    async check(urn, olds, news) {
      requireExternalService(urn);
      const result = await core.check!(revealed(olds) as ServiceInputs, revealed(news) as ServiceInputs);
      return { inputs: withSecrets(result.inputs ?? revealed(news)), failures: result.failures ? [...result.failures] : [] };
    },

    async diff(_id, urn, olds, news) {
      requireExternalService(urn);
      return core.diff!(_id, revealed(olds) as ServiceOutputs, revealed(news) as ServiceInputs);
    },

    async create(urn, inputs) {
      requireExternalService(urn);
      const result = await wrapped(() => core.create!(revealed(inputs) as ServiceInputs));
      return { id: result.id, outs: result.outs && stateOf(result.outs) };
    },

    async read(id, urn, props) {
      requireExternalService(urn);
      // An import reads with no properties at all: the service is looked up by id alone.
      const result = await core.read(id, revealed(props ?? {}) as ServiceOutputs);
      return { id: result.id, props: result.props && stateOf(result.props), inputs: result.inputs && withSecrets(result.inputs) };
    },

    async update(id, urn, olds, news) {
      requireExternalService(urn);
      const result = await wrapped(() => core.update!(id, revealed(olds) as ServiceOutputs, revealed(news) as ServiceInputs));
      return { outs: result.outs && stateOf(result.outs) };
    },

    async delete(id, urn, props) {
      requireExternalService(urn);
      await core.delete!(id, revealed(props) as ServiceOutputs);
    },

    async invoke(token, inputs) {
      if (token !== GET_EXTERNAL_SERVICES) throw new Error(`hpecom: unknown function ${token}`);
      const { filter, tenantAcid } = revealed(inputs) as { filter?: string; tenantAcid?: string };
      try {
        return { outputs: await listServices(defaultClient(tenantAcid), filter) };
      } catch (err) {
        throw new Error(`hpecom: getExternalServices failed: ${failureMessage(err)}`);
      }
    },
  };
}
