// Every property test runs from one seed, so a failure in CI is a failure here too: FC_SEED explores others.
const fc = require("fast-check");

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261201) });
