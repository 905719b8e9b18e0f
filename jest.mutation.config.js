/**
 * The tests `make mutation` runs against each mutant of sdk/, provider/runtime/ and plugin/: the
 * unit tests beside the code and the contract tests on a real loopback port. The end-to-end
 * tiers run the built provider through the engine, so a mutant of the sources cannot reach them.
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  testMatch: ["<rootDir>/{sdk,provider,plugin,policy}/**/*.test.ts", "<rootDir>/tests/{contract,conformance}/**/*.test.ts"],
  // The emulator's own suites (fuzzers, its CLI process, real rate-limit windows) judge the
  // emulator; they reach the core only in passing and would cost most of the run. The rate pacer
  // has its own unit tests on a fake clock.
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns, "<rootDir>/tests/conformance/real-target.test.ts",
    "<rootDir>/tests/contract/emulator-(fuzz|hardening|cli).test.ts", "<rootDir>/tests/contract/rate-limit.test.ts",
  ],
  globalSetup: undefined,
  // A mutant that makes a wait never end fails its test here, long before the 120 s bound of the
  // sdk's waits, and the run bails: cheaper than Stryker's own timeout, which restarts its runner.
  testTimeout: 15_000,
  // A mutant's run stops at its first failing test (scripts/mutation/bail-environment.js; a path,
  // not <rootDir>: Stryker loads the environment itself), loads only the test files that hold a
  // test covering it (scripts/mutation/jest-circus-file-filter.js), quickest first
  // (scripts/mutation/fastest-first-sequencer.js).
  testEnvironment: require("node:path").join(__dirname, "scripts/mutation/bail-environment.js"),
  testRunner: "<rootDir>/scripts/mutation/jest-circus-file-filter.js",
  testSequencer: "<rootDir>/scripts/mutation/fastest-first-sequencer.js",
  // Transpile only: `make test` type-checks; here each mutant must run fast.
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true }] },
};
