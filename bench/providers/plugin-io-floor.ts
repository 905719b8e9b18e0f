/**
 * The plugin face's I/O floor: the plugin floor (plugin-floor.ts) plus the requests each
 * operation needs, sent as plainly as they can be (minimal-api.ts). What pulumi-resource-hpecom
 * costs beyond this is the provider's own work; what this costs beyond the plugin floor is the API's.
 */
import { serve, PluginProvider } from "../../plugin/server";
import { revealed } from "../../plugin/secrets";
import { createService, deleteService, listing, patchService } from "./minimal-api";
import { pluginFloor } from "./plugin-floor";

const ioFloor: PluginProvider = {
  ...pluginFloor,
  async create(urn, inputs) {
    const id = await createService(revealed(inputs));
    return { ...(await pluginFloor.create(urn, inputs)), id };
  },
  async read(id, urn, props) {
    await listing();
    return pluginFloor.read(id, urn, props);
  },
  async update(id, urn, olds, news) {
    await patchService(id, revealed(olds), revealed(news));
    return pluginFloor.update(id, urn, olds, news);
  },
  async delete(id) {
    await deleteService(id);
  },
};

serve(ioFloor).catch((err: Error) => {
  console.error(`plugin-io-floor: ${err.message}`);
  process.exit(1);
});
