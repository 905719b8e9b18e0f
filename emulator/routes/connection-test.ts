/**
 * What POST /external-services/{id}/test does after its 202: SERVICE_NOW performs the
 * refresh-token grant against `oauthUrl` and posts a test incident to `incidentUrl`; DSCC
 * checks the connection (succeeding unless configured to fail). The outcome is an activity.
 */
import { randomUUID } from "node:crypto";
import type { Emulator } from "../context";
import { LOOPBACK_HOST as LOOPBACK } from "../loopback";
import type { ServiceRecord } from "../store";


export async function runConnectionTest(emulator: Emulator, workspaceId: string, service: ServiceRecord, prefix: string): Promise<void> {
  let outcome: { ok: boolean; message: string };
  try {
    outcome = service.serviceType === "SERVICE_NOW" ? await testServiceNow(service)
      : emulator.settings.dsccTestFails
        ? { ok: false, message: "Unable to connect to Data Services Cloud Console: the connection was refused" }
        : { ok: true, message: "Connection to Data Services Cloud Console verified" };
  } catch (err) {
    outcome = { ok: false, message: `Test failed: ${(err as Error).message}` };
  }
  emulator.store.workspace(workspaceId).activities.push({
    id: randomUUID(),
    key: outcome.ok ? "EXTERNAL_SERVICE_TEST_SUCCEEDED" : "EXTERNAL_SERVICE_TEST_FAILED",
    title: outcome.ok ? "External service test succeeded" : "External service test failed",
    message: `${service.name}: ${outcome.message}`,
    source: {
      id: service.id,
      type: `${prefix.slice(1)}/external-service`,
      name: service.name,
      resourceUri: `${prefix}/v1beta1/external-services/${service.id}`,
    },
    createdAt: new Date().toISOString(),
    visibleAfter: Date.now() + emulator.settings.testResultDelayMs,
  });
  emulator.store.save();
}

async function testServiceNow(service: ServiceRecord): Promise<{ ok: boolean; message: string }> {
  const { oauthUrl, incidentUrl } = service.serviceData as { oauthUrl: string; incidentUrl: string };
  for (const url of [oauthUrl, incidentUrl]) {
    // The emulator only ever talks to loopback: no traffic leaves this machine.
    if (!LOOPBACK.test(new URL(url).hostname)) {
      return { ok: false, message: `ServiceNow at ${new URL(url).host} is not reachable from the emulator (it reaches loopback addresses only)` };
    }
  }
  const grant = await fetch(oauthUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: service.authentication.clientId,
      client_secret: service.authentication.clientSecret,
      refresh_token: service.authentication.refreshToken,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!grant.ok) return { ok: false, message: `ServiceNow refused the OAuth refresh-token grant (HTTP ${grant.status})` };
  const { access_token: accessToken } = (await grant.json()) as { access_token: string };
  const incident = await fetch(incidentUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ short_description: "HPE Compute Ops Management test incident", u_source: "compute-ops-mgmt" }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!incident.ok) return { ok: false, message: `ServiceNow refused the test incident (HTTP ${incident.status})` };
  return { ok: true, message: "Test incident created in ServiceNow" };
}
