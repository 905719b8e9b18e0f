import { SCOPE_FLAGS } from "../../sdk";
import { externalServicePolicy } from "../adapter";
import { minimumIncidentScope as rule, MinimumIncidentScopeConfig } from "../rules/minimum-incident-scope";

const flag = { type: "boolean" } as const;

export const minimumIncidentScope = externalServicePolicy<MinimumIncidentScopeConfig>({
  name: "minimum-incident-scope",
  description: "ServiceNow integrations in production stacks keep at least the configured incident scope (default: service and critical events).",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      minimumScope: {
        type: "object",
        properties: Object.fromEntries(SCOPE_FLAGS.map((k) => [k, flag])),
        additionalProperties: false,
      },
      stacks: { type: "array", items: { type: "string" }, description: "stack name patterns (default: prod, prod-*, production*, *-prod)" },
      stackTags: { type: "object", additionalProperties: { type: "string" }, description: "stack tags that select the stacks" },
    },
  },
  rule,
});
