/** The external-services API: list, get, create, update, delete and test. */
import type { ComClient } from "../client";
import { API_PREFIX } from "../core/paths";
import { ComApiError, ComConnectionError, ComValidationError, ConflictError, JobFailedError, NotFoundError, WaitTimeoutError } from "../core/errors";
import { and, eq, Filter, ge } from "../core/filter";
import { PagedIterable } from "../core/pagination";
import { isAmbiguousFailure } from "../core/retry";
import { Activity, classifyTestActivity, TestStatus } from "../models/activity";
import {
  ExternalService, ExternalServiceCreateInput, ExternalServiceCreateSchema, ExternalServicePatch, ExternalServiceSchema,
  formatIssues, pageSchema, PATCHABLE_FIELDS,
} from "../models/external-service";
import { DELETE_VCENTER_JOB_TEMPLATE } from "../models/job";
import { poll, WaitOptions } from "./wait";

const COLLECTION = `${API_PREFIX}/v1beta1/external-services`;
const ServicePage = pageSchema(ExternalServiceSchema);

/** The outcome of a connection test, read from the activity it produced. */
export interface TestResult {
  status: TestStatus | "TIMED_OUT";
  activityId?: string;
  message: string;
  /** When the activity was recorded (or when waiting stopped). */
  at: string;
}

