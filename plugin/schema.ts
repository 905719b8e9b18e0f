/**
 * The Pulumi package schema of `hpecom`, generated from the sdk's zod schemas: the three create
 * bodies are merged into one resource (a field belongs to the service types that have it), and
 * the provider's own inputs, outputs and configuration are added from the provider's lists.
 * `make schema` writes it to plugin/schema.json; a test fails when that file is stale.
 */
import { z } from "zod";
import { ExternalServiceCreateSchema, SERVICE_TYPES } from "../sdk";
import { CONNECTION_KEYS } from "../provider/connection";
import { PLUGIN_EXTERNAL_SERVICE_TYPE } from "../provider/type-token";

type JsonSchema = {
  type?: string; const?: unknown; enum?: unknown[]; properties?: Record<string, JsonSchema>; required?: string[];
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; items?: JsonSchema; description?: string;
};
type PulumiType = { type?: string; $ref?: string; items?: PulumiType; description?: string; secret?: boolean };
interface ObjectType { type: "object"; description: string; properties: Record<string, PulumiType>; required?: string[] }

const token = (name: string) => `hpecom:index:${name}`;
/** Nested objects get a named type in the schema, by their path in the resource. */
const OBJECT_TYPES: Record<string, { name: string; description: string }> = {
  authentication: {
    name: "ExternalServiceAuthentication",
    description: "Credentials COM uses to reach the external service: clientId, clientSecret and refreshToken (SERVICE_NOW), clientId and clientSecret (DSCC), username and password (VMWARE_VCENTER).",
  },
  serviceData: {
    name: "ExternalServiceData",
    description: "Service-specific settings: oauthUrl, incidentUrl, refreshTokenExpiryInDays and incidentCreationScope (SERVICE_NOW), region (DSCC), vCenterUrl, associatedGatewayUri and vCenterCertFingerprint (VMWARE_VCENTER).",
  },
  "serviceData.incidentCreationScope": {
    name: "IncidentCreationScope",
    description: "Which events create ServiceNow incidents; the valid combinations are the API reference's scope table (see README).",
  },
};

/** Merges the variants of a union: every property of any variant; required only if required in all. */
function merge(variants: JsonSchema[]): JsonSchema {
  const properties: Record<string, JsonSchema[]> = {};
  for (const v of variants) for (const [k, p] of Object.entries(v.properties ?? {})) (properties[k] ??= []).push(p);
  const required = (variants[0].required ?? []).filter((k) => variants.every((v) => v.required?.includes(k)));
  return {
    type: "object",
    properties: Object.fromEntries(Object.entries(properties).map(([k, ps]) => [k, ps.length > 1 && ps.every((p) => p.type === "object") ? merge(ps) : ps[0]])),
    required,
  };
}

function convert(schema: JsonSchema, path: string, types: Record<string, ObjectType>, description?: string): PulumiType {
  const nonNull = schema.anyOf?.find((s) => s.type !== "null") ?? schema;
  if (nonNull.type === "object") {
    const named = OBJECT_TYPES[path];
    if (!named) return { $ref: "pulumi.json#/Any", description };
    types[token(named.name)] = objectType(nonNull, path, types, named.description);
    return { $ref: `#/types/${token(named.name)}`, description };
  }
  if (nonNull.type === "array") return { type: "array", items: convert(nonNull.items ?? {}, `${path}[]`, types) };
  const type = nonNull.type === "integer" || nonNull.type === "boolean" || nonNull.type === "number" ? nonNull.type : "string";
  return { type, ...(description && { description }) };
}

function objectType(schema: JsonSchema, path: string, types: Record<string, ObjectType>, description: string): ObjectType {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, p]) =>
    [k, convert(p, path ? `${path}.${k}` : k, types)]));
  return { type: "object", description, properties, ...(schema.required?.length && { required: schema.required }) };
}

/** The provider's own inputs, beside the API's fields (see provider/runtime/inputs.ts). */
const PROVIDER_INPUTS: Record<string, PulumiType> = {
  tenantAcid: { type: "string", description: "Manage the service in this tenant of an MSP workspace. Changing it replaces the service." },
  vCenterUuid: { type: "string", description: "VMWARE_VCENTER: the vCenter server's UUID for the DeleteVCenter job (default: the service id). Never sent on create or update." },
  postDeployTest: { $ref: "pulumi.json#/Any", description: "Run the API's connection test after create and relevant updates: true (default), false, or { timeoutSeconds }." },
  adopt: { type: "boolean", description: "Take over an existing service of this name and type instead of failing with \"already exists\"." },
};

