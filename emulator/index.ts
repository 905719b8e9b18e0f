/**
 * A faithful local HPE Compute Ops Management API for external services (and a ServiceNow
 * stand-in), written from the API reference. Start it in-process with `startEmulator()` or
 * from the command line with `npm run emulator`.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { ClientSpec, Clients, DEMO_CLIENT } from "./clients";
import type { Emulator } from "./context";
import { Faults } from "./faults";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { DEFAULT_SETTINGS, Settings } from "./settings";
import { activityRoutes } from "./routes/activities";
import { externalServiceRoutes } from "./routes/external-services";
import { inspectRoutes } from "./routes/inspect";
import { jobRoutes } from "./routes/jobs";
import { tokenRoutes } from "./routes/token";
import { createRequestHandler } from "./server";
import { ServiceNowStandIn } from "./servicenow";
import { Store } from "./store";

export { DEMO_CLIENT, parseClientSpec } from "./clients";
export { startEmulatorProcess } from "./spawn";
export type { EmulatorProcess } from "./spawn";
export type { ClientSpec } from "./clients";
export type { FaultConfig } from "./faults";
export type { RateLimitSetting } from "./rate-limit";
export { parseRateLimit } from "./rate-limit";
export type { LoggedRequest } from "./request-log";
export type { FilterMode, Settings } from "./settings";

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** API clients; the demo client when none is given. */
  clients?: ClientSpec[];
  /** Persists all state to this JSON file, so that a restart loses nothing. */
  dataFile?: string;
  /** Lifetime of issued bearer tokens (default 15 minutes, as GreenLake's). */
  tokenLifetimeSeconds?: number;
  settings?: Partial<Settings>;
}

export interface RunningEmulator extends Emulator {
  url: string;
  port: number;
  /** The token URL to give clients: `${url}/as/token.oauth2`. */
  tokenUrl: string;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const servicenow = new ServiceNowStandIn();
  const emulator: Emulator = {
    store: new Store(options.dataFile),
    clients: new Clients(options.clients?.length ? options.clients : [DEMO_CLIENT], options.tokenLifetimeSeconds ?? 900),
    log: new RequestLog(),
    faults: new Faults(),
    rateLimiter: new RateLimiter(),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    initialSettings: Object.freeze({ ...DEFAULT_SETTINGS, ...options.settings }),
    servicenow,
    baseUrl: "",
    inFlight: 0,
  };
  const routes = [
    ...tokenRoutes(), ...externalServiceRoutes(), ...activityRoutes(), ...jobRoutes(),
    ...servicenow.routes(), ...inspectRoutes(),
  ];
  const handler = createRequestHandler(emulator, routes);
  const server = http.createServer((req, res) => void handler(req, res));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  emulator.baseUrl = `http://${host}:${port}`;
  return Object.assign(emulator, {
    url: emulator.baseUrl,
    port,
    tokenUrl: `${emulator.baseUrl}/as/token.oauth2`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
}
