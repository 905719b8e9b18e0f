/**
 * The Pulumi package schema of `hpecom`, generated from the sdk's zod schemas: the three create
 * bodies are merged into one resource (a field belongs to the service types that have it), and
 * the provider's own inputs, outputs and configuration are added from the provider's lists.
 * Descriptions come from the same zod schemas (and rule constants) as the validation messages.
 * `make schema` writes it to plugin/schema.json; a test fails when that file is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { AUTHENTICATION_PAIRING, AUTHENTICATION_TYPE_FOR, REGIONS, SERVICE_STATES, SERVICE_TYPES, ServiceType } from "../sdk";
import { ExternalServiceCreateSchema } from "../sdk/schemas";
import { CONNECTION_KEYS, DISABLE_DEFAULT_CONNECTION, JOB_TIMEOUT_SECONDS } from "../provider/connection";
import { POST_DEPLOY_TEST_RULES } from "../provider/runtime/inputs";
import { ISSUED_AT_RULE, REFRESH_TOKEN_WARNING_DAYS } from "../provider/runtime/refresh-token";
import { PLUGIN_DOWNLOAD_URL, PLUGIN_EXTERNAL_SERVICE_TYPE } from "../provider/type-token";
import { DEFAULT_WAIT_TIMEOUT_MS } from "../sdk";

type JsonSchema = {
  type?: string; const?: unknown; enum?: unknown[]; properties?: Record<string, JsonSchema>; required?: string[];
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; items?: JsonSchema; description?: string;
};
export type PulumiType = {
  type?: string; $ref?: string; items?: PulumiType; description?: string; secret?: boolean; oneOf?: PulumiType[];
  defaultInfo?: { environment: string[] }; default?: unknown;
};
interface ObjectType { type: "object"; description: string; properties: Record<string, PulumiType>; required?: string[] }
interface EnumType { type: "string"; description: string; enum: { value: string; description?: string }[] }

/** Where releases are published: the engine downloads `pulumi-resource-hpecom-v<version>-<os>-<arch>.tar.gz` from there. */
export { PLUGIN_DOWNLOAD_URL };

const token = (name: string) => `hpecom:index:${name}`;
const ref = (name: string, description?: string): PulumiType => ({ $ref: `#/types/${token(name)}`, ...(description && { description }) });
/** The checkout's root, from the source (plugin/) or the build (dist/plugin/). */
const ROOT = fs.existsSync(path.join(__dirname, "..", "package.json")) ? path.join(__dirname, "..") : path.join(__dirname, "..", "..");
const docs = (file: string) => fs.readFileSync(path.join(ROOT, "plugin", "docs", file), "utf8").trim();

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
  "serviceData.incidentCreationScope": { name: "IncidentCreationScope", description: "" }, // described by its zod schema
};

/** What each service type is (a Record: a type the sdk adds does not compile until it is described here). */
const SERVICE_TYPE_DESCRIPTIONS: Record<ServiceType, string> = {
  SERVICE_NOW: "A ServiceNow instance that receives incidents.",
  DSCC: "HPE Data Services Cloud Console.",
  VMWARE_VCENTER: "A VMware vCenter server, reached through a COM secure gateway.",
};

/** The string enums of the package: the API's and the connection's closed sets. */
const ENUMS: Record<string, EnumType> = {
  ServiceType: {
    type: "string", description: "The kind of external service.",
    enum: SERVICE_TYPES.map((value) => ({ value, description: SERVICE_TYPE_DESCRIPTIONS[value] })),
  },
  AuthenticationType: {
    type: "string", description: `How COM authenticates to the service: ${AUTHENTICATION_PAIRING}.`,
    enum: [...new Set(Object.values(AUTHENTICATION_TYPE_FOR))].map((value) => ({ value })),
  },
  ServiceState: { type: "string", description: "Whether COM uses the service.", enum: SERVICE_STATES.map((value) => ({ value })) },
  Region: { type: "string", description: "A COM region.", enum: REGIONS.map((value) => ({ value })) },
};

/** Merges the variants of a union: every property of any variant; required only if required in all. Exported for its tests. */
export function merge(variants: JsonSchema[]): JsonSchema & { required: string[] } {
  const properties: Record<string, JsonSchema[]> = {};
  for (const v of variants) for (const [k, p] of Object.entries(v.properties ?? {})) (properties[k] ??= []).push(p);
  const required = (variants[0].required ?? []).filter((k) => variants.every((v) => v.required?.includes(k)));
  return {
    type: "object",
    properties: Object.fromEntries(Object.entries(properties).map(([k, ps]) => [k, ps.length > 1 && ps.every((p) => p.type === "object") ? merge(ps) : ps[0]])),
    required,
  };
}

