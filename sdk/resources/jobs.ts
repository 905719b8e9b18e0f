/** The jobs API (v1): start a job and wait for its end. */
import type { ComClient } from "../client";
import { API_PREFIX } from "../core/paths";
import { JobAwaitingApprovalError, WaitTimeoutError } from "../core/errors";
import { schemas } from "../internal/schemas";
import { APPROVAL_PENDING, isFinalJobState, Job } from "../models/job";
import { pathSegment } from "../internal/path-segment";
import { DEFAULT_WAIT_TIMEOUT_MS, poll, WaitOptions } from "./wait";

/** A job to start: the template, the resource it acts on, and the template's parameters. */
export interface JobRequest { jobTemplate: string; resourceType: string; resourceId: string; jobParams: Record<string, unknown> }

export class Jobs {
  constructor(private readonly client: ComClient) {}

  /** Starts a job. A job is an action, so an ambiguous failure is not retried. */
  async create(job: JobRequest): Promise<Job> {
    return (await this.client.request({ method: "POST", path: `${API_PREFIX}/v1/jobs`, body: job, retryClass: "create", schema: schemas().JobSchema })).data;
  }

  async get(id: string): Promise<Job> {
    return (await this.client.request({ method: "GET", path: `${API_PREFIX}/v1/jobs/${pathSegment(id)}`, schema: schemas().JobSchema })).data;
  }

  /**
   * Polls a job until it reaches a final state (COMPLETE, ERROR or STALLED). Time running out
   * while COM holds the job for approval is a JobAwaitingApprovalError, naming the job.
   */
  async waitFor(job: Job, options: WaitOptions = {}): Promise<Job> {
    if (isFinalJobState(job.state)) return job;
    let last = job;
    const done = await poll(async () => (last = await this.get(job.id)), (j) => isFinalJobState(j.state), options);
    if (done) return done;
    const waited = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    if (last.state === APPROVAL_PENDING) throw new JobAwaitingApprovalError(job.id, waited);
    throw new WaitTimeoutError(`job ${job.id} did not finish within ${waited} ms (last state ${last.state})`);
  }
}
