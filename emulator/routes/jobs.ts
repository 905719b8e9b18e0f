/** The jobs API, as far as the DeleteVCenter job needs it. */
import { randomUUID } from "node:crypto";
import type { Emulator, RequestContext, Route } from "../context";
import { badRequest, notFound } from "../http-error";
import type { Settings } from "../settings";
import type { Job } from "../store";
import { requireContentType } from "./content-type";
import { DELETE_VCENTER_JOB_TEMPLATE } from "./external-services";

const JOBS = "/compute-ops-mgmt/v1/jobs";

/**
 * A job as the settings shape it: HPE's jobs pages name the target `resource: {type, id}` with
 * a `name` and give `statusDetails` as an object (setting `jobShape: resource`, the default);
 * `flat` echoes the request's `resourceType`/`resourceId` with a text `statusDetails`.
 */
function renderJob(job: Job, shape: Settings["jobShape"]): Record<string, unknown> {
  const { completeAfter: _hidden, resourceType, resourceId, statusDetails, ...visible } = job;
  const links = { type: "compute-ops-mgmt/job", resourceUri: `${JOBS}/${job.id}` };
  if (shape === "flat") return { ...visible, resourceType, resourceId, statusDetails, ...links };
  return {
    ...visible, name: "DeleteVCenter", resource: { type: resourceType, id: resourceId },
    statusDetails: statusDetails === null ? {} : { message: statusDetails }, ...links,
  };
}

/** Starts a job's work: it ends `jobDurationMs` later. */
function start(emulator: Emulator, job: Job): void {
  job.state = "RUNNING";
  job.completeAfter = Date.now() + emulator.settings.jobDurationMs;
  job.updatedAt = new Date().toISOString();
}

/**
 * Moves a job on when it is read: PENDING becomes RUNNING (so each state is seen once), and a
 * RUNNING job whose time has come does its work, ending as settings.jobOutcome says. A job
 * awaiting approval waits for POST /__emulator/jobs/{id}/approve.
 */
function advance(emulator: Emulator, workspaceId: string, job: Job): void {
  if (job.state === "PENDING") {
    start(emulator, job);
    emulator.store.save();
    return;
  }
  if (job.state !== "RUNNING" || Date.now() < job.completeAfter) return;
  const services = emulator.store.workspace(workspaceId).services;
  const service = Object.hasOwn(services, job.resourceId) ? services[job.resourceId] : undefined;
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
  const { settings } = ctx.emulator;
  const body = (ctx.body ?? {}) as { jobTemplate?: unknown; resourceType?: unknown; resourceId?: unknown; jobParams?: unknown };
  const issues: { subject: string; description: string }[] = [];
  if (body.jobTemplate !== DELETE_VCENTER_JOB_TEMPLATE) issues.push({ subject: "jobTemplate", description: `must be ${DELETE_VCENTER_JOB_TEMPLATE} (DeleteVCenter), the only template this emulator runs` });
  // HPE's pages give two values; the server takes the one setting `jobResourceType` names.
  if (body.resourceType !== settings.jobResourceType) issues.push({ subject: "resourceType", description: `must be ${settings.jobResourceType}` });
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
    jobParams: params, state: settings.jobProgress === "approval" ? "APPROVAL_PENDING" : "PENDING",
    resultCode: null, statusDetails: null, createdAt: now, updatedAt: now, completeAfter: Number.MAX_SAFE_INTEGER,
  };
  ctx.emulator.store.workspace(ctx.workspaceId).jobs[job.id] = job;
  if (settings.jobProgress === "running") {
    start(ctx.emulator, job);
    advance(ctx.emulator, ctx.workspaceId, job);
  }
  ctx.emulator.store.save();
  return { status: 201, body: renderJob(job, settings.jobShape) };
}

function findJob(jobs: Record<string, Job>, id: string): Job {
  const job = Object.hasOwn(jobs, id) ? jobs[id] : undefined;
  if (!job) throw notFound(`Job '${id}' not found`);
  return job;
}

function getJob(ctx: RequestContext) {
  const job = findJob(ctx.emulator.store.workspace(ctx.workspaceId).jobs, ctx.params.id);
  advance(ctx.emulator, ctx.workspaceId, job);
  return { status: 200, body: renderJob(job, ctx.emulator.settings.jobShape) };
}

export function jobRoutes(): Route[] {
  return [
    { method: "POST", pattern: JOBS, kind: "com", handler: createJob },
    { method: "GET", pattern: `${JOBS}/{id}`, kind: "com", handler: getJob },
  ];
}

/** What an approver does in COM: an APPROVAL_PENDING job of any workspace starts running. */
export function approveJob(emulator: Emulator, id: string): void {
  for (const ws of Object.values(emulator.store.allWorkspaces())) {
    if (!Object.hasOwn(ws.jobs, id)) continue;
    const job = ws.jobs[id];
    if (job.state !== "APPROVAL_PENDING") throw badRequest(`Job '${id}' is ${job.state}, not awaiting approval`);
    start(emulator, job);
    emulator.store.save();
    return;
  }
  throw notFound(`Job '${id}' not found`);
}
