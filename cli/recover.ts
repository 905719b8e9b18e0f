/**
 * `pulumi-hpecom recover`: what an interrupted deployment left in state, and how to settle it.
 * The engine records each operation in flight as a pending operation; a killed CLI leaves them
 * behind. A create may or may not have reached the API: the service is looked up in its
 * workspace by type and name (unique per type there), imported into state when found, and the
 * pending create cleared when not. Interrupted updates and deletes need nothing: the next `up`
 * sends the update again, and a delete that finds the service gone succeeds.
 */
import { ConnectionSettings, resolveSettings, workspaceOf } from "../provider/connection";
import { EXTERNAL_SERVICE_TYPES } from "../provider/type-token";
import type { Deployment, PendingOperation, StackConfig, StateResource } from "./pulumi-cli";

/** The workspace a pending create was sent to: a connection and the tenant the resource names. */
export interface Workspace { settings: ConnectionSettings; tenantAcid?: string }

/** The ids of the services of this type and name in the workspace. */
export type FindServices = (workspace: Workspace, serviceType: string, name: string) => Promise<string[]>;

export type Step =
  | { urn: string; operation: string; action: "import"; id: string; why: string }
  | { urn: string; operation: string; action: "clear" | "keep"; why: string };

export interface RecoveryPlan {
  steps: Step[];
  /** Pending creates this command cannot settle, each with the reason. */
  undecided: { urn: string; why: string }[];
}

const resourceName = (urn: string) => urn.split("::").pop() ?? urn;

/** Where a resource's provider instance is in state: the reference is `<provider urn>::<provider id>`. */
function providerInputs(state: Deployment, reference: string | undefined): Record<string, unknown> | undefined {
  if (!reference) return undefined;
  const urn = reference.slice(0, reference.lastIndexOf("::"));
  return state.resources?.find((r) => r.urn === urn)?.inputs;
}

/**
 * The workspace of a resource in the revealed state: the plugin face's provider instance; else
 * the dynamic face's own `connection`; else the stack's `hpecom:*` config. The environment fills
 * the rest, as it does for the provider.
 */
export function workspaceOfResource(state: Deployment, config: StackConfig, resource: StateResource, env = process.env): Workspace {
  const inputs = resource.inputs ?? {};
  const tenantAcid = typeof inputs.tenantAcid === "string" ? inputs.tenantAcid : undefined;
  const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const instance = resource.type.startsWith("hpecom:") ? providerInputs(state, resource.provider) : undefined;
  if (instance) return { settings: resolveSettings((k) => text(instance[k]), env), tenantAcid };
  const own = inputs.connection as Record<string, unknown> | undefined;
  if (own) return { settings: resolveSettings((k) => text(own[k]), {}), tenantAcid };
  return { settings: resolveSettings((k) => config[`hpecom:${k}`]?.value, env), tenantAcid };
}

async function planCreate(state: Deployment, config: StackConfig, op: PendingOperation, find: FindServices): Promise<Step | { undecided: string }> {
  const { urn, inputs = {} } = op.resource;
  const name = String(inputs.name);
  const serviceType = String(inputs.serviceType);
  const workspace = workspaceOfResource(state, config, op.resource);
  const where = `${serviceType} external service '${name}'`;
  let ids: string[];
  try {
    ids = await find(workspace, serviceType, name);
  } catch (err) {
    return { undecided: `could not look up ${where} in ${workspaceOf(workspace.settings, workspace.tenantAcid)}: ${(err as Error).message}` };
  }
  // A service that state already holds under another resource is not this create's.
  const held = new Set((state.resources ?? []).filter((r) => EXTERNAL_SERVICE_TYPES.includes(r.type) && r.urn !== urn).map((r) => r.id));
  const candidates = ids.filter((id) => !held.has(id));
  if (candidates.length > 1) return { undecided: `${candidates.length} ${where}s in its workspace (ids ${candidates.join(", ")}): delete the extra ones, then run recover again` };
  if (candidates.length === 0) return { urn, operation: op.type, action: "clear", why: `${where} is not in its workspace: the create never reached the API; the next \`pulumi up\` creates it` };
  return { urn, operation: op.type, action: "import", id: candidates[0], why: `${where} was created before the deployment stopped: imported with id ${candidates[0]}` };
}

/** What to do with each pending operation of the revealed state. */
export async function planRecovery(state: Deployment, config: StackConfig, find: FindServices): Promise<RecoveryPlan> {
  const plan: RecoveryPlan = { steps: [], undecided: [] };
  for (const op of state.pending_operations ?? []) {
    const { urn, type } = op.resource;
    if (!EXTERNAL_SERVICE_TYPES.includes(type)) {
      plan.steps.push({ urn, operation: op.type, action: "keep", why: `not an hpecom resource (${type}): left for \`pulumi refresh\` to settle` });
    } else if (op.type === "creating") {
      const step = await planCreate(state, config, op, find);
      if ("undecided" in step) plan.undecided.push({ urn, why: step.undecided });
      else plan.steps.push(step);
    } else {
      const next = op.type === "deleting" ? "the next `pulumi up` or `pulumi destroy` deletes it (a service already gone counts as deleted)" : "the next `pulumi up` converges it";
      plan.steps.push({ urn, operation: op.type, action: "clear", why: `interrupted ${op.type.replace(/ing$/, "e")}: ${next}` });
    }
  }
  return plan;
}

/**
 * The (unrevealed) state with the plan applied: pending operations it settles removed; each
 * imported service added as the resource, its outputs its inputs until a refresh reads it.
 * A resource of the same URN already in state is the one a replacement was to delete.
 */
export function applyRecovery(state: Deployment, plan: RecoveryPlan): Deployment {
  const settled = (op: PendingOperation) => plan.steps.some((s) => s.urn === op.resource.urn && s.operation === op.type && s.action !== "keep");
  const resources = [...(state.resources ?? [])];
  for (const step of plan.steps) {
    if (step.action !== "import") continue;
    const op = state.pending_operations!.find((o) => o.resource.urn === step.urn && o.type === step.operation)!;
    const imported: StateResource = { ...op.resource, custom: true, id: step.id, outputs: { ...op.resource.inputs } };
    const replaced = resources.findIndex((r) => r.urn === step.urn && !r.delete);
    if (replaced >= 0) {
      resources[replaced] = { ...resources[replaced], delete: true };
      resources.splice(replaced + 1, 0, imported);
    } else {
      resources.push(imported);
    }
  }
  return { ...state, resources, pending_operations: (state.pending_operations ?? []).filter((op) => !settled(op)) };
}

/** One line per step, for the terminal and the CI log. */
export function describe(plan: RecoveryPlan): string[] {
  return [
    ...plan.steps.map((s) => `  ${s.action.padEnd(6)} ${resourceName(s.urn)}: ${s.why}`),
    ...plan.undecided.map((u) => `  ?      ${resourceName(u.urn)}: ${u.why}`),
  ];
}
