/** RFC 7396 JSON merge patches: computing one from two documents, and applying one. */
import { deepEqual, isObject } from "./json";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * The smallest merge patch that turns `from` into `to`: only changed leaves, `null` for
 * removed keys; arrays and non-objects are replaced whole (RFC 7396 has no array diff).
 * Returns undefined when the two are equal. `undefined` values count as absent.
 */
export function createMergePatch(from: unknown, to: unknown): Json | undefined {
  if (!isObject(from) || !isObject(to)) return deepEqual(from, to) ? undefined : (to as Json);
  const patch: Record<string, Json> = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const a = from[key];
    const b = to[key];
    if (b === undefined) {
      if (a !== undefined) patch[key] = null;
    } else {
      // A new key too: undefined is no object, so the whole value is sent.
      const sub = createMergePatch(a, b);
      if (sub !== undefined) patch[key] = sub;
    }
  }
  return Object.keys(patch).length ? patch : undefined;
}

/** Applies a merge patch: objects merge recursively, null removes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** `base` with every value of `top` laid over it, recursively: `top` wins, keys only in `base` (its nulls too) stay. */
export function overlay(base: unknown, top: unknown): unknown {
  if (!isObject(base) || !isObject(top)) return top;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) out[k] = overlay(base[k], v);
  return out;
}
