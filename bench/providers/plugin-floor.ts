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

type Props = Record<string, unknown>;

/** The keys ExternalService records beyond its inputs (provider/runtime/provider.ts ServiceOutputs), with fixed values. */
const RECORDED = { resourceUri: "/compute-ops-mgmt/v1beta1/external-services/floor", generation: 1, status: "ENABLED", createdAt: "2026-12-01T00:00:00Z", updatedAt: "2026-12-01T00:00:00Z" };
const RECORDED_KEYS = new Set(Object.keys(RECORDED));

let created = 0;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const floor: PluginProvider = {
  version: "0.0.0-floor",
  schema: JSON.stringify(schema),
  async checkConfig(_olds, news) { return { inputs: news, failures: [] }; },
  async diffConfig() { return { changes: false }; },
  configure() {},
  async check(_urn, _olds, news) { return { inputs: news, failures: [] }; },
  async diff(_id, _urn, olds, news) {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !RECORDED_KEYS.has(k)));
    return { changes: [...keys].some((k) => !same(olds[k], news[k])) };
  },
  async create(_urn, inputs) { return { id: `floor-${process.pid}-${++created}`, outs: { ...inputs, ...RECORDED } }; },
  async read(id, _urn, props) { return { id, props, inputs: Object.fromEntries(Object.entries(props).filter(([k]) => !RECORDED_KEYS.has(k))) as Props }; },
  async update(_id, _urn, _olds, news) { return { outs: { ...news, ...RECORDED } }; },
  async delete() {},
  async invoke() { return { outputs: { services: [] } }; },
};

serve(floor).catch((err: Error) => {
  console.error(`plugin-floor: ${err.message}`);
  process.exit(1);
});
