import { REFRESH_TOKEN_WARNING_DAYS } from "../../provider/runtime/refresh-token";
import { externalServiceStackPolicy } from "../adapter";
import { refreshTokenExpiry as rule, RefreshTokenExpiryConfig } from "../rules/refresh-token-expiry";

/** A stack policy: it sees what the provider recorded in state (the expiry), not only the program's inputs. */
export const refreshTokenExpiry = externalServiceStackPolicy<RefreshTokenExpiryConfig>({
  name: "refresh-token-expiry",
  description: `ServiceNow refresh tokens that expire within the configured days (default ${REFRESH_TOKEN_WARNING_DAYS.default}), or have expired, are reported; make it mandatory to block a deployment.`,
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      days: { type: "integer", minimum: REFRESH_TOKEN_WARNING_DAYS.min, maximum: REFRESH_TOKEN_WARNING_DAYS.max, description: "the warning window, in days" },
    },
  },
  rule: (services, config) => rule(services, config),
});
