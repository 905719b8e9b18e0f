/**
 * examples/yaml through the CLI and the provider plugin (bin/pulumi-resource-hpecom): a Pulumi
 * YAML program deploys, updates, refreshes, imports into and destroys against the emulator, with
 * the same validation, minimal patches and secret handling as the TypeScript path.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import axios from "axios";
import { stateFilesText } from "../helpers/cli-project";
import { CliResult, pulumiCli, repoRoot, scratchDir } from "../helpers/engine";
import { FIXTURE_SECRETS } from "../helpers/com-stack";
import { digestOf, secretDigests } from "../helpers/emulator-inspection";
import { clientFor, dsccInput, useEmulator } from "../helpers/emulator";
import { expectNoSecrets } from "../helpers/secrets";

const MSP = { id: "msp-client", secret: "msp-client-secret", workspace: "msp", tenants: ["tenant-a", "tenant-b"] };
const emulator = useEmulator({ clients: [{ id: "demo-client", secret: "demo-secret" }, MSP] });
const services = async (workspace = "workspace-demo-client") =>
  ((await axios.get(`${emulator().url}/__emulator/services`)).data[workspace] ?? []) as { id: string; name: string; description?: string; generation: number }[];
const writes = (since: number) => emulator().log.since(since).filter((r) => r.path.startsWith("/compute-ops") && r.method !== "GET");

/** A YAML project copied to a scratch folder, its plugin path made absolute (the copy no longer sits beside bin/). */
function copyYamlProject(from: string, scratch: string): string {
  const dir = path.join(scratch, "project");
  fs.cpSync(from, dir, { recursive: true });
  const manifest = path.join(dir, "Pulumi.yaml");
  fs.writeFileSync(manifest, fs.readFileSync(manifest, "utf8").replace(/path: [./]*bin/, `path: ${path.join(repoRoot, "bin")}`));
  return dir;
}

