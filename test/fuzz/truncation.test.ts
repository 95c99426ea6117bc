/**
 * Truncation fuzzer (issue 12): prefixes of every ECE file of the example home and the fixtures, through the service
 * in a child process under a time guard. See test/fuzz/README.md for the modes and how to run one case again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { testTimeout } from './harness/config';
import { failureReport, runCases, summaryLine } from './harness/runner';
import { cases } from './jobs/truncation';

const ids = cases();

void test('truncation: every prefix sampled goes through the service without a crash, a hang or a bad range or edit', { timeout: testTimeout(ids.length) }, async (t) => {
  const r = await runCases('truncation', path.join(__dirname, 'jobs', 'truncation.ts'), ids);
  t.diagnostic(summaryLine(r));
  assert.equal(r.tally.inputs, ids.length);
  assert.deepEqual(r.failures, [], failureReport(r));
});
