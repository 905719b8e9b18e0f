/**
 * What a no-I/O floor records beyond its inputs: the keys ExternalService records
 * (provider/runtime/provider.ts ServiceOutputs), with fixed values, and how it compares inputs.
 * Shared by the dynamic face's strict floor and the plugin face's floor.
 */
export const RECORDED = {
  resourceUri: "/compute-ops-mgmt/v1beta1/external-services/floor",
  generation: 1,
  status: "ENABLED",
  createdAt: "2026-12-01T00:00:00Z",
  updatedAt: "2026-12-01T00:00:00Z",
};
export const RECORDED_KEYS = new Set(Object.keys(RECORDED));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether any input (a key the floor does not record itself) differs between the two. */
export function inputsDiffer(olds: Record<string, unknown>, news: Record<string, unknown>, recorded: Set<string> = RECORDED_KEYS): boolean {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !recorded.has(k)));
  return [...keys].some((k) => !same(olds[k], news[k]));
}

/** The inputs within recorded props: every key the floor does not record itself (what a read returns as inputs). */
export function inputsOf(props: Record<string, unknown>, recorded: Set<string> = RECORDED_KEYS): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !recorded.has(k)));
}
