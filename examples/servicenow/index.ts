import * as pulumi from "@pulumi/pulumi";
import * as hpecom from "pulumi-hpecom";

const cfg = new pulumi.Config();
// Your instance, e.g. https://acme.service-now.com (the tests use the emulator's stand-in).
const instance = cfg.require("serviceNowInstance");

const snow = new hpecom.ExternalService("servicenow", {
  name: cfg.get("name") ?? "ServiceNow Integration",
  serviceType: "SERVICE_NOW",
  description: "Incidents for production servers",
  authentication: {
    clientId: cfg.require("serviceNowClientId"),
    clientSecret: cfg.requireSecret("serviceNowClientSecret"),
    refreshToken: cfg.requireSecret("serviceNowRefreshToken"),
  },
  serviceData: {
    oauthUrl: `${instance}/oauth_token.do`,
    incidentUrl: `${instance}/api/now/import/u_demo_incident_inbound_api`,
    refreshTokenExpiryInDays: 150,
    // The seed's table rules the first four flags; healthNotification is set independently.
    incidentCreationScope: { serviceEventIssues: true, criticalEventIssues: true, healthNotification: true },
  },
  postDeployTest: { timeoutSeconds: 60 },
});

export const id = snow.id;
export const generation = snow.generation;
export const lastTest = snow.lastTest;
