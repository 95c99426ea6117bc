/**
 * The batch parser against cmd.exe's behaviour. Each row: the text of a batch file, the variable, and the value
 * cmd.exe holds after running it. Rows marked (Wine) restate a case of Wine's cmd conformance suite
 * (programs/cmd/tests/test_builtins.cmd with its expected output, which is recorded on Windows); the others follow
 * Microsoft's `set` documentation and the cmd.exe parsing phases as docs/batch-files.md describes them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBatch, type BatchAssignment } from '../../server/src/service/parse/batch';

/** [file text, variable (as cmd.exe names it), value cmd.exe holds (null: the line sets nothing)] */
const TABLE: Array<[string, string, string | null]> = [
  ['SET FOO=value \r\n', 'FOO', 'value '], // (Wine) trailing blank kept
  ['SET FOO=foo\t\r\n', 'FOO', 'foo\t'], // (Wine) trailing tab kept
  ['SET "FOO=value" \r\n', 'FOO', 'value'], // (Wine) quotes delimit; the blank after them is ignored
  ['SET FOO=jim fred', 'FOO', 'jim fred'], // (Wine)
  ['SET FOO="jim" fred', 'FOO', '"jim" fred'], // (Wine) quotes are part of the value
  ['SET "FOO=jim fred"', 'FOO', 'jim fred'], // (Wine)
  ['SET "FOO=jim" fred', 'FOO', 'jim'], // (Wine) text after the closing quote is ignored
  ['set "FOO=apple"banana"grape"orange', 'FOO', 'apple"banana"grape'], // (Wine) only the last quote ends it
  ['SET FOOBAR =  baz', 'FOOBAR ', '  baz'], // (Wine) blanks around = are part of name and value
  ['SET FOOBAR= bar', 'FOOBAR', ' bar'], // (Wine)
  ['set\tFOO=foo', 'FOO', 'foo'], // (Wine) a tab after SET
  ['set BAZ%=bazbaz', 'BAZ', 'bazbaz'], // (Wine) a % without a partner on the line is dropped
  ['SET FOO=bar ^| baz', 'FOO', 'bar | baz'], // (Wine) caret escapes the pipe
  ['SET FOO=bar ^^^| baz', 'FOO', 'bar ^| baz'], // (Wine) ^^ is a caret, ^| a pipe
  ['SET X=hell^o', 'X', 'hello'], // (Wine: echo hell^o) the caret disappears
  ['SET X=a^\r\nb\r\n', 'X', 'ab'], // (Wine: echo hello^ + world) caret at the end joins the next line
  ['SET X=a^\n\nb\n', 'X', 'a\nb'], // (Wine) ... and an empty next line puts a line break in
  ['SET X=a >nul', 'X', 'a '], // (Wine: echo foo >>foo writes "foo ") the blank before a redirection stays
  ['SET X=12>nul', 'X', '12'], // (Wine: echo foo12> foo writes foo12) a digit stuck to text is not a handle
  ['SET X=1 2>nul', 'X', '1 '], // (Wine: echo foo7 7> foo writes "foo7 ") a digit after a blank is the handle
  ['SET X=a&b', 'X', 'a'], // & outside quotes ends the command
  ['SET X=a ^& b', 'X', 'a & b'],
  ['SET X="a & b"', 'X', '"a & b"'], // Microsoft: quotes protect & and stay in the value
  ['SET X=a && echo b', 'X', 'a '],
  ['SET X=a|more', 'X', 'a'],
  ['SET X=a=b', 'X', 'a=b'], // the first = splits name from value
  ['SET X=100%%', 'X', '100%'], // %% is a literal % in a batch file
  ['SET X=%%PATH%%', 'X', '%PATH%'],
  ['SET X="a^b"', 'X', '"a^b"'], // carets are literal inside quotes
  ['SET X=x)', 'X', 'x)'], // ) outside a block is an ordinary character
  ['(SET X=x)', 'X', 'x'],
  ['(\r\n  SET X=in block\r\n)\r\n', 'X', 'in block'],
  ['@SET X=at', 'X', 'at'],
  ['  @ SET X=lead', 'X', 'lead'],
  ['Set x=Mixed', 'x', 'Mixed'],
  ['SET X=', 'X', ''], // SET X= removes the variable
  ['SET X', 'X', null], // lists variables, sets nothing
  ['SET', 'X', null],
  ['SET "X"', 'X', null],
  ['REM SET X=1', 'X', null],
  ['rem echo foo & SET X=1', 'X', null], // (Wine: rem echo foo & echo bar prints nothing)
  [':: SET X=1', 'X', null],
  [':label SET X=1', 'X', null],
  ['echo SET X=1', 'X', null],
  ['SETX X 1', 'X', null],
  ['SET X=<JAVA_HOME>', 'X', null], // a redirection without a target: cmd.exe refuses the command
  ['SET "X=<JAVA_HOME>"', 'X', '<JAVA_HOME>'],
  ['SET "X=unclosed & more', 'X', 'unclosed & more'],
  ['if not defined X SET X=C:\\jdk', 'X', 'C:\\jdk'],
  ['if "%A%"=="" (SET X=then) else (SET X=else)', 'X', 'else'],
  ['for %%i in (a b) do SET X=%%i', 'X', '%i'],
  ['SET X=a!', 'X', 'a!'], // no delayed expansion: ! is an ordinary character
  ['setlocal EnableDelayedExpansion\r\nSET X=a!\r\n', 'X', 'a'], // with it, a lone ! is dropped
  ['setlocal EnableDelayedExpansion\r\nSET X=a^^!\r\n', 'X', 'a!'], // ^^ gives ^, which then escapes the !
  ['setlocal EnableDelayedExpansion\r\nendlocal\r\nSET X=a!\r\n', 'X', 'a!'],
  ['SET X=a\rb', 'X', 'ab'], // a lone CR is removed, it does not end the line
  ['SET X=one\x1aSET Y=two', 'X', 'one'], // CTRL+Z ends a line
  ['SET X=one\x1aSET Y=two', 'Y', 'two'],
  ['SET "X=a" & SET Y=b', 'X', 'a'],
  ['SET "X=a" & SET Y=b', 'Y', 'b'],
];

