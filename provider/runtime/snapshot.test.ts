// ledger: list-items-whole
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import { clearTokenCaches, ComClient } from "../../sdk";
import { lookupService } from "./snapshot";

const whole = {
  id: "0b6a3a0e-0000-4000-8000-000000000001", name: "dscc", serviceType: "DSCC", authenticationType: "OAUTH",
  authentication: { clientId: "c", clientSecret: "**********" }, serviceData: { region: "us-west" },
  resourceUri: "/compute-ops-mgmt/v1beta1/external-services/0b6a3a0e-0000-4000-8000-000000000001", generation: 3,
  status: "ENABLED", state: "ENABLED", createdAt: "2026-11-30T10:00:00Z", updatedAt: "2026-11-30T10:00:00Z",
};

/** A workspace whose list answers `listed` and whose GET answers the whole service; requests are recorded. */
function workspace(listed: Record<string, unknown>) {
  const requests: string[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const reply = (data: unknown) => ({ status: 200, statusText: "", headers: {}, config, data }) as AxiosResponse;
    if (String(config.url).endsWith("/token")) return reply({ access_token: "token-abcdef-123456", expires_in: 900 });
    const path = new URL(String(config.url)).pathname;
    requests.push(`${config.method?.toUpperCase()} ${path}`);
    return path.endsWith(whole.id) ? reply(whole) : reply({ offset: 0, count: 1, total: 1, items: [listed] });
  };
  const com = new ComClient({ endpoint: "http://127.0.0.1:9", tokenUrl: "http://127.0.0.1:9/token", clientId: `c-${Math.random()}`, clientSecret: "s-123456789", adapter });
  return { com, requests };
}

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
});
