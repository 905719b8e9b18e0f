/** `make schema`: writes plugin/schema.json from the sdk's zod schemas (see schema.ts). */
import * as fs from "node:fs";
import { SCHEMA_FILE } from "./provider";
import { buildSchema } from "./schema";

const { version } = require("../../package.json") as { version: string };
fs.writeFileSync(SCHEMA_FILE, `${JSON.stringify(buildSchema(version), null, 2)}\n`);
console.log(`wrote ${SCHEMA_FILE}`);
