/**
 * `pulumi-hpecom recover [--cancel] [--yes]`: the one step after an interrupted deployment.
 * It clears the stack's lock when asked, settles every pending operation (./recover.ts), writes
 * the state back with `pulumi stack import` and reads each imported service with a targeted
 * `pulumi refresh`. Secrets are revealed to this process only, to reach the workspace; the state
 * written back is the one exported without them.
 */
import * as readline from "node:readline/promises";
import { checkpointFile, repairCheckpoint } from "./checkpoint-repair";
import { comLookup } from "./com-lookup";
import { PulumiCli, PulumiCommandError, revealed, StackConfig, type Deployment, type ExportedStack } from "./pulumi-cli";
import { applyRecovery, describe, FindServices, planRecovery } from "./recover";

export interface RecoverOptions {
  /** Clear the stack's lock first (`pulumi cancel`): only when no other deployment of it can be running. */
  cancel: boolean;
  /** Apply without asking (pipelines). */
  yes: boolean;
  find?: FindServices;
  confirm?: (question: string) => Promise<boolean>;
}

const say = (line: string) => console.log(`recover: ${line}`);

async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

const damagedCheckpoint = (err: unknown) => err instanceof PulumiCommandError && /failed to load checkpoint/.test(err.stderr);

/** Runs `step`; when the stack's checkpoint cannot be read, repairs it (if allowed: ./checkpoint-repair.ts) and runs it again. */
async function withReadableCheckpoint<T>(cli: PulumiCli, allowed: () => Promise<boolean>, step: () => T): Promise<T> {
  try {
    return step();
  } catch (err) {
    if (!damagedCheckpoint(err)) throw err;
    const file = checkpointFile(process.cwd(), cli.stackName());
    if (!file) throw new Error(`${(err as Error).message}; the backend is not a local directory: restore the stack's last checkpoint from it, then run recover again`);
    if (!(await allowed())) throw new Error(`${(err as Error).message}; run with --yes to repair ${file} (a sidecar cut short is removed, an unreadable checkpoint replaced by its .bak)`);
    const repaired = repairCheckpoint(file);
    if (!repaired) throw new Error(`${(err as Error).message}; neither ${file}, its .attrs sidecar nor ${file}.bak can be repaired from here`);
    say(repaired);
    return step();
  }
}

export async function recover(cli: PulumiCli, options: RecoverOptions): Promise<number> {
  const confirm = options.confirm ?? askOnTerminal;
  const allowed = async (question: string) => options.yes || (await confirm(question));
  const stack = cli.stackName();
  const repairAllowed = () => allowed("The checkpoint cannot be read: repair it from what the backend keeps?");
  // A checkpoint that cannot be read is put right first: `pulumi cancel` needs it as well.
  const exported: ExportedStack = await withReadableCheckpoint(cli, repairAllowed, () => cli.exportStack());
  if (options.cancel) {
    try {
      cli.run(["cancel", "--yes"]);
      say(`stack ${stack}: lock cleared`);
    } catch (err) {
      say(`stack ${stack}: no lock cleared (${(err as Error).message})`);
    }
    // The lock is not part of the state: the export above still holds.
  }
  const pending = exported.deployment.pending_operations ?? [];
  if (pending.length === 0) {
    say(`stack ${stack}: no interrupted operation; nothing to do`);
    return 0;
  }
  const state = revealed(cli.exportStack(true).deployment) as Deployment;
  const config = revealed(cli.config(true)) as StackConfig;
  const plan = await planRecovery(state, config, options.find ?? comLookup());
  say(`stack ${stack}: ${pending.length} interrupted operation(s)`);
  for (const line of describe(plan)) console.log(line);
  if (plan.undecided.length) {
    console.error(`pulumi-hpecom: recover cannot decide ${plan.undecided.length} interrupted create(s); state is unchanged`);
    return 1;
  }
  const changes = plan.steps.filter((s) => s.action !== "keep");
  if (changes.length === 0) return 0;
  if (!(await allowed(`Apply these ${changes.length} step(s) to stack ${stack}?`))) {
    console.error("pulumi-hpecom: not applied (run with --yes, or answer yes); state is unchanged");
    return 1;
  }
  cli.importStack({ ...exported, deployment: applyRecovery(exported.deployment, plan) });
  const imported = changes.filter((s) => s.action === "import").map((s) => s.urn);
  // The engine reads each imported service, so that state and the workspace agree field by field.
  if (imported.length) cli.run(["refresh", "--yes", "--skip-preview", ...imported.flatMap((urn) => ["--target", urn])]);
  say(`stack ${stack}: done (${imported.length} imported, ${changes.length - imported.length} cleared); run \`pulumi up\` (or \`pulumi destroy\`) to converge`);
  return 0;
}
