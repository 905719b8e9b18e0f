/**
 * The least a provider can send for each operation, as the I/O floors send it: node's http with
 * one keep-alive agent, one token per process, the body as JSON text and the answer parsed, and
 * nothing else (no validation, no retry, no pacing, no log). The same requests ExternalService
 * sends: a POST per create, a PATCH of the changed fields per update, a DELETE per delete, and one
 * listing (pages of 100) shared by every read and update of the process. What an I/O floor costs
 * beyond its no-I/O floor is what talking to the API costs on these cores; what a face costs
 * beyond its I/O floor is the provider's own work.
 */
import * as http from "node:http";
import { API_PREFIX } from "../../sdk/core/paths";
import { isLastPage } from "../../sdk/core/pagination";

const COLLECTION = `${API_PREFIX}/v1beta1/external-services`;
const PAGE = 100;
const API_FIELDS = ["name", "description", "serviceType", "authenticationType", "authentication", "serviceData"];
const agent = new http.Agent({ keepAlive: true });

interface Answer { status: number; body: string }

function exchange(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => {
        const answer = { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() };
        if (answer.status >= 400) reject(new Error(`${method} ${url} → ${answer.status}: ${answer.body}`));
        else resolve(answer);
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}

let token: Promise<string> | undefined;
function bearer(): Promise<string> {
  const env = process.env;
  token ??= exchange(env.HPECOM_TOKEN_URL!, "POST", { "Content-Type": "application/x-www-form-urlencoded" },
    new URLSearchParams({ grant_type: "client_credentials", client_id: env.HPECOM_CLIENT_ID!, client_secret: env.HPECOM_CLIENT_SECRET! }).toString())
    .then((a) => (JSON.parse(a.body) as { access_token: string }).access_token);
  return token;
}

async function api(method: string, path: string, body?: object, contentType = "application/json"): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { Authorization: `Bearer ${await bearer()}`, Accept: "application/json" };
  if (body) headers["Content-Type"] = contentType;
  const answer = await exchange(`${process.env.HPECOM_ENDPOINT}${path}`, method, headers, body && JSON.stringify(body));
  return answer.body ? JSON.parse(answer.body) as Record<string, unknown> : {};
}

const apiFields = (inputs: Record<string, unknown>) =>
  Object.fromEntries(API_FIELDS.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));

export async function createService(inputs: Record<string, unknown>): Promise<string> {
  return (await api("POST", COLLECTION, { authenticationType: "OAUTH", ...apiFields(inputs) })).id as string;
}

/** Sends the API fields that changed, as a JSON merge patch. */
export async function patchService(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<void> {
  await listing();
  const changed = Object.fromEntries(Object.entries(apiFields(news)).filter(([k, v]) => k !== "serviceType" && JSON.stringify(v) !== JSON.stringify(olds[k])));
  await api("PATCH", `${COLLECTION}/${id}`, changed, "application/merge-patch+json");
}

export async function deleteService(id: string): Promise<void> {
  await api("DELETE", `${COLLECTION}/${id}`);
}

let services: Promise<Set<string>> | undefined;
/** Every service's id, listed once per process in pages of 100. */
export function listing(): Promise<Set<string>> {
  services ??= (async () => {
    const ids = new Set<string>();
    for (let offset = 0; ; offset += PAGE) {
      const page = await api("GET", `${COLLECTION}?limit=${PAGE}&offset=${offset}`) as { items: { id: string }[]; total?: number };
      page.items.forEach((s) => ids.add(s.id));
      if (isLastPage(page, offset, PAGE)) return ids; // the sdk's rule, so that both send the same pages
    }
  })();
  return services;
}
