/**
 * The field groups a PATCH must carry (seed, "Partially update"; API-NOTES "Field groups"):
 * - a PATCH that touches `authentication` carries every authentication field of the type
 *   (the seed's example sends them all; the client library never sends a refreshToken alone);
 * - one that touches `serviceData` carries every serviceData field;
 * - a VMWARE_VCENTER PATCH always carries `name`, the three connection fields of
 *   `serviceData` and `authentication.{username, password}`.
 * Nothing at all is sent for a no-op.
 */
import { isObject } from "../core/json";
import { overlay } from "../core/merge-patch";
import type { ExternalServicePatch, ServiceType } from "./external-service";

/** What a vCenter PATCH always carries, besides whatever changed. */
export const VCENTER_PATCH_GROUP = {
  serviceData: ["vCenterUrl", "associatedGatewayUri", "vCenterCertFingerprint"],
  authentication: ["username", "password"],
} as const;

/** The writable fields of a service in full: what the groups are filled from. */
export interface PatchView {
  name: string;
  authentication: Record<string, unknown>;
  serviceData: Record<string, unknown>;
  [field: string]: unknown;
}

const pick = (from: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));

/**
 * Completes a minimal merge patch with the groups the API expects, taking their values from
 * `desired` (the full desired state). Returns undefined for a no-op.
 */
export function withPatchGroups(patch: unknown, serviceType: ServiceType, desired: PatchView): ExternalServicePatch | undefined {
  // A merge patch between two services is an object, or undefined when nothing changed.
  if (!isObject(patch)) return undefined;
  const out: Record<string, unknown> = { ...patch };
  // Removed keys stay as nulls; every present field of the group is sent.
  if ("authentication" in out) out.authentication = overlay(out.authentication, desired.authentication);
  if ("serviceData" in out) out.serviceData = overlay(out.serviceData, desired.serviceData);
  if (serviceType === "VMWARE_VCENTER") {
    out.name = desired.name;
    out.serviceData = overlay(out.serviceData ?? {}, pick(desired.serviceData, VCENTER_PATCH_GROUP.serviceData));
    out.authentication = overlay(out.authentication ?? {}, pick(desired.authentication, VCENTER_PATCH_GROUP.authentication));
  }
  return out;
}
