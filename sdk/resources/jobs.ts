/** The jobs API (v1): start a job and wait for its end. */
import type { ComClient } from "../client";
import { API_PREFIX } from "../core/paths";
import { WaitTimeoutError } from "../core/errors";
import { isFinalJobState, Job, JobSchema } from "../models/job";
import { DEFAULT_WAIT_TIMEOUT_MS, poll, WaitOptions } from "./wait";

/** A job to start: the template, the resource it acts on, and the template's parameters. */
export interface JobRequest { jobTemplate: string; resourceType: string; resourceId: string; jobParams: Record<string, unknown> }

export class Jobs {
  constructor(private readonly client: ComClient) {}

  /** Starts a job. A job is an action, so an ambiguous failure is not retried. */
  async create(job: JobRequest): Promise<Job> {
    return (await this.client.request({ method: "POST", path: `${API_PREFIX}/v1/jobs`, body: job, retryClass: "create", schema: JobSchema })).data;
  }

  async get(id: string): Promise<Job> {
    return (await this.client.request({ method: "GET", path: `${API_PREFIX}/v1/jobs/${encodeURIComponent(id)}`, schema: JobSchema })).data;
  }

  /** Polls a job until it reaches a final state (COMPLETE, ERROR or STALLED). */
  async waitFor(job: Job, options: WaitOptions = {}): Promise<Job> {
    if (isFinalJobState(job.state)) return job;
    const done = await poll(() => this.get(job.id), (j) => isFinalJobState(j.state), options);
    if (!done) throw new WaitTimeoutError(`job ${job.id} did not finish within ${options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS} ms`);
    return done;
  }
}
