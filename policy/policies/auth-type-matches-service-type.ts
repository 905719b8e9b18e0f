import { externalServicePolicy } from "../adapter";
import { authTypeMatchesServiceType as rule } from "../rules/auth-type-matches-service-type";

export const authTypeMatchesServiceType = externalServicePolicy({
  name: "auth-type-matches-service-type",
  description: "authenticationType is OAUTH for SERVICE_NOW and DSCC, BASIC for VMWARE_VCENTER.",
  enforcementLevel: "mandatory",
  rule,
});
