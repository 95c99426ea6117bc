/** The LSP adapter's per-document scheduling: coalescing, cancellation, adaptive delay. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../server/src/scheduler';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Scheduler', () => {
  test('adaptive delay: cheap documents at once, a single edit after a pause a quarter of the cost, a burst twice the gap', () => {
    const s = new Scheduler(async () => undefined, () => undefined, 400);
    assert.equal(s.adaptiveDelay(0, Infinity), 0);
    assert.equal(s.adaptiveDelay(3.9, 1), 0);
    assert.equal(s.adaptiveDelay(100, 10_000), 25);
    assert.equal(s.adaptiveDelay(100, 10), 20); // a paste storm: an edit every 10 ms
    assert.equal(s.adaptiveDelay(100, 2), 10); // never below 10 ms in a burst
    assert.equal(s.adaptiveDelay(100, 200), 150); // slow typing on a big file: at most 1.5x the cost
    assert.equal(s.adaptiveDelay(1000, 300), 400); // capped
  });

  test('a burst of edits on one document runs one validation; other documents are independent', async () => {
    const runs: string[] = [];
    const done = deferred();
    const s = new Scheduler(async (uri) => {
      runs.push(uri);
      if (runs.length === 2) done.resolve();
    }, () => undefined);
    for (let i = 0; i < 50; i++) s.schedule('a', 5);
    s.schedule('b', 5);
    await done.promise;
    assert.deepEqual(runs.sort(), ['a', 'b']);
  });

  test('cancel drops a pending validation', async () => {
    const runs: string[] = [];
    const done = deferred();
    const s = new Scheduler(async (uri) => {
      runs.push(uri);
      done.resolve();
    }, () => undefined);
    s.schedule('gone', 1);
    s.cancel('gone');
    s.schedule('kept', 2);
    await done.promise;
    assert.deepEqual(runs, ['kept']);
  });

  test('validations of one document never overlap, and a failing run is logged, not thrown', async () => {
    let active = 0;
    let maxActive = 0;
    const logs: string[] = [];
    const finished = deferred();
    let count = 0;
    const s = new Scheduler(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      count++;
      if (count === 1) throw new Error('boom');
      finished.resolve();
    }, (m) => logs.push(m));
    s.schedule('x', 0);
    await new Promise((r) => setTimeout(r, 1));
    s.schedule('x', 0);
    await finished.promise;
    assert.equal(maxActive, 1);
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, /boom/);
  });

  test('several schedules during one run give exactly one more run, never two at once', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const first = deferred();
    const release = deferred();
    const second = deferred();
    const s = new Scheduler(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs++;
      if (runs === 1) {
        first.resolve();
        await release.promise;
      } else {
        await new Promise((r) => setImmediate(r));
        second.resolve();
      }
      active--;
    }, () => undefined);
    s.schedule('x', 0);
    await first.promise;
    // Three edits arrive while the first validation runs: each timer fires during the run.
    for (let i = 0; i < 3; i++) {
      s.schedule('x', 0);
      await new Promise((r) => setTimeout(r, 2));
    }
    release.resolve();
    await second.promise;
    // Give any wrongly queued extra runs the chance to start.
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 2));
    assert.equal(maxActive, 1);
    assert.equal(runs, 2);
  });
});
