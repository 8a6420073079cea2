#!/usr/bin/env node
/**
 * The closing line of CI: `N passed, N failed, N skipped`, read from vitest's
 * JSON report, vitest's exit code and the unhandled errors that
 * unhandledErrorsReporter.mjs wrote.
 *
 *   node .ci/summarize.mjs <vitest JSON report> <vitest exit code> [<unhandled errors JSON>]
 *
 * Failed counts each failed test, each test file that failed without a
 * failed test (it could not load, or a hook failed), and each unhandled
 * error; when vitest failed and none of these explains why, the run itself
 * counts as one failure. Skipped counts skipped and todo tests. Each failure
 * that is no failed test is named on stderr. Exits 1 when anything failed or
 * vitest exited non-zero, 2 when the report is unreadable.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [reportFile, exitCodeText = '0', unhandledFile] = process.argv.slice(2);
if (!reportFile) {
  console.error('usage: node .ci/summarize.mjs <vitest JSON report> <vitest exit code> [<unhandled errors JSON>]');
  process.exit(2);
}

let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (error) {
  console.error(`the vitest JSON report ${reportFile} cannot be read: ${error.message}`);
  process.exit(2);
}
const counts = ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'];
for (const count of counts) {
  if (!Number.isInteger(report[count])) {
    console.error(`the vitest JSON report ${reportFile} has no ${count}`);
    process.exit(2);
  }
}
const exitCode = Number(exitCodeText);

/** Failures that are no failed test, each with a sentence that names it. */
const otherFailures = [];
for (const file of report.testResults ?? []) {
  const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed').length;
  if (file.status === 'failed' && failedTests === 0) {
    const message = String(file.message ?? '').split('\n')[0] || 'no message';
    otherFailures.push(`test file ${relative(process.cwd(), file.name ?? '?')} failed outside its tests: ${message}`);
  }
}
const unhandled = unhandledFile && existsSync(unhandledFile) ? JSON.parse(readFileSync(unhandledFile, 'utf8')) : undefined;
for (const error of unhandled?.unhandledErrors ?? []) otherFailures.push(`unhandled error: ${error.name}: ${String(error.message).split('\n')[0]}`);
if (report.numFailedTests === 0 && otherFailures.length === 0 && (exitCode !== 0 || report.success === false)) {
  otherFailures.push(`the test run failed (vitest exit code ${exitCode}) and its reports name no failed test, file or unhandled error`);
}

for (const failure of otherFailures) console.error(failure);
if (exitCode !== 0) console.error(`vitest exited with code ${exitCode}`);
const passed = report.numPassedTests;
const failed = report.numFailedTests + otherFailures.length;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || exitCode !== 0 ? 1 : 0);
