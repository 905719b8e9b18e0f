/**
 * A deployment killed at any moment (SIGKILL of the CLI and everything it started, as when a CI
 * job is cancelled) comes back in one step: `npx pulumi-hpecom recover --cancel --yes` (the lock
 * cleared, interrupted creates imported or cleared), then one `pulumi up` or `destroy`
 * converges — the workspace holds exactly the program's services, each once, state and
 * workspace agree field by field, and no secret shows in output or state. On both faces: a
 * TypeScript program on the dynamic provider and a YAML program on the plugin.
 */
import { ChildProcess, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunningEmulator } from "../../emulator";
import { copyProject, stateFilesText } from "../helpers/cli-project";
import { emulatorServices } from "../helpers/emulator-inspection";
import { useEmulator } from "../helpers/emulator";
import { CliResult, engineBin, pulumiCli, repoRoot, scratchDir, stackCli, withCleanup } from "../helpers/engine";
import { killTree } from "../helpers/process-tree";
import { expectNoSecrets } from "../helpers/secrets";

const COUNT = 20;
const CLIENT = { id: "demo-client", secret: "demo-secret" };
const DSCC_SECRET = "dscc-fleet-secret-value";
const emulator = useEmulator({ clients: [CLIENT] });
const COLLECTION = "/compute-ops-mgmt/v1beta1/external-services";

type Face = "dynamic" | "yaml";
type LogEntry = ReturnType<RunningEmulator["log"]["since"]>[number];

/** Polls `done` every 10 ms: what it waits for is seen in the emulator, not guessed with a timer. */
async function until(done: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A stack of a scratch copy of the face's fleet program, configured for the emulator. */
async function fleet(face: Face) {
  const scratch = scratchDir("killed");
  const cwd = face === "yaml" ? yamlCopy(scratch) : copyProject(path.join(repoRoot, "tests", "fixtures", "fleet"), scratch);
  const opts = { cwd, home: path.join(scratch, "home"), backendDir: path.join(scratch, "state") };
  const env = { ...process.env, PULUMI_HOME: opts.home, PULUMI_BACKEND_URL: `file://${opts.backendDir}`, PATH: `${engineBin()}:${process.env.PATH}` };
  const { run, printed } = stackCli(opts, "ci");
  const init = await pulumiCli(["stack", "init", "ci"], opts);
  if (init.code !== 0) throw new Error(init.stderr);
  const e = emulator();
  const config = face === "yaml"
    ? ["--plaintext", `endpoint=${e.url}`, "--plaintext", `tokenUrl=${e.tokenUrl}`, "--secret", `comClientSecret=${CLIENT.secret}`]
    : ["--plaintext", `hpecom:endpoint=${e.url}`, "--plaintext", `hpecom:tokenUrl=${e.tokenUrl}`, "--plaintext", `hpecom:clientId=${CLIENT.id}`,
      "--secret", `hpecom:clientSecret=${CLIENT.secret}`, "--plaintext", `count=${COUNT}`];
  await run("config", "set-all", ...config, "--secret", `dsccClientSecret=${DSCC_SECRET}`);

  /**
   * Starts `pulumi <args>` and kills it with its whole tree the moment the emulator has acted on
   * the `seen`-th request that `matches`, before answering it; returns how many it had acted on
   * then, and how many once the requests in flight were done.
   */
  async function killDuring(args: string[], matches: (r: LogEntry) => boolean, seen: number): Promise<{ atKill: number; settled: number }> {
    const since = e.log.lastSeq;
    const count = () => e.log.since(since).filter(matches).length;
    const child: ChildProcess = spawn("pulumi", [...args, "--stack", "ci", "--non-interactive"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d: Buffer) => printed.push(d.toString()));
    child.stderr!.on("data", (d: Buffer) => printed.push(d.toString()));
    let atKill: number | undefined;
    const killed = new Promise<void>((resolve, reject) => {
      const stop = e.log.onRequest((r) => {
        if (!matches(r) || count() < seen) return;
        stop();
        atKill = count();
        killTree(child.pid!);
        resolve();
      });
      child.once("exit", () => {
        stop();
        if (atKill === undefined) reject(new Error(`pulumi ${args.join(" ")} ended before it was killed:\n${printed.join("")}`));
      });
    });
    await killed;
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once("exit", resolve)));
    // A request the emulator had received is answered even though its client is gone: wait until none is left.
    await until(() => e.inFlight === 0, "the emulator's requests in flight");
    return { atKill: atKill!, settled: count() };
  }

  /** `npx pulumi-hpecom recover …` as a pipeline runs it, in the program's directory. */
  async function recover(...args: string[]): Promise<CliResult> {
    try {
      const r = await promisify(execFile)(path.join(repoRoot, "bin", "pulumi-hpecom"), ["recover", "--stack", "ci", ...args], { cwd, env });
      printed.push(r.stdout, r.stderr);
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const r = err as { code: number; stdout: string; stderr: string };
      printed.push(r.stdout, r.stderr);
      return { code: r.code, stdout: r.stdout, stderr: r.stderr };
    }
  }

  /** The stack's services in state, as the last deployment recorded them. */
  async function stateServices(): Promise<{ id: string; outputs: Record<string, unknown> }[]> {
    const { deployment } = JSON.parse((await run("stack", "export")).stdout);
    return (deployment.resources ?? []).filter((r: { type: string }) => r.type.endsWith(":ExternalService"));
  }

  const cleanup = async () => {
    await run("destroy", "--yes", "--skip-preview").catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  /** The stack's checkpoint in the file backend (`.pulumi/stacks/<project>/ci.json`). */
  const checkpoint = () => {
    const stacks = path.join(opts.backendDir, ".pulumi", "stacks");
    return path.join(stacks, fs.readdirSync(stacks)[0], "ci.json");
  };
  return { run, printed, killDuring, recover, stateServices, checkpoint, stateText: () => stateFilesText(opts.backendDir), cleanup };
}

