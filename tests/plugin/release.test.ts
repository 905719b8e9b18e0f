/**
 * The plugin as a user outside this checkout gets it: `make dist`'s archives, installed with
 * `pulumi plugin install … --file` into a fresh Pulumi home, used by programs in a directory
 * outside the checkout; `pulumi package add` in a YAML and a TypeScript project; and the API
 * exchanges in `pulumi up --debug --logflow -v=1`, with no secret anywhere.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { stateFilesText } from "../helpers/cli-project";
import { FIXTURE_SECRETS } from "../helpers/com-stack";
import { emulatorServices } from "../helpers/emulator-inspection";
import { useEmulator } from "../helpers/emulator";
import { CliResult, pulumiCli, repoRoot } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const run = promisify(execFile);
const emulator = useEmulator();
const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
const TARGETS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];
const ARCHIVE = (target: string) => `pulumi-resource-hpecom-v${version}-${target}.tar.gz`;

// Outside the checkout: nothing may resolve the checkout's node_modules or bin/ by accident.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hpecom-release-"));
const home = path.join(scratch, "pulumi-home");
const release = path.join(scratch, "release");
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A project directory with its own backend, sharing the fresh Pulumi home where the plugin is installed. */
function project(name: string, manifest: string) {
  const cwd = path.join(scratch, name);
  fs.mkdirSync(cwd, { recursive: true });
  fs.writeFileSync(path.join(cwd, "Pulumi.yaml"), manifest);
  const opts = { cwd, home, backendDir: path.join(scratch, `${name}-state`), env: { PULUMI_CONFIG_PASSPHRASE: "release-test" } };
  const printed: string[] = [];
  const pulumi = async (...args: string[]): Promise<CliResult> => {
    const r = await pulumiCli(args, opts);
    printed.push(r.stdout, r.stderr);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const stack = async () => {
    await pulumi("stack", "init", "dev");
    await pulumi("config", "set-all", "--plaintext", `hpecom:endpoint=${emulator().url}`, "--plaintext", `hpecom:tokenUrl=${emulator().tokenUrl}`,
      "--plaintext", "hpecom:clientId=demo-client", "--secret", "hpecom:clientSecret=demo-secret", "--secret", "dsccSecret=dscc-secret-value");
  };
  return { cwd, opts, printed, pulumi, stack, state: () => stateFilesText(opts.backendDir) };
}

const DSCC_YAML = (description: string) => `name: release-yaml
runtime: yaml
config:
  dsccSecret:
    type: string
    secret: true
resources:
  dscc:
    type: hpecom:index:ExternalService
    properties:
      name: Release DSCC
      serviceType: DSCC
      description: ${description}
      authentication:
        clientId: dscc-client
        clientSecret: \${dsccSecret}
      serviceData:
        region: us-west
outputs:
  generation: \${dscc.generation}
`;

describe("the release archives", () => {
  beforeAll(async () => {
    await run(path.join(repoRoot, "scripts", "dist.sh"), [release], { cwd: repoRoot });
  }, 120_000);

  it("are written for linux and darwin (amd64, arm64) and windows-amd64, with checksums", () => {
    for (const target of TARGETS) expect(fs.statSync(path.join(release, ARCHIVE(target))).size).toBeGreaterThan(100_000);
    const sums = fs.readFileSync(path.join(release, `pulumi-hpecom_${version}_checksums.txt`), "utf8");
    expect(sums.trim().split("\n").map((line) => line.split(/\s+/)[1]).sort()).toEqual(TARGETS.map(ARCHIVE).sort());
  });

  it("install with `pulumi plugin install --file` into a fresh Pulumi home", async () => {
    const r = await pulumiCli(["plugin", "install", "resource", "hpecom", version, "--file", path.join(release, ARCHIVE("linux-amd64"))], { cwd: scratch, home, backendDir: path.join(scratch, "unused") });
    expect(`${r.code} ${r.stderr}`).toMatch(/^0 /);
    const listed = JSON.parse((await pulumiCli(["plugin", "ls", "--json"], { cwd: scratch, home, backendDir: path.join(scratch, "unused") })).stdout) as { name: string; kind: string; version: string }[];
    expect(listed).toEqual([expect.objectContaining({ name: "hpecom", kind: "resource", version })]);
  }, 60_000);

  it("say that they need node when there is none on PATH", async () => {
    const unpacked = path.join(scratch, "unpacked");
    fs.mkdirSync(unpacked);
    await run("tar", ["-xzf", path.join(release, ARCHIVE("linux-amd64")), "-C", unpacked]);
    const err = await run(path.join(unpacked, "pulumi-resource-hpecom"), [], { env: { PATH: "/nonexistent" } }).catch((e: { stderr: string; code: number }) => e);
    expect(err).toMatchObject({ code: 1, stderr: expect.stringContaining("Node.js >= 20 is required on PATH") });
  });

  it("deploy, update, refresh and destroy a YAML program with no plugins section; verbose logging shows each exchange", async () => {
    const yaml = project("yaml", DSCC_YAML("first"));
    await yaml.stack();
    // --logflow -v=N passes the verbosity to the plugin (--logtostderr keeps the engine's log out of a file).
    const up = await yaml.pulumi("up", "--yes", "--skip-preview", "--debug", "--logflow", "-v=1", "--logtostderr");
    expect(up.stdout).toMatch(/debug: hpecom: POST \/as\/token\.oauth2 → 200 in \d+ ms \(attempt 1\)/);
    expect(up.stdout).toMatch(/debug: hpecom: POST \/compute-ops-mgmt\/v1beta1\/external-services → 201 in \d+ ms \(attempt 1\)/);
    expect((await emulatorServices(emulator())).filter((s) => s.name === "Release DSCC")).toEqual([expect.objectContaining({ description: "first", generation: 1 })]);

    fs.writeFileSync(path.join(yaml.cwd, "Pulumi.yaml"), DSCC_YAML("second"));
    // --debug alone: exchanges that went well are not traced (each line costs the engine a call).
    const update = await yaml.pulumi("up", "--yes", "--skip-preview", "--debug");
    expect(update.stdout).toMatch(/debug: /);
    expect(update.stdout).not.toMatch(/hpecom: \w+ \/\S+ → 2\d\d/);
    expect((await emulatorServices(emulator())).filter((s) => s.name === "Release DSCC")).toEqual([expect.objectContaining({ description: "second", generation: 2 })]);
    await yaml.pulumi("refresh", "--yes", "--skip-preview");
    await yaml.pulumi("preview", "--expect-no-changes");
    expectNoSecrets({ output: yaml.printed.join("\n"), state: yaml.state() }, FIXTURE_SECRETS);

    await yaml.pulumi("destroy", "--yes", "--skip-preview");
    expect((await emulatorServices(emulator())).filter((s) => s.name === "Release DSCC")).toEqual([]);
  }, 180_000);

  it("were the only plugin the engine could have run: none is on PATH", () => {
    const onPath = (process.env.PATH ?? "").split(path.delimiter).filter((dir) => fs.existsSync(path.join(dir, "pulumi-resource-hpecom")));
    expect(onPath).toEqual([]);
  });
});

/**
 * A checkout's layout (plugin/, dist/, node_modules/) outside the checkout: pulumi-yaml's host
 * caches a local plugin's schema beside its directory (schema-hpecom.json), and a test must
 * not write into the checkout.
 */
function checkoutCopy(): string {
  const copy = path.join(scratch, "checkout");
  if (fs.existsSync(copy)) return path.join(copy, "plugin");
  fs.mkdirSync(path.join(copy, "plugin"), { recursive: true });
  for (const file of ["PulumiPlugin.yaml", "package.json"]) fs.copyFileSync(path.join(repoRoot, "plugin", file), path.join(copy, "plugin", file));
  for (const dir of ["dist", "node_modules"]) fs.symlinkSync(path.join(repoRoot, dir), path.join(copy, dir));
  return path.join(copy, "plugin");
}

describe("pulumi package add", () => {
  it("adds the checkout's plugin to a YAML project, which then deploys with it", async () => {
    const yaml = project("add-yaml", DSCC_YAML("added"));
    await yaml.pulumi("package", "add", checkoutCopy());
    expect(fs.readFileSync(path.join(yaml.cwd, "Pulumi.yaml"), "utf8")).toContain(`packages:\n  hpecom: ${checkoutCopy()}`);
    await yaml.stack();
    await yaml.pulumi("up", "--yes", "--skip-preview");
    expect((await emulatorServices(emulator())).filter((s) => s.name === "Release DSCC")).toEqual([expect.objectContaining({ description: "added" })]);
    await yaml.pulumi("destroy", "--yes", "--skip-preview");
  }, 120_000);

  it("links a local SDK into a TypeScript project, whose program deploys through the plugin", async () => {
    const ts = project("add-ts", "name: release-ts\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
    fs.writeFileSync(path.join(ts.cwd, "package.json"), JSON.stringify({ name: "release-ts", private: true, dependencies: {} }));
    const added = await ts.pulumi("package", "add", checkoutCopy());
    expect(added.stdout + added.stderr).toContain('import * as hpecom from "@pulumi-hpecom/hpecom"');
    const manifest = JSON.parse(fs.readFileSync(path.join(ts.cwd, "package.json"), "utf8"));
    expect(manifest.dependencies).toEqual({ "@pulumi-hpecom/hpecom": "file:sdks/hpecom" });

    // What `npm install` does here, without a registry: the SDK's dependencies, then its own postinstall (a `tsc` build).
    const sdk = path.join(ts.cwd, "sdks", "hpecom");
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(sdk, "node_modules"));
    await run("node", [path.join("scripts", "postinstall.js")], { cwd: sdk, env: { ...process.env, PATH: `${path.join(repoRoot, "node_modules", ".bin")}:${process.env.PATH}` } });
    fs.mkdirSync(path.join(ts.cwd, "node_modules", "@pulumi-hpecom"), { recursive: true });
    fs.symlinkSync(sdk, path.join(ts.cwd, "node_modules", "@pulumi-hpecom", "hpecom"));
    for (const dep of ["@pulumi", "typescript", "@types"]) fs.symlinkSync(path.join(repoRoot, "node_modules", dep), path.join(ts.cwd, "node_modules", dep));
    fs.writeFileSync(path.join(ts.cwd, "index.ts"), `import * as pulumi from "@pulumi/pulumi";
import * as hpecom from "@pulumi-hpecom/hpecom";

const config = new pulumi.Config();
const dscc = new hpecom.ExternalService("dscc", {
    name: "Release DSCC from TypeScript",
    serviceType: hpecom.ServiceType.DSCC,
    authentication: { clientId: "dscc-client", clientSecret: config.requireSecret("dsccSecret") },
    serviceData: { region: "us-west" },
});
export const generation = dscc.generation;
`);
    await ts.stack();
    await ts.pulumi("up", "--yes", "--skip-preview");
    expect((await emulatorServices(emulator())).filter((s) => s.name === "Release DSCC from TypeScript")).toEqual([expect.objectContaining({ generation: 1 })]);
    await ts.pulumi("preview", "--expect-no-changes");
    expectNoSecrets({ output: ts.printed.join("\n"), state: ts.state() }, FIXTURE_SECRETS);
    await ts.pulumi("destroy", "--yes", "--skip-preview");
    expect((await emulatorServices(emulator())).filter((s) => s.name === "Release DSCC from TypeScript")).toEqual([]);
  }, 180_000);
});
