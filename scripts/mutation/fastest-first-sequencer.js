/**
 * The test order of `make mutation`: the test files that were quickest in the dry run first.
 *
 * jest's own order puts the slowest files first (to keep its workers busy), but Stryker runs a
 * mutant's files one after another in one process, and a killed mutant stops at its first failing
 * test (bail-environment.js): a fast unit test beside the code that kills it spares loading the
 * contract tests that would have killed it too. A file the dry run did not time goes last.
 */
const Sequencer = require("@jest/test-sequencer").default;
const { recorded } = require("./dry-run-record");

class FastestFirstSequencer extends Sequencer {
  sort(tests) {
    const milliseconds = (test) => recorded(test.context.config.rootDir, test.path)?.milliseconds ?? Number.POSITIVE_INFINITY;
    return [...tests].sort((a, b) => milliseconds(a) - milliseconds(b));
  }
}

module.exports = FastestFirstSequencer;
