import { checkIncidentScope, foldScope, IncidentScope, ScopeFlag } from "../../sdk";
import { at, fail, firstUnknown, pass, RuleOutcome, waitFor } from "./outcome";
import { globMatch, RuleContext, ServiceProps } from "./service-props";

export interface MinimumIncidentScopeConfig {
  /** The flags that must be on in the stacks this applies to. */
  minimumScope?: Partial<Record<ScopeFlag, boolean>>;
  /** Stack name patterns it applies to, e.g. `prod*`. */
  stacks?: string[];
  /** Stack tags it applies to: every stack having one of these tag values. */
  stackTags?: Record<string, string>;
}

export const DEFAULT_MINIMUM_SCOPE: Required<Pick<MinimumIncidentScopeConfig, "minimumScope" | "stacks">> = {
  minimumScope: { serviceEventIssues: true, criticalEventIssues: true },
  stacks: ["prod", "prod-*", "production*", "*-prod"],
};

function applies(config: MinimumIncidentScopeConfig, ctx: RuleContext): boolean {
  const stacks = config.stacks ?? (config.stackTags ? [] : DEFAULT_MINIMUM_SCOPE.stacks);
  if (stacks.some((p) => globMatch(p, ctx.stack))) return true;
  return Object.entries(config.stackTags ?? {}).some(([tag, value]) => ctx.stackTags.get(tag) === value);
}

/** A ServiceNow integration in a matching stack keeps at least the configured scope. */
export function minimumIncidentScope(props: ServiceProps, config: MinimumIncidentScopeConfig, ctx: RuleContext): RuleOutcome {
  if (!applies(config, ctx)) return pass();
  const unknownType = firstUnknown(props, ["serviceType"]);
  if (unknownType) return waitFor(unknownType);
  if (props.serviceType !== "SERVICE_NOW") return pass();
  const minimum = config.minimumScope ?? DEFAULT_MINIMUM_SCOPE.minimumScope;
  const flags = Object.keys(minimum).filter((k) => minimum[k as ScopeFlag]) as ScopeFlag[];
  const unknown = firstUnknown(props, ["serviceData", "serviceData.incidentCreationScope",
    ...flags.flatMap((k) => [`serviceData.incidentCreationScope.${k}`, `serviceData.${k}`])]);
  if (unknown) return waitFor(unknown);
  const { scope } = checkIncidentScope(at(foldScope(props.serviceData), "incidentCreationScope") as Partial<IncidentScope> | undefined);
  const off = flags.filter((k) => scope[k] !== true);
  return off.length ? fail(`stack '${ctx.stack}' must keep ${off.join(", ")} on (minimum incident scope)`) : pass();
}
