import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapePropertiesValue, parseProperties } from '../../server/src/service/parse/properties';

const kinds = (text: string) => parseProperties(text).escapes.map((e) => [e.kind, e.start, e.end, e.part]);

void describe('parseProperties', () => {
  void test('raw ranges of key, separator, value and line; CRLF and BOM', () => {
    const text = '\uFEFF# head\r\n  KEY = C:\\\\ECE  \r\nB:x\r\n';
    const p = parseProperties(text);
    assert.equal(p.bom, true);
    assert.deepEqual(p.comments.map((c) => [c.start, c.end, c.text, c.lineStart]), [[1, 7, ' head', 1]]);
    const [a, b] = p.entries;
    assert.ok(a && b);
    assert.equal(a.key, 'KEY');
    assert.equal(a.value, 'C:\\ECE  ');
    assert.deepEqual([a.lineStart, a.contentStart, a.keyStart, a.keyEnd, a.separatorEnd, a.valueStart, a.valueEnd, a.lineEnd, a.fullEnd],
      [9, 11, 11, 14, 17, 17, 26, 26, 28]);
    assert.equal(a.hasSeparator, true);
    assert.equal(text.slice(a.valueStart, a.valueEnd), 'C:\\\\ECE  ');
    assert.deepEqual([b.key, b.value, b.keyStart, b.valueStart, b.fullEnd], ['B', 'x', 28, 30, 33]);
  });

  void test('the spec examples load as Java loads them', () => {
    const t = (s: string) => parseProperties(s).entries.map((e) => [e.key, e.value]);
    assert.deepEqual(t('EGAIN_HOME_DIR=C:\\ECE\\eService\\templates'), [['EGAIN_HOME_DIR', 'C:ECEeService\templates']]);
    assert.deepEqual(t('P=\\\\server\\share'), [['P', '\\servershare']]);
    assert.deepEqual(t('SSIS_USER_ID=MASSIVE\\SQLServerSvc'), [['SSIS_USER_ID', 'MASSIVESQLServerSvc']]);
    assert.deepEqual(t('A=C:\\\\ECE\\\\eService'), [['A', 'C:\\ECE\\eService']]);
    assert.deepEqual(t('A=x\\\nB=y'), [['A', 'xB=y']]);
    assert.equal(parseProperties('D=D:\\utility\\x').malformedUnicode, true);
  });

  void test('escape kinds with raw ranges and parts', () => {
    assert.deepEqual(kinds('a\\=b=C:\\ECE\\temp\\u0041\\u12\\\\'), [
      ['valid', 1, 3, 'key'], ['unknown', 7, 9, 'value'], ['control', 11, 13, 'value'], ['unicode-ok', 16, 22, 'value'],
      ['unicode-malformed', 22, 26, 'value'], ['valid', 26, 28, 'value'],
    ]);
    // continuation: from the backslash to after the next line's skipped blanks; at EOF just the backslash
    assert.deepEqual(kinds('k=a\\\r\n   b\\'), [['continuation', 3, 9, 'value'], ['continuation', 10, 11, 'value']]);
    assert.deepEqual(kinds('k\\\n  ey=v'), [['continuation', 1, 5, 'key']]);
  });

  void test('every escape Java reads as the character itself is valid, `\\!` and `\\#` included', () => {
    // Properties.load: a backslash before any character other than t n r f u gives that character; the product calls
    // the meaningful ones (separators, comment starts, blanks, the backslash) valid and the others unknown.
    for (const c of ['\\', '=', ':', '#', '!', ' ', '\t', '\f']) {
      const text = `k=a\\${c}b`;
      assert.deepEqual(kinds(text), [['valid', 3, 5, 'value']], JSON.stringify(c));
      assert.equal(parseProperties(text).entries[0]!.value, `a${c}b`, JSON.stringify(c));
    }
    assert.deepEqual(kinds('\\!k=v'), [['valid', 0, 2, 'key']]);
    assert.equal(parseProperties('\\!k=v').entries[0]!.key, '!k');
    assert.deepEqual(kinds('k=a\\qb'), [['unknown', 3, 5, 'value']]);
  });

  void test('decoded offsets map back to raw offsets, across escapes and continuations', () => {
    const text = 'URL=jdbc:sqlserver://db\\\\inst;\\\n    databaseName=x';
    const e = parseProperties(text).entries[0]!;
    assert.equal(e.value, 'jdbc:sqlserver://db\\inst;databaseName=x');
    const d = e.valueText;
    const i = e.value.indexOf('\\inst');
    assert.equal(d.toRaw(i), text.indexOf('\\\\inst'));
    assert.equal(d.toRaw(i + 1), text.indexOf('inst'));
    assert.equal(d.toRaw(e.value.indexOf('databaseName')), text.indexOf('databaseName'));
    assert.equal(d.toRaw(e.value.length), text.length);
  });

  void test('comment rules: only at the start of a logical line, never continued', () => {
    const p = parseProperties('#a\\\nk=v#x\n  !b\n\\\n#c\n');
    assert.deepEqual(p.entries.map((e) => [e.key, e.value]), [['k', 'v#x']]);
    assert.deepEqual(p.comments.map((c) => c.text), ['a\\', 'b', 'c']);
  });

  void test('duplicates: last wins in the table, all kept by key', () => {
    const p = parseProperties('A=1\nA=2\n');
    assert.equal(p.table.get('A')!.value, '2');
    assert.equal(p.byKey.get('A')!.length, 2);
  });

  void test('escapePropertiesValue round-trips through the parser', () => {
    for (const s of ['C:\\ECE\\eService', '\\\\server\\share', 'tab\there', 'x\ny', ' lead', 'a=b:c#!']) {
      assert.equal(parseProperties('k=' + escapePropertiesValue(s, true)).entries[0]!.value, s);
    }
  });

  // How the time grows with the size is the benchmark's business (bench/, BENCHMARKS.md); here the results on a
  // large input must be exact.
  void test('a 1.6 MB value and 100,000 continuation lines: exact entries, values and escapes', () => {
    const big = 'K=' + 'C:\\ECE\\'.repeat(200_000) + 'x\n' + '\\\n'.repeat(100_000) + 'x=y';
    const p = parseProperties(big);
    assert.deepEqual(p.entries.map((e) => e.key), ['K', 'x']);
    assert.equal(p.entries[0]!.value, 'C:ECE'.repeat(200_000) + 'x');
    assert.equal(p.entries[1]!.value, 'y');
    assert.equal(p.entries[1]!.keyStart, big.length - 3);
    assert.equal(p.escapes.filter((e) => e.kind === 'unknown').length, 400_000);
    assert.equal(p.escapes.filter((e) => e.kind === 'continuation').length, 100_000);
  });
});
