/**
 * The `pulumi` CLI as the package's commands use it: on the program's directory and its
 * selected stack (or `--stack`), reading and writing the stack through `stack export` and
 * `stack import`. Secrets revealed with `--show-secrets` stay in this process's memory.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SECRET_SIG, SIG_KEY } from "../provider/runtime/wire";

/** A resource of `pulumi stack export`'s deployment, as far as these commands read it. */
export interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  provider?: string;
  [key: string]: unknown;
}

export interface PendingOperation {
  resource: StateResource;
  type: string;
  [key: string]: unknown;
}

/** The `deployment` of `pulumi stack export`: written back as it was read, but for what a command changes. */
export interface Deployment {
  resources?: StateResource[];
  pending_operations?: PendingOperation[];
  [key: string]: unknown;
}

export interface ExportedStack { version: number; deployment: Deployment; [key: string]: unknown }

/** `pulumi config --json`: each key's value (secrets only with `--show-secrets`). */
export type StackConfig = Record<string, { value?: string; secret?: boolean; objectValue?: unknown }>;

/** A `pulumi` command that failed: its arguments and what it printed on stderr. */
export class PulumiCommandError extends Error {
  constructor(readonly args: string[], readonly stderr: string) {
    super(`pulumi ${args.join(" ")} failed: ${stderr.trim().split("\n").filter(Boolean).pop() ?? "no message"}`);
  }
}

export class PulumiCli {
  constructor(readonly stack?: string, private readonly cwd = process.cwd()) {}

  run(args: string[]): string {
    const all = [...args, ...(this.stack ? ["--stack", this.stack] : []), "--non-interactive"];
    try {
      return execFileSync("pulumi", all, {
        cwd: this.cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 512 * 1024 * 1024,
      });
    } catch (err) {
      const stderr = String((err as { stderr?: string }).stderr ?? (err as Error).message);
      throw new PulumiCommandError(args, stderr);
    }
  }

  stackName(): string {
    return this.stack ?? this.run(["stack", "--show-name"]).trim();
  }

  /** The stack's state; with `reveal`, secrets in plaintext (for this process only: never written back). */
  exportStack(reveal = false): ExportedStack {
    return JSON.parse(this.run(["stack", "export", ...(reveal ? ["--show-secrets"] : [])])) as ExportedStack;
  }

  /** Replaces the stack's state (its secrets still encrypted, as exported without `reveal`). */
  importStack(exported: ExportedStack): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-hpecom-"));
    try {
      const file = path.join(dir, "state.json");
      fs.writeFileSync(file, JSON.stringify(exported));
      this.run(["stack", "import", "--file", file]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  config(reveal = false): StackConfig {
    return JSON.parse(this.run(["config", "--json", ...(reveal ? ["--show-secrets"] : [])])) as StackConfig;
  }
}

/** A value of `stack export --show-secrets` with each secret replaced by its plaintext value. */
export function revealed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealed);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[SIG_KEY] === SECRET_SIG) {
    return "plaintext" in record ? revealed(JSON.parse(String(record.plaintext))) : undefined;
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revealed(v)]));
}
