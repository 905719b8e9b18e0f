/**
 * One listing of a workspace's services, shared by every read in a deployment. A refresh or an
 * update of N services then costs ceil(N/100) list pages instead of N GETs. The provider process
 * lives for one deployment, so the snapshot does too; the provider's own writes keep it current.
 */
import { AnyExternalService, ComClient, ExternalService, isModelled, NotFoundError, requireModelled } from "../../sdk";

const snapshots = new WeakMap<ComClient, Promise<Map<string, AnyExternalService>>>();

function snapshot(client: ComClient): Promise<Map<string, AnyExternalService>> {
  let pending = snapshots.get(client);
  if (!pending) {
    pending = client.externalServices.list().toArray().then((all) => new Map(all.map((s) => [s.id, s]))); // the sdk's pages of 100
    // A failed listing must not poison later reads.
    pending.catch(() => snapshots.delete(client));
    snapshots.set(client, pending);
  }
  return pending;
}

/** The service as the API has it, or undefined when it no longer exists. */
export async function lookupService(client: ComClient, id: string): Promise<ExternalService | undefined> {
  const services = await snapshot(client);
  const known = services.get(id);
  if (known && isModelled(known)) return known;
  // Absent from the listing (created after it, or gone), or listed in a shape the sdk cannot
  // read as its type (ledger: list-items-whole): ask once.
  try {
    const service = await client.externalServices.get(id);
    services.set(id, service);
    return requireModelled(service);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** Records the provider's own write, so later reads in this deployment see it. */
export function rememberService(client: ComClient, service: ExternalService): void {
  void snapshots.get(client)?.then((s) => s.set(service.id, service), () => undefined);
}

export function forgetService(client: ComClient, id: string): void {
  void snapshots.get(client)?.then((s) => s.delete(id), () => undefined);
}
