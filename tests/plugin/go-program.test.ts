/**
 * A Go program on the generated Go SDK, run by the engine through the plugin: it creates,
 * refreshes, updates and destroys a service against the emulator. The Go language host is the
 * engine build's (scripts/engine/language-codegen); the program builds offline against the module
 * graph committed in tests/plugin/go-sdk.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stateFilesText } from "../helpers/cli-project";
import { emulatorServices } from "../helpers/emulator-inspection";
import { useEmulator } from "../helpers/emulator";
import { pulumiCli, repoRoot, stackCli } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const emulator = useEmulator();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hpecom-go-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const MAIN_GO = `package main

import (
	"github.com/pulumi-hpecom/pulumi-hpecom/sdks/go/hpecom"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		dscc, err := hpecom.NewExternalService(ctx, "dscc", &hpecom.ExternalServiceArgs{
			Name:        pulumi.String("DSCC from Go"),
			ServiceType: hpecom.ServiceTypeDSCC,
			Description: pulumi.String(cfg.Require("description")),
			Authentication: &hpecom.ExternalServiceAuthenticationArgs{
				ClientId:     pulumi.String("dscc-client"),
				ClientSecret: cfg.RequireSecret("dsccSecret"),
			},
			ServiceData: &hpecom.ExternalServiceDataArgs{Region: pulumi.String("us-west")},
		})
		if err != nil {
			return err
		}
		ctx.Export("generation", dscc.Generation)
		return nil
	})
}
`;

/** The program's module: the generated SDK by a replace directive, every other module as the SDK's committed graph pins it. */
function goModule(sdkDir: string): string {
  const graph = fs.readFileSync(path.join(repoRoot, "tests", "plugin", "go-sdk", "go.mod"), "utf8");
  return graph.replace(/^module .*$/m, "module hpecom-go-program")
    .concat(`\nrequire github.com/pulumi-hpecom/pulumi-hpecom/sdks/go v0.0.0\n\nreplace github.com/pulumi-hpecom/pulumi-hpecom/sdks/go => ${sdkDir}\n`);
}

it("creates, refreshes, updates and destroys a service from a Go program", async () => {
  const home = path.join(scratch, "home");
  const program = path.join(scratch, "program");
  const opts = { cwd: program, home, backendDir: path.join(scratch, "state"), env: { PULUMI_CONFIG_PASSPHRASE: "go", GOFLAGS: "-mod=mod", GOPROXY: "off" } };
  const { run, printed } = stackCli(opts);

  // The SDK, generated from the schema into the scratch folder; its module graph is the committed one.
  const generated = await pulumiCli(["package", "gen-sdk", path.join(repoRoot, "plugin", "schema.json"), "--language", "go", "--out", path.join(scratch, "sdk")], { ...opts, cwd: scratch });
  expect(`${generated.code} ${generated.stderr}`).toMatch(/^0 /);
  const sdkDir = path.join(scratch, "sdk", "go");
  for (const file of ["go.mod", "go.sum"]) fs.copyFileSync(path.join(repoRoot, "tests", "plugin", "go-sdk", file), path.join(sdkDir, file));

  fs.mkdirSync(program);
  fs.writeFileSync(path.join(program, "main.go"), MAIN_GO);
  fs.writeFileSync(path.join(program, "go.mod"), goModule(sdkDir));
  fs.copyFileSync(path.join(repoRoot, "tests", "plugin", "go-sdk", "go.sum"), path.join(program, "go.sum"));
  fs.writeFileSync(path.join(program, "Pulumi.yaml"),
    `name: hpecom-go\nruntime: go\nplugins:\n  providers:\n    - name: hpecom\n      path: ${path.join(repoRoot, "bin")}\n`);

  expect((await pulumiCli(["stack", "init", "dev"], opts)).code).toBe(0);
  await run("config", "set-all", "--plaintext", `hpecom:endpoint=${emulator().url}`, "--plaintext", `hpecom:tokenUrl=${emulator().tokenUrl}`,
    "--plaintext", "hpecom:clientId=demo-client", "--secret", "hpecom:clientSecret=demo-secret",
    "--plaintext", "description=first", "--secret", "dsccSecret=dscc-secret-value");
  await run("up", "--yes", "--skip-preview");
  expect(await emulatorServices(emulator())).toEqual([expect.objectContaining({ name: "DSCC from Go", description: "first", generation: 1 })]);
  expect(JSON.parse((await run("stack", "output", "--json")).stdout)).toEqual({ generation: 1 });

  await run("refresh", "--yes", "--skip-preview");
  await run("preview", "--expect-no-changes");
  await run("config", "set", "description", "second");
  await run("up", "--yes", "--skip-preview");
  expect(await emulatorServices(emulator())).toEqual([expect.objectContaining({ description: "second", generation: 2 })]);

  expectNoSecrets({ output: printed.join("\n"), state: stateFilesText(opts.backendDir) }, ["demo-secret", "dscc-secret-value"]);
  await run("destroy", "--yes", "--skip-preview");
  expect(await emulatorServices(emulator())).toEqual([]);
}, 600_000);
