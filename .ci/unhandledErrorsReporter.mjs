import { writeFileSync } from 'node:fs';

/**
 * A vitest reporter that writes the run's unhandled errors, and why it ended,
 * as JSON to the file named by CI_UNHANDLED_ERRORS_FILE:
 * `{"reason": "passed" | "failed" | "interrupted", "unhandledErrors": [{"name", "message"}]}`.
 * Vitest's JSON report leaves these out: an unhandled rejection after passing
 * tests makes the run fail while that report still says `"success": true`.
 */
export default class UnhandledErrorsReporter {
  onTestRunEnd(_testModules, unhandledErrors, reason) {
    const file = process.env.CI_UNHANDLED_ERRORS_FILE;
    if (!file) return;
    const errors = unhandledErrors.map((error) => ({ name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) }));
    writeFileSync(file, JSON.stringify({ reason, unhandledErrors: errors }));
  }
}
