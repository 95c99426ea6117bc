/**
 * The `ece.files.*` matcher (`core/glob.ts`), used by the server, the CLI and the client: a table of paths pinned, the
 * same answers as picomatch (its syntax's reference) on random patterns and paths, and hostile patterns that make
 * regex-based matchers backtrack for seconds answered correctly.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { globProblems, matchesAnyGlob, matchesGlob } from '../../server/src/service/core/glob';
import { DEFAULT_FILE_GLOBS } from '../../server/src/service/core/settings';
import { seededRandom } from './random';

void describe('glob matcher', () => {
  void test('a table of paths and patterns (case-insensitive, backslashes, suffix patterns, URIs)', () => {
    const rows: Array<[string, string, boolean]> = [
      ['**/egpl_ds_connpool_map.xml', 'C:\\ECE\\eService\\installation\\dataaccess\\EGPL_DS_CONNPOOL_MAP.XML', true],
      ['**/egpl_ds_connpool_map.xml', 'file:///c%3A/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml', true],
      ['**/egpl_ds_connpool_map.xml', '/srv/egpl_ds_connpool_map.xml.bak', false],
      ['**\\web.config', 'D:/inetpub/site/Web.Config', true],
      ['dataaccess/*.xml', '/ece/eService/installation/dataaccess/egpl.xml', true],
      ['dataaccess/*.xml', '/ece/eService/installation/dataaccess/sub/egpl.xml', false],
      ['/ece/*.xml', '/ece/a.xml', true],
      ['/ece/*.xml', '/x/ece/a.xml', false],
      ['C:/ECE/**/input.properties', 'c:\\ece\\UpdateDBIndexStats\\input.properties', true],
      ['**/finesse/gadget/layout/*.xml', '/h/eService/templates/finesse/gadget/layout/agent.xml', true],
      ['**/finesse/gadget/layout/*.xml', '/h/eService/templates/finesse/gadget/layout/old/agent.xml', false],
      ['**/*finesse*layout*.xml', '/h/my-Finesse-desk-LAYOUT-v2.xml', true],
      ['**/*.{bat,cmd}', '/h/egainstart.BAT', true],
      ['**/{egainstart,egainstop}.bat', '/h/bin/egainstop.bat', true],
      ['**/egain?tart.bat', '/h/bin/egainstart.bat', true],
      ['**/[ab]*.xml', '/h/Agent.xml', true],
      ['**/[!ab]*.xml', '/h/agent.xml', false],
      ['**/**/**/x.xml', '/x.xml', true],
      ['**/.hidden/x.xml', '/h/.hidden/x.xml', true],
      ['./x.xml', '/a/b/x.xml', true],
    ];
    for (const [glob, path, want] of rows) assert.equal(matchesGlob(path, glob), want, `${glob} on ${path}`);
    // The defaults of every kind match their own file names.
    assert.ok(matchesAnyGlob('C:\\ECE\\eService\\installation\\dataaccess\\egpl_ds_connpool_map.xml', DEFAULT_FILE_GLOBS.connpool));
    assert.ok(matchesAnyGlob('/x/web.config', DEFAULT_FILE_GLOBS.webconfig));
  });

  void test('the same answers as picomatch (nocase, dot) on 5,000 random anchored patterns and paths', () => {
    const rnd = seededRandom(424242);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const parts = ['a', 'b', 'ab', 'x.xml', 'A.XML', '.d', 'web.config', 'e1'];
    const gparts = ['a', 'b', '*', '**', '?b', 'a*', '*.xml', '[ab]', '[^a]*', '{a,b}', '{x,*.xml}', 'web.config', '*b*', '[a-b]*', '{a,{b,e?}}', '{[ab],x.xml}', '*.XML'];
    let agreed = 0;
    for (let n = 0; n < 5000; n++) {
      // (A pattern ending in `**` after a wildcard segment is left out: picomatch then needs one more segment, while a
      // trailing `**` here, as after a literal segment in picomatch, also matches none. File patterns end in a name.)
      const segs = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick(gparts));
      if (segs[segs.length - 1] === '**') segs.push(pick(['x.xml', '*.xml', 'a']));
      const glob = '**/' + segs.join('/');
      const path = '/' + Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(parts)).join('/');
      const oracle = picomatch(glob, { nocase: true, dot: true })(path.slice(1));
      assert.equal(matchesGlob(path, glob), oracle, `${glob} on ${path}`);
      agreed++;
    }
    assert.equal(agreed, 5000);
  });

  void test('each construct at its edges: ./ and blanks, ranges and negated sets, nested and single braces, drives, URIs', () => {
    const rows: Array<[string, string, boolean]> = [
      // Normalising: blanks trimmed, any number of leading `./` (or `.\`) dropped, a `./` elsewhere kept.
      ['  **/x.xml  ', '/h/x.xml', true],
      ['././x.xml', '/a/x.xml', true],
      ['.\\x.xml', '/a/x.xml', true],
      ['**/a./b.xml', '/h/a./b.xml', true],
      // Sets: ranges (case-insensitive), a trailing `-` is a plain character, `!` and `^` negate, `]` first is literal.
      ['**/[a-c]x.xml', '/h/Bx.xml', true],
      ['**/[a-c]x.xml', '/h/dx.xml', false],
      ['**/[!a-c]x.xml', '/h/dx.xml', true],
      ['**/[!a-c]x.xml', '/h/bx.xml', false],
      ['**/[^a-c]x.xml', '/h/bx.xml', false],
      ['**/[a-]x.xml', '/h/-x.xml', true],
      ['**/[a-]x.xml', '/h/bx.xml', false],
      ['**/[!a]*.xml', '/h/!b.xml', true],
      ['**/[]]x.xml', '/h/]x.xml', true],
      // Braces: nested alternatives, a set inside them, `{a}` (one alternative) is literal text.
      ['**/{a,{b,c}}.xml', '/h/c.xml', true],
      ['**/{a,{b,c}}.xml', '/h/d.xml', false],
      ['**/{[ab],e}.xml', '/h/b.xml', true],
      ['**/{[ab],e}.xml', '/h/e.xml', true],
      ['**/{a}.xml', '/h/{a}.xml', true],
      ['**/{a}.xml', '/h/a.xml', false],
      ['**/{a,{b,c},d}.xml', '/h/d.xml', true],
      ['**/a}{b,c}.xml', '/h/a}c.xml', true],
      ['**/[azb]y.xml', '/h/zy.xml', true],
      // A drive anchors the pattern at the start of the path.
      ['C:/ECE/*.xml', 'C:\\ECE\\a.xml', true],
      ['C:/ECE/*.xml', '/x/C:/ECE/a.xml', false],
      // A URI's path is decoded before matching.
      ['**/my layout.xml', 'file:///h/my%20layout.xml', true],
      ['**/x*.xml', '/h/x.xml', true],
      ['**/a/b/c/d.xml', '/a/d.xml', false],
    ];
    for (const [glob, path, want] of rows) assert.equal(matchesGlob(path, glob), want, `${glob} on ${path}`);
    // matchesAnyGlob: an invalid glob is skipped, not fatal; one matching alternative is enough; no globs, no match.
    assert.equal(matchesAnyGlob('/h/x.xml', ['**/[ab.xml', '**/x.xml']), true);
    assert.equal(matchesAnyGlob('/h/x.xml', ['**/{a,x}.xml']), true);
    assert.equal(matchesAnyGlob('/h/y.xml', ['**/x.xml']), false);
    assert.equal(matchesAnyGlob('/h/y.xml', []), false);
  });

  void test('the bounds are exact: 500 characters and 64 alternatives pass, one more does not', () => {
    assert.deepEqual(globProblems(['**/' + 'a'.repeat(497), '{a,b}'.repeat(6)]), []);
    assert.deepEqual(globProblems(['**/' + 'a'.repeat(498), '{a,b}'.repeat(7), '{a,b}'.repeat(8)]).map((p) => p.message), [
      'the pattern is longer than 500 characters',
      "the pattern's {…} alternatives give more than 64 patterns",
      "the pattern's {…} alternatives give more than 64 patterns",
    ]);
    assert.equal(matchesGlob('/b/b/b/b/b/b/b.xml', '**/' + '{a,b}/'.repeat(6) + 'b.xml'), true);
  });

  void test('hostile patterns are answered (no exponential backtracking) and bad ones are reported, not thrown', () => {
    const name = 'a'.repeat(250) + '.xml';
    const path = '/' + 'a/'.repeat(60) + name;
    assert.equal(matchesGlob(path, '**/' + '*a'.repeat(40) + 'b.xml'), false);
    assert.equal(matchesGlob(path, '**/' + '*a'.repeat(40) + '.xml'), true);
    assert.equal(matchesGlob(path, '**/'.repeat(200) + '*b.xml'), false);
    assert.deepEqual(globProblems(['**/x.xml', '**/[ab.xml', 'x'.repeat(501), '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}', '']).map((p) => p.message), [
      '"[" without a closing "]" in "[ab.xml"',
      'the pattern is longer than 500 characters',
      "the pattern's {…} alternatives give more than 64 patterns",
      'the pattern is empty',
    ]);
    assert.equal(matchesGlob('/h/[ab.xml', '**/[ab.xml'), false, 'an invalid pattern matches nothing');
  });
});
