// Jest runs this once before any test. `make test` already runs jest under scripts/with-engine;
// a bare `npx jest` gets the same engine environment here, from the same script.
const { execFileSync } = require("node:child_process");
const path = require("node:path");

module.exports = async () => {
  if (process.env.PULUMI_ENGINE_BIN) return;
  const root = path.resolve(__dirname, "../..");
  const env = execFileSync(path.join(root, "scripts/with-engine"),
    [process.execPath, "-e", "process.stdout.write(JSON.stringify(process.env))"],
    { stdio: ["ignore", "pipe", "inherit"] });
  Object.assign(process.env, JSON.parse(env.toString()));
};
