/**
 * The test runner of `make mutation` (jest.mutation.config.js): jest-circus, except that a test
 * file holding none of the tests a mutant run asks for (Stryker names them in testNamePattern:
 * the tests that cover the mutant) is not loaded. Loading a test file (the emulator, the sdk,
 * zod, axios) costs more than most tests in it, and most mutants are covered by a few files.
 *
 * A file left out is answered with its tests, each skipped (status pending), as jest answers a
 * file whose tests the pattern does not match: jest fails a file that answers no test at all
 * ("Your test suite must contain at least one test"), which Stryker counts as an error.
 * Once a test has failed under the mutant (bail-environment.js), its remaining files are answered
 * the same way: the mutant is killed, and loading them would only cost time.
 * Which tests a file holds comes from the dry run (dry-run-record.js); without a record, or without
 * a pattern (the dry run itself), the file runs as usual.
 *
 * Stryker's per-test coverage needs jest-circus (its test events), and it takes a runner whose
 * name holds "jest-circus": this is jest-circus for every file it runs.
 */
const circus = require("jest-circus/runner");
const { createEmptyTestResult } = require("@jest/test-result");
const { recorded } = require("./dry-run-record");
const { activeMutantHasFailed } = require("./bail-state");

const skipped = (fullName) => ({
  ancestorTitles: [], duration: 0, failureDetails: [], failureMessages: [], fullName, title: fullName,
  numPassingAsserts: 0, status: "pending", location: null, invocations: 0, retryReasons: [],
});

module.exports = async function run(globalConfig, config, environment, runtime, testPath, sendMessageToJest) {
  const pattern = globalConfig.testNamePattern;
  const names = pattern ? recorded(config.rootDir, testPath)?.names : undefined;
  const coversMutant = () => names.some((name) => new RegExp(pattern, "i").test(name));
  if (names && names.length > 0 && (activeMutantHasFailed() || !coversMutant())) {
    return { ...createEmptyTestResult(), testFilePath: testPath, numPendingTests: names.length, testResults: names.map(skipped) };
  }
  return circus(globalConfig, config, environment, runtime, testPath, sendMessageToJest);
};
