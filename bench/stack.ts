/** A bench stack: one variant's N services in a scratch backend, against one emulator. */
import * as fs from "node:fs";
import * as path from "node:path";
import axios from "axios";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import type { EmulatorProcess } from "../emulator";
import { program, Variant } from "./resources";

export const root = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");
export const CLIENT = { id: "bench", secret: "bench-client-secret" };

export interface BenchStack {
  stack: Stack;
  /** Changes the description every service gets on the next `up`. */
  setDescription(text: string): void;
  remove(): Promise<void>;
}

/** `engineEnv` is added to the engine's environment (engine-floor.ts skips checkpoints at the large size). */
export async function benchStack(variant: Variant, n: number, emulator: EmulatorProcess, label: string, engineEnv: Record<string, string> = {}): Promise<BenchStack> {
  let description = "v1";
  const dir = fs.mkdtempSync(path.join(root, ".pulumi", "bench", `${label}-`));
  fs.mkdirSync(path.join(dir, "home"));
  const env = {
    // The plugin variants' engine finds pulumi-resource-hpecom on PATH: the checkout's, or the floor's.
    PATH: `${variant === "plugin-floor" || variant === "plugin-io-floor" ? pluginFloorLauncher(dir, variant) : path.join(root, "bin")}${path.delimiter}${process.env.PATH}`,
    PULUMI_BACKEND_URL: `file://${dir}`,
    HPECOM_ENDPOINT: emulator.url, HPECOM_TOKEN_URL: emulator.tokenUrl, HPECOM_CLIENT_ID: CLIENT.id, HPECOM_CLIENT_SECRET: CLIENT.secret,
    ...engineEnv,
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "bench", projectName: "hpecom-bench", program: program(variant, n, () => description) },
    {
      workDir: dir, pulumiHome: path.join(dir, "home"), envVars: env,
      pulumiCommand: await PulumiCommand.get({ root: path.dirname(process.env.PULUMI_ENGINE_BIN!) }),
      projectSettings: { name: "hpecom-bench", runtime: "nodejs", backend: { url: `file://${dir}` } },
    },
  );
  return {
    stack,
    setDescription: (text) => { description = text; },
    remove: async () => {
      await stack.workspace.removeStack("bench", { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A directory holding a pulumi-resource-hpecom that serves a floor plugin (providers/plugin-floor.ts or plugin-io-floor.ts). */
function pluginFloorLauncher(dir: string, floor: "plugin-floor" | "plugin-io-floor"): string {
  const bin = path.join(dir, "plugin-floor-bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "pulumi-resource-hpecom"), `#!/bin/sh\nexec node ${JSON.stringify(path.join(root, "dist", "bench", "providers", `${floor}.js`))} "$@"\n`, { mode: 0o755 });
  return bin;
}

export interface Counts { lastSeq: number; routes: Record<string, number>; statuses: Record<string, number> }

export async function counts(emulator: EmulatorProcess, since: number): Promise<Counts> {
  return (await axios.get(`${emulator.url}/__emulator/counts?since=${since}`)).data as Counts;
}
