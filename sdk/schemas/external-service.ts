/**
 * zod schemas for external-service bodies, discriminated by `serviceType`, and their types.
 * Request schemas are strict (a typo is an error that names the property); response schemas
 * are tolerant: unknown fields pass, and the scope is read nested or flat.
 */
import { z } from "zod";
import { CONTROL_CHARACTERS } from "../core/quoted";
import { isObject } from "../core/json";
import {
  AUTHENTICATION_PAIRING, AuthenticationType, foldScope, NAME_MAX_LENGTH, REFRESH_TOKEN_EXPIRY_DAYS, SERVICE_STATES, SERVICE_TYPES, ServiceType, UnmodelledService,
} from "../models/external-service";
import { normalizeFingerprint, SHA256_HEX } from "../models/normalize";
import { checkIncidentScope, DEFAULT_INCIDENT_SCOPE, IncidentScope, SCOPE_HIERARCHY_RULE, scopeRuleOf } from "../models/scope-rules";
import { pageSchema } from "./page";

const nonEmpty = (what: string) => z.string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a string`) })
  .min(1, `${what} must not be empty`);

// ---- requests ------------------------------------------------------------------------------

const DISCONNECTED_RULE = "must be 0, 1, 2 or 3";
/** What a scope key means, with its default; the schema's (and so the docs') description of it. */
const scopeFlag = (key: keyof typeof DEFAULT_INCIDENT_SCOPE, what: string) =>
  z.boolean().optional().describe(`${what} Default ${DEFAULT_INCIDENT_SCOPE[key]}.${scopeRuleOf(key)}`);

export const IncidentScopeSchema = z.strictObject({
  serviceEventIssues: scopeFlag("serviceEventIssues", "Create an incident for service events."),
  criticalEventIssues: scopeFlag("criticalEventIssues", "Create an incident for critical events."),
  warningEventIssues: scopeFlag("warningEventIssues", "Create an incident for warning events."),
  utilizationAlerts: scopeFlag("utilizationAlerts", "Create an incident for utilization alerts."),
  powerResetEvent: scopeFlag("powerResetEvent", "Create an incident when a server is power-cycled or reset."),
  disconnectedEvent: z.int().min(0, DISCONNECTED_RULE).max(3, DISCONNECTED_RULE).optional()
    .describe(`Hours a server may stay disconnected before an incident is created; 0 turns it off. It ${DISCONNECTED_RULE}. Default 0.`),
  healthNotification: z.boolean({ error: "must be true or false" }).optional()
    .describe("Create an incident for health notifications; independent of the event hierarchy, sent only when set."),
}).describe(`Which events create ServiceNow incidents. ${SCOPE_HIERARCHY_RULE}`).transform((scope, ctx): IncidentScope => {
  const check = checkIncidentScope(scope);
  for (const reason of check.reasons) ctx.addIssue(reason);
  return check.scope;
});

const HTTP_URL_RULE = "must be an http(s) URL";
const httpUrl = z.url({ protocol: /^https?$/, error: HTTP_URL_RULE });

const DAYS_RULE = `must be from ${REFRESH_TOKEN_EXPIRY_DAYS.min} to ${REFRESH_TOKEN_EXPIRY_DAYS.max}`;

const ServiceNowDataFields = z.strictObject({
  oauthUrl: httpUrl.describe(`SERVICE_NOW: the ServiceNow instance's OAuth token URL (e.g. https://<instance>.service-now.com/oauth_token.do); it ${HTTP_URL_RULE}.`),
  incidentUrl: httpUrl.describe(`SERVICE_NOW: the ServiceNow API that receives incidents (e.g. https://<instance>.service-now.com/api/now/import/<table>); it ${HTTP_URL_RULE}.`),
  refreshTokenExpiryInDays: z.int().min(REFRESH_TOKEN_EXPIRY_DAYS.min, DAYS_RULE).max(REFRESH_TOKEN_EXPIRY_DAYS.max, DAYS_RULE).optional()
    .describe(`SERVICE_NOW: the refresh token's lifetime in days, as configured in ServiceNow; it ${DAYS_RULE}.`),
  incidentCreationScope: IncidentScopeSchema.default({ ...DEFAULT_INCIDENT_SCOPE }),
});
export const ServiceNowDataSchema = z.preprocess(foldScope, ServiceNowDataFields);

