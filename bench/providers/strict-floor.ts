/**
 * The dynamic face's strict floor: a dynamic provider that does what ExternalService's provider
 * must do for the engine, and no I/O. `check` returns the inputs, `diff` compares them with the
 * recorded ones, create/update record the output keys ExternalService records (with fixed
 * values), the default connection among them, and read returns the inputs with the props.
 * bench/resources.ts gives it the same program shape and inputs as ExternalService (the
 * authentication a secret). What ExternalService costs beyond this is the provider's own work.
 */
import type * as pulumi from "@pulumi/pulumi";
import { inputsDiffer, inputsOf, RECORDED, RECORDED_KEYS } from "./recorded";

/** ExternalService also records the default connection it deployed through (a secret). */
const DEFAULT_CONNECTION = { endpoint: "http://127.0.0.1:1", tokenUrl: "http://127.0.0.1:1/as/token.oauth2", clientId: "bench", clientSecret: "bench-client-secret" };
const recorded = (inputs: Record<string, unknown>) => ({ ...inputs, defaultConnection: DEFAULT_CONNECTION, ...RECORDED });
const OUTPUT_KEYS = new Set([...RECORDED_KEYS, "defaultConnection"]);

let created = 0;

export const provider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff(_id, olds, news) {
    return { changes: inputsDiffer(olds, news, OUTPUT_KEYS) };
  },
  async create(inputs) {
    return { id: `strict-floor-${process.pid}-${++created}`, outs: recorded(inputs) };
  },
  // As ExternalService's read (and the plugin floor's), the inputs go back too, so that a refresh
  // updates them: the props without the keys the provider records.
  async read(id, props) {
    return { id, props, inputs: inputsOf(props ?? {}, OUTPUT_KEYS) };
  },
  async update(_id, _olds, news) {
    return { outs: recorded(news) };
  },
  async delete() {},
};
