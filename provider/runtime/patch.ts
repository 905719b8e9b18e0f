/** The merge patch an update sends. */
import { createMergePatch, ExternalService, isObject, Json } from "../../sdk";
import { patchView, ServiceInputs, serverView } from "./inputs";

/** `base` with every value of `top` laid over it, recursively; `top` wins. */
function overlay(base: unknown, top: unknown): unknown {
  if (!isObject(base) || !isObject(top)) return top;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) out[k] = overlay(base[k], v);
  return out;
}

/**
 * Nothing changed outside Pulumi: only what changed between the old and new inputs (a secret
 * only when it changed). Returns undefined when there is nothing to send.
 */
export function minimalPatch(olds: ServiceInputs, news: ServiceInputs): Json | undefined {
  return createMergePatch(patchView(olds), patchView(news));
}

/**
 * The service was changed outside Pulumi: every managed field of the desired state, secrets
 * included (they cannot be compared), and null for anything the server has that is not desired.
 */
export function fullPatch(current: ExternalService, news: ServiceInputs): Json {
  const desired = patchView(news);
  return overlay(createMergePatch(serverView(current), desired) ?? {}, desired) as Json;
}
