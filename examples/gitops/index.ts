// One stack per COM workspace (an MSP tenant, or a region): the same integrations everywhere,
// with per-stack config. The pipelines in .github/workflows preview, deploy and check drift.
import * as pulumi from "@pulumi/pulumi";
import * as hpecom from "pulumi-hpecom";

const cfg = new pulumi.Config();
const instance = cfg.require("serviceNowInstance");

const snow = new hpecom.ExternalService("servicenow", {
  name: "ServiceNow Integration",
  serviceType: "SERVICE_NOW",
  description: cfg.get("description") ?? "Managed by the hpecom-gitops pipelines",
  authentication: {
    clientId: cfg.require("serviceNowClientId"),
    clientSecret: cfg.requireSecret("serviceNowClientSecret"),
    refreshToken: cfg.requireSecret("serviceNowRefreshToken"),
  },
  // When ServiceNow issued the token (the rotation runbook sets it with the token); without it,
  // the expiry counts from when the pipeline sent the token.
  refreshTokenIssuedAt: cfg.get("serviceNowRefreshTokenIssuedAt"),
  serviceData: {
    oauthUrl: `${instance}/oauth_token.do`,
    incidentUrl: `${instance}/api/now/import/u_demo_incident_inbound_api`,
    refreshTokenExpiryInDays: 180,
    incidentCreationScope: cfg.getObject<hpecom.IncidentScope>("incidentScope") ?? { serviceEventIssues: true, criticalEventIssues: true },
  },
});

const dscc = new hpecom.ExternalService("dscc", {
  name: "Data Services Cloud Console",
  serviceType: "DSCC",
  authentication: { clientId: cfg.require("dsccClientId"), clientSecret: cfg.requireSecret("dsccClientSecret") },
  serviceData: { region: cfg.get("dsccRegion") ?? "eu-central" },
});

export const services = { servicenow: snow.id, dscc: dscc.id };
export const lastTests = { servicenow: snow.lastTest, dscc: dscc.lastTest };
export const serviceNowRefreshTokenExpiresAt = snow.refreshTokenExpiresAt;
