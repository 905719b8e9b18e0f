// Writes which tests each test file of `make mutation` holds, by path from the repository root,
// from a `jest --json` report of the full run: what scripts/mutation/jest-circus-file-filter.js reads.
// usage: node scripts/mutation/test-names.js <jest report> <output>
const fs = require("node:fs");
const path = require("node:path");

const [report, output] = process.argv.slice(2);
const root = path.resolve(__dirname, "../..");
const { testResults, success } = JSON.parse(fs.readFileSync(report, "utf8"));
if (!success) throw new Error(`the tests fail without any mutant (${report}): fix them first`);
const byFile = Object.fromEntries(testResults.map((file) => [path.relative(root, file.name), file.assertionResults.map((t) => t.fullName)]));
fs.writeFileSync(output, JSON.stringify(byFile));
console.log(`mutation: ${Object.values(byFile).flat().length} tests in ${Object.keys(byFile).length} files`);
