/**
 * What the provider process loads for the work it is given. A `pulumi destroy` only deletes,
 * and deleting parses no body: zod (~80 ms of the process's CPU to load, sdk/internal/schemas.ts)
 * stays unloaded until something is validated or parsed.
 */
let mockZodLoaded = false;
jest.mock("zod", () => {
  mockZodLoaded = true;
  return jest.requireActual("zod");
});

import axios from "axios";
import { API_PREFIX } from "../../sdk";
import { bearerToken, dsccInput, useEmulator } from "../../tests/helpers/emulator";
import { configureConnection, provider, ServiceOutputs } from "./provider";

describe("the provider's module loading", () => {
  const emulator = useEmulator();

  it("deletes a service without loading zod, and loads it to validate one", async () => {
    const collection = `${emulator().url}${API_PREFIX}/v1beta1/external-services`;
    const headers = { Authorization: `Bearer ${await bearerToken(emulator())}` };
    // Created over plain HTTP: the sdk's create would validate the body with zod.
    const body = { ...dsccInput("to-delete"), authenticationType: "OAUTH" as const, state: "ENABLED" as const };
    const inputs = { ...body, postDeployTest: false, adopt: false };
    const created = (await axios.post(collection, body, { headers })).data as Pick<ServiceOutputs, "resourceUri" | "generation" | "createdAt" | "updatedAt"> & { id: string };
    const config: Record<string, string> = {
      "hpecom:endpoint": emulator().url, "hpecom:tokenUrl": emulator().tokenUrl, "hpecom:clientId": "demo-client", "hpecom:clientSecret": "demo-secret",
    };
    configureConnection((key) => config[key]);

    const { resourceUri, generation, createdAt, updatedAt } = created;
    await provider.delete!(created.id, { ...inputs, resourceUri, generation, createdAt, updatedAt });
    expect((await axios.get(`${collection}/${created.id}`, { headers, validateStatus: () => true })).status).toBe(404);
    expect(mockZodLoaded).toBe(false);

    await provider.check!({ ...inputs, name: "checked" }, { ...inputs, name: "checked" });
    expect(mockZodLoaded).toBe(true);
  });
});
