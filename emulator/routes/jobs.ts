/** The jobs API, as far as the DeleteVCenter job needs it. */
import { randomUUID } from "node:crypto";
import type { Emulator, RequestContext, Route } from "../context";
import { badRequest, notFound } from "../http-error";
import type { Job } from "../store";
import { requireContentType } from "./content-type";
import { DELETE_VCENTER_JOB_TEMPLATE } from "./external-services";

const JOBS = "/compute-ops-mgmt/v1/jobs";

function renderJob(job: Job): Record<string, unknown> {
  const { completeAfter: _hidden, ...visible } = job;
  return { ...visible, type: "compute-ops-mgmt/job", resourceUri: `${JOBS}/${job.id}` };
}

/** Runs the job's work once its duration has passed, ending as settings.jobOutcome says. */
function settle(emulator: Emulator, workspaceId: string, job: Job): void {
  if (job.state !== "RUNNING" || Date.now() < job.completeAfter) return;
  const services = emulator.store.workspace(workspaceId).services;
  const service = services[job.resourceId];
  const outcome = emulator.settings.jobOutcome;
  if (!service || service.serviceType !== "VMWARE_VCENTER") {
    Object.assign(job, { state: "ERROR", resultCode: "FAILURE", statusDetails: `No VMWARE_VCENTER external service with id ${job.resourceId}` });
  } else if (outcome === "COMPLETE") {
    delete services[job.resourceId];
    Object.assign(job, { state: "COMPLETE", resultCode: "SUCCESS", statusDetails: `Deleted vCenter integration '${service.name}'` });
  } else {
    Object.assign(job, { state: outcome, resultCode: outcome === "ERROR" ? "FAILURE" : null, statusDetails: `The vCenter at ${String(job.jobParams.vCenterUrl)} did not answer` });
  }
  job.updatedAt = new Date().toISOString();
  emulator.store.save();
}

/** HPE's "Delete vCenter Job" page: the template, the target, and four required parameters. */
const JOB_PARAMS = ["vCenterUrl", "associatedGatewayUri", "externalServiceId", "vCenterUuid"];

function createJob(ctx: RequestContext) {
  requireContentType(ctx, "application/json");
  const body = (ctx.body ?? {}) as { jobTemplate?: unknown; resourceType?: unknown; resourceId?: unknown; jobParams?: unknown };
  const issues: { subject: string; description: string }[] = [];
  if (body.jobTemplate !== DELETE_VCENTER_JOB_TEMPLATE) issues.push({ subject: "jobTemplate", description: `must be ${DELETE_VCENTER_JOB_TEMPLATE} (DeleteVCenter), the only template this emulator runs` });
  if (body.resourceType !== "compute-ops-mgmt/external-service") issues.push({ subject: "resourceType", description: "must be compute-ops-mgmt/external-service" });
  if (typeof body.resourceId !== "string" || body.resourceId === "") issues.push({ subject: "resourceId", description: "is required: the id of the external service" });
  const params = (body.jobParams ?? {}) as Record<string, unknown>;
  for (const key of JOB_PARAMS) {
    if (typeof params[key] !== "string" || params[key] === "") issues.push({ subject: `jobParams.${key}`, description: "is required" });
  }
  if (typeof params.externalServiceId === "string" && typeof body.resourceId === "string" && params.externalServiceId !== body.resourceId) {
    issues.push({ subject: "jobParams.externalServiceId", description: "must be the resourceId" });
  }
  if (issues.length) throw badRequest(`Invalid job: ${issues.map((i) => `${i.subject} ${i.description}`).join("; ")}`, issues);
  const now = new Date().toISOString();
  const job: Job = {
    id: randomUUID(), jobTemplate: DELETE_VCENTER_JOB_TEMPLATE, resourceType: body.resourceType as string, resourceId: body.resourceId as string,
    jobParams: params, state: "RUNNING", resultCode: null, statusDetails: null, createdAt: now, updatedAt: now,
    completeAfter: Date.now() + ctx.emulator.settings.jobDurationMs,
  };
  ctx.emulator.store.workspace(ctx.workspaceId).jobs[job.id] = job;
  settle(ctx.emulator, ctx.workspaceId, job);
  ctx.emulator.store.save();
  return { status: 201, body: renderJob(job) };
}

function getJob(ctx: RequestContext) {
  const job = ctx.emulator.store.workspace(ctx.workspaceId).jobs[ctx.params.id];
  if (!job) throw notFound(`Job '${ctx.params.id}' not found`);
  settle(ctx.emulator, ctx.workspaceId, job);
  return { status: 200, body: renderJob(job) };
}

export function jobRoutes(): Route[] {
  return [
    { method: "POST", pattern: JOBS, kind: "com", handler: createJob },
    { method: "GET", pattern: `${JOBS}/{id}`, kind: "com", handler: getJob },
  ];
}
