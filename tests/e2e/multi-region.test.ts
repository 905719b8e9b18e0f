/**
 * examples/multi-region through the CLI: two emulators stand for two COM regions, each with its
 * own API client, and the EU one also holds an MSP workspace with two tenants. Every resource's
 * requests reach only its own workspace, with its own client and tenant; a refresh is clean;
 * new credentials send no request; moving a service to the other region replaces it; destroy
 * empties everything; no credential shows anywhere.
 */
import * as path from "node:path";
import axios from "axios";
import type { LoggedRequest, RunningEmulator } from "../../emulator";
import { deployProject } from "../helpers/cli-project";
import { useEmulator } from "../helpers/emulator";
import { repoRoot } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const US = { id: "us-client", secret: "us-client-secret", workspace: "us" };
const US_ROTATED = { id: "us-client-2", secret: "us-client-secret-2", workspace: "us" };
const EU = { id: "eu-client", secret: "eu-client-secret", workspace: "eu" };
const MSP = { id: "msp-client", secret: "msp-client-secret", workspace: "msp", tenants: ["tenant-a", "tenant-b"] };
const usRegion = useEmulator({ clients: [US, US_ROTATED] });
const euRegion = useEmulator({ clients: [EU, MSP] });

const names = async (emulator: RunningEmulator) => Object.fromEntries(Object.entries(
  (await axios.get(`${emulator.url}/__emulator/services`)).data as Record<string, { name: string }[]>,
).map(([workspace, services]) => [workspace, services.map((s) => s.name).sort()]).filter(([, s]) => s.length));

const comLog = (emulator: RunningEmulator, since = 0): LoggedRequest[] => emulator.log.since(since).filter((r) => r.path.startsWith("/compute-ops"));
const writes = (log: LoggedRequest[]) => log.filter((r) => r.method !== "GET");

it("deploys to two regions and two MSP tenants, each through its own connection", async () => {
  const us = usRegion();
  const eu = euRegion();
  const secrets = [US.secret, US_ROTATED.secret, EU.secret, MSP.secret, "dscc-secret-value"];
  const shown: string[] = [];
  await deployProject(path.join(repoRoot, "examples", "multi-region"), {
    plain: {
      "hpecom:disableDefaultConnection": "true",
      usEndpoint: us.url, usTokenUrl: us.tokenUrl, usClientId: US.id,
      euEndpoint: eu.url, euTokenUrl: eu.tokenUrl, euClientId: EU.id, mspClientId: MSP.id,
    },
    secret: { usClientSecret: US.secret, euClientSecret: EU.secret, mspClientSecret: MSP.secret, dsccClientSecret: "dscc-secret-value" },
  }, async ({ up, outputs, run, stateText }) => {
    shown.push(up.stdout, up.stderr);
    const step = async (args: string[]) => { const r = await run(args); shown.push(r.stdout, r.stderr); return r; };

    // One up: each service in its own workspace.
    expect(await names(us)).toEqual({ us: ["DSCC storage"] });
    expect(await names(eu)).toEqual({ eu: ["DSCC backup"], "tenant-tenant-a": ["DSCC tenant-a"], "tenant-tenant-b": ["DSCC tenant-b"] });
    expect(outputs.euServices).toEqual(["DSCC backup"]);
    expect(outputs.readBack).toBe("DSCC storage");

    // Each emulator saw only its own clients; the MSP client's requests carried their tenant.
    expect(new Set(comLog(us).map((r) => r.client))).toEqual(new Set([US.id]));
    expect(new Set(comLog(eu).map((r) => `${r.client} ${r.tenant ?? "-"}`)))
      .toEqual(new Set([`${EU.id} -`, `${MSP.id} tenant-a`, `${MSP.id} tenant-b`]));
    const created = (log: LoggedRequest[]) => writes(log).map((r) => `${(r.body as { name: string }).name} by ${r.client}${r.tenant ? ` for ${r.tenant}` : ""}`).sort();
    expect(created(comLog(us))).toEqual(["DSCC storage by us-client"]);
    expect(created(comLog(eu))).toEqual(["DSCC backup by eu-client", "DSCC tenant-a by msp-client for tenant-a", "DSCC tenant-b by msp-client for tenant-b"]);

    // A refresh is clean.
    await step(["refresh", "--yes", "--skip-preview"]);
    await step(["preview", "--expect-no-changes"]);

    // New credentials for the US connection: an update that writes nothing; later requests use them.
    const [usSeq, euSeq] = [us.log.lastSeq, eu.log.lastSeq];
    await step(["config", "set", "usClientId", US_ROTATED.id]);
    await step(["config", "set", "--secret", "usClientSecret", US_ROTATED.secret]);
    await step(["up", "--yes", "--skip-preview"]);
    expect(writes([...comLog(us, usSeq), ...comLog(eu, euSeq)])).toEqual([]);
    const afterRotation = us.log.lastSeq;
    await step(["refresh", "--yes", "--skip-preview"]);
    expect(new Set(comLog(us, afterRotation).map((r) => r.client))).toEqual(new Set([US_ROTATED.id]));

    // Moving a service to the other region replaces it: created in the EU, deleted from the US with the US client.
    const [usMove, euMove] = [us.log.lastSeq, eu.log.lastSeq];
    for (const [key, where] of Object.entries({ storage: "eu", backup: "eu", "tenant-a": "tenant-a", "tenant-b": "tenant-b" })) {
      await step(["config", "set", "--path", `placement.${key}`, where]);
    }
    const moved = await step(["up", "--yes", "--skip-preview"]);
    expect(moved.stdout).toMatch(/1 replaced/);
    expect(await names(us)).toEqual({});
    expect((await names(eu)).eu).toEqual(["DSCC backup", "DSCC storage"]);
    expect(writes(comLog(us, usMove)).map((r) => `${r.method} by ${r.client}`)).toEqual([`DELETE by ${US_ROTATED.id}`]);
    expect(writes(comLog(eu, euMove)).map((r) => `${r.method} by ${r.client}`)).toEqual([`POST by ${EU.id}`]);

    expectNoSecrets({ output: shown.join("\n"), state: stateText() }, [...secrets, ...us.clients.issuedTokens(), ...eu.clients.issuedTokens()]);
  });
  expect(await names(us)).toEqual({});
  expect(await names(eu)).toEqual({});
});

it("refuses a resource without a connection when the stack disables the default one, naming the resource", async () => {
  const us = usRegion();
  const since = us.log.lastSeq;
  const failed = await deployProject(path.join(repoRoot, "examples", "dscc"), {
    plain: { "hpecom:disableDefaultConnection": "true", "hpecom:endpoint": us.url, "hpecom:tokenUrl": us.tokenUrl, "hpecom:clientId": US.id, dsccClientId: "d" },
    secret: { "hpecom:clientSecret": US.secret, dsccClientSecret: "dscc-secret-value" },
  }, async () => undefined).catch((e: Error) => e);
  expect(String(failed)).toMatch(/ExternalService resource 'dscc'[\s\S]*property connection value \{<nil>\} has a problem: is required: the stack sets hpecom:disableDefaultConnection/);
  expect(comLog(us, since)).toEqual([]);
});
