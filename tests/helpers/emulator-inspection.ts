/**
 * What an emulator was asked and what it holds, read through its inspection API: the requests,
 * the services, and digests of the secrets it stored. Light on purpose (no Pulumi import): the
 * contract tests and `make mutation` load it for every test file.
 */
import { createHash } from "node:crypto";
import axios from "axios";
import type { RunningEmulator } from "../../emulator";

export async function emulatorCounts(emulator: RunningEmulator, since: number): Promise<Record<string, number>> {
  return (await axios.get(`${emulator.url}/__emulator/counts?since=${since}`)).data.routes;
}

/** A service as the emulator's inspection API shows it (secrets masked). */
export interface EmulatedService { id: string; name: string; serviceType: string; generation: number; description?: string; state: string; serviceData: Record<string, unknown> }

/** Every service the emulator holds, in every workspace. */
export async function emulatorServices(emulator: RunningEmulator): Promise<EmulatedService[]> {
  return Object.values((await axios.get(`${emulator.url}/__emulator/services`)).data as Record<string, EmulatedService[]>).flat();
}

/** Requests to the COM API routes (not the inspection API) since `since`. */
export async function comRequests(emulator: RunningEmulator, since: number) {
  const { requests } = (await axios.get(`${emulator.url}/__emulator/requests?since=${since}`)).data as { requests: { route: string; method: string; path: string; body?: unknown }[] };
  return requests.filter((r) => r.path.startsWith("/compute-ops") || r.path === "/as/token.oauth2");
}

/** The SHA-256 digest of a secret, as the emulator's /__emulator/secret-digests gives what it stored. */
export const digestOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The digests of every service's stored secrets, by service id: evidence of what reached the API, never the values. */
export async function secretDigests(emulator: { url: string }): Promise<Record<string, Record<string, string>>> {
  return (await axios.get(`${emulator.url}/__emulator/secret-digests`)).data;
}

/** A request as the emulator's log has it. */
export interface LoggedRequest { seq: number; method: string; path: string; route: string; status: number; fault?: string; body?: unknown }

/**
 * The first logged request that `matches`, waiting for it (bounded) by reading the log: how a
 * test learns that something reached the emulator, instead of sleeping and hoping it did.
 */
export async function waitForLogged(emulator: { url: string }, matches: (r: LoggedRequest) => boolean, timeoutMs = 10_000): Promise<LoggedRequest> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { requests } = (await axios.get(`${emulator.url}/__emulator/requests`)).data as { requests: LoggedRequest[] };
    const found = requests.find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no logged request matched within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
