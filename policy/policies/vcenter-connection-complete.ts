import { externalServicePolicy } from "../adapter";
import { vcenterConnectionComplete as rule } from "../rules/vcenter-connection-complete";

export const vcenterConnectionComplete = externalServicePolicy({
  name: "vcenter-connection-complete",
  description: "A vCenter integration has its URL, gateway, a SHA-256 certificate fingerprint, a username and a password.",
  enforcementLevel: "mandatory",
  rule,
});
