import { fail, firstUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import type { ServiceProps } from "./service-props";

/** SERVICE_NOW and DSCC should keep the post-deploy connection test on. */
export function postDeployTestEnabled(props: ServiceProps): RuleOutcome {
  const unknown = firstUnknown(props, ["serviceType", "postDeployTest"]);
  if (unknown) return waitFor(unknown);
  if (props.serviceType !== "SERVICE_NOW" && props.serviceType !== "DSCC") return pass();
  return props.postDeployTest === false
    ? fail(`postDeployTest is off: a broken ${props.serviceType as string} connection would go unnoticed until an incident is missed`)
    : pass();
}
