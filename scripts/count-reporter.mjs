import { writeFileSync } from 'node:fs';

/** A web-test-runner reporter that writes how many browser tests passed and failed to a JSON file. */
export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) skipped += 1;
          else if (test.passed) passed += 1;
          else failed += 1;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load or threw outside a test counts as one failure, so it can never pass silently.
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed += 1;
        else if (!session.passed && !session.testResults) failed += 1;
      }
      writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
    },
  };
}
