/** The emulator as users start it: a process, a port, a data file, signals. */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import axios from "axios";
import { repoRoot, scratchDir } from "../helpers/engine";

const cli = path.join(repoRoot, "dist", "emulator", "cli.js");

/** Every process a test started and has not stopped: killed after the test, whatever it asserted. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const proc of running) proc.kill("SIGKILL");
  running.clear();
});

function start(args: string[]): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [cli, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.add(proc);
  proc.once("exit", () => running.delete(proc));
  return new Promise((resolve, reject) => {
    proc.stdout!.once("data", (d: Buffer) => resolve({ proc, url: d.toString().trim() }));
    proc.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

const stop = (proc: ChildProcess) => new Promise<number | null>((resolve) => {
  proc.once("exit", (code) => resolve(code));
  proc.kill("SIGTERM");
});

async function token(url: string, id: string, secret: string) {
  return (await axios.post(`${url}/as/token.oauth2`, new URLSearchParams({ grant_type: "client_credentials", client_id: id, client_secret: secret }))).data.access_token as string;
}

describe("npm run emulator", () => {
  it("prints its URL, accepts the given clients only, keeps state across a restart with --data-file, stops on SIGTERM", async () => {
    const dir = scratchDir("emulator-cli");
    const dataFile = path.join(dir, "state.json");
    try {
      const first = await start(["--client", "ops:ops-secret", "--data-file", dataFile]);
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect(token(first.url, "demo-client", "demo-secret")).rejects.toMatchObject({ response: { status: 401 } });
      const auth = { headers: { Authorization: `Bearer ${await token(first.url, "ops", "ops-secret")}` } };
      const created = await axios.post(`${first.url}/compute-ops-mgmt/v1beta1/external-services`, {
        name: "kept", serviceType: "DSCC", authenticationType: "OAUTH",
        authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "eu-central" },
      }, auth);
      expect(await stop(first.proc)).toBe(0);
      expect(fs.existsSync(dataFile)).toBe(true);

      const second = await start(["--client", "ops:ops-secret", "--data-file", dataFile]);
      const auth2 = { headers: { Authorization: `Bearer ${await token(second.url, "ops", "ops-secret")}` } };
      const again = await axios.get(`${second.url}/compute-ops-mgmt/v1beta1/external-services/${created.data.id}`, auth2);
      expect(again.data).toMatchObject({ name: "kept", generation: 1 });
      expect(await stop(second.proc)).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers unknown routes with a loud 404", async () => {
    const { proc, url } = await start([]);
    try {
      const res = await axios.get(`${url}/compute-ops-mgmt/v1beta1/servers`, { validateStatus: () => true });
      expect(res.status).toBe(404);
      expect(res.data.message).toMatch(/no route for GET/);
    } finally {
      await stop(proc);
    }
  });
});
