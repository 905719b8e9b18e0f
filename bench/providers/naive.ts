/**
 * What a user would write after Pulumi's dynamic-provider documentation example: a client and a
 * token per call, no connection reuse, a GET before every update. The comparison point.
 */
import * as http from "node:http";
import type * as pulumi from "@pulumi/pulumi";
import axios from "axios";

const PATH = "/compute-ops-mgmt/v1beta1/external-services";
const API_FIELDS = ["name", "serviceType", "authenticationType", "description", "state", "authentication", "serviceData"];

async function client() {
  const env = process.env;
  const agent = new http.Agent({ keepAlive: false });
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: env.HPECOM_CLIENT_ID!, client_secret: env.HPECOM_CLIENT_SECRET! });
  const token = (await axios.post(env.HPECOM_TOKEN_URL!, form.toString(), { httpAgent: agent })).data.access_token as string;
  return axios.create({ baseURL: env.HPECOM_ENDPOINT, httpAgent: agent, headers: { Authorization: `Bearer ${token}` } });
}

const body = (inputs: Record<string, unknown>) => Object.fromEntries(API_FIELDS.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));

export const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    const created = (await (await client()).post(PATH, { authenticationType: "OAUTH", ...body(inputs) })).data;
    return { id: created.id, outs: { ...inputs, generation: created.generation } };
  },
  async read(id, props) {
    const s = (await (await client()).get(`${PATH}/${id}`)).data;
    return { id, props: { ...props, generation: s.generation, description: s.description } };
  },
  async update(id, _olds, news) {
    const api = await client();
    await api.get(`${PATH}/${id}`);
    const { serviceType: _t, authenticationType: _a, ...patch } = body(news);
    const updated = (await api.patch(`${PATH}/${id}`, patch, { headers: { "Content-Type": "application/merge-patch+json" } })).data;
    return { outs: { ...news, generation: updated.generation } };
  },
  async delete(id) {
    await (await client()).delete(`${PATH}/${id}`);
  },
};
