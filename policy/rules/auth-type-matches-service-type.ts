import { AUTHENTICATION_TYPE_FOR, SERVICE_TYPES, ServiceType } from "../../sdk";
import { fail, firstUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import type { ServiceProps } from "./service-props";

/** OAUTH for SERVICE_NOW and DSCC, BASIC for VMWARE_VCENTER. */
export function authTypeMatchesServiceType(props: ServiceProps): RuleOutcome {
  const unknown = firstUnknown(props, ["serviceType", "authenticationType"]);
  if (unknown) return waitFor(unknown);
  // Only a known type is used as a key: "constructor" or "toString" would find Object's members.
  if (!SERVICE_TYPES.includes(props.serviceType as ServiceType)) return fail(`serviceType must be one of ${SERVICE_TYPES.join(", ")}`);
  const expected = AUTHENTICATION_TYPE_FOR[props.serviceType as ServiceType];
  if (props.authenticationType === undefined || props.authenticationType === expected) return pass();
  return fail(`authenticationType must be ${expected} for serviceType ${props.serviceType as string}`);
}
