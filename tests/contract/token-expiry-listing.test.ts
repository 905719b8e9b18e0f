// ledger: token-updated-at
/**
 * The data source cannot know when a ServiceNow token was issued (the API does not say), so it
 * gives the latest it can expire: the service's last update plus its validity days.
 */
import { listServices } from "../../provider/service-listing";
import { clientFor, dsccInput, snowInput, useEmulator } from "../helpers/emulator";

const emulator = useEmulator();

it("gives a ServiceNow service the latest date its refresh token can expire, and no other type one", async () => {
  const com = clientFor(emulator());
  const snow = await com.externalServices.create(snowInput(emulator(), "Listed ServiceNow"));
  await com.externalServices.create(dsccInput("Listed DSCC"));
  const { items } = await listServices(com);
  const listedSnow = items.find((s) => s.id === snow.id)!;
  expect(listedSnow.refreshTokenExpiresNoLaterThan).toBe(new Date(Date.parse(listedSnow.updatedAt!) + 150 * 86_400_000).toISOString());
  expect(items.find((s) => s.name === "Listed DSCC")).not.toHaveProperty("refreshTokenExpiresNoLaterThan");
  // An update moves the bound with it: the token may have changed with it.
  const updated = await com.externalServices.update(snow.id, { description: "moved on" });
  const relisted = (await listServices(com)).items.find((s) => s.id === snow.id)!;
  expect(relisted.refreshTokenExpiresNoLaterThan).toBe(new Date(Date.parse(updated.updatedAt!) + 150 * 86_400_000).toISOString());
});
