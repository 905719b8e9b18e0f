/**
 * Where the conformance probes run: a real COM workspace when `make conformance` is given one
 * (HPECOM_CONFORMANCE=1 plus HPECOM_ENDPOINT or HPECOM_REGION, HPECOM_CLIENT_ID and
 * HPECOM_CLIENT_SECRET), the emulator otherwise. `make test` never sets HPECOM_CONFORMANCE, so
 * nothing in it needs the network.
 */
import { randomBytes } from "node:crypto";
import { ComClient, ComClientOptions, DEFAULT_TOKEN_URL, Region } from "../../sdk";
import { RunningEmulator, startEmulator } from "../../emulator";

export interface Target {
  kind: "emulator" | "real";
  com: ComClient;
  /** What `com` was built from, so a probe can build a variant (another tenant, a raw token request). */
  options: ComClientOptions & { tokenUrl: string; clientId: string; clientSecret: string };
  /** Every service a probe creates starts with it: `conformance-<random>`. */
  prefix: string;
  close(): Promise<void>;
}

export function realTargetRequested(env = process.env): boolean {
  return env.HPECOM_CONFORMANCE === "1" && Boolean((env.HPECOM_ENDPOINT || env.HPECOM_REGION) && env.HPECOM_CLIENT_ID && env.HPECOM_CLIENT_SECRET);
}

/**
 * The emulator target runs with a request budget, as every real API client has one, so that
 * the rate-limit headers can be observed; it is far above what the probes send.
 */
const EMULATOR_RATE_LIMIT = { limit: 10_000, windowSeconds: 60 };

export async function openTarget(env = process.env): Promise<Target> {
  const prefix = `conformance-${randomBytes(4).toString("hex")}`;
  if (realTargetRequested(env)) {
    const options = {
      endpoint: env.HPECOM_ENDPOINT, region: env.HPECOM_REGION as Region | undefined, tokenUrl: env.HPECOM_TOKEN_URL ?? DEFAULT_TOKEN_URL,
      clientId: env.HPECOM_CLIENT_ID!, clientSecret: env.HPECOM_CLIENT_SECRET!, tenantAcid: env.HPECOM_TENANT_ACID,
    };
    return { kind: "real", com: new ComClient(options), options, prefix, close: async () => undefined };
  }
  const emulator: RunningEmulator = await startEmulator({ settings: { rateLimit: EMULATOR_RATE_LIMIT } });
  const options = {
    endpoint: emulator.url, tokenUrl: emulator.tokenUrl, clientId: "demo-client", clientSecret: "demo-secret",
    backoff: { baseDelayMs: 5, maxDelayMs: 50, maxHintMs: 200 },
  };
  return { kind: "emulator", com: new ComClient(options), options, prefix, close: () => emulator.close() };
}
