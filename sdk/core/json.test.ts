import { deepEqual, isObject } from "./json";

describe("deepEqual", () => {
  it.each([
    ["equal lists", [1, [2, { a: 3 }]], [1, [2, { a: 3 }]], true],
    ["a longer list", [1], [1, 2], false],
    ["a shorter list", [1, 2], [1], false],
    ["lists that differ in their last item", [1, 2], [1, 3], false],
    ["lists that differ in their first item", [0, 2], [1, 2], false],
    ["a key undefined on one side only", { a: 1, b: undefined }, { a: 1 }, true],
    ["a key only on the right", { a: 1 }, { a: 1, b: 2 }, false],
    ["a key only on the left", { a: 1, b: 2 }, { a: 1 }, false],
    ["nested objects that differ", { a: { b: 1 } }, { a: { b: 2 } }, false],
    ["an object and a list", {}, [], false],
    ["null and an object", null, {}, false],
    ["text and a number", "1", 1, false],
  ])("%s", (_case, a, b, equal) => {
    expect([deepEqual(a, b), deepEqual(b, a)]).toEqual([equal, equal]);
  });
});

describe("isObject", () => {
  it("is true of plain objects only", () => {
    expect([{}, { a: 1 }, null, [], "x", 1, undefined].map(isObject)).toEqual([true, true, false, false, false, false, false]);
  });
});
