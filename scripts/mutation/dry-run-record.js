/**
 * Which tests each test file holds, as the dry run of `make mutation` found them: written by
 * bail-environment.js when a file has run under Stryker without a mutant, read by
 * jest-circus-file-filter.js to leave out the files that hold none of a mutant's covering tests.
 * One file per test file, in the sandbox Stryker runs in (deleted with it).
 */
const fs = require("node:fs");
const path = require("node:path");

const where = (rootDir, testPath) => path.join(rootDir, ".mutation-test-names", `${path.relative(rootDir, testPath).replace(/[\\/]/g, "__")}.json`);

/** Records the full names (describe titles and the test's, space-joined, as jest and Stryker name tests) of a file's tests. */
function record(rootDir, testPath, names) {
  const file = where(rootDir, testPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(names));
}

/** The names recorded for a test file; undefined when the dry run did not record it. */
function recorded(rootDir, testPath) {
  try {
    return JSON.parse(fs.readFileSync(where(rootDir, testPath), "utf8"));
  } catch {
    return undefined;
  }
}

module.exports = { record, recorded };