const OUTPUTS: Record<string, PulumiType> = {
  resourceUri: { type: "string", description: "The service's self link." },
  generation: { type: "integer", description: "The API's update counter: 1 at creation, +1 on each change." },
  status: { type: "string", description: "ENABLED, or SUSPENDED while the service is not usable." },
  createdAt: { type: "string" },
  updatedAt: { type: "string" },
  lastTest: { $ref: "pulumi.json#/Any", description: "The last post-deploy test: status (PASSED, FAILED, TIMED_OUT, SKIPPED), activityId, message, at." },
};

/** The connection settings, as provider configuration (all strings, as stack config is). */
function providerProperties(): Record<string, PulumiType> {
  const descriptions: Record<keyof typeof CONNECTION_KEYS, string> = {
    endpoint: "An explicit API base URL (wins over the region).",
    region: "A COM region: us-west, eu-central or ap-northeast.",
    clientId: "The GreenLake API client id.",
    clientSecret: "The GreenLake API client secret.",
    tokenUrl: "The token endpoint (default https://sso.common.cloud.hpe.com/as/token.oauth2).",
    tenantAcid: "Act for this tenant of an MSP workspace (a resource's own tenantAcid wins).",
    caBundleFile: "A PEM file of extra certificate authorities to trust.",
    allowInsecureHttp: "\"true\" allows plain http to a host other than loopback.",
    jobTimeoutSeconds: "How long a delete waits for its DeleteVCenter job, in seconds (default 120); an approval policy in COM can hold a job.",
  };
  return Object.fromEntries(Object.keys(CONNECTION_KEYS).map((k) => [k, {
    type: "string", description: `${descriptions[k as keyof typeof CONNECTION_KEYS]} Environment: ${CONNECTION_KEYS[k as keyof typeof CONNECTION_KEYS]}.`,
    ...(k === "clientSecret" && { secret: true }),
  }]));
}

export function buildSchema(version = "0.1.0") {
  const json = z.toJSONSchema(ExternalServiceCreateSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const api = merge(json.oneOf ?? json.anyOf ?? [json]);
  const types: Record<string, ObjectType> = {};
  const inputs: Record<string, PulumiType> = {};
  for (const [k, p] of Object.entries(api.properties ?? {})) inputs[k] = convert(p, k, types);
  inputs.serviceType = { type: "string", description: `One of ${SERVICE_TYPES.join(", ")}. Changing it replaces the service.` };
  inputs.authentication = { ...inputs.authentication, secret: true, description: "Credentials COM uses to reach the external service; stored as a secret." };
  Object.assign(inputs, PROVIDER_INPUTS);
  const config = providerProperties();
  return {
    name: "hpecom",
    displayName: "HPE Compute Ops Management",
    version,
    description: "HPE Compute Ops Management external services (ServiceNow, DSCC, VMware vCenter).",
    keywords: ["pulumi", "hpe", "compute-ops-management", "category/infrastructure"],
    license: "Apache-2.0",
    repository: "https://github.com/pulumi-hpecom/pulumi-hpecom",
    config: { variables: config },
    provider: { description: "A COM workspace: a region or endpoint, an API client, optionally an MSP tenant.", inputProperties: config, properties: config },
    types,
    resources: {
      [PLUGIN_EXTERNAL_SERVICE_TYPE]: {
        description: "A ServiceNow, Data Services Cloud Console or VMware vCenter integration of a COM workspace.",
        inputProperties: inputs,
        requiredInputs: api.required,
        properties: { ...inputs, ...OUTPUTS },
        required: [...(api.required ?? []), "authenticationType", "state", "resourceUri", "generation"],
      },
    },
    functions: {
      [token("getExternalServices")]: {
        description: "Reads existing external services, without their secrets.",
        inputs: {
          properties: {
            filter: { type: "string", description: "An OData filter, e.g. serviceType eq 'VMWARE_VCENTER'; COM filters on serviceType, the rest is applied by the provider." },
            tenantAcid: { type: "string", description: "Look in this tenant of an MSP workspace." },
          },
        },
        outputs: {
          properties: {
            items: { type: "array", items: { $ref: "pulumi.json#/Any" }, description: "The services of the three modelled types that match." },
            unmodelled: { type: "array", items: { $ref: "pulumi.json#/Any" }, description: "Matching services of types this package does not model." },
          },
          required: ["items", "unmodelled"],
        },
      },
    },
    language: {
      nodejs: { packageName: "@pulumi-hpecom/hpecom", dependencies: { "@pulumi/pulumi": "^3.0.0" } },
      python: { packageName: "pulumi_hpecom", requires: { pulumi: ">=3.0.0,<4.0.0" } },
      go: { importBasePath: "github.com/pulumi-hpecom/pulumi-hpecom/sdk/go/hpecom" },
    },
  };
}