function yamlCopy(scratch: string): string {
  const dir = path.join(scratch, "project");
  fs.cpSync(path.join(repoRoot, "tests", "fixtures", "fleet-yaml"), dir, { recursive: true });
  const manifest = path.join(dir, "Pulumi.yaml");
  fs.writeFileSync(manifest, fs.readFileSync(manifest, "utf8").replace(/path: [./]*bin/, `path: ${path.join(repoRoot, "bin")}`));
  return dir;
}

const isCreate = (r: LogEntry) => r.method === "POST" && r.path === COLLECTION && r.status === 201;
const isUpdate = (r: LogEntry) => r.method === "PATCH" && r.path.startsWith(`${COLLECTION}/`) && r.status === 200;
const isDelete = (r: LogEntry) => r.method === "DELETE" && r.path.startsWith(`${COLLECTION}/`) && r.status < 300;

/** The workspace holds exactly the fleet, each name once, and state agrees with it field by field. */
async function expectConverged(stack: Awaited<ReturnType<typeof fleet>>, description: string): Promise<void> {
  const services = await emulatorServices(emulator());
  expect(services.map((s) => s.name).sort()).toEqual(Array.from({ length: COUNT }, (_, i) => `DSCC ${i + 1}`).sort());
  const inState = await stack.stateServices();
  expect(inState).toHaveLength(COUNT);
  const byId = new Map(services.map((s) => [s.id, s as unknown as Record<string, unknown>]));
  for (const r of inState) {
    const service = byId.get(r.id);
    expect(service).toBeDefined();
    for (const field of ["name", "serviceType", "description", "generation", "updatedAt", "createdAt"]) expect([r.id, field, r.outputs[field]]).toEqual([r.id, field, service![field]]);
    expect(r.outputs.serviceData).toEqual(expect.objectContaining(service!.serviceData as object));
    expect(service!.description).toBe(description);
  }
  await stack.run("preview", "--expect-no-changes");
}

beforeEach(async () => {
  await fetch(`${emulator().url}/__emulator/reset`, { method: "POST" });
  // Each create waits a little in the emulator, so that a kill finds some in flight.
  emulator().faults.set({ match: `^POST ${COLLECTION}$`, latencyMs: 60 });
});

describe.each<[Face, number]>([["dynamic", 1], ["dynamic", 10], ["dynamic", COUNT - 1], ["yaml", 10]])("%s face: up of 20 killed after %i creates", (face, killAfter) => {
  it("recovers in one step, then one up converges with each service once", async () => {
    const stack = await fleet(face);
    await withCleanup(async () => {
      const created = await stack.killDuring(["up", "--yes", "--skip-preview", "--parallel", "4"], isCreate, killAfter);
      expect(created.atKill).toBe(killAfter);
      // What the kill left: the stack locked, and creates pending in state. A kill while the
      // backend rewrote the checkpoint's sidecar leaves that empty, and the stack unreadable
      // (the test below makes that happen on purpose): recover repairs it as well.
      const locked = await stack.run("up", "--yes", "--skip-preview").then(() => "", (err: Error) => err.message);
      expect(locked).toMatch(/locked|failed to load checkpoint: EOF/);

      const recovered = await stack.recover("--cancel", "--yes");
      expect(recovered.code).toBe(0);
      expect(recovered.stdout).toMatch(/lock cleared/);
      // Every service the workspace got is imported; what it did not get is cleared.
      const imports = (recovered.stdout.match(/^ {2}import /gm) ?? []).length;
      expect(imports).toBeGreaterThan(0);
      const tracked = await stack.stateServices();
      expect(tracked).toHaveLength((await emulatorServices(emulator())).length);

      const since = emulator().log.lastSeq;
      await stack.run("up", "--yes", "--skip-preview");
      // The next up creates only what was missing: no create refused as a duplicate, no service twice.
      expect(emulator().log.since(since).filter((r) => r.method === "POST" && r.path === COLLECTION && r.status !== 201)).toEqual([]);
      await expectConverged(stack, "fleet");
      expectNoSecrets({ output: stack.printed.join("\n"), state: stack.stateText() }, [CLIENT.secret, DSCC_SECRET]);
    }, stack.cleanup);
  });
});