/** The value the last assignment of `name` (exact name) leaves, null when none runs. */
function held(text: string, name: string): string | null {
  let v: string | null = null;
  for (const a of parseBatch(text).assignments) {
    if (a.key !== name.toUpperCase() || a.kind !== 'plain' || !a.runs) continue;
    v = a.value!;
  }
  return v;
}

void describe('batch parser: SET against cmd.exe', () => {
  for (const [text, name, want] of TABLE) {
    void test(`${JSON.stringify(text)} → ${name} = ${JSON.stringify(want)}`, () => {
      assert.equal(held(text, name), want);
    });
  }

  void test('names are case-insensitive (the key), kept as written (the name)', () => {
    const [a] = parseBatch('set Java_Home=C:\\jdk').assignments;
    assert.equal(a!.name, 'Java_Home');
    assert.equal(a!.key, 'JAVA_HOME');
  });

  void test('raw spans of name and value, quote form, line', () => {
    const text = '@echo off\r\nSET JAVA_HOME="C:\\Program Files\\jdk"  \r\nSET "B=x" tail\r\n';
    const [a, b] = parseBatch(text).assignments as [BatchAssignment, BatchAssignment];
    assert.equal(text.slice(a.nameStart, a.nameEnd), 'JAVA_HOME');
    assert.equal(text.slice(a.valueStart, a.valueEnd), '"C:\\Program Files\\jdk"  ');
    assert.equal(a.value, '"C:\\Program Files\\jdk"  ');
    assert.equal(a.form, 'plain');
    assert.equal(a.line, 1);
    assert.equal(text.slice(a.setStart, a.end), 'SET JAVA_HOME="C:\\Program Files\\jdk"  ');
    assert.equal(b.form, 'quoted');
    assert.equal(text.slice(b.nameStart, b.nameEnd), 'B');
    assert.equal(text.slice(b.valueStart, b.valueEnd), 'x');
    assert.equal(text[b.openQuote], '"');
    assert.equal(b.closeQuote, text.indexOf('" tail'));
    assert.equal(text.slice(b.ignoredStart, b.ignoredEnd), ' tail');
    assert.equal(b.line, 2);
  });

  void test('the decoded value maps back to raw offsets through carets and %%', () => {
    const text = 'SET X=a^&b%%c';
    const [a] = parseBatch(text).assignments;
    assert.equal(a!.value, 'a&b%c');
    assert.equal(a!.valueText.toRaw(1), text.indexOf('&'));
    assert.equal(a!.valueText.toRaw(3), text.indexOf('%%'));
    assert.equal(a!.valueText.toRaw(5), text.length);
  });

  void test('SET /A and SET /P: names kept, values unknown', () => {
    const p = parseBatch('set /a N=1+2, M += 3\r\nset /p NAME=Your name: \r\nset /A "Q=5%%3"\r\nset /x Y=1\r\n');
    assert.deepEqual(p.assignments.map((a) => [a.kind, a.name, a.value]), [
      ['arithmetic', 'N', undefined],
      ['arithmetic', 'M', undefined],
      ['prompt', 'NAME', undefined],
      ['arithmetic', 'Q', undefined],
    ]);
  });

  void test('conditional: inside IF, FOR and blocks', () => {
    const p = parseBatch('SET A=1\r\nif exist x SET B=1\r\n(\r\nSET C=1\r\n)\r\nfor %%i in (x) do SET D=1\r\n');
    assert.deepEqual(p.assignments.map((a) => [a.name, a.conditional]), [['A', false], ['B', true], ['C', true], ['D', true]]);
  });

  void test('a refused command does not run; a BOM and text after a redirection make a value uncertain', () => {
    const [bad] = parseBatch('SET X=<JAVA_HOME>').assignments;
    assert.equal(bad!.runs, false);
    assert.equal(bad!.value, '');
    const [bom] = parseBatch('\uFEFFSET X=1\r\n').assignments;
    assert.match(bom!.uncertain!, /byte-order mark/);
    assert.equal(parseBatch('\uFEFF@echo off\r\nSET X=1\r\n').assignments[0]!.uncertain, undefined);
    assert.match(parseBatch('SET X=a >nul b').assignments[0]!.uncertain!, /redirection/);
  });

  void test('references: %VAR%, !VAR!, arguments; quoted or not, with the quoted string', () => {
    const text = 'setlocal enabledelayedexpansion\r\nSET P=%JAVA_HOME%\\bin;!X!\r\n"%JAVA_HOME%\\bin\\java" %~dp0x %1 %VAR:~0,2%\r\n';
    const p = parseBatch(text);
    assert.deepEqual(p.references.map((r) => [r.kind, r.name, r.key, r.quoted, text.slice(r.start, r.end)]), [
      ['variable', 'JAVA_HOME', 'JAVA_HOME', false, '%JAVA_HOME%'],
      ['delayed', 'X', 'X', false, '!X!'],
      ['variable', 'JAVA_HOME', 'JAVA_HOME', true, '%JAVA_HOME%'],
      ['argument', '~dp0', '', false, '%~dp0'],
      ['argument', '1', '', false, '%1'],
      ['variable', 'VAR:~0,2', 'VAR', false, '%VAR:~0,2%'],
    ]);
    const q = p.references[2]!;
    assert.equal(text.slice(q.quoteStart, q.quoteEnd), '"%JAVA_HOME%\\bin\\java"');
    assert.deepEqual(p.assignments[0]!.references.map((r) => r.name), ['JAVA_HOME', 'X']);
    assert.equal(p.assignments[0]!.value, '%JAVA_HOME%\\bin;!X!');
  });

  void test('labels and comments', () => {
    const text = '@echo off\r\n:start\r\n:: a comment\r\nREM another\r\n:end & more\r\n';
    const p = parseBatch(text);
    assert.deepEqual(p.labels.map((l) => [l.name, l.line]), [['start', 1], ['end', 4]]);
    assert.deepEqual(p.comments.map((c) => [c.style, text.slice(c.start, c.end)]), [['colons', ':: a comment'], ['rem', 'REM another']]);
  });

  void test('REM: a caret ending its first word joins the next line to the comment; further on it does not', () => {
    assert.deepEqual(parseBatch('REM note^\r\nSET X=1\r\n').assignments, []);
    assert.equal(held('REM a note^\r\nSET X=1\r\n', 'X'), '1');
  });
});

