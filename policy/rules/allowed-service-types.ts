import { at, fail, firstUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import type { ServiceProps } from "./service-props";

export interface AllowedServiceTypesConfig {
  /** The service types the organisation allows; unset allows all. */
  serviceTypes?: string[];
  /** The DSCC regions the organisation allows; unset allows all. */
  dsccRegions?: string[];
}

/** Only the service types (and DSCC regions) an organisation has approved. */
export function allowedServiceTypes(props: ServiceProps, config: AllowedServiceTypesConfig = {}): RuleOutcome {
  const unknown = firstUnknown(props, ["serviceType", ...(config.dsccRegions ? ["serviceData.region"] : [])]);
  if (unknown) return waitFor(unknown);
  const violations: string[] = [];
  if (config.serviceTypes && !config.serviceTypes.includes(props.serviceType as string)) {
    violations.push(`serviceType ${String(props.serviceType)} is not allowed here (allowed: ${config.serviceTypes.join(", ") || "none"})`);
  }
  const region = at(props, "serviceData.region");
  if (config.dsccRegions && props.serviceType === "DSCC" && !config.dsccRegions.includes(region as string)) {
    violations.push(`DSCC region ${String(region)} is not allowed here (allowed: ${config.dsccRegions.join(", ") || "none"})`);
  }
  return violations.length ? fail(...violations) : pass();
}
