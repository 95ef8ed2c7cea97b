// Turns vitest's JSON report into the plain "N passed, N failed" line this CI reads.
import { readFileSync } from 'node:fs';

// One report per vitest run (.ci/run runs the suite, then the packed-package test); their counts add up.
let passed = 0;
let failed = 0;
let skipped = 0;
for (const path of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.log(`ci: no test report at ${path} (${error.message})`);
    failed += 1;
    continue;
  }
  passed += report.numPassedTests ?? 0;
  // A file that failed without a failed test of its own (it did not load, or a beforeAll threw and its tests were
  // skipped): count it once, on top of the failed tests.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  failed += (report.numFailedTests ?? 0) + brokenFiles;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
