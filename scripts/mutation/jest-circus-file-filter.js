/**
 * The jest test runner of `make mutation`: jest-circus, except that a test file holding none of
 * the tests a mutant run asks for (Stryker names them in --testNamePattern: the tests that cover
 * the mutant) is answered empty without being loaded. Loading a test file costs more than most
 * tests in it, and a mutant is covered by a few files out of thirty.
 *
 * Which tests each file holds comes from a full run just before (HPECOM_MUTATION_TEST_NAMES, the
 * scripts/mutation/test-names.js writes); without it, or without a pattern (Stryker's first,
 * full run), every file runs as usual.
 *
 * Stryker's per-test coverage works with jest-circus only (through its test events), and it
 * accepts a runner whose name contains "jest-circus": this one is jest-circus for every file it runs.
 */
const fs = require("node:fs");
const path = require("node:path");
const circus = require("jest-circus/runner");
const { createEmptyTestResult } = require("@jest/test-result");

/** Test names by file path from the root (scripts/mutation/test-names.js); null without the file. */
let namesByFile;
function testNames() {
  if (namesByFile === undefined) {
    const file = process.env.HPECOM_MUTATION_TEST_NAMES;
    namesByFile = file ? new Map(Object.entries(JSON.parse(fs.readFileSync(file, "utf8")))) : null;
  }
  return namesByFile;
}

module.exports = async function run(globalConfig, config, environment, runtime, testPath, sendMessageToJest) {
  const pattern = globalConfig.testNamePattern;
  const names = pattern && testNames()?.get(path.relative(config.rootDir, testPath));
  if (names && !names.some((name) => new RegExp(pattern, "i").test(name))) {
    return { ...createEmptyTestResult(), testFilePath: testPath, numPendingTests: names.length, skipped: true };
  }
  return circus(globalConfig, config, environment, runtime, testPath, sendMessageToJest);
};
