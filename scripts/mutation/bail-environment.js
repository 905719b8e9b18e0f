/**
 * The test environment of `make mutation` (jest.mutation.config.js).
 *
 * Under a mutant, the run stops at its first failing test: the rest of that mutant's run is
 * skipped, its remaining test files included. One failure is all Stryker needs to call a mutant
 * killed, and its jest runner cannot bail itself (it sets `bail: false`: jest has no
 * programmatic bail, jestjs/jest#11766), so a killed mutant of the sdk ran every test covering it.
 *
 * In the dry run (no active mutant), everything runs: Stryker learns there which tests cover
 * which mutant, and this records which tests each file holds (test-names.js).
 */
const { TestEnvironment } = require("jest-environment-node");
const { record } = require("./test-names");

/** The mutant whose run has had a failure. The module outlives each test file: jest runs them in band, in this process. */
let failedMutant;
const activeMutant = () => process.env.__STRYKER_ACTIVE_MUTANT__;

/** Marks every test below `block` skipped; a block with no enabled test also runs none of its beforeAll/afterAll hooks. */
function skipAll(block) {
  for (const child of block.children) {
    if (child.type === "test") child.mode = "skip";
    else skipAll(child);
  }
}

/** The full names of the tests below `block`, as jest and Stryker write them. */
function testNames(block, titles = []) {
  return block.children.flatMap((child) => child.type === "test" ? [[...titles, child.name].join(" ")] : testNames(child, [...titles, child.name]));
}

class BailEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.rootDir = config.projectConfig.rootDir;
    this.testPath = context.testPath;
  }

  async handleTestEvent(event, state) {
    const mutant = activeMutant();
    if (mutant === undefined) {
      // Only under Stryker (its environment sets __stryker__), so a plain jest run writes nothing.
      if (event.name === "run_start" && this.global.__stryker__) record(this.rootDir, this.testPath, testNames(state.rootDescribeBlock));
      return;
    }
    const failed = (event.name === "test_done" && event.test.errors.length > 0) || event.name === "hook_failure";
    if (failed) failedMutant = mutant;
    if (failedMutant !== mutant) return;
    if (event.name === "run_describe_start") skipAll(event.describeBlock);
    if (event.name === "test_start") event.test.mode = "skip";
  }
}

module.exports = BailEnvironment;
