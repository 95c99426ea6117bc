/**
 * Fix-safety fuzzer (issue 12): every fix, fix all, source.fixAll.ece and disable action on mutated ECE files, in the
 * service and through `check --fix` of the real CLI; Java 17 loads a sample of the fixed properties files in one JVM.
 * See test/fuzz/README.md for the modes and how to run one case again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadWithJava } from '../java/oracle';
import { count, testTimeout } from './harness/config';
import { addFailures, failureReport, runCases, summaryLine } from './harness/runner';
import { cases, judgeJava, type JavaCheck } from './jobs/fixSafety';

const ids = cases();

void test('fix safety: every change keeps the bytes it must keep, the file well formed and what Java loads', { timeout: testTimeout(ids.length) }, async (t) => {
  const r = await runCases('fix-safety', path.join(__dirname, 'jobs', 'fixSafety.ts'), ids);
  // A deterministic sample of the Java checks (every case's, in case order, up to the mode's number).
  const checks = (r.extras as JavaCheck[][]).flat().slice(0, count(400));
  const java = judgeJava(checks, loadWithJava);
  r.failures.push(...java);
  addFailures(r.tally, java);
  r.stats.javaLoadsChecked = checks.length;
  t.diagnostic(summaryLine(r));
  assert.equal(r.tally.inputs, ids.length);
  assert.ok(r.stats.changesApplied! > 1000 && checks.length > 50 && r.stats.cliFilesChanged! > 0, JSON.stringify(r.stats));
  assert.deepEqual(r.failures, [], failureReport(r));
});
