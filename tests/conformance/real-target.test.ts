/**
 * The real-workspace path of `make conformance`, with an emulator standing in for the
 * workspace: the probes run in their own jest process and take their target from HPECOM_* as a
 * user's run does. Every PATCH is refused, so probes fail; every service they created must
 * still be deleted, and the report still written, without the API client's secret.
 */
import axios from "axios";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../helpers/engine";
import { emulatorServices } from "../helpers/emulator-inspection";
import { useEmulator } from "../helpers/emulator";

const emulator = useEmulator();

function runProbes(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const jest = path.join(repoRoot, "node_modules", "jest", "bin", "jest.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [jest, "--ci", "tests/conformance/conformance.test.ts"], { cwd: repoRoot, env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, output: `${stdout}${stderr}` }));
  });
}

describe("make conformance against a workspace given by HPECOM_*", () => {
  it("reports every ledger row and deletes what it created, even when probes fail", async () => {
    const { url, tokenUrl } = emulator();
    await axios.put(`${url}/__emulator/faults`, { match: "^PATCH ", serverErrorRate: 1, serverErrorStatuses: [400] });
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "conformance-")), "report.json");
    try {
      const run = await runProbes({
        HPECOM_CONFORMANCE: "1", HPECOM_ENDPOINT: url, HPECOM_TOKEN_URL: tokenUrl,
        HPECOM_CLIENT_ID: "demo-client", HPECOM_CLIENT_SECRET: "demo-secret", CONFORMANCE_REPORT: report,
      });
      expect(run.code).not.toBe(0);
      expect(run.output).toMatch(/✕ generation holds/);
      const text = fs.readFileSync(report, "utf8");
      const { target, endpoint, rows, notDeleted } = JSON.parse(text);
      expect([target, endpoint, notDeleted]).toEqual(["real", url, []]);
      expect(rows.generation.error).toMatch(/400/);
      expect(rows.paging).toMatchObject({ holds: true });
      expect(rows["vcenter-delete-job"].notProbed).toMatch(/vCenter/);
      expect(text).not.toContain("demo-secret");
      expect(await emulatorServices(emulator())).toEqual([]);
    } finally {
      fs.rmSync(path.dirname(report), { recursive: true, force: true });
    }
  });
});
