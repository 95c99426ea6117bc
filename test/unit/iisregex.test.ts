import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeWsname,
  buildRestrictedWsname,
  escapeDomain,
  GUIDE_WSNAME_HOST_PART,
  parseDomainList,
  sampleCandidates,
  sampleInput,
  SHIPPED_PERMISSIVE_WSNAME,
  validateIisPattern,
  WSNAME_HOST_PART,
} from '../../server/src/service/parse/iisRegex';

const GUIDE = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9.]++)(domain1\\com|domain2\\com)(&|%26|\\$))';
/** The guide's pattern with its two copy-paste errors fixed: still the guide's host part. */
const FIXED = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9.]+)(domain1\\.com|domain2\\.com)(&|%26|\\$))';
/** What our command writes: a dot is required between a sub-domain and the allowed domain. */
const BUILT = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9-]+\\.)*(domain1\\.com|domain2\\.com)(&|%26|\\$))';

const kinds = (p: string) => validateIisPattern(p).map((x) => [x.kind, x.start, x.end]);

void describe('validateIisPattern', () => {
  void test('valid IIS patterns have no problem', () => {
    for (const p of [SHIPPED_PERMISSIVE_WSNAME, FIXED, BUILT, '^(.*)$', 'a{2,3}?b*?c+?d??', '(?:x)(?=y)(?!z)[\\]a-]', 'x{', '\\com']) {
      assert.deepEqual(validateIisPattern(p), [], p);
    }
  });

  void test('possessive quantifiers at their offset, with the fix to drop the extra +', () => {
    const ps = validateIisPattern(GUIDE);
    assert.equal(ps.length, 1);
    const p = ps[0]!;
    assert.equal(p.kind, 'possessive-quantifier');
    assert.equal(GUIDE.slice(p.start, p.end), '++');
    assert.equal(p.start, GUIDE.indexOf('++'));
    assert.match(p.message, /Possessive quantifier/);
    assert.deepEqual(p.fix?.edit, { start: p.start, end: p.end, newText: '+' });
    assert.deepEqual(kinds('a*+b?+c{2}+d{1,}+e{1,3}+'), [
      ['possessive-quantifier', 1, 3],
      ['possessive-quantifier', 4, 6],
      ['possessive-quantifier', 7, 11],
      ['possessive-quantifier', 12, 17],
      ['possessive-quantifier', 18, 24],
    ]);
    assert.deepEqual(validateIisPattern('(ab)++').map((x) => x.fix?.edit), [{ start: 4, end: 6, newText: '+' }]);
  });

  void test('++ inside a character class or escaped is not a quantifier', () => {
    assert.deepEqual(kinds('[++]a++'), [['possessive-quantifier', 5, 7]]);
    assert.deepEqual(kinds('\\++'), []); // an escaped `+` repeated once or more
    assert.deepEqual(validateIisPattern('[++]\\+'), []);
  });

  void test('atomic groups, lookbehind, named groups and named back-references', () => {
    assert.deepEqual(kinds('a(?>b)c(?<=x)(?<!y)(?<n>z)\\k<n>'), [
      ['atomic-group', 1, 4],
      ['lookbehind', 7, 11],
      ['lookbehind', 13, 17],
      ['named-group', 19, 24],
      ['named-backreference', 26, 31],
    ]);
    assert.deepEqual(kinds("(?P<host>x)(?'n'y)"), [
      ['named-group', 0, 9],
      ['named-group', 11, 16],
    ]);
    const atomic = validateIisPattern('(?>ab)')[0]!;
    assert.deepEqual(atomic.fix?.edit, { start: 0, end: 3, newText: '(?:' });
  });

  void test('syntax errors at their offset', () => {
    assert.deepEqual(kinds('ab(cd'), [['syntax', 2, 3]]);
    assert.deepEqual(kinds('ab)cd'), [['syntax', 2, 3]]);
    assert.deepEqual(kinds('x[ab'), [['syntax', 1, 2]]);
    assert.deepEqual(kinds('*a'), [['syntax', 0, 1]]);
    assert.deepEqual(kinds('(|+)'), [['syntax', 2, 3]]);
    assert.deepEqual(kinds('a\\'), [['syntax', 1, 2]]);
    assert.deepEqual(kinds('[z-a]'), [['syntax', 4, 5]]);
    assert.equal(validateIisPattern('(?i)x')[0]!.kind, 'syntax');
  });

  void test('IIS-only constructs are still reported next to a later syntax error', () => {
    assert.deepEqual(kinds('a++(b'), [
      ['possessive-quantifier', 1, 3],
      ['syntax', 3, 4],
    ]);
  });

  void test('never throws on odd input', () => {
    for (const p of ['', '(', ')', '[', '\\', '(?', '(?<', '(?P', "(?'", '{', '}', '|||', '\\k<', 'a{99999999999}']) {
      assert.doesNotThrow(() => validateIisPattern(p), p);
      assert.doesNotThrow(() => analyzeWsname('wsname=' + p), p);
    }
  });

  void test('a 120,000-character pattern nested 20,000 deep: every possessive quantifier found, the depth said as it is', () => {
    const p = '('.repeat(20000) + 'a++'.repeat(20000) + '[x'.repeat(20000);
    const v = validateIisPattern(p);
    assert.equal(v.filter((x) => x.kind === 'possessive-quantifier').length, 20000);
    assert.deepEqual(v.filter((x) => x.kind === 'possessive-quantifier').slice(0, 2).map((x) => x.start), [20001, 20004]);
    const syntax = v.filter((x) => x.kind === 'syntax');
    assert.equal(syntax.length, 1);
    assert.match(syntax[0]!.message, /nests too deeply to be checked/);
    assert.doesNotMatch(syntax[0]!.message, /call stack/);
    assert.equal(analyzeWsname('wsname=' + p)!.shape, 'unknown');
  });
});

