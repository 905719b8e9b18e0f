/** Every policy of the pack, in the order README documents them. */
import { allowedServiceTypes } from "./allowed-service-types";
import { authTypeMatchesServiceType } from "./auth-type-matches-service-type";
import { incidentScopeHierarchy } from "./incident-scope-hierarchy";
import { minimumIncidentScope } from "./minimum-incident-scope";
import { postDeployTestEnabled } from "./post-deploy-test-enabled";
import { refreshTokenExpiry } from "./refresh-token-expiry";
import { servicenowEndpoints } from "./servicenow-endpoints";
import { uniqueServiceNames } from "./unique-service-names";
import { vcenterConnectionComplete } from "./vcenter-connection-complete";

export const resourcePolicies = [
  incidentScopeHierarchy, authTypeMatchesServiceType, vcenterConnectionComplete, servicenowEndpoints,
  allowedServiceTypes, minimumIncidentScope, postDeployTestEnabled,
];
export const stackPolicies = [uniqueServiceNames, refreshTokenExpiry];