export const DsccDataSchema = z.strictObject({
  region: nonEmpty("region").describe("DSCC: the Data Services Cloud Console region to connect to (e.g. us-west)."),
});

const FINGERPRINT_RULE = "must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed";

export const VCenterDataSchema = z.strictObject({
  vCenterUrl: nonEmpty("vCenterUrl").describe("VMWARE_VCENTER: the vCenter server's host name or URL."),
  associatedGatewayUri: nonEmpty("associatedGatewayUri")
    .describe("VMWARE_VCENTER: the COM secure gateway appliance that reaches the vCenter (its resource URI, /compute-ops-mgmt/v1beta1/appliances/<id>)."),
  vCenterCertFingerprint: z.string({ error: "vCenterCertFingerprint is required" })
    .transform(normalizeFingerprint)
    .pipe(z.string().regex(SHA256_HEX, FINGERPRINT_RULE))
    .describe(`VMWARE_VCENTER: the vCenter certificate's fingerprint; it ${FINGERPRINT_RULE} (stored as lower-case hex without colons).`),
});

const NAME_RULES = {
  length: `must be at most ${NAME_MAX_LENGTH} characters`,
  characters: "must not contain control characters (line breaks, tabs, terminal escapes)",
};
const DESCRIPTION_RULE = "must be shorter than 256 characters";

const common = {
  name: nonEmpty("name").max(NAME_MAX_LENGTH, NAME_RULES.length)
    // docs/api-assumptions.md, `name-characters`: a name is shown in one-line messages and in COM's own UI.
    .refine((name) => !CONTROL_CHARACTERS.test(name), NAME_RULES.characters)
    .describe(`The service's name, unique among services of its type in the workspace; it ${NAME_RULES.length} and ${NAME_RULES.characters}.`),
  // HPE's create page lists it as required (string or null), the seed as optional: always sent, null when not given.
  description: z.string().max(255, DESCRIPTION_RULE).nullable().default(null).describe(`A free-text description; it ${DESCRIPTION_RULE}.`),
  state: z.enum(SERVICE_STATES, { error: `must be ${SERVICE_STATES.join(" or ")}` }).optional()
    .describe("ENABLED (the default) or DISABLED: COM uses only an ENABLED service."),
};

const pairing = <T extends AuthenticationType>(auth: T, type: ServiceType) =>
  z.literal(auth, { error: `must be ${auth} for serviceType ${type}` }).default(auth as never)
    .describe(`${AUTHENTICATION_PAIRING}; it may be left out.`);

const secretField = (name: string, what: string) => nonEmpty(name).describe(`${what} A secret: sent to the API, never read back.`);

/** The OAuth client COM presents to ServiceNow and to DSCC alike. */
const oauthClient = {
  clientId: nonEmpty("clientId").describe("SERVICE_NOW, DSCC: the OAuth client id COM presents to the service."),
  clientSecret: secretField("clientSecret", "SERVICE_NOW, DSCC: the OAuth client secret."),
};

export const ServiceNowCreateSchema = z.strictObject({
  ...common,
  serviceType: z.literal("SERVICE_NOW"),
  authenticationType: pairing("OAUTH", "SERVICE_NOW"),
  authentication: z.strictObject({
    ...oauthClient,
    refreshToken: secretField("refreshToken", "SERVICE_NOW: the OAuth refresh token ServiceNow issued for the client; it expires after refreshTokenExpiryInDays."),
  }),
  serviceData: ServiceNowDataSchema,
});

export const DsccCreateSchema = z.strictObject({
  ...common,
  serviceType: z.literal("DSCC"),
  authenticationType: pairing("OAUTH", "DSCC"),
  authentication: z.strictObject(oauthClient),
  serviceData: DsccDataSchema,
});

export const VCenterCreateSchema = z.strictObject({
  ...common,
  serviceType: z.literal("VMWARE_VCENTER"),
  authenticationType: pairing("BASIC", "VMWARE_VCENTER"),
  authentication: z.strictObject({
    username: nonEmpty("username").describe("VMWARE_VCENTER: the vCenter user COM signs in as."),
    password: secretField("password", "VMWARE_VCENTER: the vCenter user's password."),
  }),
  serviceData: VCenterDataSchema,
});

/**
 * The fields of `authentication` and `serviceData` this client models, per type, read off the
 * create schemas: all it writes, compares and keeps. A field the API fills in itself (vCenter's
 * `vCenterVersion`, …) or adds later is none of these (docs/api-assumptions.md, `server-filled-fields`).
 */
