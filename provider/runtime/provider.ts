/**
 * The provider's runtime core: one check, diff, create, read, update and delete, served by both
 * faces — the dynamic provider behind ExternalService (loaded at call time by the lazy shim,
 * ../lazy-provider.ts; nothing here is serialized) and the plugin pulumi-resource-hpecom
 * (../../plugin/provider.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { ComApiError, ExternalService, isModelled, JobAwaitingApprovalError, quoted } from "../../sdk";
import { clientFor, ConnectionSettings, defaultConnectionDisabled, jobTimeoutMs, resolveSettings, workspaceOf } from "../connection";
import { diffInputs } from "./diff";
import { changedSecretPaths, checkInputs, createBody, inputsFromService, ServiceInputs } from "./inputs";
import { fullPatch, minimalPatch } from "./patch";
import { failureReasons, InitializationFailure, LastTest, runPostDeployTest, testAccepted, testsEnabled } from "./post-deploy-test";
import { reported } from "./operation-error";
import { expiryAfter, RefreshTokenRecord, sendsNewToken, TokenExpiry, tokenNotice, tokenRecord, warningDays } from "./refresh-token";
import { logToEngine } from "../engine-log";
import { forgetService, lookupService, rememberService } from "./snapshot";

/** What the provider records beyond the inputs. */
export type ServiceOutputs = ServiceInputs & RefreshTokenRecord & {
  resourceUri: string;
  generation: number;
  status?: string;
  createdAt: string;
  updatedAt: string;
  lastTest?: LastTest;
  /**
   * The default connection the service was deployed through (when it has no `connection` of its
   * own): a later change of the stack's workspace is a move, and the service is deleted in the
   * old workspace with these settings. Secret in state; the plugin face leaves it out, since the
   * engine keeps each provider's configuration there itself.
   */
  defaultConnection?: ConnectionSettings;
};

let settings: ConnectionSettings | undefined;
let connectionRequired = false;

/** The stack's default connection: stack config arrives through configure(); the environment is the fallback for both. */
function defaults(): ConnectionSettings {
  settings ??= resolveSettings(() => undefined);
  return settings;
}

/**
 * The connection of a service in state: its own; else the default one, unless the default has
 * moved to another workspace since the service was deployed: then the one recorded with it.
 */
function connectionOf(previous: Partial<ServiceOutputs>): ConnectionSettings {
  if (previous.connection) return previous.connection;
  const recorded = previous.defaultConnection;
  return recorded && workspaceOf(recorded) !== workspaceOf(defaults()) ? recorded : defaults();
}

/** The client of a service about to be created (its own connection's, or the default one's), or of one in state. */
function client(inputs: Pick<ServiceInputs, "tenantAcid" | "connection">, connection = inputs.connection ?? defaults()) {
  return clientFor(connection, inputs.tenantAcid);
}

/** The outputs of an update that sends nothing: the service as last read, with the new inputs. */
function keptOutputs(inputs: ServiceInputs, previous: ServiceOutputs): ServiceOutputs {
  const { resourceUri, generation, status, createdAt, updatedAt, lastTest } = previous;
  const recorded = inputs.connection ? {} : { defaultConnection: connectionOf(previous) };
  return { ...inputs, ...recorded, ...tokenRecord(inputs, previous, false), resourceUri, generation, status, createdAt, updatedAt, ...(lastTest && { lastTest }) };
}

function outputs(inputs: ServiceInputs, service: ExternalService, token: RefreshTokenRecord, lastTest?: LastTest, connection = inputs.connection ?? defaults()): ServiceOutputs {
  const outs: ServiceOutputs = {
    ...inputs,
    ...(!inputs.connection && { defaultConnection: connection }),
    ...token,
    state: service.state ?? inputs.state,
    resourceUri: service.resourceUri,
    generation: service.generation,
    status: service.status,
    createdAt: service.createdAt,
    updatedAt: service.updatedAt,
  };
  if (lastTest) outs.lastTest = lastTest;
  return outs;
}

/**
 * Waits for ENABLED and runs the post-deploy test if it applies. The service exists by now, so
 * every failure here is an initialization failure: the engine keeps the service in state (no
 * orphan) and the next `up` checks it again.
 */
