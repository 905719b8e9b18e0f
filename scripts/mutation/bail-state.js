/**
 * Which mutant's run has had a failing test, shared by the test environment (which notices the
 * failure) and the file filter (which then loads no further test file for that mutant). One
 * module instance for the whole run: jest loads both with Node's require, in band, in the process
 * of Stryker's jest runner, and every test file of a mutant runs there one after another.
 */
let failedMutant;

/** The mutant active in this process (Stryker sets it before each mutant's run); undefined in the dry run. */
const activeMutant = () => process.env.__STRYKER_ACTIVE_MUTANT__;

/** Marks the active mutant killed: the rest of its run can be skipped. */
function markActiveMutantFailed() {
  failedMutant = activeMutant();
}

/** Whether the active mutant has already had a failing test. */
const activeMutantHasFailed = () => activeMutant() !== undefined && failedMutant === activeMutant();

module.exports = { activeMutant, markActiveMutantFailed, activeMutantHasFailed };