describe("dynamic face: 20 services", () => {
  it("an update killed half-way needs no recovery step: the next up converges", async () => {
    const stack = await fleet("dynamic");
    await withCleanup(async () => {
      await stack.run("up", "--yes", "--skip-preview");
      emulator().faults.set({ match: `^PATCH ${COLLECTION}/`, latencyMs: 60 });
      await stack.run("config", "set", "description", "changed");
      await stack.killDuring(["up", "--yes", "--skip-preview", "--parallel", "4"], isUpdate, COUNT / 2);
      const recovered = await stack.recover("--cancel", "--yes");
      expect({ code: recovered.code, stderr: recovered.stderr }).toEqual({ code: 0, stderr: "" });
      expect(recovered.stdout).toMatch(/interrupted update: the next `pulumi up` converges it/);
      await stack.run("up", "--yes", "--skip-preview");
      await expectConverged(stack, "changed");
    }, stack.cleanup);
  });

  it("a destroy killed half-way needs no recovery step: the next destroy empties the workspace", async () => {
    const stack = await fleet("dynamic");
    await withCleanup(async () => {
      await stack.run("up", "--yes", "--skip-preview");
      emulator().faults.set({ match: `^DELETE ${COLLECTION}/`, latencyMs: 60 });
      const deleted = await stack.killDuring(["destroy", "--yes", "--skip-preview", "--parallel", "4"], isDelete, COUNT / 2);
      expect(deleted.atKill).toBe(COUNT / 2);
      expect((await stack.recover("--cancel", "--yes")).code).toBe(0);
      await stack.run("destroy", "--yes", "--skip-preview");
      expect(await emulatorServices(emulator())).toEqual([]);
      expect(await stack.stateServices()).toEqual([]);
    }, stack.cleanup);
  });

  it("a kill that cut the checkpoint's sidecar short: recover removes it, then clears the lock and settles the creates", async () => {
    const stack = await fleet("dynamic");
    await withCleanup(async () => {
      await stack.killDuring(["up", "--yes", "--skip-preview", "--parallel", "4"], isCreate, 2);
      // fileblob rewrites `<stack>.json.attrs` in place before it renames the new checkpoint over
      // the old one; the kill's worst moment is between the two, made here by hand.
      fs.writeFileSync(`${stack.checkpoint()}.attrs`, "");
      const unreadable = await stack.run("up", "--yes", "--skip-preview").then(() => "", (err: Error) => err.message);
      expect(unreadable).toMatch(/failed to load checkpoint: EOF/);
      const recovered = await stack.recover("--cancel", "--yes");
      expect(recovered.code).toBe(0);
      expect(recovered.stdout).toMatch(/recover: removed ci.json.attrs, which the kill cut short/);
      expect(recovered.stdout).toMatch(/lock cleared/);
      expect(recovered.stdout).toMatch(/^ {2}import /m);
      await stack.run("up", "--yes", "--skip-preview");
      await expectConverged(stack, "fleet");
    }, stack.cleanup);
  });

  it("recover with nothing interrupted changes nothing, and refuses to guess between two services of one name", async () => {
    const stack = await fleet("dynamic");
    await withCleanup(async () => {
      expect((await stack.recover("--yes")).stdout).toMatch(/no interrupted operation; nothing to do/);
      await stack.killDuring(["up", "--yes", "--skip-preview", "--parallel", "1"], isCreate, 1);
      // Before recover runs, services of a pending create's name are added outside Pulumi (the API refuses a duplicate; a console user or another tool may not).
      const pending = JSON.parse((await stack.run("stack", "export")).stdout).deployment.pending_operations as { resource: { inputs: { name: string } } }[];
      const name = pending[0].resource.inputs.name;
      const store = emulator().store.workspace("workspace-demo-client");
      const model = Object.values(store.services)[0];
      for (const id of ["twin-1", "twin-2"]) store.services[id] = { ...model, id, name };
      const before = (await stack.run("stack", "export")).stdout;
      const refused = await stack.recover("--cancel", "--yes");
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(new RegExp(`[23] DSCC external service '${name}'s in its workspace`));
      expect(refused.stderr).toMatch(/cannot decide 1 interrupted create\(s\); state is unchanged/);
      expect((await stack.run("stack", "export")).stdout).toBe(before);
    }, stack.cleanup);
  });
});
