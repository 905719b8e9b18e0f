import { CompiledFilter, compileFilter, FilterSyntaxError } from "./odata";
import { badRequest } from "./http-error";
import type { FilterMode } from "./settings";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 10000;

/**
 * Which properties a collection may be filtered by (`filterable`: what the reference
 * documents) and what the server does with a filter on anything else (`mode`).
 */
export interface FilterRules { filterable: readonly string[]; mode: FilterMode }

/** Applies `filter`, `offset` and `limit` to a collection: the COM list body. */
export function page<T>(items: T[], query: URLSearchParams, rules: FilterRules): { offset: number; count: number; total: number; items: T[] } {
  const offset = intParam(query, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  let selected = items;
  const filter = query.get("filter");
  if (filter !== null) {
    let compiled: CompiledFilter;
    try {
      compiled = compileFilter(filter);
    } catch (err) {
      if (err instanceof FilterSyntaxError) {
        throw badRequest(`Invalid filter: ${err.message}`, [{ subject: "filter", description: err.message }]);
      }
      throw err;
    }
    const unsupported = rules.mode === "lenient" ? [] : compiled.paths.filter((p) => !rules.filterable.includes(p));
    if (unsupported.length && rules.mode === "strict") {
      const message = `cannot filter on ${[...new Set(unsupported)].join(", ")}: this collection can be filtered by ${rules.filterable.join(", ")}`;
      throw badRequest(`Invalid filter: ${message}`, [{ subject: "filter", description: message }]);
    }
    if (!unsupported.length) selected = items.filter(compiled.predicate);
  }
  const pageItems = selected.slice(offset, offset + limit);
  return { offset, count: pageItems.length, total: selected.length, items: pageItems };
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw badRequest(`Invalid ${name}: must be an integer from ${min} to ${max}`, [{ subject: name, description: `must be an integer from ${min} to ${max}` }]);
  }
  return n;
}
