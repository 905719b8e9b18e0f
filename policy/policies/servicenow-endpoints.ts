import { externalServicePolicy } from "../adapter";
import { servicenowEndpoints as rule, ServiceNowEndpointsConfig } from "../rules/servicenow-endpoints";

export const servicenowEndpoints = externalServicePolicy<ServiceNowEndpointsConfig>({
  name: "servicenow-endpoints",
  description: "ServiceNow oauthUrl and incidentUrl use https on one allowed host; refreshTokenExpiryInDays is 100-365.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedHosts: { type: "array", items: { type: "string" }, description: "host glob patterns, e.g. *.service-now.com" },
      allowLoopbackHttp: { type: "boolean", description: "accept http on loopback hosts (the local emulator)" },
    },
  },
  rule,
});
