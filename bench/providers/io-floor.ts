/**
 * The dynamic face's I/O floor: the strict floor (strict-floor.ts) plus the requests each
 * operation needs, sent as plainly as they can be (minimal-api.ts). What ExternalService costs
 * beyond this is the provider's own work; what this costs beyond the strict floor is the API's.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createService, deleteService, listing, patchService } from "./minimal-api";
import { provider as strictFloor } from "./strict-floor";

export const provider: pulumi.dynamic.ResourceProvider = {
  ...strictFloor,
  async create(inputs) {
    const id = await createService(inputs);
    return { ...(await strictFloor.create(inputs)), id };
  },
  async read(id, props) {
    await listing();
    return strictFloor.read!(id, props);
  },
  async update(id, olds, news) {
    await patchService(id, olds, news);
    return strictFloor.update!(id, olds, news);
  },
  async delete(id) {
    await deleteService(id);
  },
};
