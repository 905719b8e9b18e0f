import { AUTHENTICATION_TYPE_FOR, ServiceType } from "../../sdk";
import { fail, firstUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import type { ServiceProps } from "./service-props";

/** OAUTH for SERVICE_NOW and DSCC, BASIC for VMWARE_VCENTER. */
export function authTypeMatchesServiceType(props: ServiceProps): RuleOutcome {
  const unknown = firstUnknown(props, ["serviceType", "authenticationType"]);
  if (unknown) return waitFor(unknown);
  const expected = AUTHENTICATION_TYPE_FOR[props.serviceType as ServiceType];
  if (!expected) return fail(`serviceType must be one of ${Object.keys(AUTHENTICATION_TYPE_FOR).join(", ")}`);
  if (props.authenticationType === undefined || props.authenticationType === expected) return pass();
  return fail(`authenticationType must be ${expected} for serviceType ${props.serviceType as string}`);
}