void describe('analyzeWsname', () => {
  void test('no wsname= → null', () => {
    assert.equal(analyzeWsname('^(.*)$'), null);
  });

  void test('the shipped pattern is permissive', () => {
    const a = analyzeWsname('prefix&' + SHIPPED_PERMISSIVE_WSNAME + 'x')!;
    assert.equal(a.shape, 'permissive');
    assert.equal(a.isShipped, true);
    assert.equal(a.start, 7);
    assert.equal(a.end, 7 + SHIPPED_PERMISSIVE_WSNAME.length);
    assert.deepEqual(a.domains, []);
  });

  void test('restricted pattern: domains, offsets, terminator', () => {
    const a = analyzeWsname(FIXED)!;
    assert.equal(a.shape, 'restricted');
    assert.equal(a.isShipped, false);
    assert.deepEqual(a.domains.map((d) => [d.domain, d.start, d.end, d.source]), [
      ['domain1.com', FIXED.indexOf('domain1'), FIXED.indexOf('domain1') + 12, 'domain1\\.com'],
      ['domain2.com', FIXED.indexOf('domain2'), FIXED.indexOf('domain2') + 12, 'domain2\\.com'],
    ]);
    assert.deepEqual(a.terminator, { start: FIXED.indexOf('(&'), end: FIXED.length - 1 });
    assert.equal(a.terminatorInsertAt, null);
    assert.deepEqual(a.domains.map((d) => [d.escapedLetters, d.bareDots, d.complex]), [[[], [], false], [[], [], false]]);
  });

  void test('our built pattern: restricted, same domains and terminator as the guide-shaped one, host part "subdomains"', () => {
    const a = analyzeWsname(BUILT)!;
    const g = analyzeWsname(FIXED)!;
    assert.equal(a.shape, 'restricted');
    assert.equal(a.hostPart, 'subdomains');
    assert.equal(g.hostPart, 'unbounded');
    assert.deepEqual(a.domains.map((d) => [d.domain, d.start, d.end, d.source]), [
      ['domain1.com', BUILT.indexOf('domain1'), BUILT.indexOf('domain1') + 12, 'domain1\\.com'],
      ['domain2.com', BUILT.indexOf('domain2'), BUILT.indexOf('domain2') + 12, 'domain2\\.com'],
    ]);
    assert.deepEqual(a.domains.map((d) => [d.escapedLetters, d.bareDots, d.complex]), [[[], [], false], [[], [], false]]);
    assert.deepEqual(a.hostGroup && [a.hostGroup.start, a.hostGroup.end], [BUILT.indexOf('([a-z0-9-]'), BUILT.indexOf(')*(') + 1]);
    assert.equal(a.domainGroup!.start, BUILT.indexOf('(domain1'));
    assert.deepEqual(a.terminator, { start: BUILT.indexOf('(&'), end: BUILT.length - 1 });
    assert.equal(a.terminatorInsertAt, null);
    assert.equal(a.end, BUILT.length);
  });

  void test('host part classification', () => {
    const host = (h: string) => analyzeWsname(`wsname=((https?)(:|%3A)(/|%2F)(/|%2F)${h}(domain1\\.com)(&|%26|\\$))`)!;
    assert.equal(host(WSNAME_HOST_PART).hostPart, 'subdomains');
    assert.equal(host('([A-Z0-9\\-]+\\.)*').hostPart, 'subdomains');
    for (const h of [GUIDE_WSNAME_HOST_PART, '([a-z0-9.]++)', '([a-z0-9.]*)', '([a-z0-9]+?)', '([_0-9a-z-@:%_\\+~#]+)']) {
      assert.equal(host(h).shape, 'restricted', h);
      assert.equal(host(h).hostPart, 'unbounded', h);
    }
    for (const h of ['([a-z0-9-]+\\.)+', '([a-z0-9.]+\\.)', '([a-z0-9.]+)?', '([a-z]+x)', '([a-z0-9.]{1,63})']) {
      assert.equal(host(h).hostPart, 'other', h);
    }
    assert.equal(analyzeWsname(SHIPPED_PERMISSIVE_WSNAME)!.hostPart, null);
    assert.equal(analyzeWsname('wsname=.*')!.hostPart, null);
  });

  void test("the guide's pattern: \\c escapes found at their offsets", () => {
    const a = analyzeWsname(GUIDE)!;
    assert.equal(a.shape, 'restricted');
    const i1 = GUIDE.indexOf('\\com');
    const i2 = GUIDE.indexOf('\\com', i1 + 1);
    assert.deepEqual(a.domains.map((d) => d.escapedLetters), [[{ start: i1, end: i1 + 2 }], [{ start: i2, end: i2 + 2 }]]);
    assert.deepEqual(a.domains.map((d) => d.domain), ['domain1\\com', 'domain2\\com']);
  });

  void test('bare dots and a missing terminator', () => {
    const p = 'wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9.]+)(domain1.com|a\\.b.org))';
    const a = analyzeWsname(p)!;
    assert.deepEqual(a.domains.map((d) => d.bareDots), [[p.indexOf('1.com') + 1], [p.indexOf('b.org') + 1]]);
    assert.deepEqual(a.domains.map((d) => d.domain), ['domain1.com', 'a.b.org']);
    assert.equal(a.terminator, null);
    assert.equal(a.terminatorInsertAt, p.length - 1);
  });

  void test('terminator written as a bare $ anchor counts', () => {
    const a = analyzeWsname('wsname=((https?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9.]+)(domain1\\.com)$)')!;
    assert.notEqual(a.terminator, null);
  });

  void test('wsname= not followed by the known shape is unknown', () => {
    assert.equal(analyzeWsname('wsname=.*')!.shape, 'unknown');
  });

  void test('case-insensitive wsname= inside a larger pattern', () => {
    const p = '^(.*)&WSNAME=((https?)(:)(/)(/)([a-z.]+)(x\\.com)(&|%26|\\$))(.*)$';
    const a = analyzeWsname(p)!;
    assert.equal(a.start, 6);
    assert.equal(a.end, p.indexOf('(.*)$'));
    assert.deepEqual(a.domains.map((d) => d.domain), ['x.com']);
  });
});

