/** The external-services API: list, get, create, update, delete and test. */
import type { ComClient } from "../client";
import { API_PREFIX } from "../core/paths";
import {
  BadRequestError, ComApiError, ComConnectionError, ComValidationError, JobFailedError, NotFoundError, UnexpectedResponseError, WaitTimeoutError,
} from "../core/errors";
import { and, eq, Filter, ge } from "../core/filter";
import { matches, splitFilter } from "../core/filter-match";
import { parseFilter } from "../core/filter-parse";
import { isObject } from "../core/json";
import { PagedIterable } from "../core/pagination";
import { isAmbiguousFailure } from "../core/retry";
import { issuesOf } from "../core/validation-issues";
import { pathSegment } from "../internal/path-segment";
import { sleep } from "../internal/sleep";
import { Activity, classifyTestActivity, isAboutService, newestOf, TestStatus } from "../models/activity";
import {
  AnyExternalService, ExternalService, ExternalServiceCreateInput, ExternalServicePatch, isModelled, PATCHABLE_FIELDS, requireModelled, ServiceType,
} from "../models/external-service";
import { schemas } from "../internal/schemas";
import { DELETE_VCENTER_JOB_TEMPLATE, EXTERNAL_SERVICE_RESOURCE_TYPES } from "../models/job";
import { DEFAULT_WAIT_TIMEOUT_MS, poll, WaitOptions } from "./wait";

const COLLECTION = `${API_PREFIX}/v1beta1/external-services`;

/** The only property external services are documented as filterable by (docs/api-assumptions.md, `filter-support`). */
export const SERVER_FILTERABLE = ["serviceType"] as const;

/** The outcome of a connection test, read from the activity it produced. */
export interface TestResult {
  status: TestStatus | "TIMED_OUT";
  activityId?: string;
  message: string;
  /** When the activity was recorded (or when waiting stopped). */
  at: string;
}

/** What deleting a service needs to know; a full ExternalService will do. */
export type DeleteTarget = Pick<ExternalService, "id" | "serviceType"> & {
  serviceData?: Record<string, unknown>;
  /** VMWARE_VCENTER: the vCenter server's UUID as VMware knows it (default: the service id, as the public client library sends). */
  vCenterUuid?: string;
};

const servicePath = (id: string) => `${COLLECTION}/${pathSegment(id)}`;

/** Whether `a` was recorded before `baseline`: what the `createdAt ge` filter asks, applied here too for a server that ignores it. */
const before = (a: Activity, baseline: Activity | undefined) => baseline !== undefined && Date.parse(a.createdAt) < Date.parse(baseline.createdAt);

export class ExternalServices {
  constructor(private readonly client: ComClient) {}

  /**
   * Every service, page by page; `filter` narrows it, e.g. `filter.eq("serviceType", "DSCC")`.
   * The server is sent only the part of a built filter it is documented to support
   * (`serviceType`); the rest is applied here. A string filter is read the same way when it is in
   * the builder's grammar, and otherwise sent as it is. Services this
   * client does not model come as `UnmodelledService` items: narrow with `isModelled`.
   */
  list(options: { filter?: Filter | string; limit?: number } = {}): PagedIterable<AnyExternalService> {
    const filter = typeof options.filter === "string" ? parseFilter(options.filter) ?? options.filter : options.filter;
    const { server, local } = filter instanceof Filter ? splitFilter(filter, SERVER_FILTERABLE) : { server: filter, local: undefined };
    return new PagedIterable(async (offset, limit) => (await this.client.request({
      method: "GET", path: COLLECTION, query: { filter: server?.toString(), offset, limit }, schema: schemas().ExternalServicePageSchema,
    })).data, options.limit ?? 100, local && ((s) => matches(local, isModelled(s) ? s : s.raw)));
  }

  /**
   * One service by id; a service this client does not model comes as an `UnmodelledService`.
   * An answer that is no service at all (no id: an empty or foreign body) is an UnexpectedResponseError.
   */
  async get(id: string): Promise<AnyExternalService> {
    const service = (await this.client.request({ method: "GET", path: servicePath(id), schema: schemas().AnyExternalServiceSchema })).data;
    if (!service.id) throw new UnexpectedResponseError(`GET ${this.serviceUrl(id)}: the answer holds no external service (no id)`, { method: "GET", url: this.serviceUrl(id) });
    return service;
  }

  /** One service this client models; anything else is an UnexpectedResponseError. */
  async getModelled(id: string): Promise<ExternalService> {
    return requireModelled(await this.get(id), { method: "GET", url: this.serviceUrl(id) });
  }

  /** The service's URL, as the client's own errors name a request. */
  private serviceUrl(id: string): string {
    return `${this.client.endpoint}${servicePath(id)}`;
  }

  /**
   * The service with exactly this name (names are unique in a workspace), if any. Names are
   * matched here, never by a server-side filter on `name` (not documented as supported); give
   * the service type, when known, to list only that type.
   */
  async findByName(name: string, options: { serviceType?: ServiceType } = {}): Promise<AnyExternalService | undefined> {
    const filter = options.serviceType ? eq("serviceType", options.serviceType) : undefined;
    for await (const s of this.list({ filter })) if (s.name === name) return s;
    return undefined;
  }

