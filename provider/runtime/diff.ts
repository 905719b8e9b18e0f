/** Which changes the API can apply in place, and which need a new service. */
import { deepEqual } from "../../sdk";
import { INPUT_FIELDS, REPLACE_FIELDS, ServiceInputs, unknownPaths } from "./inputs";

export interface DiffOutcome { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }

/**
 * Compares the state (`olds`, the last outputs) with the checked new inputs. Equal after
 * normalisation means no change; unknown values count as changed.
 */
export function diffInputs(olds: ServiceInputs, news: ServiceInputs): DiffOutcome {
  const unknown = new Set(unknownPaths(news).map((p) => p.split(".")[0]));
  const changed = INPUT_FIELDS.filter((k) => unknown.has(k) || !deepEqual(olds[k], news[k]));
  const replaces: string[] = changed.filter((k) => (REPLACE_FIELDS as readonly string[]).includes(k));
  // Names are unique in a workspace: a replacement that keeps the name must delete first.
  const sameName = !unknown.has("name") && olds.name === news.name;
  const sameTenant = !unknown.has("tenantAcid") && olds.tenantAcid === news.tenantAcid;
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && sameName && sameTenant };
}
