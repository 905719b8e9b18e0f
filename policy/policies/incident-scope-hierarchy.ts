import { externalServicePolicy } from "../adapter";
import { incidentScopeHierarchy as rule } from "../rules/incident-scope-hierarchy";

export const incidentScopeHierarchy = externalServicePolicy({
  name: "incident-scope-hierarchy",
  description: "A ServiceNow incident scope must be one of the API's seven valid combinations.",
  enforcementLevel: "mandatory",
  rule,
});