void describe('batch parser: robustness', () => {
  const cases: Array<[string, string]> = [
    ['binary', Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')],
    ['NUL bytes', 'SET X=a\0b\r\n\0\0\0'],
    ['a huge line', 'SET X=' + 'a'.repeat(2_000_000)],
    ['a huge line of specials', '^&|<>"%!()'.repeat(200_000)],
    ['a lone caret at the end', 'SET X=a^'],
    ['only a caret', '^'],
    ['an unterminated quote', 'SET "X=abc\r\nSET Y="def\r\n'],
    ['deep parentheses', '('.repeat(100_000) + 'SET X=1' + ')'.repeat(100_000)],
    ['deep IF chains', 'if 1==1 '.repeat(50_000) + 'SET X=1'],
    ['many percent signs', '%'.repeat(100_001) + '\r\n%a'.repeat(10_000)],
    ['a redirection at the end', 'SET X=a >'],
  ];
  for (const [name, text] of cases) {
    void test(`${name}: no throw, spans inside the text`, () => {
      const p = parseBatch(text);
      for (const a of p.assignments) {
        for (const o of [a.nameStart, a.nameEnd, a.valueStart, a.valueEnd, a.setStart, a.end]) assert.ok(o >= 0 && o <= text.length, `${o} in range`);
        assert.ok(a.nameStart <= a.nameEnd && a.valueStart <= a.valueEnd);
      }
      for (const r of p.references) assert.ok(r.start >= 0 && r.end <= text.length && r.start < r.end);
    });
  }
  void test('a lone caret at the end of the file is dropped', () => assert.equal(held('SET X=a^', 'X'), 'a'));
  void test('deep parentheses still find the assignment', () => assert.equal(held('('.repeat(150) + 'SET X=1' + ')'.repeat(150), 'X'), '1'));
  void test('a redirection without a target refuses the command', () => assert.equal(parseBatch('SET X=a >').assignments[0]!.runs, false));
});
