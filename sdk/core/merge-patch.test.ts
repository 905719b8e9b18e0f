import * as fc from "fast-check";
import { applyMergePatch, createMergePatch } from "./merge-patch";

describe("RFC 7396 merge patches", () => {
  it("holds only the changed leaves and null for removed keys", () => {
    const from = { name: "a", description: "d", serviceData: { region: "us-west", keep: 1 }, authentication: { clientId: "c" } };
    const to = { name: "a", serviceData: { region: "eu-central", keep: 1 }, authentication: { clientId: "c" } };
    expect(createMergePatch(from, to)).toEqual({ description: null, serviceData: { region: "eu-central" } });
  });
  it("is undefined when nothing changed, a key undefined on both sides included", () => {
    expect(createMergePatch({ a: 1, x: undefined }, { a: 1, x: undefined })).toBeUndefined();
    expect(createMergePatch({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toBeUndefined();
  });
  it("replaces arrays whole", () => {
    expect(createMergePatch({ a: [1, 2] }, { a: [1] })).toEqual({ a: [1] });
  });
  it("applying the computed patch to the source gives the target (property)", () => {
    // JSON objects without nulls: RFC 7396 cannot express a null value in a document.
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
    const doc = fc.letrec((tie) => ({
      node: fc.dictionary(fc.constantFrom("a", "b", "c", "d"), fc.oneof({ depthSize: "small" }, leaf, tie("node"))),
    })).node;
    fc.assert(fc.property(doc, doc, (from, to) => {
      const patch = createMergePatch(from, to);
      expect(patch === undefined ? from : applyMergePatch(from, patch)).toEqual(to);
    }));
  });
});
