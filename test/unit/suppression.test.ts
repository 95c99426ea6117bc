/**
 * The suppression comment scanner (`core/suppression.ts`) on its own, in each comment syntax: which markers count
 * (inside a comment of the file's syntax only), the line each applies to (the comment's end line + 1 for
 * `-next-line`, also for comments spanning lines), the ids (up to the first token that is not a rule id) and where
 * another id would be appended. The engine tests check that findings are then dropped; these pin the directives.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findSuppressions, isSuppressed } from '../../server/src/service/core/suppression';
import type { CommentStyle } from '../../server/src/service/core/types';

type Row = [kind: string, ids: string[], line: number, appendAt: number];

function directives(text: string, style: CommentStyle): Row[] {
  return findSuppressions(text, style).directives.map((d) => [d.kind, [...d.ids], d.line, d.appendAt]);
}

/** Offset just after the `n`-th (0-based) occurrence of `s` in `text`. */
function after(text: string, s: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(s, at + 1);
  assert.ok(at >= 0, `${s} in ${text}`);
  return at + s.length;
}

void describe('suppression comments', () => {
  void test('XML: next-line after the line the comment ends on, several ids, a free-text reason, "-->" not part of an id', () => {
    const a = '<a/>\n<!-- ece-disable-next-line xml/x, connpool/y-z because -->\n<b/>';
    assert.deepEqual(directives(a, 'xml'), [['next-line', ['xml/x', 'connpool/y-z'], 2, after(a, 'connpool/y-z')]]);
    const b = '<!--\n ece-disable-next-line connpool/a\n-->\n<x/>';
    assert.deepEqual(directives(b, 'xml'), [['next-line', ['connpool/a'], 3, after(b, 'connpool/a')]]);
    const c = '<x/><!-- ece-disable-line connpool/a-->';
    assert.deepEqual(directives(c, 'xml'), [['line', ['connpool/a'], 0, after(c, 'connpool/a')]]);
    const d = '<!--ece-disable -->';
    assert.deepEqual(directives(d, 'xml'), [['file', ['*'], -1, after(d, 'ece-disable')]]);
  });

  void test('XML: the comment end glued to the marker (no blank before "-->") still ends a marker', () => {
    const e = '<!--ece-disable-->';
    assert.deepEqual(directives(e, 'xml'), [['file', ['*'], -1, after(e, 'ece-disable')]]);
    const f = '<x/><!--ece-disable-line-->\n<!--ece-disable-next-line-->\n<y/>';
    assert.deepEqual(directives(f, 'xml'), [['line', ['*'], 0, after(f, 'ece-disable-line')], ['next-line', ['*'], 2, after(f, 'ece-disable-next-line')]]);
    assert.deepEqual(directives('<!--ece-disable--x-->', 'xml'), [], 'a dash that does not close the comment is more of a word');
  });

  void test('XML: only a marker inside a closed comment counts; the comment holding it is found among many', () => {
    assert.deepEqual(directives('<a>ece-disable</a>', 'xml'), []);
    assert.deepEqual(directives('<!-- x --> ece-disable-line xml/a', 'xml'), []);
    assert.deepEqual(directives('<a/><!-- ece-disable-next-line xml/a', 'xml'), [], 'never closed');
    assert.deepEqual(directives('<!-- ece-disabled --><!-- ece-disable-foo -->', 'xml'), [], 'not the marker');
    const many = ['<r>', '<!-- one -->', '<!-- two -->', '<!-- ece-disable-line xml/a -->', '<!-- four -->', '<x/> ece-disable-line xml/b', '<!-- ece-disable-next-line xml/c -->', '</r>'].join('\n');
    assert.deepEqual(directives(many, 'xml'), [
      ['line', ['xml/a'], 3, after(many, 'xml/a')],
      ['next-line', ['xml/c'], 7, after(many, 'xml/c')],
    ]);
  });

  void test('properties (# and !): only at the start of a line; ids up to the first token that is not a rule id', () => {
    const a = '# ece-disable-next-line properties/x\nk=v\n  ! ece-disable-line properties/y\nk2=v # ece-disable-line properties/z\n';
    assert.deepEqual(directives(a, 'hash'), [
      ['next-line', ['properties/x'], 1, after(a, 'properties/x')],
      ['line', ['properties/y'], 2, after(a, 'properties/y')],
    ]);
    // "(a/b" and "a/b)" are not ids: the ids stop there (none: every rule).
    const b = '# ece-disable-line (properties/x\n# ece-disable-line properties/x) why\n# ece-disable-line Properties/X\n';
    assert.deepEqual(directives(b, 'hash'), [
      ['line', ['*'], 0, after(b, 'ece-disable-line', 0)],
      ['line', ['*'], 1, after(b, 'ece-disable-line', 1)],
      ['line', ['*'], 2, after(b, 'ece-disable-line', 2)],
    ]);
  });

  void test('slash: line comments, block comments on one line and over several, and a marker outside any comment', () => {
    const a = '// ece-disable-next-line ecejs/a\nx();';
    assert.deepEqual(directives(a, 'slash'), [['next-line', ['ecejs/a'], 1, after(a, 'ecejs/a')]]);
    const b = 'var x; /* ece-disable-next-line ecejs/a */ y();\nz();';
    assert.deepEqual(directives(b, 'slash'), [['next-line', ['ecejs/a'], 1, after(b, 'ecejs/a')]]);
    const c = '/* ece-disable-next-line ecejs/a ecejs/b\n   why\n */\nx();';
    assert.deepEqual(directives(c, 'slash'), [['next-line', ['ecejs/a', 'ecejs/b'], 3, after(c, 'ecejs/b')]]);
    // A line comment after a closed block comment: the next line is the one after the marker, not after a later "*/".
    const d = '/* a */ // ece-disable-next-line ecejs/a\ny();\n/* b */';
    assert.deepEqual(directives(d, 'slash'), [['next-line', ['ecejs/a'], 1, after(d, 'ecejs/a')]]);
    assert.deepEqual(directives('x = "ece-disable-line ecejs/a";', 'slash'), []);
  });

  void test('batch: REM and :: (after blanks and @), CRLF line ends; "remark" and echo are not comments', () => {
    const a = 'REM ece-disable-next-line batch/a\r\nset x=1\r\n@rem ece-disable-line batch/b\r\n:: ece-disable\r\n';
    assert.deepEqual(directives(a, 'rem'), [
      ['next-line', ['batch/a'], 1, after(a, 'batch/a')],
      ['line', ['batch/b'], 2, after(a, 'batch/b')],
      ['file', ['*'], -1, after(a, ':: ece-disable')],
    ]);
    assert.deepEqual(directives('remark ece-disable-line batch/a\r\necho ece-disable-line batch/a\r\n', 'rem'), []);
  });

  void test('edges: a marker before every XML comment, "*/" right after an id, only "//" and "/*" close a comment, CR line ends', () => {
    assert.deepEqual(directives('<x a="ece-disable-line xml/a"/> <!-- a --> <!-- b -->', 'xml'), []);
    const a = '/* ece-disable-next-line ecejs/a*/ x();\ny();';
    assert.deepEqual(directives(a, 'slash'), [['next-line', ['ecejs/a'], 1, after(a, 'ecejs/a')]]);
    const b = '# ece-disable-line p/a*/\n';
    assert.deepEqual(directives(b, 'hash'), [['line', ['*'], 0, after(b, 'ece-disable-line')]], '"*/" closes nothing in a properties file');
    // Java's properties reader ends a line at a lone CR too: the next line is not part of the comment.
    const c = '# ece-disable-line p/a\rp/b\r';
    assert.deepEqual(directives(c, 'hash'), [['line', ['p/a'], 0, after(c, 'p/a')]]);
  });

  void test('two directives for one line add up; the file form applies everywhere', () => {
    const s = findSuppressions('# ece-disable-next-line p/a\n# ece-disable-line p/b\nk=v\n', 'hash');
    assert.deepEqual([...s.lines.entries()].map(([l, ids]) => [l, [...ids]]), [[1, ['p/a', 'p/b']]]);
    assert.equal(isSuppressed(s, 'p/a', 1), true);
    assert.equal(isSuppressed(s, 'p/b', 2, 1), true);
    assert.equal(isSuppressed(s, 'p/a', 2), false);
    const f = findSuppressions('# ece-disable p/c\n', 'hash');
    assert.deepEqual([...f.file], ['p/c']);
    assert.equal(isSuppressed(f, 'p/c', 40), true);
    assert.equal(isSuppressed(f, 'p/d', 0), false);
  });
});
