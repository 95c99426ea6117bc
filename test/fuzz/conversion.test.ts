/**
 * Conversion fuzzer (issue 12): random ECE homes (some with a pool file that cannot be converted) converted to Windows
 * authentication by convertWindowsAuth and by the CLI; Java 17 loads every converted properties file in one JVM. See
 * test/fuzz/README.md for the modes and how to run one case again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadWithJava } from '../java/oracle';
import { testTimeout } from './harness/config';
import { addFailures, failureReport, runCases, summaryLine } from './harness/runner';
import { cases, judgeJavaConversion, type JavaConversionCheck } from './jobs/conversion';

const ids = cases();

void test('conversion: well formed, values as intended, idempotent, other zip entries byte-identical, no password in the report', { timeout: testTimeout(ids.length) }, async (t) => {
  const r = await runCases('conversion', path.join(__dirname, 'jobs', 'conversion.ts'), ids);
  const checks = (r.extras as JavaConversionCheck[][]).flat();
  const java = judgeJavaConversion(checks, loadWithJava);
  r.failures.push(...java);
  addFailures(r.tally, java);
  r.stats.javaLoadsChecked = checks.length;
  t.diagnostic(summaryLine(r));
  assert.equal(r.tally.inputs, ids.length);
  assert.ok(r.stats.zips! > 0 && r.stats.cliRuns! > 0 && r.stats.refusedHomes! > 0 && checks.length > 0, JSON.stringify(r.stats));
  assert.deepEqual(r.failures, [], failureReport(r));
});