async function verify(com: ReturnType<typeof client>, inputs: ServiceInputs, created: ExternalService, token: RefreshTokenRecord): Promise<ServiceOutputs> {
  let service = created;
  try {
    service = await com.externalServices.waitForEnabled(created);
  } catch (err) {
    throw new InitializationFailure(created.id, outputs(inputs, created, token),
      [`external service ${quoted(inputs.name)} was created but did not become ENABLED: ${(err as Error).message}`]);
  }
  if (!testsEnabled(inputs)) return outputs(inputs, service, token);
  // An expired refresh token cannot pass, whatever the test endpoint would answer today.
  const expired = tokenNotice(inputs.name, expiryAfter(inputs, { ...token, updatedAt: service.updatedAt }), 0);
  let lastTest: LastTest;
  try {
    lastTest = expired?.expired
      ? { status: "FAILED", message: expired.message, at: new Date().toISOString() }
      : await runPostDeployTest(com, service.id, inputs);
  } catch (err) {
    lastTest = { status: "FAILED", message: `the test could not be run: ${(err as Error).message}`, at: new Date().toISOString() };
  }
  const outs = outputs(inputs, service, token, lastTest);
  if (!testAccepted(lastTest)) throw new InitializationFailure(service.id, outs, failureReasons(inputs.name, lastTest));
  return outs;
}

/**
 * Warns about a token that expires within the connection's window (the engine asks check about a
 * new service and diff about one in state, each once per operation); whether it has expired.
 */
function tellAboutToken(inputs: ServiceInputs, expiry: TokenExpiry | undefined, connection: ConnectionSettings): boolean {
  const notice = tokenNotice(inputs.name, expiry, warningDays(connection.refreshTokenWarningDays) ?? 0);
  if (notice) logToEngine("WARNING", `hpecom: ${notice.message}`);
  return notice?.expired ?? false;
}

function warn(message: string): void {
  // The engine shows a provider's stderr as a diagnostic of the deployment.
  console.warn(`warning: hpecom: ${message}`);
}

async function adoptExisting(com: ReturnType<typeof client>, inputs: ServiceInputs): Promise<ExternalService | undefined> {
  // Only a service of the same type is adopted. Whether another type's name blocks this one is
  // the API's to say (ledger: name-uniqueness): the create that follows finds out.
  const existing = await com.externalServices.findByName(inputs.name, { serviceType: inputs.serviceType });
  if (!existing || !isModelled(existing)) return undefined;
  warn(`adopting existing external service ${quoted(inputs.name)} (id ${existing.id}) and setting it to the desired state`);
  return com.externalServices.update(existing.id, fullPatch(existing, inputs));
}

/** What a create refused as a duplicate tells the user: adopt it, or pick another name when another type holds it. */
async function duplicateError(com: ReturnType<typeof client>, inputs: ServiceInputs, err: ComApiError): Promise<Error> {
  const holder = await com.externalServices.findByName(inputs.name).catch(() => undefined);
  if (holder && holder.serviceType !== inputs.serviceType) {
    return new Error(`its name is taken in this workspace by a ${holder.serviceType} external service (id ${holder.id}); choose another name (${err.summary})`);
  }
  return new Error("it already exists in this workspace. To manage it with Pulumi, set `adopt: true` on this resource: " +
    `it will be taken over and set to the desired state (${err.summary})`);
}

/**
 * pulumi.dynamic.ResourceProvider, typed for this resource. Its `read` declares the inputs it
 * returns as outputs (`ReadResult<Outputs>.inputs`), though the engine stores them as inputs:
 * this corrects that one signature.
 */
type ExternalServiceProvider = Omit<pulumi.dynamic.ResourceProvider<ServiceInputs, ServiceOutputs>, "read"> & {
  read(id: string, props?: ServiceOutputs): Promise<{ id?: string; props?: ServiceOutputs; inputs?: ServiceInputs }>;
};

/** Takes the stack's (or a provider instance's) `hpecom:*` configuration; the environment fills what it leaves out. */
export function configureConnection(config: (key: string) => string | undefined): void {
  settings = resolveSettings((key) => config(`hpecom:${key}`));
  connectionRequired = defaultConnectionDisabled(config);
}

/** The default connection's client, for calls that are not about one resource (the plugin's invoke). */
export const defaultClient = (tenantAcid?: string) => client({ tenantAcid });

