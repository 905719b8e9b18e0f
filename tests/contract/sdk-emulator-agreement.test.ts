/**
 * Property tests that hold the two independent encodings together: the sdk's rules and
 * filter builder on one side, the emulator (written from the reference) on the other.
 */
import axios from "axios";
import * as fc from "fast-check";
import { filter, Filter } from "../../sdk";
import { ExternalServiceCreateSchema } from "../../sdk/schemas";
import { clientFor, dsccInput, snowInput, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();

describe("the sdk and the emulator agree", () => {
  beforeEach(async () => { await axios.post(`${emulator().url}/__emulator/reset`); });

  it("on the incident scope: all 16 flag combinations × powerResetEvent × disconnectedEvent -1..4", async () => {
    const com = clientFor(emulator());
    let n = 0;
    let accepted = 0;
    for (let bits = 0; bits < 16; bits++) {
      for (const powerResetEvent of [false, true]) {
        for (const disconnectedEvent of [-1, 0, 1, 2, 3, 4]) {
          const scope = {
            serviceEventIssues: (bits & 8) !== 0, criticalEventIssues: (bits & 4) !== 0,
            warningEventIssues: (bits & 2) !== 0, utilizationAlerts: (bits & 1) !== 0, powerResetEvent, disconnectedEvent,
          };
          const input = snowInput(emulator(), `scope-${n++}`);
          input.serviceData.incidentCreationScope = scope;
          const sdkAccepts = ExternalServiceCreateSchema.safeParse(input).success;
          // Sent raw, bypassing the sdk's validation, so the emulator judges on its own.
          const body = { ...input, authenticationType: "OAUTH" };
          const status = await com.request({ method: "POST", path: "/compute-ops-mgmt/v1beta1/external-services", body, retryClass: "create" })
            .then(() => 201, (e) => e.httpStatusCode);
          expect({ scope, emulator: status }).toEqual({ scope, emulator: sdkAccepts ? 201 : 400 });
          if (sdkAccepts) accepted++;
        }
      }
    }
    expect(n).toBe(192);
    expect(accepted).toBe(7 * 2 * 4); // seven rows, free powerResetEvent, disconnectedEvent 0-3
  });

  it("on filters: the emulator's evaluation (lenient mode) and the sdk's own (strict mode) both select what an in-memory predicate selects", async () => {
    const com = clientFor(emulator());
    const names = ["alpha", "beta", "it's", "O''Neil", "a+b (c)", "gamma"];
    for (const [i, name] of names.entries()) {
      const input = i % 2 ? dsccInput(name) : snowInput(emulator(), name);
      if (i % 3 === 0) (input as { description?: string }).description = `desc ${name}`;
      await com.externalServices.create(input, { wait: false });
    }
    const items = (await com.externalServices.list().toArray()) as unknown as Record<string, unknown>[];
    const get = (item: Record<string, unknown>, path: string) => path.split("/").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], item);

    type Built = { f: Filter; test: (item: Record<string, unknown>) => boolean };
    const stringProp = fc.constantFrom("name", "serviceType", "description", "serviceData/region");
    const value = fc.oneof(fc.constantFrom(...names, "DSCC", "SERVICE_NOW", "us-west"), fc.string({ maxLength: 4 }));
    const leaf: fc.Arbitrary<Built> = fc.oneof(
      fc.tuple(stringProp, value).map(([p, v]) => ({ f: filter.eq(p, v), test: (i: Record<string, unknown>) => get(i, p) === v })),
      fc.tuple(stringProp, value).map(([p, v]) => ({ f: filter.ne(p, v), test: (i: Record<string, unknown>) => get(i, p) !== v })),
      fc.tuple(stringProp, fc.array(value, { minLength: 1, maxLength: 3 })).map(([p, vs]) => ({ f: filter.in(p, vs), test: (i: Record<string, unknown>) => vs.includes(get(i, p) as string) })),
      fc.tuple(stringProp, fc.string({ maxLength: 3 })).map(([p, v]) => ({ f: filter.contains(p, v), test: (i: Record<string, unknown>) => typeof get(i, p) === "string" && (get(i, p) as string).includes(v) })),
      stringProp.map((p) => ({ f: filter.isNull(p), test: (i: Record<string, unknown>) => get(i, p) === null || get(i, p) === undefined })),
      fc.tuple(fc.constantFrom("gt", "ge", "lt", "le") as fc.Arbitrary<"gt" | "ge" | "lt" | "le">, fc.integer({ min: 0, max: 3 })).map(([op, n]) => ({
        f: filter[op]("generation", n),
        test: (i: Record<string, unknown>) => { const g = i.generation as number; return op === "gt" ? g > n : op === "ge" ? g >= n : op === "lt" ? g < n : g <= n; },
      })),
    );
    const expr: fc.Arbitrary<Built> = fc.letrec<{ e: Built }>((tie) => ({
      e: fc.oneof({ depthSize: "small", withCrossShrink: true },
        leaf,
        fc.tuple(tie("e"), tie("e")).map(([a, b]) => ({ f: filter.and(a.f, b.f), test: (i: Record<string, unknown>) => a.test(i) && b.test(i) })),
        fc.tuple(tie("e"), tie("e")).map(([a, b]) => ({ f: filter.or(a.f, b.f), test: (i: Record<string, unknown>) => a.test(i) || b.test(i) })),
        tie("e").map((a) => ({ f: filter.not(a.f), test: (i: Record<string, unknown>) => !a.test(i) })),
      ),
    })).e;

    // The same property for both encodings: the emulator's OData evaluator, sent the whole
    // expression as a string in lenient mode, and the sdk's matches() after splitFilter() in strict mode.
    const ids = async (filterMode: "strict" | "lenient", f: Filter | string) => {
      await axios.put(`${emulator().url}/__emulator/settings`, { filterMode });
      return (await com.externalServices.list({ filter: f }).toArray()).map((s) => s.id).sort();
    };
    await fc.assert(fc.asyncProperty(expr, async ({ f, test }) => {
      const expected = items.filter(test).map((s) => s.id as string).sort();
      expect(await ids("lenient", f.expression)).toEqual(expected);
      expect(await ids("strict", f)).toEqual(expected);
    }), { numRuns: 150 });
  });
});
