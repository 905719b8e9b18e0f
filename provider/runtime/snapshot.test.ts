// ledger: list-items-whole
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import { clearTokenCaches, ComClient } from "../../sdk";
import { forgetService, lookupService, rememberService } from "./snapshot";

const whole = {
  id: "0b6a3a0e-0000-4000-8000-000000000001", name: "dscc", serviceType: "DSCC", authenticationType: "OAUTH",
  authentication: { clientId: "c", clientSecret: "**********" }, serviceData: { region: "us-west" },
  resourceUri: "/compute-ops-mgmt/v1beta1/external-services/0b6a3a0e-0000-4000-8000-000000000001", generation: 3,
  status: "ENABLED", state: "ENABLED", createdAt: "2026-11-30T10:00:00Z", updatedAt: "2026-11-30T10:00:00Z",
};

/**
 * A workspace whose list answers `listed` (after `failedLists` answers of 503) and whose GET answers
 * the whole service, or `getStatus` with an error body; requests are recorded.
 */
function workspace(listed: Record<string, unknown> | undefined, { failedLists = 0, getStatus = 200 } = {}) {
  const requests: string[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const reply = (data: unknown, status = 200) => ({ status, statusText: "", headers: {}, config, data }) as AxiosResponse;
    if (String(config.url).endsWith("/token")) return reply({ access_token: "token-abcdef-123456", expires_in: 900 });
    const path = new URL(String(config.url)).pathname;
    requests.push(`${config.method?.toUpperCase()} ${path}`);
    if (!path.endsWith("/external-services")) return getStatus === 200 ? reply(whole) : reply({ httpStatusCode: getStatus, message: "no" }, getStatus);
    if (failedLists-- > 0) return reply({ message: "try later" }, 503);
    const items = listed ? [listed] : [];
    return reply({ offset: 0, count: items.length, total: items.length, items });
  };
  const com = new ComClient({ endpoint: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/token", clientId: `c-${Math.random()}`, clientSecret: "s-123456789", maxRetries: 0, adapter });
  return { com, requests };
}

const LIST = "GET /compute-ops-mgmt/v1beta1/external-services";
const GET = `${LIST}/${whole.id}`;

afterEach(() => clearTokenCaches());

describe("lookupService", () => {
  it("reads a service from the one listing when the list gives it whole", async () => {
    const { com, requests } = workspace(whole);
    expect(await lookupService(com, whole.id)).toMatchObject({ generation: 3, serviceData: { region: "us-west" } });
    expect(requests).toEqual(["GET /compute-ops-mgmt/v1beta1/external-services"]);
  });

  it("asks for a service by id when the list gives it in a shape the sdk cannot read as its type", async () => {
    const { serviceData: _left, authentication: _out, ...summary } = whole;
    const { com, requests } = workspace(summary);
    expect(await lookupService(com, whole.id)).toMatchObject({ generation: 3, serviceData: { region: "us-west" } });
    expect(requests).toEqual(["GET /compute-ops-mgmt/v1beta1/external-services", `GET /compute-ops-mgmt/v1beta1/external-services/${whole.id}`]);
  });

  it("answers a service gone from the workspace as undefined, and passes on any other refusal", async () => {
    expect(await lookupService(workspace(undefined, { getStatus: 404 }).com, whole.id)).toBeUndefined();
    await expect(lookupService(workspace(undefined, { getStatus: 403 }).com, whole.id)).rejects.toMatchObject({ httpStatusCode: 403 });
  });

  it("lists again after a listing that failed, rather than failing every later read", async () => {
    const { com, requests } = workspace(whole, { failedLists: 1 });
    await expect(lookupService(com, whole.id)).rejects.toMatchObject({ httpStatusCode: 503 });
    expect(await lookupService(com, whole.id)).toMatchObject({ id: whole.id });
    expect(requests).toEqual([LIST, LIST]);
  });

  it("sees the provider's own writes without asking again: a service created, then deleted", async () => {
    const { com, requests } = workspace(undefined, { getStatus: 404 });
    expect(await lookupService(com, "other-id")).toBeUndefined();
    rememberService(com, whole as never);
    expect(await lookupService(com, whole.id)).toMatchObject({ generation: 3 });
    expect(requests).toEqual([LIST, `${LIST}/other-id`]);
    forgetService(com, whole.id);
    expect(await lookupService(com, whole.id)).toBeUndefined();
    expect(requests).toEqual([LIST, `${LIST}/other-id`, GET]);
  });
});
