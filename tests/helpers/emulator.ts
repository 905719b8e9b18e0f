import axios from "axios";
import { ComClient, ComClientOptions } from "../../sdk";
import { ClientSpec, RunningEmulator, startEmulator, EmulatorOptions } from "../../emulator";

/** A client of `emulator` for the given API client (the demo client by default). */
export function clientFor(emulator: RunningEmulator, options: Partial<ComClientOptions> = {}, spec: ClientSpec = { id: "demo-client", secret: "demo-secret" }): ComClient {
  return new ComClient({
    endpoint: emulator.url, tokenUrl: emulator.tokenUrl, clientId: spec.id, clientSecret: spec.secret,
    backoff: { baseDelayMs: 5, maxDelayMs: 50, maxHintMs: 200 }, ...options,
  });
}

/** A bearer token from `emulator`, for requests made directly (outside the sdk). */
export async function bearerToken(emulator: RunningEmulator, spec: ClientSpec = { id: "demo-client", secret: "demo-secret" }): Promise<string> {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: spec.id, client_secret: spec.secret });
  return (await axios.post(emulator.tokenUrl, form.toString())).data.access_token as string;
}

/** Starts an emulator on a free loopback port for the duration of a describe block. */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => { emulator = await startEmulator(options); });
  afterAll(async () => { await emulator?.close(); });
  return () => emulator!;
}

export const snowInput = (emulator: RunningEmulator, name = "ServiceNow Integration") => ({
  name,
  serviceType: "SERVICE_NOW" as const,
  description: "Incidents for prod servers",
  authentication: { clientId: "snow-client", clientSecret: "snow-secret-value", refreshToken: "snow-refresh-token" },
  serviceData: {
    oauthUrl: `${emulator.url}/servicenow/oauth_token.do`,
    incidentUrl: `${emulator.url}/servicenow/api/now/import/u_demo_incident_inbound_api`,
    refreshTokenExpiryInDays: 150,
    incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true },
  },
});

export const dsccInput = (name = "DSCC") => ({
  name, serviceType: "DSCC" as const,
  authentication: { clientId: "dscc-client", clientSecret: "dscc-secret-value" },
  serviceData: { region: "us-west" },
});

export const vcenterInput = (name = "vCenter") => ({
  name, serviceType: "VMWARE_VCENTER" as const,
  authentication: { username: "administrator@vsphere.local", password: "vcenter-password-value" },
  serviceData: {
    vCenterUrl: "vcenter.lab.local",
    associatedGatewayUri: "/compute-ops-mgmt/v1beta1/appliances/gw-1",
    vCenterCertFingerprint: "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99",
  },
});

/** Points the provider's runtime core, called in-process (it reads HPECOM_* when no stack config reached it), at `emulator`. */
export function pointProviderAt(emulator: RunningEmulator): void {
  process.env.HPECOM_ENDPOINT = emulator.url;
  process.env.HPECOM_TOKEN_URL = emulator.tokenUrl;
  process.env.HPECOM_CLIENT_ID = "demo-client";
  process.env.HPECOM_CLIENT_SECRET = "demo-secret";
}
