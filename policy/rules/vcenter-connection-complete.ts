import { normalizeFingerprint, SHA256_HEX } from "../../sdk";
import { at, fail, firstUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import type { ServiceProps } from "./service-props";

const REQUIRED = ["serviceData.vCenterUrl", "serviceData.associatedGatewayUri", "serviceData.vCenterCertFingerprint", "authentication.username", "authentication.password"];

/** A vCenter integration needs its URL, gateway, a SHA-256 certificate fingerprint, and credentials. */
export function vcenterConnectionComplete(props: ServiceProps): RuleOutcome {
  const unknownType = firstUnknown(props, ["serviceType"]);
  if (unknownType) return waitFor(unknownType);
  if (props.serviceType !== "VMWARE_VCENTER") return pass();
  const unknown = firstUnknown(props, REQUIRED);
  if (unknown) return waitFor(unknown);
  const missing = REQUIRED.filter((path) => typeof at(props, path) !== "string" || (at(props, path) as string).trim() === "");
  const violations = missing.map((path) => `${path} is required for a vCenter integration`);
  const fingerprint = at(props, "serviceData.vCenterCertFingerprint");
  if (typeof fingerprint === "string" && fingerprint !== "" && !SHA256_HEX.test(normalizeFingerprint(fingerprint))) {
    violations.push("serviceData.vCenterCertFingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed");
  }
  return violations.length ? fail(...violations) : pass();
}
