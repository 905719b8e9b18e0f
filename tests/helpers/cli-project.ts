/** Deploys a directory program through the real `pulumi` CLI and destroys it again. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { CliResult, pulumiCli, scratchDir } from "./engine";
import { FIXTURE_SECRETS } from "./com-stack";
import { expectNoSecrets } from "./secrets";

export interface ProjectRun {
  up: CliResult;
  outputs: Record<string, unknown>;
  /** Runs another `pulumi` command on the same stack; fails on a non-zero exit. */
  run(args: string[]): Promise<CliResult>;
  /** Every state file of the stack's backend, as text. */
  stateText(): string;
}

/** The stack config that points the provider at `emulator` with its demo client. */
export interface ProjectConfig { plain: Record<string, string>; secret: Record<string, string> }

export const emulatorConfig = (emulator: RunningEmulator, client = { id: "demo-client", secret: "demo-secret" }): ProjectConfig => ({
  plain: { "hpecom:endpoint": emulator.url, "hpecom:tokenUrl": emulator.tokenUrl, "hpecom:clientId": client.id },
  secret: { "hpecom:clientSecret": client.secret },
});

/**
 * The project's `Pulumi.yaml` alone in a scratch directory, its `main` pointing back at the
 * program where it is: the CLI writes `Pulumi.<stack>.yaml` beside `Pulumi.yaml`, and a test
 * must never write into the checkout. The program itself runs from its own folder, so
 * `pulumi-hpecom` resolves to this package as it does for a user.
 */
export function copyProject(dir: string, scratch: string): string {
  const copy = path.join(scratch, "project");
  fs.mkdirSync(copy, { recursive: true });
  const manifest = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
  const main = /^main:\s*(\S+)\s*$/m.exec(manifest)?.[1] ?? ".";
  const pointer = `main: ${path.relative(copy, path.resolve(dir, main))}`;
  fs.writeFileSync(path.join(copy, "Pulumi.yaml"), /^main:/m.test(manifest) ? manifest.replace(/^main:.*$/m, pointer) : `${manifest.trimEnd()}\n${pointer}\n`);
  return copy;
}

/** Every state file under a file:// backend directory, as one text (for secret scans). */
export function stateFilesText(backendDir: string): string {
  return fs.readdirSync(path.join(backendDir, ".pulumi", "stacks"), { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith(".json")).map((f) => fs.readFileSync(path.join(f.parentPath, f.name), "utf8")).join("\n");
}

/**
 * `pulumi stack init`, `config set-all`, `up`, `stack output`, then `destroy` and `stack rm`,
 * on a copy of the project, in a private Pulumi home and backend; checks that no secret
 * reached state or output.
 */
export async function deployProject(
  dir: string,
  config: ProjectConfig,
  inspect: (run: ProjectRun) => Promise<void>,
): Promise<void> {
  const scratch = scratchDir("cli");
  const opts = { cwd: copyProject(dir, scratch), home: path.join(scratch, "home"), backendDir: path.join(scratch, "state") };
  const stack = `s${Date.now()}`;
  const run = async (args: string[]) => {
    const r = await pulumiCli([...args, "--stack", stack], opts);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const secrets = [...FIXTURE_SECRETS, ...Object.values(config.secret)];
  try {
    const init = await pulumiCli(["stack", "init", stack], opts);
    if (init.code !== 0) throw new Error(init.stderr);
    await run(["config", "set-all",
      ...Object.entries(config.plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
      ...Object.entries(config.secret).flatMap(([k, v]) => ["--secret", `${k}=${v}`])]);
    const up = await run(["up", "--yes", "--skip-preview"]);
    const outputs = JSON.parse((await run(["stack", "output", "--json"])).stdout);
    const stateText = () => stateFilesText(opts.backendDir);
    await inspect({ up, outputs, run, stateText });
    const destroy = await run(["destroy", "--yes", "--skip-preview"]);
    expectNoSecrets({ output: up.stdout + up.stderr + destroy.stdout + destroy.stderr, state: stateText() }, secrets);
    await run(["stack", "rm", "--yes"]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
