/**
 * `npm run emulator -- [--port P] [--host H] [--client id:secret[@workspace[:tenant,...]]]...
 *                      [--data-file F] [--token-lifetime SECONDS] [--rate-limit REQUESTS/SECONDS] [--stop-on-stdin-end]`
 * Prints the base URL, serves until SIGINT or SIGTERM (or, with `--stop-on-stdin-end`, until its
 * standard input ends), then stops cleanly.
 */
import { parseArgs } from "node:util";
import { parseClientSpec, parseRateLimit, startEmulator } from "./index";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      client: { type: "string", multiple: true },
      "data-file": { type: "string" },
      "token-lifetime": { type: "string" },
      "rate-limit": { type: "string" },
      // A parent that holds the other end of a pipe takes the emulator down with it, however it ends (spawn.ts).
      "stop-on-stdin-end": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log("usage: npm run emulator -- [--port 4010] [--host 127.0.0.1] [--client id:secret[@workspace[:tenant,...]]]... [--data-file state.json] [--token-lifetime 900] [--rate-limit 100/10] [--stop-on-stdin-end]");
    return;
  }
  const emulator = await startEmulator({
    port: Number(values.port),
    host: values.host,
    clients: (values.client ?? []).map(parseClientSpec),
    dataFile: values["data-file"],
    tokenLifetimeSeconds: values["token-lifetime"] ? Number(values["token-lifetime"]) : undefined,
    settings: values["rate-limit"] ? { rateLimit: parseRateLimit(values["rate-limit"]) } : undefined,
  });
  console.log(emulator.url);
  const stop = async (signal: string) => {
    await emulator.close();
    console.error(`emulator: stopped on ${signal}`);
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  if (values["stop-on-stdin-end"]) process.stdin.once("end", () => void stop("the end of its input")).resume();
}

main().catch((err: Error) => {
  console.error(`emulator: ${err.message}`);
  process.exit(1);
});