/** A property's Pulumi type from its JSON schema at `path`; each nested object becomes the named type OBJECT_TYPES gives it. Exported for its tests. */
export function convert(schema: JsonSchema, path: string, types: Record<string, ObjectType | EnumType>): PulumiType {
  const nonNull = schema.anyOf?.find((s) => s.type !== "null") ?? schema;
  const description = schema.description ?? nonNull.description;
  if (nonNull.type === "object") {
    const named = OBJECT_TYPES[path];
    if (!named) throw new Error(`schema: the object at ${path} has no named type (add it to OBJECT_TYPES)`);
    types[token(named.name)] = objectType(nonNull, path, types, named.description || description || "");
    return ref(named.name, description || named.description);
  }
  if (nonNull.type === "array") return { type: "array", items: convert(nonNull.items ?? {}, `${path}[]`, types), ...(description && { description }) };
  const type = nonNull.type === "integer" || nonNull.type === "boolean" || nonNull.type === "number" ? nonNull.type : "string";
  return { type, ...(description && { description }) };
}

function objectType(schema: JsonSchema, path: string, types: Record<string, ObjectType | EnumType>, description: string): ObjectType {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, p]) =>
    [k, convert(p, path ? `${path}.${k}` : k, types)]));
  return { type: "object", description, properties, ...(schema.required?.length && { required: schema.required }) };
}

/** The provider's own inputs, beside the API's fields (see provider/runtime/inputs.ts). */
const PROVIDER_INPUTS: Record<string, PulumiType> = {
  tenantAcid: { type: "string", description: "Manage the service in this tenant of an MSP workspace (sent as the Tenant-Acid header). Changing it replaces the service." },
  vCenterUuid: { type: "string", description: "VMWARE_VCENTER: the vCenter server's UUID for the DeleteVCenter job (default: the service id). Never sent on create or update." },
  postDeployTest: {
    oneOf: [{ type: "boolean" }, ref("PostDeployTestOptions")],
    description: `Run the API's connection test after create and after updates that touch the connection; it ${POST_DEPLOY_TEST_RULES.shape} (default true). A union: a switch, or the switch on with options.`,
  },
  adopt: { type: "boolean", description: "Take over an existing service of this name and type instead of failing with \"already exists\". Default false." },
  refreshTokenIssuedAt: {
    type: "string",
    description: `SERVICE_NOW: when ServiceNow issued the refresh token; refreshTokenExpiresAt counts from here instead of from when the provider sent the token. It ${ISSUED_AT_RULE}. Never sent to the API.`,
  },
};

const SERVICE_OUTPUTS: Record<string, PulumiType> = {
  resourceUri: { type: "string", description: "The service's self link in the API." },
  generation: { type: "integer", description: "The API's update counter: 1 at creation, +1 on each change. A refresh that finds it moved reports drift." },
  status: { type: "string", description: "What the API reports of the service's health (e.g. ENABLED, or SUSPENDED while it is not usable); absent when the API does not say." },
  createdAt: { type: "string", description: "When the service was created (ISO 8601)." },
  updatedAt: { type: "string", description: "When the service last changed (ISO 8601)." },
};

const OUTPUTS: Record<string, PulumiType> = {
  ...SERVICE_OUTPUTS,
  refreshTokenSentAt: { type: "string", description: "SERVICE_NOW: when the provider last sent a new refresh token (create, adoption, or an update that changed it; ISO 8601). Absent for a token set outside Pulumi (an imported service)." },
  refreshTokenExpiresAt: {
    type: "string",
    description: "SERVICE_NOW: when the refresh token expires: refreshTokenIssuedAt (or else refreshTokenSentAt) plus serviceData.refreshTokenExpiryInDays (ISO 8601). " +
      "Absent when neither is known: the API does not say when a token was issued. Preview and up warn within hpecom:refreshTokenWarningDays of it; once it has passed, the post-deploy test fails.",
  },
  lastTest: ref("PostDeployTestResult", "The outcome of the last post-deploy test; absent when the service was never tested."),
};

