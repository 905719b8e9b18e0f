/**
 * The plugin face's floor: a provider plugin served by the same gRPC server (plugin/server.ts)
 * with the same schema and type token as pulumi-resource-hpecom, that does no I/O. `check`
 * returns the inputs as they came (secrets still wrapped), `diff` compares them with the
 * recorded ones, and create/update record the output keys ExternalService records, with fixed
 * values. What it costs is the engine's, gRPC's and the Node process's share of the plugin face.
 * bench/stack.ts puts a launcher named pulumi-resource-hpecom that runs this file on PATH.
 */
import { serve, PluginProvider } from "../../plugin/server";
import schema from "../../plugin/schema.json";
import { inputsDiffer, inputsOf, RECORDED } from "./recorded";

let created = 0;

export const pluginFloor: PluginProvider = {
  version: "0.0.0-floor",
  schema: JSON.stringify(schema),
  async checkConfig(_olds, news) { return { inputs: news, failures: [] }; },
  async diffConfig() { return { changes: false }; },
  configure() {},
  async check(_urn, _olds, news) { return { inputs: news, failures: [] }; },
  async diff(_id, _urn, olds, news) { return { changes: inputsDiffer(olds, news) }; },
  async create(_urn, inputs) { return { id: `floor-${process.pid}-${++created}`, outs: { ...inputs, ...RECORDED } }; },
  async read(id, _urn, props) { return { id, props, inputs: inputsOf(props) }; },
  async update(_id, _urn, _olds, news) { return { outs: { ...news, ...RECORDED } }; },
  async delete() {},
  async invoke() { return { outputs: { services: [] } }; },
};

if (require.main === module) {
  serve(pluginFloor).catch((err: Error) => {
    console.error(`plugin-floor: ${err.message}`);
    process.exit(1);
  });
}
