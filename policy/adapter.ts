/**
 * Wires pure rules into @pulumi/policy: matches ExternalService by its type token, hands the
 * rule plain data, reports its violations, and lets a value unknown during preview surface as
 * the framework's own advisory "can't run during preview" (it is checked again at update time).
 */
import type {
  EnforcementLevel, PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy,
} from "@pulumi/policy";
import { EXTERNAL_SERVICE_TYPES } from "../provider/type-token";
import { PROXY_TARGET_KEY, RuleOutcome } from "./rules/outcome";
import type { NamedService } from "./rules/unique-service-names";
import type { RuleContext, ServiceProps } from "./rules/service-props";

/** The props behind @pulumi/policy's unknown-checking proxy: sentinels instead of exceptions. */
function plain(props: Record<string, unknown>): ServiceProps {
  return ((props as Record<string, unknown>)[PROXY_TARGET_KEY] as ServiceProps | undefined) ?? props;
}

/** The stack name, from `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export const stackOfUrn = (urn: string) => urn.split("::")[0].replace(/^urn:pulumi:/, "");

/** Reads `path` through the proxy; at the unknown value it throws the framework's UnknownValueError. */
function readThroughProxy(props: Record<string, unknown>, path: string): void {
  let v: unknown = props;
  for (const key of path.split(".")) v = (v as Record<string, unknown>)?.[key];
}

/** Reports the violations; with none, lets the first pending value surface through `readPending`. */
function report(outcome: RuleOutcome, reportViolation: ReportViolation, readPending: (pending: string) => void): void {
  for (const message of outcome.violations) reportViolation(message);
  if (outcome.violations.length === 0 && outcome.pending.length > 0) readPending(outcome.pending[0]);
}

export interface ExternalServicePolicySpec<C> {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  configSchema?: PolicyConfigSchema;
  rule: (props: ServiceProps, config: C, ctx: RuleContext) => RuleOutcome;
}

/** A resource policy over ExternalService resources only. */
export function externalServicePolicy<C extends object = object>(spec: ExternalServicePolicySpec<C>): ResourceValidationPolicy {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    configSchema: spec.configSchema,
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!EXTERNAL_SERVICE_TYPES.includes(args.type)) return;
      const ctx: RuleContext = { stack: stackOfUrn(args.urn), stackTags: args.stackTags };
      const outcome = spec.rule(plain(args.props), args.getConfig<C>(), ctx);
      report(outcome, reportViolation, (path) => readThroughProxy(args.props, path));
    },
  };
}

/** A stack policy over all ExternalService resources of a stack. */
export function externalServiceStackPolicy<C extends object = object>(spec: {
  name: string; description: string; enforcementLevel: EnforcementLevel; configSchema?: PolicyConfigSchema;
  rule: (services: NamedService[], config: C) => RuleOutcome;
}): StackValidationPolicy {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    configSchema: spec.configSchema,
    validateStack: (args, reportViolation) => {
      const resources = args.resources.filter((r) => EXTERNAL_SERVICE_TYPES.includes(r.type));
      const outcome = spec.rule(resources.map((r) => ({ urn: r.urn, props: plain(r.props) })), args.getConfig<C>());
      // A pending entry is the URN of a resource whose name is unknown: read that name.
      report(outcome, (m) => reportViolation(m), (urn) => readThroughProxy(resources.find((r) => r.urn === urn)!.props, "name"));
    },
  };
}
