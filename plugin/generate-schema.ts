/** `make schema`: writes plugin/schema.json from the sdk's zod schemas (see schema.ts), and docs/api-reference.md from it. */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderApiReference } from "./api-reference";
import { buildSchema } from "./schema";

/** Where the schema goes (this runs built, from dist/plugin/); the plugin serves that file as it is (built in), so that SDKs and the plugin agree. */
const SCHEMA_FILE = path.join(__dirname, "..", "..", "plugin", "schema.json");

const { version } = require("../../package.json") as { version: string };
const schema = JSON.parse(JSON.stringify(buildSchema(version)));
fs.writeFileSync(SCHEMA_FILE, `${JSON.stringify(schema, null, 2)}\n`);
const reference = path.join(path.dirname(SCHEMA_FILE), "..", "docs", "api-reference.md");
fs.writeFileSync(reference, renderApiReference(schema));
console.log(`wrote ${SCHEMA_FILE} and ${reference}`);