export const provider: ExternalServiceProvider = {
  async configure(req) {
    configureConnection((key) => req.config.get(key));
  },

  async check(olds, news) {
    const outcome = checkInputs(news, { requireConnection: connectionRequired });
    // A service about to be created has no state for diff to judge its token by: its given issue time is judged here.
    if (outcome.checked && olds.name === undefined && outcome.inputs.refreshTokenIssuedAt) {
      tellAboutToken(outcome.inputs, expiryAfter(outcome.inputs, {}), outcome.inputs.connection ?? defaults());
    }
    const changedSecrets = outcome.checked ? changedSecretPaths(olds, outcome.inputs) : [];
    return changedSecrets.length ? { inputs: { ...outcome.inputs, changedSecrets }, failures: [] } : outcome;
  },

  async diff(_id, olds, news) {
    const outcome = diffInputs(olds, news, defaults(), olds.connection ?? olds.defaultConnection);
    // A new token is sent by this update: what the state says of the old one no longer matters.
    // Only a ServiceNow service has a token (expiryAfter is undefined for the others).
    if (sendsNewToken(olds, news)) return outcome;
    const expired = tellAboutToken(news, expiryAfter(news, olds), connectionOf(olds));
    // An expired token makes `up` test the service again, and the test fail: not a PASSED of months ago.
    return expired && testsEnabled(news) && !outcome.changes ? { ...outcome, changes: true } : outcome;
  },

  create: (inputs) => reported("create", inputs, async () => {
    const com = client(inputs);
    let service = inputs.adopt ? await adoptExisting(com, inputs) : undefined;
    if (!service) {
      try {
        service = await com.externalServices.create(createBody(inputs), { wait: false });
      } catch (err) {
        if (err instanceof ComApiError && err.isDuplicate) throw await duplicateError(com, inputs, err);
        throw err;
      }
    }
    rememberService(com, service);
    return { id: service.id, outs: await verify(com, inputs, service, tokenRecord(inputs, {}, true)) };
  }),

  read: (id, previous) => reported("read", { ...previous, id }, async () => {
    // The engine always passes the state; the parameter is optional only in the interface.
    if (!previous) return {};
    const connection = connectionOf(previous);
    const service = await lookupService(client(previous, connection), id);
    // No id tells the engine the service is gone.
    if (!service) return {};
    const inputs = inputsFromService(service, previous);
    const outs = outputs(inputs, service, tokenRecord(inputs, previous, false), previous.lastTest, connection);
    return { id, props: outs, inputs };
  }),

  update: (id, previous, inputs) => reported("update", { name: inputs.name, id }, async () => {
    const expired = tokenNotice(inputs.name, expiryAfter(inputs, previous), 0)?.expired && !sendsNewToken(previous, inputs);
    const retestDue = (previous.lastTest !== undefined && !testAccepted(previous.lastTest)) || (expired && testsEnabled(inputs));
    const minimal = minimalPatch(previous, inputs);
    // Only the provider's options or the connection's credentials changed: nothing to send.
    if (minimal === undefined && !retestDue) return { outs: keptOutputs(inputs, previous) };
    const com = client(inputs);
    const current = await lookupService(com, id);
    if (!current) {
      throw new Error("it no longer exists; run `pulumi refresh` to drop it from state, then `pulumi up` to create it again");
    }
    let patch = minimal;
    if (current.generation !== previous.generation) {
      warn(`external service ${quoted(inputs.name)} (id ${id}) was changed outside Pulumi (generation ${current.generation}, ` +
        `last deployed ${previous.generation}); sending the full desired state`);
      patch = fullPatch(current, inputs);
    }
    const service = patch === undefined ? current : await com.externalServices.update(id, patch);
    rememberService(com, service);
    // A new token differs from the state's, so the patch carries the authentication group, and it, whichever patch is sent.
    const token = tokenRecord(inputs, previous, sendsNewToken(previous, inputs));
    const touched = patch !== undefined && ["authentication", "serviceData", "state"].some((k) => k in patch);
    const retest = touched || retestDue;
    if (retest) return { outs: await verify(com, inputs, service, token) };
    return { outs: outputs(inputs, service, token, previous.lastTest) };
  }),

  delete: (id, previous) => reported("delete", { name: previous.name, id }, async () => {
    const connection = connectionOf(previous);
    const com = client(previous, connection);
    const timeoutMs = jobTimeoutMs(connection);
    try {
      await com.externalServices.delete({ id, serviceType: previous.serviceType, serviceData: previous.serviceData, vCenterUuid: previous.vCenterUuid }, { timeoutMs });
    } catch (err) {
      if (err instanceof JobAwaitingApprovalError) throw new Error(`${err.message} (hpecom:jobTimeoutSeconds sets how long to wait)`);
      throw err;
    }
    forgetService(com, id);
  }),
};