const PROVIDER_TYPES: Record<string, ObjectType> = {
  PostDeployTestOptions: {
    type: "object", description: "Options of the post-deploy test.",
    properties: {
      timeoutSeconds: { type: "integer", description: `How long to wait for the test's outcome; it ${POST_DEPLOY_TEST_RULES.timeoutSeconds.rule} (default ${DEFAULT_WAIT_TIMEOUT_MS / 1000}).` },
    },
  },
  PostDeployTestResult: {
    type: "object", description: "The outcome of a post-deploy test.",
    properties: {
      status: { type: "string", description: "PASSED, FAILED, TIMED_OUT, or SKIPPED (not tested, e.g. a DISABLED ServiceNow service)." },
      activityId: { type: "string", description: "The COM activity that reported the outcome." },
      message: { type: "string", description: "What the activity (or the provider) said." },
      at: { type: "string", description: "When the outcome was recorded (ISO 8601)." },
    },
    required: ["status", "message", "at"],
  },
};

/** How each connection setting is typed and described; its environment variable comes from CONNECTION_KEYS. */
const CONNECTION_PROPERTIES: Record<keyof typeof CONNECTION_KEYS, PulumiType> = {
  endpoint: { type: "string", description: "An explicit API base URL, e.g. the emulator's (wins over the region)." },
  region: ref("Region", `The COM region of the workspace: ${REGIONS.join(", ")}.`),
  clientId: { type: "string", description: "The GreenLake API client id." },
  clientSecret: { type: "string", secret: true, description: "The GreenLake API client secret." },
  tokenUrl: { type: "string", description: "The OAuth2 token endpoint (default https://sso.common.cloud.hpe.com/as/token.oauth2)." },
  tenantAcid: { type: "string", description: "Act for this tenant of an MSP workspace (a resource's own tenantAcid wins)." },
  caBundleFile: { type: "string", description: "A PEM file of extra certificate authorities to trust (a TLS-inspecting proxy's)." },
  allowInsecureHttp: { type: "boolean", description: "Allow plain http to a host other than loopback. Never in production: credentials would cross the network unencrypted." },
  jobTimeoutSeconds: {
    type: "integer",
    description: `How long a delete waits for its DeleteVCenter job, from ${JOB_TIMEOUT_SECONDS.min} to ${JOB_TIMEOUT_SECONDS.max} seconds (default 120); an approval policy in COM can hold a job.`,
  },
  refreshTokenWarningDays: {
    type: "integer",
    description: `How many days before a ServiceNow refresh token expires preview and up warn about it, from ${REFRESH_TOKEN_WARNING_DAYS.min} to ${REFRESH_TOKEN_WARNING_DAYS.max} (default ${REFRESH_TOKEN_WARNING_DAYS.default}).`,
  },
};

const withEnvironment = (p: PulumiType, variable: string): PulumiType =>
  ({ ...p, description: `${p.description} Environment variable: ${variable}.`, defaultInfo: { environment: [variable] } });

function connectionProperties(): Record<string, PulumiType> {
  return Object.fromEntries(Object.entries(CONNECTION_PROPERTIES).map(([k, p]) => [k, withEnvironment(p, CONNECTION_KEYS[k as keyof typeof CONNECTION_KEYS])]));
}

/** The stack's configuration: the connection, and the switch that makes every resource name its connection. */
function configVariables(): Record<string, PulumiType> {
  return {
    ...connectionProperties(),
    disableDefaultConnection: withEnvironment({
      type: "boolean",
      description: "Refuse the default connection: every resource must name an explicit provider (or, on the TypeScript face, an hpecom.Connection). For stacks that manage several workspaces.",
    }, DISABLE_DEFAULT_CONNECTION.variable),
  };
}

/** The data source's view of a service: the resource's fields without a single secret. */
function serviceInfoType(inputs: Record<string, PulumiType>): ObjectType {
  const { authentication: _secret, tenantAcid: _t, vCenterUuid: _v, postDeployTest: _p, adopt: _a, refreshTokenIssuedAt: _i, ...apiFields } = inputs;
  return {
    type: "object",
    description: "An external service as getExternalServices returns it: no secret field at all.",
    properties: {
      id: { type: "string", description: "The service's id." },
      ...apiFields,
      authentication: { type: "object", additionalProperties: { type: "string" }, description: "The credentials' visible fields: clientId or username, never a secret." } as PulumiType,
      ...SERVICE_OUTPUTS,
      refreshTokenExpiresNoLaterThan: {
        type: "string",
        description: "SERVICE_NOW: the latest the refresh token can expire: updatedAt plus serviceData.refreshTokenExpiryInDays (ISO 8601). " +
          "The API does not say when a token was issued, and a token changes only by an update, so it expires on or before this date; the exact date is the resource's refreshTokenExpiresAt.",
      },
    },
    required: ["id", "name", "serviceType", "resourceUri", "generation"],
  };
}

