/** pulumi-hpecom: HPE Compute Ops Management external services as Pulumi resources. */
export { ExternalService } from "./external-service";
export { Connection } from "./explicit-connection";
/** The same resource served by the hpecom plugin: `hpecom.plugin.ExternalService`, `hpecom.plugin.Provider`. */
export * as plugin from "./plugin-face";
export type { ConnectionArgs } from "./explicit-connection";
export type { ExternalServiceOptions, ExternalServiceArgs, ExternalServiceAuthenticationArgs, ExternalServiceDataArgs, LastTest } from "./external-service";
export { getExternalServices, getExternalServicesOutput } from "./get-external-services";
export type { ExternalServiceInfo, UnmodelledServiceInfo, GetExternalServicesArgs, GetExternalServicesResult } from "./get-external-services";
export { filter, Filter, checkIncidentScope, VALID_SCOPE_COMBINATIONS, REGIONS } from "../sdk";
export type { IncidentScope, ServiceType, AuthenticationType, ServiceState, Region } from "../sdk";
