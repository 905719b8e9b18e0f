import { CompiledFilter, compileFilter, FilterSyntaxError } from "./odata";
import { badRequest } from "./http-error";
import type { FilterMode } from "./settings";

/** The `limit` a collection takes: its default and its range. */
export interface LimitRange { fallback: number; min: number; max: number }

/** Other COM lists document `limit` up to 10000, default 50 (API-NOTES, `paging`). */
export const SERVICE_LIMITS: LimitRange = { fallback: 50, min: 1, max: 10000 };
/** HPE's activities page: `limit` 0..1000, default 100. */
export const ACTIVITY_LIMITS: LimitRange = { fallback: 100, min: 0, max: 1000 };

/**
 * Which properties a collection may be filtered by (`filterable`: what the reference
 * documents), what the server does with a filter on anything else (`mode`), the `limit` it
 * takes, and whether its answers carry `total` (HPE's list page marks it optional).
 */
export interface ListRules { filterable: readonly string[]; mode: FilterMode; limits: LimitRange; total: "included" | "omitted" }

export interface ListPage<T> { offset: number; count: number; total?: number; items: T[] }

/** Applies `filter`, `offset` and `limit` to a collection: the COM list body. */
export function page<T>(items: T[], query: URLSearchParams, rules: ListRules): ListPage<T> {
  const offset = intParam(query, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(query, "limit", rules.limits.fallback, rules.limits.min, rules.limits.max);
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
  const body: ListPage<T> = { offset, count: pageItems.length, total: selected.length, items: pageItems };
  if (rules.total === "omitted") delete body.total;
  return body;
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
