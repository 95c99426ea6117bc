/** Edit application and merging (`core/text.ts`): the merge gives exactly the quadratic definition's answer. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, mergeEditGroups } from '../../server/src/service/core/text';
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