export const MODELLED_FIELDS: Readonly<Record<ServiceType, { authentication: readonly string[]; serviceData: readonly string[] }>> = {
  SERVICE_NOW: { authentication: Object.keys(ServiceNowCreateSchema.shape.authentication.shape), serviceData: Object.keys(ServiceNowDataFields.shape) },
  DSCC: { authentication: Object.keys(DsccCreateSchema.shape.authentication.shape), serviceData: Object.keys(DsccDataSchema.shape) },
  VMWARE_VCENTER: { authentication: Object.keys(VCenterCreateSchema.shape.authentication.shape), serviceData: Object.keys(VCenterDataSchema.shape) },
};

/** A create body; `authenticationType` may be left out (it follows from `serviceType`). */
export const ExternalServiceCreateSchema = z.discriminatedUnion(
  "serviceType",
  [ServiceNowCreateSchema, DsccCreateSchema, VCenterCreateSchema],
  { error: `serviceType must be one of ${SERVICE_TYPES.join(", ")}` },
);
export type ExternalServiceCreateInput = z.input<typeof ExternalServiceCreateSchema>;
/** A create body after validation and normalisation: what is sent. */
export type ExternalServiceCreate = z.output<typeof ExternalServiceCreateSchema>;

// ---- responses -----------------------------------------------------------------------------

const ResponseScopeSchema = z.looseObject({
  serviceEventIssues: z.boolean().optional(),
  criticalEventIssues: z.boolean().optional(),
  warningEventIssues: z.boolean().optional(),
  utilizationAlerts: z.boolean().optional(),
  powerResetEvent: z.boolean().optional(),
  disconnectedEvent: z.number().optional(),
  healthNotification: z.boolean().optional().catch(undefined),
}).transform((s): IncidentScope => checkIncidentScope(s as Partial<IncidentScope>).scope);

const responseBase = {
  id: z.string(),
  type: z.string().optional(),
  name: z.string(),
  description: z.string().nullable().optional(),
  state: z.enum(["ENABLED", "DISABLED"]).optional(),
  status: z.string().optional(),
  resourceUri: z.string(),
  generation: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

const maskedAuth = z.record(z.string(), z.unknown()).default({});

export const ExternalServiceSchema = z.discriminatedUnion("serviceType", [
  z.looseObject({
    ...responseBase,
    serviceType: z.literal("SERVICE_NOW"),
    authenticationType: z.literal("OAUTH"),
    authentication: maskedAuth,
    serviceData: z.preprocess(foldScope, z.looseObject({
      oauthUrl: z.string(),
      incidentUrl: z.string(),
      refreshTokenExpiryInDays: z.number().optional(),
      incidentCreationScope: ResponseScopeSchema.default({ ...DEFAULT_INCIDENT_SCOPE }),
    })),
  }),
  z.looseObject({
    ...responseBase,
    serviceType: z.literal("DSCC"),
    authenticationType: z.literal("OAUTH"),
    authentication: maskedAuth,
    serviceData: z.looseObject({ region: z.string() }),
  }),
  z.looseObject({
    ...responseBase,
    serviceType: z.literal("VMWARE_VCENTER"),
    authenticationType: z.literal("BASIC"),
    authentication: maskedAuth,
    serviceData: z.looseObject({
      vCenterUrl: z.string(),
      associatedGatewayUri: z.string(),
      vCenterCertFingerprint: z.string().transform(normalizeFingerprint),
    }),
  }),
]);
/** An external service as the API returns it (secrets masked). */
export type ExternalService = z.output<typeof ExternalServiceSchema>;

const text = (v: unknown) => (typeof v === "string" ? v : "");

export const UnmodelledServiceSchema = z.unknown().transform((value): UnmodelledService => {
  const raw = isObject(value) ? value : {};
  return { modelled: false, id: text(raw.id), name: text(raw.name), serviceType: text(raw.serviceType), raw };
});

/** Any item a list or get may return: modelled when it fits, unmodelled otherwise. */
export const AnyExternalServiceSchema = z.union([ExternalServiceSchema, UnmodelledServiceSchema]);

/** One page of a listing of external services. */
export const ExternalServicePageSchema = pageSchema(AnyExternalServiceSchema);
