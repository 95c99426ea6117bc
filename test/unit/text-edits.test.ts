/** Edit application and merging (`core/text.ts`): the merge gives exactly the quadratic definition's answer. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { applyEdits, detectEol, editDistance, isIpLiteral, lastStartingAtOrBefore, lineAt, lineIndex, lineStartOf, mergeEditGroups } from '../../server/src/service/core/text';
import type { OffsetEdit } from '../../server/src/service/core/types';
import { seededRandom } from './random';

/** The definition: take groups in order, drop a group that overlaps any accepted edit, sort by start (stable). */
function plainMerge(groups: ReadonlyArray<readonly OffsetEdit[]>): OffsetEdit[] {
  const accepted: OffsetEdit[] = [];
  const overlaps = (a: OffsetEdit, b: OffsetEdit) =>
    (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
  for (const g of groups) {
    if (g.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    for (const e of g) accepted.push(e);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

void describe('mergeEditGroups', () => {
  void test('two insertions at one offset: the second group is dropped; an insertion at the start of a replacement too', () => {
    const ins = (at: number, t: string): OffsetEdit => ({ start: at, end: at, newText: t });
    assert.deepEqual(mergeEditGroups([[ins(3, 'a')], [ins(3, 'b')]]), [ins(3, 'a')]);
    assert.deepEqual(mergeEditGroups([[{ start: 3, end: 5, newText: 'x' }], [ins(3, 'b')]]), [{ start: 3, end: 5, newText: 'x' }]);
    assert.deepEqual(mergeEditGroups([[ins(3, 'b')], [{ start: 3, end: 5, newText: 'x' }]]), [ins(3, 'b')]);
    // An insertion at the END of a replacement is fine (no ambiguity), and so are touching replacements.
    assert.deepEqual(mergeEditGroups([[{ start: 3, end: 5, newText: 'x' }], [ins(5, 'b')], [{ start: 0, end: 3, newText: '' }]]), [
      { start: 0, end: 3, newText: '' },
      { start: 3, end: 5, newText: 'x' },
      ins(5, 'b'),
    ]);
    // A group is dropped whole when one of its edits clashes.
    assert.deepEqual(mergeEditGroups([[{ start: 10, end: 12, newText: '' }], [ins(1, 'k'), { start: 11, end: 13, newText: '' }]]), [
      { start: 10, end: 12, newText: '' },
    ]);
  });

  void test('equals the definition on 3,000 random edit sets (insertions, deletions, replacements, several per group)', () => {
    const rnd = seededRandom(20261202);
    for (let round = 0; round < 3000; round++) {
      const size = 1 + Math.floor(rnd() * 40);
      const groups: OffsetEdit[][] = [];
      const groupCount = 1 + Math.floor(rnd() * 25);
      for (let g = 0; g < groupCount; g++) {
        const edits: OffsetEdit[] = [];
        const count = 1 + Math.floor(rnd() * 3);
        for (let k = 0; k < count; k++) {
          const start = Math.floor(rnd() * size);
          const len = rnd() < 0.35 ? 0 : Math.floor(rnd() * 5);
          edits.push({ start, end: Math.min(size, start + len), newText: `g${g}e${k}` });
        }
        groups.push(edits);
      }
      assert.deepEqual(mergeEditGroups(groups), plainMerge(groups), `round ${round}`);
    }
  });

  void test('150,000 single-edit groups and one group of 150,000 edits merge and apply without a stack overflow', () => {
    const text = 'a\\b'.repeat(150_000);
    const edits = Array.from({ length: 150_000 }, (_, i) => ({ start: i * 3 + 1, end: i * 3 + 1, newText: '\\' }));
    const merged = mergeEditGroups(edits.map((e) => [e]));
    assert.equal(merged.length, 150_000);
    assert.equal(applyEdits(text, merged), 'a\\\\b'.repeat(150_000));
    assert.equal(mergeEditGroups([edits]).length, 150_000);
  });

  void test('one group shared by 100,000 findings is taken once (no 10^10 edit merge)', () => {
    const shared = Array.from({ length: 100_000 }, (_, i) => ({ start: i * 2, end: i * 2, newText: '\\' }));
    const groups = Array.from({ length: 100_000 }, () => shared);
    assert.equal(mergeEditGroups(groups).length, 100_000);
  });
});

void describe('line helpers, edit distance and IP literals against plain oracles (mutation survivors)', () => {
  const rnd = seededRandom(1717);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

  void test('lastStartingAtOrBefore and lineAt agree with a linear scan on random sorted lists', () => {
    const rand = seededRandom(0x1a57);
    for (let n = 0; n < 300; n++) {
      // sorted, repeats allowed (two assignments of one SET /A command start alike), possibly empty
      const items = Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * 30)).sort((a, b) => a - b).map((start, i) => ({ start, i }));
      // line starts: 0 first, strictly increasing
      const lines = [0];
      for (let k = Math.floor(rand() * 10); k > 0; k--) lines.push(lines[lines.length - 1]! + 1 + Math.floor(rand() * 4));
      for (let offset = -1; offset <= 35; offset++) {
        assert.equal(lastStartingAtOrBefore(items, offset, (x) => x.start), items.filter((x) => x.start <= offset).pop(), `${JSON.stringify(items)} @${offset}`);
        assert.equal(lineAt(lines, offset), Math.max(0, lines.filter((x) => x <= offset).length - 1), `${JSON.stringify(lines)} @${offset}`);
      }
    }
  });

  void test('detectEol: the first break decides (CRLF, LF, lone CR); the fallback only without one', () => {
    assert.deepEqual(['a\r\nb\nc', 'a\nb\r\n', 'a\rb\r\n', 'a\r', 'ab'].map((t) => detectEol(t)), ['\r\n', '\n', '\r', '\r', '\n']);
    assert.equal(detectEol('ab', '\r\n'), '\r\n');
    assert.equal(detectEol('a\nb', '\r\n'), '\n');
  });

  void test('lineIndex and lineStartOf agree with splitting on CRLF, LF and CR, on 300 random texts', () => {
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: Math.floor(rnd() * 12) }, () => pick(['a', 'b', ' ', '\n', '\r', '\r\n'])).join('');
      const starts = [0];
      for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
      const line = lineIndex(text);
      for (let o = 0; o <= text.length; o++) {
        // An offset between the CR and the LF of a CRLF belongs to the line the CRLF ends.
        const want = starts.filter((s) => s <= o).length - 1;
        assert.equal(line(o), want, `${JSON.stringify(text)} at ${o}`);
        const ls = text[o - 1] === '\r' && text[o] === '\n' ? o : starts[want]!;
        assert.equal(lineStartOf(text, o), ls, `lineStartOf ${JSON.stringify(text)} at ${o}`);
      }
      assert.equal(lineStartOf(text, text.length + 5), lineStartOf(text, text.length));
    }
  });

  void test('editDistance equals the full Levenshtein table when within max, max + 1 beyond, on 2,000 random pairs', () => {
    const full = (a: string, b: string): number => {
      let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
      return prev[b.length]!;
    };
    for (let n = 0; n < 2000; n++) {
      const word = () => Array.from({ length: Math.floor(rnd() * 9) }, () => pick(['a', 'b', 'c'])).join('');
      const a = word();
      const b = n === 0 ? 'x'.repeat(70) : word();
      const max = Math.floor(rnd() * 5) - (n % 50 === 0 ? 1 : 0);
      const d = full(a, b);
      assert.equal(editDistance(a, b, max), d <= max ? d : max + 1, `${a} ${b} ${max}`);
    }
  });

  void test('isIpLiteral: the same as node:net isIP on IPv4 and IPv6 forms, brackets and zones allowed', () => {
    const hosts = ['10.0.0.1', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', 'fd00::1', '::', '::1', '1::', '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1::2::3', '12345::1', 'g::1', '::ffff:10.0.0.1', '::ffff:10.0.0.256', '10.0.0.1::1', 'fe80::1%eth0', 'fe80::1%',
      'host', 'db.example.com', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4'];
    for (const h of hosts) assert.equal(isIpLiteral(h), isIP(h) !== 0, h);
    assert.equal(isIpLiteral('[fd00::1]'), true);
    assert.equal(isIpLiteral(' 10.0.0.1 '), true);
    assert.equal(isIpLiteral('1:2:3:4:5:6:7:8:' + '0'.repeat(30)), false, 'longer than 45 characters');
  });
});
