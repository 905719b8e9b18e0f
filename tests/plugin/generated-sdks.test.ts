/**
 * `pulumi package gen-sdk` from the committed plugin/schema.json, for Node.js, Python and Go.
 * Here the Node.js SDK type-checks against @pulumi/pulumi, the Go SDK builds against
 * github.com/pulumi/pulumi/sdk/v3 from the module cache (no network), and the Python SDK byte-compiles (its
 * `pulumi` dependency comes from a registry this machine cannot reach, so it is not imported).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { pulumiCli, repoRoot, scratchDir } from "../helpers/engine";

const run = promisify(execFile);
const scratch = scratchDir("gen-sdk");
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function generate(language: string): Promise<string> {
  const out = path.join(scratch, "sdk");
  const r = await pulumiCli(["package", "gen-sdk", path.join(repoRoot, "plugin", "schema.json"), "--language", language, "--out", out],
    { cwd: scratch, home: path.join(scratch, "home"), backendDir: path.join(scratch, "state") });
  expect(`${r.code} ${r.stderr}`).toMatch(/^0 /);
  return path.join(out, language);
}

describe("the SDKs generated from plugin/schema.json", () => {
  it("nodejs: type-checks against @pulumi/pulumi", async () => {
    const dir = await generate("nodejs");
    expect(fs.readFileSync(path.join(dir, "externalService.ts"), "utf8")).toMatch(/class ExternalService extends pulumi\.CustomResource/);
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
    await run(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", path.join(dir, "tsconfig.json"), "--noEmit"]);
  });

  it("python: byte-compiles", async () => {
    const dir = await generate("python");
    expect(fs.existsSync(path.join(dir, "pulumi_hpecom", "external_service.py"))).toBe(true);
    await run("python3", ["-m", "compileall", "-q", dir]);
  });

  it("go: builds against the Pulumi Go SDK", async () => {
    const dir = await generate("go");
    // Its module graph is committed (tests/plugin/go-sdk) and fetched by `make engine`: built with
    // the proxy off, the test needs no network.
    for (const file of ["go.mod", "go.sum"]) fs.copyFileSync(path.join(repoRoot, "tests", "plugin", "go-sdk", file), path.join(dir, file));
    const env = { ...process.env, GOFLAGS: "-mod=readonly", GOPROXY: "off" };
    await run("go", ["build", "./..."], { cwd: dir, env });
    expect(fs.readFileSync(path.join(dir, "hpecom", "externalService.go"), "utf8")).toMatch(/func NewExternalService\(/);
  }, 600_000);
});