  /**
   * Validates, creates, then waits (bounded) until the service is ENABLED. A create is never
   * retried blindly: after an ambiguous failure (no answer, or a 5xx) the name is looked up,
   * and a service found is the one this call created. It tries at most `maxRetries` times more.
   */
  async create(input: ExternalServiceCreateInput, options: { wait?: WaitOptions | false } = {}): Promise<ExternalService> {
    const parsed = schemas().ExternalServiceCreateSchema.safeParse(input);
    if (!parsed.success) throw new ComValidationError(issuesOf(parsed.error));
    const body = parsed.data;
    let created: ExternalService | undefined;
    let ambiguousBefore = false;
    for (let attempt = 0; !created; attempt++) {
      try {
        created = (await this.client.request({ method: "POST", path: COLLECTION, body, retryClass: "create", schema: schemas().ExternalServiceSchema })).data;
      } catch (err) {
        // A duplicate right after an ambiguous attempt is most likely that attempt's own service.
        const duplicateOfOurs = ambiguousBefore && err instanceof ComApiError && err.isDuplicate;
        const ambiguous = err instanceof ComConnectionError || (err instanceof ComApiError && isAmbiguousFailure({ status: err.httpStatusCode }));
        if ((!ambiguous && !duplicateOfOurs) || attempt >= this.client.maxRetries) throw err;
        ambiguousBefore = true;
        const existing = await this.findByName(body.name, { serviceType: body.serviceType }).catch(() => undefined);
        if (existing && isModelled(existing)) {
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
    const ready = await poll(() => this.getModelled(service.id), (s) => s.status === "ENABLED", options);
    if (!ready) throw new WaitTimeoutError(`external service ${service.id} did not become ENABLED within ${options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS} ms`);
    return ready;
  }

  /** Applies an RFC 7396 merge patch. Safe to retry: applying the same patch twice gives the same result. */
  async update(id: string, patch: ExternalServicePatch): Promise<ExternalService> {
    const unknown = Object.keys(patch).filter((k) => !(PATCHABLE_FIELDS as readonly string[]).includes(k));
    if (unknown.length) throw new ComValidationError(unknown.map((k) => ({ path: k, message: `cannot be changed by a patch (only ${PATCHABLE_FIELDS.join(", ")})` })));
    const service = (await this.client.request({
      method: "PATCH", path: servicePath(id), body: patch,
      contentType: "application/merge-patch+json", schema: schemas().AnyExternalServiceSchema,
    })).data;
    return requireModelled(service, { method: "PATCH", url: this.serviceUrl(id) });
  }

  /**
   * Deletes a service; one that is already gone counts as deleted. VMWARE_VCENTER services
   * go through the DeleteVCenter job, polled to its end. Given only an id, the service is read first.
   */
  async delete(target: string | DeleteTarget, options: WaitOptions = {}): Promise<void> {
    let service: DeleteTarget;
    try {
      // Anything but a target object is an id (a JavaScript caller's undefined too, refused as one).
      service = isObject(target) ? (target as DeleteTarget) : await this.getModelled(target as string);
    } catch (err) {
      if (err instanceof NotFoundError) return;
      throw err;
    }
    if (service.serviceType === "VMWARE_VCENTER") return this.deleteVCenter(service, options);
    try {
      await this.client.request({ method: "DELETE", path: servicePath(service.id) });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  private async deleteVCenter(service: DeleteTarget, options: WaitOptions): Promise<void> {
    const data = service.serviceData ?? (await this.getModelled(service.id)).serviceData;
    // HPE's "Delete vCenter Job" page: all four parameters are required.
    const request = (resourceType: string) => this.client.jobs.create({
      jobTemplate: DELETE_VCENTER_JOB_TEMPLATE,
      resourceType,
      resourceId: service.id,
      jobParams: {
        vCenterUrl: data.vCenterUrl,
        associatedGatewayUri: data.associatedGatewayUri,
        externalServiceId: service.id,
        vCenterUuid: service.vCenterUuid ?? service.id,
      },
    });
    // HPE's pages give two target types (docs/api-assumptions.md, `job-resource-type`): a 400
    // naming it means no job was made, so the other is tried once.
    const [preferred, other] = EXTERNAL_SERVICE_RESOURCE_TYPES;
    const job = await request(preferred).catch((err) => {
      if (err instanceof BadRequestError && err.names("resourceType")) return request(other);
      throw err;
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
      { method: "POST", url: `${this.client.endpoint}${API_PREFIX}/v1/jobs` });
  }

  /**
   * Runs the connection test (SERVICE_NOW files a test incident; DSCC checks the connection)
   * and waits, bounded, for the activity that records its outcome.
   */
  async test(id: string, options: WaitOptions = {}): Promise<TestResult> {
    // The newest activity of this service before the test: only later ones can be its result.
    // (Clocks differ between client and server, so a client-side timestamp cannot tell them apart.)
    const path = `${servicePath(id)}/test`;
    const bySource = eq("source/id", id);
    const baseline = await this.client.activities.newest(bySource);
    // The seed's request has no body; 415 is documented, so send {} as JSON as the public client
    // library does: both readings take it (ledger: test-content-type).
    await this.client.request({ method: "POST", path, body: {}, retryClass: "create" });
    const filter = baseline ? and(bySource, ge("createdAt", new Date(baseline.createdAt))) : bySource;
    // The newest test result after the baseline, whatever order the list comes in.
    const outcome = await poll(async () => {
      const results = (await this.client.activities.list({ filter, limit: 20 }).toArray())
        .filter((a) => a.id !== baseline?.id && isAboutService(a, id) && !before(a, baseline) && classifyTestActivity(a));
      return newestOf(results);
    }, (a): a is Activity => a !== undefined, { pollIntervalMs: 250, ...options });
    if (!outcome) {
      return { status: "TIMED_OUT", message: `no test result within ${options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS} ms`, at: new Date().toISOString() };
    }
    return {
      status: classifyTestActivity(outcome)!,
      activityId: outcome.id,
      message: outcome.message ?? outcome.title ?? outcome.key ?? "",
      at: outcome.createdAt,
    };
  }
}