void describe('building the restricted pattern', () => {
  void test('dots escaped, terminator present', () => {
    assert.equal(buildRestrictedWsname(['domain1.com', 'domain2.com']), BUILT);
    assert.equal(BUILT, FIXED.replace(GUIDE_WSNAME_HOST_PART, WSNAME_HOST_PART));
    assert.equal(escapeDomain('a-b.c.org'), 'a-b\\.c\\.org');
    const built = buildRestrictedWsname(['x.example.org']);
    assert.deepEqual(validateIisPattern(built), []);
    const a = analyzeWsname(built)!;
    assert.deepEqual(a.domains.map((d) => d.domain), ['x.example.org']);
    assert.notEqual(a.terminator, null);
  });

  void test('domain list input', () => {
    assert.deepEqual(parseDomainList(' Domain1.com, domain2.com;domain1.com  b.org. '), { domains: ['domain1.com', 'domain2.com', 'b.org'] });
    assert.deepEqual(parseDomainList(['a.com', 'b.com,c.com']), { domains: ['a.com', 'b.com', 'c.com'] });
    for (const bad of ['', ' , ', 'https://a.com', 'a.com/x', '*.a.com', 'a.com:443', 'localhost', 'a_b.com', '-a.com', '10.0.0.1', 'bücher.de']) {
      const r = parseDomainList(bad);
      assert.ok('error' in r, bad);
    }
    assert.deepEqual(parseDomainList('*.a.com'), { error: '"*.a.com": wildcards are not needed: the domain itself and every host name under it are allowed.' });
    const r = parseDomainList('https://finesse.domain1.com/desktop');
    assert.ok('error' in r && r.error.includes('finesse.domain1.com'));
  });

  void test('sample candidates', () => {
    const c = sampleCandidates(['domain1.com']);
    assert.equal(c.allowed[0], 'https://finesse.domain1.com');
    assert.deepEqual(c.refused.slice(0, 2), ['https://domain1.com.evil.example', 'https://evil.example/?x=domain1.com']);
    assert.deepEqual(c.lookalikes, ['https://www.domain1.com.evil.example', 'https://evil.example/?x=www.domain1.com', 'https://www.domain1xcom', 'https://evildomain1.com']);
    assert.equal(c.bare, 'https://domain1.com');
    assert.equal(c.gluedPrefix, 'https://evildomain1.com');
    assert.ok(c.allowed.includes(c.bare));
    assert.equal(sampleInput('https://a.com'), 'wsname=https://a.com&');
  });
});
