/**
 * The recovery's one question to the API: which services of a type have a name, in a workspace.
 * One listing per workspace and type, however many pending creates ask: the client's paging
 * reads it all, and the names are matched here (a `name` filter is not documented as supported).
 */
import { filter, ServiceType } from "../sdk";
import { clientFor, workspaceOf } from "../provider/connection";
import type { FindServices, Workspace } from "./recover";

export function comLookup(): FindServices {
  const listings = new Map<string, Promise<{ id: string; name?: string }[]>>();
  const listing = (workspace: Workspace, serviceType: string) => {
    const key = `${workspaceOf(workspace.settings, workspace.tenantAcid)} ${serviceType}`;
    if (!listings.has(key)) {
      const com = clientFor(workspace.settings, workspace.tenantAcid);
      listings.set(key, com.externalServices.list({ filter: filter.eq("serviceType", serviceType as ServiceType) }).toArray()
        .then((services) => services.map((s) => ({ id: s.id, name: s.name }))));
    }
    return listings.get(key)!;
  };
  return async (workspace, serviceType, name) => (await listing(workspace, serviceType)).filter((s) => s.name === name).map((s) => s.id);
}
