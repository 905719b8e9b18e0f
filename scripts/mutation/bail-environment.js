/**
 * The test environment of `make mutation` (jest.mutation.config.js).
 *
 * Under a mutant, the run stops at its first failing test: the rest of that mutant's run is
 * skipped, its remaining test files included. One failure is all Stryker needs to call a mutant
 * killed, and its jest runner cannot bail itself (it sets `bail: false`: jest has no
 * programmatic bail, jestjs/jest#11766), so a killed mutant of the sdk ran every test covering it.
 *
 * In the dry run (no active mutant), everything runs: Stryker learns there which tests cover
 * which mutant, and this records which tests each file holds and how long it took, from this
 * environment's construction (before the file loads) to the end of its tests (dry-run-record.js).
 */
const { TestEnvironment } = require("jest-environment-node");
const { record } = require("./dry-run-record");
const { activeMutant, markActiveMutantFailed, activeMutantHasFailed } = require("./bail-state");

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
    this.constructedAt = performance.now();
  }

  async handleTestEvent(event, state) {
    if (activeMutant() === undefined) {
      // Only under Stryker (its environment sets __stryker__), so a plain jest run writes nothing.
      if (event.name === "run_finish" && this.global.__stryker__) {
        record(this.rootDir, this.testPath, { names: testNames(state.rootDescribeBlock), milliseconds: performance.now() - this.constructedAt });
      }
      return;
    }
    if ((event.name === "test_done" && event.test.errors.length > 0) || event.name === "hook_failure") markActiveMutantFailed();
    // A failed hook (a beforeAll that could not start a server) fails this file's tests only as
    // jest runs them: skipping them here would report no failure at all, and the mutant survive
    // with no test completed. The files after it are skipped all the same (the file filter).
    if (event.name === "hook_failure") this.hookFailed = true;
    if (!activeMutantHasFailed() || this.hookFailed) return;
    if (event.name === "run_describe_start") skipAll(event.describeBlock);
    if (event.name === "test_start") event.test.mode = "skip";
  }
}

module.exports = BailEnvironment;
