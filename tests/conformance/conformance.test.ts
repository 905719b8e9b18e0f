/**
 * `make conformance`: the probes of the assumptions ledger against a real COM workspace when
 * one is configured (see target.ts), against the emulator otherwise. Every probe's observation
 * goes to the report, whatever happens; every service created is deleted again.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../helpers/paths";
import { openTarget, Target } from "./target";
import { NOT_PROBED, PROBES, ProbeContext } from "./probes";

const ledger = fs.readFileSync(path.join(repoRoot, "docs", "api-assumptions.md"), "utf8");
const ledgerIds = [...ledger.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
const reportFile = process.env.CONFORMANCE_REPORT ?? path.join(os.tmpdir(), `conformance-report-${process.pid}.json`);

let target: Target;
const ctx = {} as ProbeContext;
const results: Record<string, { observed?: unknown; holds?: boolean; observation?: boolean; error?: string }> = {};

beforeAll(async () => {
  target = await openTarget();
  Object.assign(ctx, { com: target.com, options: target.options, prefix: target.prefix, created: [] });
});

afterAll(async () => {
  // Delete every service a probe created, even after a failure; then write what was seen.
  const left: string[] = [];
  for (const id of ctx.created) await ctx.com.externalServices.delete(id).catch(() => left.push(id));
  const rows = Object.fromEntries(ledgerIds.map((id) => [id, results[id] ?? { notProbed: NOT_PROBED[id] }]));
  fs.writeFileSync(reportFile, `${JSON.stringify({ target: target.kind, endpoint: target.com.endpoint, at: new Date().toISOString(), rows, notDeleted: left }, null, 2)}\n`);
  await target.close();
  if (process.env.CONFORMANCE_REPORT) console.log(`conformance: ${target.kind} target, report in ${reportFile}`);
  else fs.rmSync(reportFile, { force: true });
});

/** The test files a row's "held by" column names. */
const heldBy = Object.fromEntries([...ledger.matchAll(/^\| `([a-z0-9-]+)` \|(.*)$/gm)].map(([, id, rest]) =>
  [id, [...(rest.split("|")[3] ?? "").matchAll(/`([^`]+\.test\.ts)`/g)].map((m) => m[1])]));
/** What a test file's `// ledger: a, b` tag says it holds. */
const tagsOf = (file: string) => [...fs.readFileSync(path.join(repoRoot, file), "utf8").matchAll(/^\/\/ ledger: (.+)$/gm)].flatMap((m) => m[1].split(/,\s*/));

describe("the assumptions ledger", () => {
  it("names, for every row, the tests that hold it, and each of them says so in its ledger tag", () => {
    const problems: string[] = [];
    for (const id of ledgerIds) {
      if (heldBy[id].length === 0) problems.push(`${id}: names no test file`);
      for (const file of heldBy[id]) {
        if (!fs.existsSync(path.join(repoRoot, file))) problems.push(`${id}: ${file} does not exist`);
        else if (!tagsOf(file).includes(id)) problems.push(`${id}: ${file} has no "// ledger: ${id}" tag`);
      }
    }
    const tagged = new Set(Object.values(heldBy).flat());
    for (const file of tagged) for (const tag of tagsOf(file)) if (!ledgerIds.includes(tag)) problems.push(`${file}: tag ${tag} is no ledger row`);
    expect(problems).toEqual([]);
  });

  it("has a row for every probe", () => {
    expect(PROBES.map((p) => p.id).filter((id) => !ledgerIds.includes(id))).toEqual([]);
  });

  it("has, for every row, a probe or the reason why there is none", () => {
    const probed = new Set(PROBES.map((p) => p.id));
    expect(ledgerIds.filter((id) => !probed.has(id) && !NOT_PROBED[id])).toEqual([]);
    expect(Object.keys(NOT_PROBED).filter((id) => probed.has(id) || !ledgerIds.includes(id))).toEqual([]);
  });
});

describe("conformance", () => {
  it.each(PROBES.filter((p) => !p.observation).map((p) => [p.id, p] as const))("%s holds", async (id, probe) => {
    try {
      results[id] = await probe.run(ctx);
    } catch (err) {
      results[id] = { error: (err as Error).message };
      throw err;
    }
    expect(results[id]).toMatchObject({ holds: true });
  });

  it.each(PROBES.filter((p) => p.observation).map((p) => [p.id, p] as const))("%s is observed (the client handles either answer)", async (id, probe) => {
    try {
      results[id] = { ...(await probe.run(ctx)), observation: true };
    } catch (err) {
      results[id] = { error: (err as Error).message };
      throw err;
    }
    expect(results[id]).toHaveProperty("observed");
  });

  it("leaves nothing behind", async () => {
    const ids = new Set(ctx.created);
    for (const id of ids) await ctx.com.externalServices.delete(id);
    ctx.created.length = 0;
    const ours = (await ctx.com.externalServices.list().toArray()).filter((s) => s.name.startsWith(ctx.prefix));
    expect(ours).toEqual([]);
  });
});