/** What deleting a service needs to know; a full ExternalService will do. */
export type DeleteTarget = Pick<ExternalService, "id" | "serviceType" | "resourceUri"> & { serviceData?: Record<string, unknown> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ExternalServices {
  constructor(private readonly client: ComClient) {}

  /** Every service, page by page; `filter` narrows it, e.g. `filter.eq("serviceType", "DSCC")`. */
  list(options: { filter?: Filter | string; limit?: number } = {}): PagedIterable<ExternalService> {
    return new PagedIterable(async (offset, limit) => (await this.client.request({
      method: "GET", path: COLLECTION, query: { filter: options.filter?.toString(), offset, limit }, schema: ServicePage,
    })).data, options.limit ?? 100);
  }

  async get(id: string): Promise<ExternalService> {
    return (await this.client.request({ method: "GET", path: `${COLLECTION}/${encodeURIComponent(id)}`, schema: ExternalServiceSchema })).data;
  }

  /** The service with exactly this name (names are unique in a workspace), if any. */
  async findByName(name: string): Promise<ExternalService | undefined> {
    for await (const s of this.list({ filter: eq("name", name) })) if (s.name === name) return s;
    return undefined;
  }

  /**
   * Validates, creates, then waits (bounded) until the service is ENABLED. A create is never
   * retried blindly: after an ambiguous failure (no answer, or a 5xx) the name is looked up,
   * and a service found is the one this call created.
   */
  async create(input: ExternalServiceCreateInput, options: { wait?: WaitOptions | false } = {}): Promise<ExternalService> {
    const parsed = ExternalServiceCreateSchema.safeParse(input);
    if (!parsed.success) throw new ComValidationError(formatIssues(parsed.error));
    const body = parsed.data;
    let created: ExternalService | undefined;
    let ambiguousBefore = false;
    for (let attempt = 0; !created; attempt++) {
      try {
        created = (await this.client.request({ method: "POST", path: COLLECTION, body, retryClass: "create", schema: ExternalServiceSchema })).data;
      } catch (err) {
        // A duplicate right after an ambiguous attempt is most likely that attempt's own service.
        const duplicateOfOurs = ambiguousBefore && err instanceof ConflictError && err.isDuplicate;
        const ambiguous = err instanceof ComConnectionError || (err instanceof ComApiError && isAmbiguousFailure({ status: err.httpStatusCode }));
        if ((!ambiguous && !duplicateOfOurs) || attempt >= 4) throw err;
        ambiguousBefore = true;
        const existing = await this.findByName(body.name).catch(() => undefined);
        if (existing && existing.serviceType === body.serviceType) {
          created = existing;
        } else if (duplicateOfOurs) {
          throw err;
        } else {
          await sleep(this.client.retryDelayMs(attempt));
        }
      }
    }
    return options.wait === false ? created : this.waitForEnabled(created, options.wait);
  }

  /** Polls until `status` is ENABLED (a service answers SUSPENDED while it is being set up). */
  async waitForEnabled(service: ExternalService, options: WaitOptions = {}): Promise<ExternalService> {
    if (service.status === undefined || service.status === "ENABLED") return service;
    const ready = await poll(() => this.get(service.id), (s) => s.status === "ENABLED", options);
    if (!ready) throw new WaitTimeoutError(`external service ${service.id} did not become ENABLED within ${options.timeoutMs ?? 120_000} ms`);
    return ready;
  }

  /** Applies an RFC 7396 merge patch. Safe to retry: applying the same patch twice gives the same result. */
  async update(id: string, patch: ExternalServicePatch): Promise<ExternalService> {
    const unknown = Object.keys(patch).filter((k) => !(PATCHABLE_FIELDS as readonly string[]).includes(k));
    if (unknown.length) throw new ComValidationError(unknown.map((k) => `${k}: cannot be changed by a patch (only ${PATCHABLE_FIELDS.join(", ")})`));
    return (await this.client.request({
      method: "PATCH", path: `${COLLECTION}/${encodeURIComponent(id)}`, body: patch,
      contentType: "application/merge-patch+json", schema: ExternalServiceSchema,
    })).data;
  }

  /**
   * Deletes a service; one that is already gone counts as deleted. VMWARE_VCENTER services
   * go through the DeleteVCenter job, polled to its end. Given only an id, the service is read first.
   */
  async delete(target: string | DeleteTarget, options: WaitOptions = {}): Promise<void> {
    let service: DeleteTarget;
    try {
      service = typeof target === "string" ? await this.get(target) : target;
    } catch (err) {
      if (err instanceof NotFoundError) return;
      throw err;
    }
    if (service.serviceType === "VMWARE_VCENTER") return this.deleteVCenter(service, options);
    try {
      await this.client.request({ method: "DELETE", path: `${COLLECTION}/${encodeURIComponent(service.id)}` });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  private async deleteVCenter(service: DeleteTarget, options: WaitOptions): Promise<void> {
    const data = service.serviceData ?? (await this.get(service.id)).serviceData;
    const job = await this.client.jobs.create({
      jobTemplate: DELETE_VCENTER_JOB_TEMPLATE,
      resourceUri: service.resourceUri,
      jobParams: { vCenterUrl: data.vCenterUrl, associatedGatewayUri: data.associatedGatewayUri, externalServiceId: service.id },
    });
    const done = await this.client.jobs.waitFor(job, options);
    if (done.resultCode === "SUCCESS") return;
    // A job that failed because the service is already gone has still reached the goal.
    try {
      await this.get(service.id);
    } catch (err) {
      if (err instanceof NotFoundError) return;
      throw err;
    }
    throw new JobFailedError(`DeleteVCenter job ${done.id} for external service ${service.id} ended ${done.state}/${done.resultCode}: ${JSON.stringify(done.statusDetails ?? "")}`,
      { method: "POST", url: `${API_PREFIX}/v1/jobs` });
  }

  /**
   * Runs the connection test (SERVICE_NOW files a test incident; DSCC checks the connection)
   * and waits, bounded, for the activity that records its outcome.
   */
  async test(id: string, options: WaitOptions = {}): Promise<TestResult> {
    // The newest activity of this service before the test: only later ones can be its result.
    // (Clocks differ between client and server, so a client-side timestamp cannot tell them apart.)
    const bySource = eq("source/id", id);
    let baseline: Activity | undefined;
    for await (const activity of this.client.activities.list({ filter: bySource, limit: 1 }).pages()) {
      baseline = activity.items[0];
      break;
    }
    await this.client.request({ method: "POST", path: `${COLLECTION}/${encodeURIComponent(id)}/test`, retryClass: "create" });
    const filter = baseline ? and(bySource, ge("createdAt", new Date(baseline.createdAt))) : bySource;
    const outcome = await poll(async () => {
      for await (const activity of this.client.activities.list({ filter, limit: 20 })) {
        if (activity.id !== baseline?.id && classifyTestActivity(activity)) return activity;
      }
      return undefined;
    }, (a): a is Activity => a !== undefined, { pollIntervalMs: 250, ...options });
    if (!outcome) {
      return { status: "TIMED_OUT", message: `no test result within ${options.timeoutMs ?? 120_000} ms`, at: new Date().toISOString() };
    }
    return {
      status: classifyTestActivity(outcome)!,
      activityId: outcome.id,
      message: outcome.message ?? outcome.title ?? outcome.key ?? "",
      at: outcome.createdAt,
    };
  }
}
