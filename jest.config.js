/** Unit tests sit beside the code; contract and end-to-end tests live in tests/. */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/{sdk,provider,plugin,policy,emulator,cli,tests}/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/dist/", "<rootDir>/.pulumi/", "<rootDir>/.stryker-tmp/"],
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/.pulumi/", "<rootDir>/.stryker-tmp/"],
  transform: { "^.+\\.ts$": "ts-jest" },
  globalSetup: "<rootDir>/tests/helpers/global-setup.js",
  setupFiles: ["<rootDir>/tests/helpers/fast-check-seed.js"],
  testTimeout: 120000,
  // Most suites wait on the engine and on loopback HTTP, not on the CPU: three workers on two cores keep both busy.
  maxWorkers: 3,
};
