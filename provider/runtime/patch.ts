/** The merge patch an update sends, with the field groups the API expects (sdk/models/patch-groups.ts). */
import { createMergePatch, ExternalService, ExternalServicePatch, overlay, withPatchGroups } from "../../sdk";
import { patchView, ServiceInputs, serverView } from "./inputs";

/**
 * Nothing changed outside Pulumi: only the groups that changed between the old and new inputs
 * (a vCenter PATCH always carries its seed group). Returns undefined when there is nothing to send.
 */
export function minimalPatch(olds: ServiceInputs, news: ServiceInputs): ExternalServicePatch | undefined {
  const desired = patchView(news);
  return withPatchGroups(createMergePatch(patchView(olds), desired), news.serviceType, desired);
}

/**
 * The service was changed outside Pulumi: every managed field of the desired state, secrets
 * included (they cannot be compared), and null for anything the server has that is not desired.
 */
export function fullPatch(current: ExternalService, news: ServiceInputs): ExternalServicePatch {
  const desired = patchView(news);
  return withPatchGroups(overlay(createMergePatch(serverView(current), desired) ?? {}, desired), news.serviceType, desired) ?? {};
}
