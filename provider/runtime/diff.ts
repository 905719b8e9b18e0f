/** Which changes the API can apply in place, and which need a new service. */
import { deepEqual, SECRET_AUTHENTICATION_FIELDS } from "../../sdk";
import { ConnectionSettings, workspaceOf } from "../connection";
import { IMMUTABLE_FIELDS, INPUT_FIELDS, ServiceInputs } from "./inputs";

export interface DiffOutcome { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }

/**
 * Compares the state (`olds`, the last outputs) with the checked new inputs. Equal after
 * normalisation means no change. A service moves to another workspace (a new endpoint, region or
 * tenant) by replacement; new credentials for the same workspace are an update that sends
 * nothing. `defaults` is the stack's default connection now, `oldConnection` the one the service
 * was deployed through (the default one recorded then).
 *
 * A value not known yet (preview) is the engine's unknown sentinel, which equals no known value:
 * so it is a change; in the endpoint, region or tenant it is a move (the workspace may be another);
 * and an unknown name is not the same name. No rule here needs to ask for it by name.
 */
export function diffInputs(olds: ServiceInputs, news: ServiceInputs, defaults: ConnectionSettings, oldConnection = olds.connection ?? defaults): DiffOutcome {
  const comparable = { ...news, authentication: withoutUnseenSecrets(olds.authentication, news.authentication) };
  const changed = INPUT_FIELDS.filter((k) => !deepEqual(olds[k], comparable[k]));
  const replaces: string[] = changed.filter((k) => (IMMUTABLE_FIELDS as readonly string[]).includes(k));
  const moved = workspaceOf(oldConnection, olds.tenantAcid) !== workspaceOf(news.connection ?? defaults, news.tenantAcid);
  if (moved) replaces.push(changed.includes("tenantAcid") ? "tenantAcid" : "connection");
  // Names are unique in a workspace: a replacement in the same workspace that keeps the name must delete first.
  const sameName = olds.name === news.name;
  // A move of the default connection changes no input of the resource, and is a change all the same.
  return { changes: changed.length > 0 || moved, replaces, deleteBeforeReplace: replaces.length > 0 && sameName && !moved };
}

/**
 * An imported service's state has no secrets (the API never returns them): the secrets the
 * program then supplies are not a change by themselves. They are sent with the next change of
 * `authentication`, as the whole group.
 */
function withoutUnseenSecrets(old: Record<string, string> | undefined, next: Record<string, string>): Record<string, string> {
  if (!old || typeof next !== "object" || next === null) return next;
  const out = { ...next };
  for (const key of SECRET_AUTHENTICATION_FIELDS) if (old[key] === undefined) delete out[key];
  return out;
}
