/**
 * Mutation fuzzer (issue 12): mutated ECE files through the service and, on a sample, through the real CLI in a child
 * process. See test/fuzz/README.md for the modes and how to run one case again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { testTimeout } from './harness/config';
import { failureReport, runCases, summaryLine } from './harness/runner';
import { cases } from './jobs/mutation';

const ids = cases();

void test('mutation: mutated files through the service and the CLI: no crash, no hang, no bad range or edit, nothing left unsaid', { timeout: testTimeout(ids.length) }, async (t) => {
  const r = await runCases('mutation', path.join(__dirname, 'jobs', 'mutation.ts'), ids);
  t.diagnostic(summaryLine(r));
  assert.equal(r.tally.inputs, ids.length);
  assert.ok(r.stats.cliRuns! > 0 && r.stats.partnersAnalysed! > 0 && r.stats.regexWorkerCases! > 0, JSON.stringify(r.stats));
  assert.deepEqual(r.failures, [], failureReport(r));
});
