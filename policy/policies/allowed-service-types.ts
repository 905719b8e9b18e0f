import { SERVICE_TYPES } from "../../sdk";
import { externalServicePolicy } from "../adapter";
import { allowedServiceTypes as rule, AllowedServiceTypesConfig } from "../rules/allowed-service-types";

export const allowedServiceTypes = externalServicePolicy<AllowedServiceTypesConfig>({
  name: "allowed-service-types",
  description: "Only the service types (and DSCC regions) the organisation allows; allows all until configured.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      serviceTypes: { type: "array", items: { type: "string", enum: [...SERVICE_TYPES] } },
      dsccRegions: { type: "array", items: { type: "string" } },
    },
  },
  rule,
});
