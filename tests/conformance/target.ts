/**
 * Where the conformance probes run: a real COM workspace when `make conformance` is given one
 * (HPECOM_CONFORMANCE=1 plus HPECOM_ENDPOINT or HPECOM_REGION, HPECOM_CLIENT_ID and
 * HPECOM_CLIENT_SECRET), the emulator otherwise. `make test` never sets HPECOM_CONFORMANCE, so
 * nothing in it needs the network.
 */
import { randomBytes } from "node:crypto";
import { ComClient, Region } from "../../sdk";
import { RunningEmulator, startEmulator } from "../../emulator";

export interface Target {
  kind: "emulator" | "real";
  com: ComClient;
  /** Every service a probe creates starts with it: `conformance-<random>`. */
  prefix: string;
  close(): Promise<void>;
}

export function realTargetRequested(env = process.env): boolean {
  return env.HPECOM_CONFORMANCE === "1" && Boolean((env.HPECOM_ENDPOINT || env.HPECOM_REGION) && env.HPECOM_CLIENT_ID && env.HPECOM_CLIENT_SECRET);
}

export async function openTarget(env = process.env): Promise<Target> {
  const prefix = `conformance-${randomBytes(4).toString("hex")}`;
  if (realTargetRequested(env)) {
    const com = new ComClient({
      endpoint: env.HPECOM_ENDPOINT, region: env.HPECOM_REGION as Region | undefined, tokenUrl: env.HPECOM_TOKEN_URL,
      clientId: env.HPECOM_CLIENT_ID, clientSecret: env.HPECOM_CLIENT_SECRET, tenantAcid: env.HPECOM_TENANT_ACID,
    });
    return { kind: "real", com, prefix, close: async () => undefined };
  }
  const emulator: RunningEmulator = await startEmulator();
  const com = new ComClient({
    endpoint: emulator.url, tokenUrl: emulator.tokenUrl, clientId: "demo-client", clientSecret: "demo-secret",
    backoff: { baseDelayMs: 5, maxDelayMs: 50, maxHintMs: 200 },
  });
  return { kind: "emulator", com, prefix, close: () => emulator.close() };
}
