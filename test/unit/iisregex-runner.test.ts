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
});
