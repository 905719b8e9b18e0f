/**
 * What the dry run of `make mutation` saw of each test file: the tests it holds and how long it
 * took, loading included. Written by bail-environment.js when a file has run under Stryker
 * without a mutant; read by jest-circus-file-filter.js (to leave out the files that hold none of
 * a mutant's covering tests) and by fastest-first-sequencer.js (to run the quickest files first).
 * One file per test file, in the sandbox Stryker runs in (deleted with it).
 */
const fs = require("node:fs");
const path = require("node:path");

const where = (rootDir, testPath) => path.join(rootDir, ".mutation-dry-run", `${path.relative(rootDir, testPath).replace(/[\\/]/g, "__")}.json`);

/**
 * Records a test file's tests (their full names: describe titles and the test's, space-joined, as
 * jest and Stryker name tests) and its duration in milliseconds.
 */
function record(rootDir, testPath, { names, milliseconds }) {
  const file = where(rootDir, testPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ names, milliseconds }));
}

/** `{ names, milliseconds }` as the dry run recorded them; undefined when it did not record the file. */
function recorded(rootDir, testPath) {
  try {
    return JSON.parse(fs.readFileSync(where(rootDir, testPath), "utf8"));
  } catch {
    return undefined;
  }
}

module.exports = { record, recorded };