/** A stack of a scratch copy of the project at `from`; `run` fails on a non-zero exit and records what it printed. */
async function yamlStack(from: string, scratch: string) {
  const opts = { cwd: copyYamlProject(from, scratch), home: path.join(scratch, "home"), backendDir: path.join(scratch, "state") };
  const shown: string[] = [];
  const attempt = async (...args: string[]): Promise<CliResult> => {
    const r = await pulumiCli([...args, "--stack", "dev"], opts);
    shown.push(r.stdout, r.stderr);
    return r;
  };
  const run = async (...args: string[]): Promise<CliResult> => {
    const r = await attempt(...args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  expect((await pulumiCli(["stack", "init", "dev"], opts)).code).toBe(0);
  const stateText = () => stateFilesText(opts.backendDir);
  return { opts, shown, run, attempt, stateText };
}

it("deploys, updates, refreshes, imports into and destroys a YAML program through the plugin", async () => {
  const scratch = scratchDir("yaml");
  try {
    const { opts, shown, run, attempt, stateText } = await yamlStack(path.join(repoRoot, "examples", "yaml"), scratch);
    await run("config", "set-all",
      "--plaintext", `hpecom:endpoint=${emulator().url}`, "--plaintext", `hpecom:tokenUrl=${emulator().tokenUrl}`, "--plaintext", "hpecom:clientId=demo-client",
      "--secret", "hpecom:clientSecret=demo-secret",
      "--plaintext", `serviceNowInstance=${emulator().url}/servicenow`,
      "--secret", "serviceNowClientSecret=snow-secret-value", "--secret", "serviceNowRefreshToken=snow-refresh-token",
      "--secret", "dsccClientSecret=dscc-secret-value", "--secret", "vcenterPassword=vcenter-password-value");

    // The policy pack matches the plugin's type token: the ServiceNow URLs on plain http stop the preview.
    const stopped = await attempt("preview", "--policy-pack", path.join(repoRoot, "policy"));
    expect(stopped.code).not.toBe(0);
    expect(stopped.stdout).toMatch(/servicenow-endpoints[\s\S]*serviceData\.oauthUrl must use https/);
    expect(emulator().log.since(0).filter((r) => r.path.includes("external-services") && r.method !== "GET")).toEqual([]);

    // Deploy: three services, the ServiceNow one tested, the vCenter read back by the function.
    await run("up", "--yes", "--skip-preview");
    expect((await services()).map((s) => s.name).sort()).toEqual(["Data Services Cloud Console", "Lab vCenter", "ServiceNow Integration"]);
    const outputs = JSON.parse((await run("stack", "output", "--json")).stdout);
    expect(outputs.snowLastTest).toMatchObject({ status: "PASSED" });
    expect(outputs.vcenters).toEqual([expect.objectContaining({ name: "Lab vCenter", authentication: { username: "administrator@vsphere.local" } })]);

    // Update: one field is one minimal PATCH.
    let since = emulator().log.lastSeq;
    await run("config", "set", "description", "Storage, updated");
    await run("up", "--yes", "--skip-preview");
    const dscc = (await services()).find((s) => s.name === "Data Services Cloud Console")!;
    expect(writes(since).map((r) => [r.method, r.body])).toEqual([["PATCH", { description: "Storage, updated" }]]);
    expect(dscc.generation).toBe(2);

    // A rotated secret alone: one PATCH, and the API holds the new value (its digest; answers only mask it).
    expect((await secretDigests(emulator()))[dscc.id]).toEqual({ clientSecret: digestOf("dscc-secret-value") });
    since = emulator().log.lastSeq;
    await run("config", "set", "--secret", "dsccClientSecret", "dscc-secret-value-rotated");
    await run("up", "--yes", "--skip-preview");
    // New credentials are tested again: the PATCH, then the post-deploy test's POST.
    expect(writes(since).map((r) => [r.method, r.body])).toEqual([
      ["PATCH", { authentication: { clientId: expect.any(String), clientSecret: "**********" } }], ["POST", {}],
    ]);
    expect((await secretDigests(emulator()))[dscc.id]).toEqual({ clientSecret: digestOf("dscc-secret-value-rotated") });

    // Refresh, then no change.
    await run("refresh", "--yes", "--skip-preview");
    await run("preview", "--expect-no-changes");

    // Import a service made elsewhere; with the printed YAML (and its secret) in the program, nothing changes.
    const existing = await clientFor(emulator()).externalServices.create({ ...dsccInput("Made by hand"), description: "imported" });
    const generated = path.join(scratch, "imported.yaml");
    await run("import", "hpecom:index:ExternalService", "handmade", existing.id, "--yes", "--protect=false", "--out", generated);
    const printed = fs.readFileSync(generated, "utf8");
    expect(printed).toMatch(/type: hpecom:(index:)?ExternalService/);
    expect(printed).not.toContain("dscc-secret-value");
    since = emulator().log.lastSeq;
    const main = path.join(opts.cwd, "Main.yaml");
    fs.writeFileSync(main, fs.readFileSync(main, "utf8").replace("\nresources:\n", `\nresources:\n${withSecret(printed)}`));
    await run("preview", "--expect-no-changes");
    expect(writes(since)).toEqual([]);

    // Destroy empties the workspace, the imported service included.
    await run("destroy", "--yes", "--skip-preview");
    expect(await services()).toEqual([]);
    expectNoSecrets({ output: shown.join("\n"), state: stateText() }, [...FIXTURE_SECRETS, ...emulator().clients.issuedTokens()]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

/** The printed resources, with what README tells a user to add after an import: the secrets the API never returns. */
function withSecret(printed: string): string {
  const resources = printed.slice(printed.indexOf("resources:\n") + "resources:\n".length);
  return resources.replace(/(\n(\s+)clientId: .*\n)/, `$1$2clientSecret: \${dsccClientSecret}\n`);
}

it("deploys through explicit provider instances, one per MSP tenant", async () => {
  const scratch = scratchDir("yaml-providers");
  try {
    const { shown, run, stateText } = await yamlStack(path.join(repoRoot, "tests", "fixtures", "yaml-providers"), scratch);
    await run("config", "set-all", "--plaintext", `endpoint=${emulator().url}`, "--plaintext", `tokenUrl=${emulator().tokenUrl}`,
      "--secret", `mspClientSecret=${MSP.secret}`, "--secret", "dsccClientSecret=dscc-secret-value");
    const since = emulator().log.lastSeq;
    await run("up", "--yes", "--skip-preview");
    expect((await services("tenant-tenant-a")).map((s) => s.name)).toEqual(["Data Services Cloud Console"]);
    expect((await services("tenant-tenant-b")).map((s) => s.name)).toEqual(["Data Services Cloud Console"]);
    expect(await services()).toEqual([]);
    const creates = emulator().log.since(since).filter((r) => r.method === "POST" && r.path.endsWith("/external-services"));
    expect(creates.map((r) => `${r.client} ${r.tenant}`).sort()).toEqual(["msp-client tenant-a", "msp-client tenant-b"]);
    await run("destroy", "--yes", "--skip-preview");
    expect([...await services("tenant-tenant-a"), ...await services("tenant-tenant-b")]).toEqual([]);
    expectNoSecrets({ output: shown.join("\n"), state: stateText() }, [MSP.secret, "dscc-secret-value", ...emulator().clients.issuedTokens()]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
