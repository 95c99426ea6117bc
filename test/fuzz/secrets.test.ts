/**
 * Secrets fuzzer (issue 12): passwords planted in every way a password reaches an ECE file by mistake, in mutated
 * files, never shown by the service, the CLI (every format, --fix, --fix-dry-run) or the client's LSP trace. See
 * test/fuzz/README.md for the modes and how to run one case again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { testTimeout } from './harness/config';
import { failureReport, runCases, summaryLine } from './harness/runner';
import { cases } from './jobs/secrets';

const ids = cases();

void test('secrets: no planted password in any message, title, hover, symbol, completion, log, CLI output or LSP trace', { timeout: testTimeout(ids.length) }, async (t) => {
  const r = await runCases('secrets', path.join(__dirname, 'jobs', 'secrets.ts'), ids);
  t.diagnostic(summaryLine(r));
  assert.equal(r.tally.inputs, ids.length);
  assert.ok(r.stats.cliOutputs! >= ids.length * 3 && r.stats.traceMessages! > 0, JSON.stringify(r.stats));
  assert.deepEqual(r.failures, [], failureReport(r, 30));
});
