import { checkIncidentScope, describeScope, foldScope, HIERARCHY_KEYS, IncidentScope, VALID_SCOPE_COMBINATIONS } from "../../sdk";
import { at, fail, firstUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import type { ServiceProps } from "./service-props";

const VALID = VALID_SCOPE_COMBINATIONS.map(describeScope).join(", ");

/** The reference's seven valid scope combinations, judged by the sdk's one scope function. */
export function incidentScopeHierarchy(props: ServiceProps): RuleOutcome {
  const unknown = firstUnknown(props, ["serviceType", "serviceData", "serviceData.incidentCreationScope",
    ...HIERARCHY_KEYS.map((k) => `serviceData.incidentCreationScope.${k}`), ...HIERARCHY_KEYS.map((k) => `serviceData.${k}`)]);
  if (unknown) return waitFor(unknown);
  if (props.serviceType !== "SERVICE_NOW") return pass();
  const scope = at(foldScope(props.serviceData), "incidentCreationScope") as Partial<IncidentScope> | undefined;
  // healthNotification is outside the rule ("may be set independently"), but still a boolean.
  const wrongType = [...HIERARCHY_KEYS, "healthNotification" as const].filter((k) => scope?.[k] !== undefined && typeof scope[k] !== "boolean");
  if (wrongType.length) return fail(`incidentCreationScope: ${wrongType.join(", ")} must be true or false`);
  const { reasons } = checkIncidentScope(scope ?? {});
  if (reasons.length === 0) return pass();
  return fail(`incidentCreationScope is not a valid combination: ${reasons.join("; ")}. Valid combinations: ${VALID}.`);
}
