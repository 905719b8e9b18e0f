import { externalServiceStackPolicy } from "../adapter";
import { uniqueServiceNames as rule } from "../rules/unique-service-names";

export const uniqueServiceNames = externalServiceStackPolicy({
  name: "unique-service-names",
  description: "No two external services of a stack share a name in one tenant (the API would reject the second).",
  enforcementLevel: "mandatory",
  rule,
});
