/** Unit tests sit beside the code; contract and end-to-end tests live in tests/. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/sdk", "<rootDir>/provider", "<rootDir>/policy", "<rootDir>/emulator", "<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // Type-checking is done once for the whole tree by `npm run typecheck`; ts-jest only transpiles.
  transform: { "^.+\\.ts$": "ts-jest" },
  globalSetup: "<rootDir>/tests/helpers/global-setup.js",
  testTimeout: 120000,
};
