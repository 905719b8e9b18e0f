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
  return { ...visible, type: "compute-ops-mgmt/job", resourceUri: `${JOBS}/${job.id}`, targetResourceUri: job.resourceUri };
}

/** Runs the job's work once its duration has passed: deletes the vCenter service. */
function settle(emulator: Emulator, workspaceId: string, job: Job): void {
  if (job.state === "COMPLETE" || job.state === "ERROR" || Date.now() < job.completeAfter) return;
  const services = emulator.store.workspace(workspaceId).services;
  const id = job.resourceUri.split("/").pop() ?? "";
  const service = services[id];
  if (!service || service.serviceType !== "VMWARE_VCENTER") {
    Object.assign(job, { state: "ERROR", resultCode: "FAILURE", statusDetails: `No VMWARE_VCENTER external service at ${job.resourceUri}` });
  } else {
    delete services[id];
    Object.assign(job, { state: "COMPLETE", resultCode: "SUCCESS", statusDetails: `Deleted vCenter integration '${service.name}'` });
  }
  job.updatedAt = new Date().toISOString();
  emulator.store.save();
}

function createJob(ctx: RequestContext) {
  requireContentType(ctx, "application/json");
  const body = (ctx.body ?? {}) as { jobTemplate?: unknown; resourceUri?: unknown; jobParams?: unknown };
  const issues: { subject: string; description: string }[] = [];
  if (body.jobTemplate !== DELETE_VCENTER_JOB_TEMPLATE) issues.push({ subject: "jobTemplate", description: `must be ${DELETE_VCENTER_JOB_TEMPLATE} (DeleteVCenter), the only template this emulator runs` });
  if (typeof body.resourceUri !== "string" || !/\/external-services\/[^/]+$/.test(body.resourceUri)) issues.push({ subject: "resourceUri", description: "must be the resourceUri of an external service" });
  const params = body.jobParams as Record<string, unknown> | undefined;
  for (const key of ["vCenterUrl", "associatedGatewayUri", "externalServiceId"]) {
    if (typeof params?.[key] !== "string") issues.push({ subject: `jobParams.${key}`, description: "is required" });
  }
  if (issues.length) throw badRequest(`Invalid job: ${issues.map((i) => `${i.subject} ${i.description}`).join("; ")}`, issues);
  const now = new Date().toISOString();
  const job: Job = {
    id: randomUUID(), jobTemplate: DELETE_VCENTER_JOB_TEMPLATE, resourceUri: body.resourceUri as string,
    jobParams: params!, state: "RUNNING", resultCode: null, statusDetails: null, createdAt: now, updatedAt: now,
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
