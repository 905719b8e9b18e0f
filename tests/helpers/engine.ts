import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import {
  ConfigMap, DestroyResult, LocalWorkspace, PreviewResult, PulumiCommand, PulumiFn, RefreshResult, Stack, UpResult,
} from "@pulumi/pulumi/automation";
import { repoRoot, scratchDir } from "./paths";

export { repoRoot, scratchDir };

export function engineBin(): string {
  const bin = process.env.PULUMI_ENGINE_BIN;
  if (!bin) throw new Error("PULUMI_ENGINE_BIN is not set: run the tests with `make test`");
  return bin;
}

/**
 * Runs `body`, then `cleanup` whatever happened. A cleanup that fails after the body failed is
 * added to the body's error, never put in its place: the failure a test reports is the real one.
 */
export async function withCleanup<T>(body: () => Promise<T>, cleanup: () => Promise<void> | void): Promise<T> {
  let result: T;
  try {
    result = await body();
  } catch (err) {
    try {
      await cleanup();
    } catch (cleanupError) {
      if (err instanceof Error) err.message += `\n(the clean-up after it failed too: ${(cleanupError as Error)?.message ?? cleanupError})`;
    }
    throw err;
  }
  await cleanup();
  return result;
}

/** Everything a test needs to drive one throw-away stack on the real engine. */
export interface TestStack {
  stack: Stack;
  workDir: string;
  /** The file:// backend directory: the state files live below it. */
  backendDir: string;
  /** Every line the engine printed during this test's operations. */
  output: string[];
  /** The messages of operations that failed (they carry the engine's stderr). */
  errors: string[];
  up(opts?: Parameters<Stack["up"]>[0]): Promise<UpResult>;
  preview(opts?: Parameters<Stack["preview"]>[0]): Promise<PreviewResult>;
  refresh(opts?: Parameters<Stack["refresh"]>[0]): Promise<RefreshResult>;
  destroy(opts?: Parameters<Stack["destroy"]>[0]): Promise<DestroyResult>;
  /** The stack's checkpoint file as text, as stored by the backend. */
  stateText(): string;
}

export interface TestStackOptions {
  projectName?: string;
  config?: ConfigMap;
  envVars?: Record<string, string>;
  /** Run the program's `hpecom:index:*` resources on the checkout's plugin (bin/pulumi-resource-hpecom). */
  plugin?: boolean;
}

/**
 * Runs `body` against a new stack of an inline program, with its own Pulumi home, file://
 * backend and random stack name; destroys the stack and removes it and its folders after.
 */
export async function withTestStack<T>(
  program: PulumiFn, body: (t: TestStack) => Promise<T>, options: TestStackOptions = {},
): Promise<T> {
  const workDir = scratchDir("work");
  const pulumiHome = path.join(workDir, "home");
  const backendDir = path.join(workDir, "state");
  fs.mkdirSync(pulumiHome);
  fs.mkdirSync(backendDir);
  const projectName = options.projectName ?? "hpecom-test";
  const stackName = `t${randomBytes(6).toString("hex")}`;

  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, projectName, program },
    {
      workDir,
      pulumiHome,
      pulumiCommand: await PulumiCommand.get({ root: path.dirname(engineBin()) }),
      envVars: { PULUMI_BACKEND_URL: `file://${backendDir}`, ...options.envVars },
      projectSettings: {
        name: projectName, runtime: "nodejs", backend: { url: `file://${backendDir}` },
        ...(options.plugin && { plugins: { providers: [{ name: "hpecom", path: path.join(repoRoot, "bin") }] } }),
      },
    },
  );
  if (options.config) await stack.setAllConfig(options.config);

  const output: string[] = [];
  const errors: string[] = [];
  const onOutput = (line: string) => output.push(line);
  const recorded = <R>(operation: Promise<R>) => operation.catch((err: Error) => {
    errors.push(String(err?.message ?? err));
    throw err;
  });
  const t: TestStack = {
    stack, workDir, backendDir, output, errors,
    up: (opts) => recorded(stack.up({ onOutput, ...opts })),
    preview: (opts) => recorded(stack.preview({ onOutput, ...opts })),
    refresh: (opts) => recorded(stack.refresh({ onOutput, ...opts })),
    destroy: (opts) => recorded(stack.destroy({ onOutput, ...opts })),
    stateText: () => fs.readFileSync(
      path.join(backendDir, ".pulumi", "stacks", projectName, `${stackName}.json`), "utf8"),
  };
  return withCleanup(() => body(t), () => withCleanup(async () => {
    await stack.destroy({ onOutput });
    await stack.workspace.removeStack(stackName);
  }, () => fs.rmSync(workDir, { recursive: true, force: true })));
}

/** The result of one CLI invocation. */
export interface CliResult { code: number; stdout: string; stderr: string }

/**
 * Runs the real `pulumi` CLI in `cwd` with the engine environment of this test run and a
 * private Pulumi home and backend (created if absent).
 */
export async function pulumiCli(
  args: string[], opts: { cwd: string; home: string; backendDir: string; env?: Record<string, string> },
): Promise<CliResult> {
  fs.mkdirSync(opts.home, { recursive: true });
  fs.mkdirSync(opts.backendDir, { recursive: true });
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(engineBin(), "pulumi"), [...args, "--non-interactive"], {
      cwd: opts.cwd,
      env: { ...process.env, PULUMI_HOME: opts.home, PULUMI_BACKEND_URL: `file://${opts.backendDir}`, ...opts.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/**
 * `pulumi <args> --stack <stack>` in a project directory, failing on a non-zero exit with what the
 * CLI printed; `printed` keeps every output, for secret scans.
 */
export function stackCli(opts: Parameters<typeof pulumiCli>[1], stack = "dev") {
  const printed: string[] = [];
  const run = async (...args: string[]): Promise<CliResult> => {
    const r = await pulumiCli([...args, "--stack", stack], opts);
    printed.push(r.stdout, r.stderr);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  return { run, printed };
}
