import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerRegexRunner } from '../../server/src/node/regexRunner';
import { buildRestrictedWsname, sampleInput } from '../../server/src/service/parse/iisRegex';

const runner = new WorkerRegexRunner();
void after(() => runner.dispose());

void describe('WorkerRegexRunner', { timeout: 20000 }, () => {
  void test('runs a pattern against inputs', async () => {
    const r = await runner.test('^a+b$', 'i', ['aaB', 'ab', 'ac', ''], 5000);
    assert.deepEqual(r, { timedOut: false, results: [true, true, false, false] });
  });

  void test('the restricted wsname pattern allows the domain and refuses look-alikes', async () => {
    const src = buildRestrictedWsname(['domain1.com', 'domain2.com']);
    const urls = [
      'https://finesse.domain1.com',
      'https://finesse.domain2.com',
      'https://domain1.com.evil.example',
      'https://evil.example/?x=domain1.com',
      'https://evil.example',
    ];
    const r = await runner.test(src, 'i', urls.map(sampleInput), 5000);
    assert.deepEqual(r, { timedOut: false, results: [true, true, false, false, false] });
  });

  void test('built pattern vs the guide\'s host part: the bare domain and glued look-alikes', async () => {
    const built = buildRestrictedWsname(['domain1.com', 'domain2.com']);
    const guide = built.replace('([a-z0-9-]+\\.)*', '([a-z0-9.]+)');
    assert.notEqual(guide, built);
    const cases: Array<[string, boolean, boolean]> = [
      // [parent address, allowed by the built pattern, allowed by the guide's shape]
      ['https://finesse.domain1.com', true, true],
      ['https://domain1.com', true, false],
      ['https://a.b.domain2.com', true, true],
      ['http://fin-1.domain2.com', true, false],
      ['https://FINESSE.Domain1.COM', true, true],
      ['https://evildomain1.com', false, true],
      ['https://evil-domain1.com', false, false],
      ['https://domain1.com.evil.example', false, false],
      ['https://evil.example/?x=domain1.com', false, false],
      ['https://evil.example', false, false],
      ['https://finesse.domain1.com:8445', false, false],
    ];
    const inputs = cases.map(([u]) => sampleInput(u));
    assert.deepEqual(await runner.test(built, 'i', inputs, 5000), { timedOut: false, results: cases.map((c) => c[1]) });
    assert.deepEqual(await runner.test(guide, 'i', inputs, 5000), { timedOut: false, results: cases.map((c) => c[2]) });
    // Encoded forms of "://" and "&" work the same way.
    const enc = ['wsname=https%3A%2F%2Fdomain1.com%26', 'wsname=https%3A%2F%2Fevildomain1.com%26', 'x=1&wsname=https://finesse.domain2.com&y=2'];
    assert.deepEqual(await runner.test(built, 'i', enc, 5000), { timedOut: false, results: [true, false, true] });
  });

  void test('a catastrophic pattern times out, the process keeps answering, the runner recovers', async () => {
    const input = 'a'.repeat(40) + '!';
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const pending = runner.test('(a+)+$', '', [input], 300);
    // The main thread is free while the worker spins: a timer fires before the result arrives.
    await new Promise((res) => setTimeout(res, 20));
    const r = await pending;
    clearInterval(ticker);
    assert.equal(r.timedOut, true);
    assert.deepEqual(r.results, [false]);
    assert.ok(ticks > 0);
    assert.ok(runner.timeouts >= 1);
    const again = await runner.test('x', '', ['axb'], 5000);
    assert.deepEqual(again, { timedOut: false, results: [true] });
  });

  void test('queued jobs each get their own deadline and answer in order', async () => {
    const slow = runner.test('(a+)+$', '', ['a'.repeat(40) + '!'], 200);
    const fast = runner.test('b', '', ['abc'], 5000);
    const [s, f] = await Promise.all([slow, fast]);
    assert.equal(s.timedOut, true);
    assert.deepEqual(f, { timedOut: false, results: [true] });
  });

  void test('a pattern JavaScript cannot compile reports an error instead of throwing', async () => {
    const r = await runner.test('a++', '', ['a'], 5000);
    assert.equal(r.timedOut, false);
    assert.deepEqual(r.results, [false]);
    assert.match(r.error ?? '', /Nothing to repeat/);
  });

  void test('after dispose, calls answer with an error', async () => {
    const own = new WorkerRegexRunner();
    own.dispose();
    const r = await own.test('a', '', ['a'], 1000);
    assert.deepEqual(r.results, [false]);
    assert.ok(r.error);
  });
});

void describe('WorkerRegexRunner in a short-lived process', { timeout: 20000 }, () => {
  void test('an idle runner does not keep the process alive', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `
      const { WorkerRegexRunner } = require(${JSON.stringify(require.resolve('../../server/src/node/regexRunner'))});
      const r = new WorkerRegexRunner();
      r.test('(a+)+$', '', ['${'a'.repeat(40)}!'], 200).then((x) => r.test('a', '', ['a'], 2000).then((y) => console.log(JSON.stringify([x, y]))));
    `;
    const res = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 15000 });
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stdout.trim(), JSON.stringify([{ timedOut: true, results: [false] }, { timedOut: false, results: [true] }]));
  });

  void test('40 hovers asking the same slow question share one evaluation; the answer is remembered', async () => {
    const own = new WorkerRegexRunner();
    try {
      const slow = '^(a+)+$';
      const input = ['a'.repeat(40) + 'b'];
      const all = await Promise.all(Array.from({ length: 40 }, () => own.test(slow, '', input, 300)));
      assert.ok(all.every((r) => r.timedOut));
      assert.equal(own.evaluations, 1);
      assert.equal(own.timeouts, 1);
      assert.equal((await own.test(slow, '', input, 300)).timedOut, true);
      assert.equal(own.evaluations, 1, 'remembered, not run again');
    } finally {
      own.dispose();
    }
  });

  void test('a cancelled question is dropped from the queue, or its worker stopped, and the next one runs', async () => {
    const own = new WorkerRegexRunner();
    try {
      const input = ['a'.repeat(40) + 'b'];
      const running = new AbortController();
      const queued = new AbortController();
      const p1 = own.test('^(a+)+$', '', input, 60_000, running.signal);
      const p2 = own.test('^(a|aa)+$', '', input, 60_000, queued.signal);
      const p3 = own.test('^a+b$', '', input, 60_000);
      queued.abort();
      assert.deepEqual(await p2, { timedOut: false, cancelled: true, results: [false] });
      // Let the first one start in the worker, then cancel it: the worker is stopped, not waited for (60 s).
      await new Promise((r) => setTimeout(r, 50));
      running.abort();
      assert.equal((await p1).cancelled, true);
      assert.deepEqual(await p3, { timedOut: false, results: [true] });
      assert.equal(own.evaluations, 2, 'the cancelled queued question never ran');
      assert.equal(own.timeouts, 0);
    } finally {
      own.dispose();
    }
  });
});