const UNMODELLED_INFO: ObjectType = {
  type: "object",
  description: "A service of a type this package does not model (e.g. ARUBA_CENTRAL). The API's other fields are kept by SDKs that keep unknown fields (Node.js); secrets are left out.",
  properties: {
    id: { type: "string", description: "The service's id." },
    name: { type: "string", description: "The service's name." },
    serviceType: { type: "string", description: "The API's service type, outside ServiceType." },
    modelled: { type: "boolean", description: "Always false." },
  },
  required: ["id", "name", "serviceType", "modelled"],
};

export function buildSchema(version: string) {
  const json = z.toJSONSchema(ExternalServiceCreateSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  // A discriminated union of the service types: zod writes it as oneOf.
  const api = merge(json.oneOf as JsonSchema[]);
  const types: Record<string, ObjectType | EnumType> = {};
  const inputs: Record<string, PulumiType> = {};
  for (const [k, p] of Object.entries(api.properties ?? {})) inputs[k] = convert(p, k, types);
  inputs.serviceType = ref("ServiceType", `The kind of service: ${SERVICE_TYPES.join(", ")}. Changing it replaces the service.`);
  inputs.authenticationType = ref("AuthenticationType", `${AUTHENTICATION_PAIRING}; it follows from serviceType and may be left out.`);
  inputs.state = ref("ServiceState", inputs.state.description);
  inputs.authentication = { ...inputs.authentication, secret: true, description: "Credentials COM uses to reach the external service; stored as a secret, never read back from the API." };
  Object.assign(inputs, PROVIDER_INPUTS);
  for (const [name, t] of Object.entries({ ...ENUMS, ...PROVIDER_TYPES })) types[token(name)] = t;
  types[token("ExternalServiceInfo")] = serviceInfoType(inputs);
  types[token("UnmodelledServiceInfo")] = UNMODELLED_INFO;
  const connection = connectionProperties();
  // Go's SDK generator cannot default an enum-typed provider input from the environment (it emits
  // code that does not compile); the provider reads HPECOM_REGION itself, as its description says.
  const { defaultInfo: _region, ...region } = connection.region;
  const providerInputs = { ...connection, region };
  return {
    name: "hpecom",
    displayName: "HPE Compute Ops Management",
    version,
    description: "Manage the external services of HPE Compute Ops Management (ServiceNow, Data Services Cloud Console, VMware vCenter) as code.",
    keywords: ["pulumi", "hpe", "compute-ops-management", "greenlake", "category/infrastructure", "kind/native"],
    homepage: "https://github.com/pulumi-hpecom/pulumi-hpecom",
    license: "Apache-2.0",
    repository: "https://github.com/pulumi-hpecom/pulumi-hpecom",
    publisher: "pulumi-hpecom",
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    config: { variables: configVariables() },
    provider: {
      description: "A COM workspace: a region or endpoint, an API client, optionally an MSP tenant. Without an explicit provider, resources use the stack's hpecom:* configuration.",
      inputProperties: providerInputs,
      properties: providerInputs,
    },
    types,
    resources: {
      [PLUGIN_EXTERNAL_SERVICE_TYPE]: {
        description: docs("external-service.md"),
        inputProperties: inputs,
        requiredInputs: api.required,
        properties: { ...inputs, ...OUTPUTS },
        required: [...api.required, "authenticationType", "state", "resourceUri", "generation"],
      },
    },
    functions: {
      [token("getExternalServices")]: {
        description: "Reads existing external services of the workspace, without their secrets.",
        inputs: {
          properties: {
            filter: { type: "string", description: "An OData filter, e.g. serviceType eq 'VMWARE_VCENTER'; COM filters on serviceType, the rest is applied by the provider." },
            tenantAcid: { type: "string", description: "Look in this tenant of an MSP workspace." },
          },
        },
        outputs: {
          properties: {
            items: { type: "array", items: ref("ExternalServiceInfo"), description: "The services of the three modelled types that match." },
            unmodelled: { type: "array", items: ref("UnmodelledServiceInfo"), description: "Matching services of types this package does not model." },
          },
          required: ["items", "unmodelled"],
        },
      },
    },
    language: {
      nodejs: { packageName: "@pulumi-hpecom/hpecom", dependencies: { "@pulumi/pulumi": "^3.0.0" } },
      python: { packageName: "pulumi_hpecom", requires: { pulumi: ">=3.0.0,<4.0.0" } },
      go: { importBasePath: GO_IMPORT_BASE_PATH, generateResourceContainerTypes: true },
    },
  };
}

/** Generated SDKs are not committed: `pulumi package add` writes one into the program (sdks/hpecom) and links it; Go by this module path. */
export const GO_IMPORT_BASE_PATH = "github.com/pulumi-hpecom/pulumi-hpecom/sdks/go/hpecom";
