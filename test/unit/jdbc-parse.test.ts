import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalName,
  connectionPort,
  databaseName,
  describeJdbcProperty,
  describeJdbcUrl,
  effectiveHost,
  effectiveInstance,
  effectivePort,
  encodePropertyValue,
  hasUrlCredential,
  integratedLoginMode,
  integratedSecurity,
  isNewestDriverOnlyAlias,
  isNotAHostName,
  jdbcHoverAt,
  loginMode,
  normalizeJdbcUrl,
  parseJdbcUrl,
  parsePort,
  placeholderSpans,
  setPropertyEdits,
  type JdbcUrl,
  type Span,
} from '../../server/src/service/parse/jdbcUrl';
import { DRIVER_ALIASES, DRIVER_PROPERTIES } from '../../server/src/service/parse/jdbcDriverFacts';

/** The span of the `nth` occurrence of `sub` in `text`. */
function at(text: string, sub: string, nth = 0): Span {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(sub, i + 1);
    assert.ok(i >= 0, `${sub} not found in ${text}`);
  }
  return { start: i, end: i + sub.length };
}

const problems = (u: JdbcUrl) => u.problems.map((p) => ({ code: p.code, start: p.start, end: p.end }));

function applyEdits(text: string, edits: Array<{ start: number; end: number; newText: string }>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const GUIDE = 'jdbc:sqlserver://ussuh23:1433;integratedSecurity=false;databaseName=eGActiveDB';

void describe('parseJdbcUrl: structure', () => {
  void test("the guide's URL: every part with its span", () => {
    const u = parseJdbcUrl(GUIDE);
    assert.equal(u.isSqlServer, true);
    assert.deepEqual(u.problems, []);
    assert.deepEqual(u.prefix, { start: 0, end: 17 });
    assert.deepEqual(u.server, { value: 'ussuh23', raw: 'ussuh23', span: { start: 17, end: 24 }, fullSpan: { start: 17, end: 24 } });
    assert.equal(u.instance, undefined);
    assert.deepEqual(u.port, { value: '1433', raw: '1433', span: { start: 25, end: 29 }, fullSpan: { start: 24, end: 29 } });
    assert.equal(u.properties.length, 2);
    const [a, b] = u.properties;
    assert.deepEqual(
      { name: a!.name, canonical: a!.canonical, value: a!.value, nameSpan: a!.nameSpan, valueSpan: a!.valueSpan, segmentSpan: a!.segmentSpan },
      { name: 'integratedSecurity', canonical: 'integratedSecurity', value: 'false', nameSpan: { start: 30, end: 48 }, valueSpan: { start: 49, end: 54 }, segmentSpan: { start: 29, end: 54 } },
    );
    assert.deepEqual(
      { name: b!.name, value: b!.value, nameSpan: b!.nameSpan, valueSpan: b!.valueSpan, segmentSpan: b!.segmentSpan },
      { name: 'databaseName', value: 'eGActiveDB', nameSpan: at(GUIDE, 'databaseName'), valueSpan: at(GUIDE, 'eGActiveDB'), segmentSpan: { start: 54, end: GUIDE.length } },
    );
    assert.equal(effectiveHost(u), 'ussuh23');
    assert.equal(effectivePort(u), 1433);
    assert.equal(effectiveInstance(u), undefined);
    assert.equal(databaseName(u), 'eGActiveDB');
    assert.equal(integratedSecurity(u), false);
  });

  void test('server, instance and port are trimmed; the instance is lower-cased; fullSpan starts at the delimiter', () => {
    const t = 'jdbc:sqlserver:// db1.corp.com \\ SQLExpress : 1444 ;databaseName = x ';
    const u = parseJdbcUrl(t);
    assert.deepEqual(u.problems, []);
    assert.equal(u.server!.value, 'db1.corp.com');
    assert.deepEqual(u.server!.span, at(t, 'db1.corp.com'));
    assert.deepEqual(u.server!.fullSpan, { start: 17, end: t.indexOf('\\') });
    assert.equal(u.instance!.value, 'sqlexpress');
    assert.equal(u.instance!.raw, 'SQLExpress');
    assert.deepEqual(u.instance!.span, at(t, 'SQLExpress'));
    assert.deepEqual(u.instance!.fullSpan, { start: t.indexOf('\\'), end: t.indexOf(':', 17) });
    assert.equal(u.port!.value, '1444');
    assert.deepEqual(u.port!.fullSpan, { start: t.indexOf(':', 17), end: t.indexOf(';') });
    assert.equal(u.properties[0]!.name, 'databaseName');
    assert.deepEqual(u.properties[0]!.nameSpan, at(t, 'databaseName'));
    assert.equal(u.properties[0]!.value, 'x');
    assert.deepEqual(u.properties[0]!.valueSpan, { start: t.lastIndexOf('x'), end: t.lastIndexOf('x') + 1 });
    // port used, instance ignored
    assert.equal(effectivePort(u), 1444);
    assert.equal(effectiveInstance(u), undefined);
  });

  void test('instance without a port is the effective instance; port and instance can come from properties', () => {
    const u = parseJdbcUrl('jdbc:sqlserver://db\\INST1;databaseName=d');
    assert.equal(effectiveInstance(u), 'inst1');
    assert.equal(effectivePort(u), undefined);
    const v = parseJdbcUrl('jdbc:sqlserver://;server=h.example.com;instanceName=X;port=1500');
    assert.equal(v.server, undefined);
    assert.equal(effectiveHost(v), 'h.example.com');
    assert.equal(effectivePort(v), 1500);
    assert.equal(effectiveInstance(v), undefined);
  });

  void test('`;` may follow `//` directly; empty segments and a trailing `;` are fine', () => {
    const t = 'jdbc:sqlserver://;;serverName=h;;databaseName=d;';
    const u = parseJdbcUrl(t);
    assert.deepEqual(u.problems, []);
    assert.equal(u.server, undefined);
    assert.equal(u.properties.length, 2);
    assert.deepEqual(u.properties[0]!.segmentSpan, { start: 18, end: 31 });
    assert.equal(effectiveHost(u), 'h');
  });

  void test('a later serverName property overrides the server part (the driver stores the part first)', () => {
    const u = parseJdbcUrl('jdbc:sqlserver://a.example.com;serverName=b.example.com');
    assert.equal(effectiveHost(u), 'b.example.com');
  });

  void test('names are case-insensitive and aliases fold; duplicates: last wins', () => {
    const u = parseJdbcUrl('jdbc:sqlserver://h;DATABASENAME=a;Database=b;INTEGRATEDsecurity=TRUE');
    assert.deepEqual(u.properties.map((p) => p.canonical), ['databaseName', 'databaseName', 'integratedSecurity']);
    assert.equal(databaseName(u), 'b');
    assert.equal(integratedSecurity(u), true);
  });

  void test('unknown names are kept with canonical undefined; newest-driver aliases are marked and ignored by the helpers', () => {
    const u = parseJdbcUrl('jdbc:sqlserver://h;integratedSecuirty=true;trusted_connection=true;uid=x');
    assert.deepEqual(
      u.properties.map((p) => [p.name, p.canonical, p.newestDriverOnly]),
      [
        ['integratedSecuirty', undefined, false],
        ['trusted_connection', 'integratedSecurity', true],
        ['uid', 'user', true],
      ],
    );
    assert.equal(integratedSecurity(u), undefined);
  });

  void test('an empty value sits right after `=`', () => {
    const t = 'jdbc:sqlserver://h;databaseName=  ;x=1';
    const p = parseJdbcUrl(t).properties[0]!;
    assert.equal(p.value, '');
    assert.deepEqual(p.valueSpan, { start: t.indexOf('=') + 1, end: t.indexOf('=') + 1 });
    assert.deepEqual(p.segmentSpan, { start: 18, end: t.indexOf(';x') });
  });
});

void describe('parseJdbcUrl: braces', () => {
  void test('a braced value holds `;`, `}}` is a literal `}`, the value span includes the braces', () => {
    const t = 'jdbc:sqlserver://h;password={a;b}}c};databaseName=d';
    const u = parseJdbcUrl(t);
    assert.deepEqual(u.problems, []);
    assert.equal(u.properties.length, 2);
    const p = u.properties[0]!;
    assert.equal(p.value, 'a;b}c');
    assert.equal(p.braced, true);
    assert.deepEqual(p.valueSpan, at(t, '{a;b}}c}'));
    assert.deepEqual(p.segmentSpan, { start: 18, end: t.indexOf(';databaseName') });
    assert.equal(databaseName(u), 'd');
  });

  void test('spaces before `{` and after `}` are allowed; the braced content is not trimmed', () => {
    const t = 'jdbc:sqlserver://h;applicationName=  { a b }   ;databaseName=d';
    const u = parseJdbcUrl(t);
    assert.deepEqual(u.problems, []);
    assert.equal(u.properties[0]!.value, ' a b ');
    assert.deepEqual(u.properties[0]!.valueSpan, at(t, '{ a b }'));
    assert.deepEqual(u.properties[0]!.segmentSpan, { start: 18, end: t.indexOf(';databaseName') });
  });

  void test('text after the closing brace is an error at that text', () => {
    const t = 'jdbc:sqlserver://h;password={x} yz ;databaseName=d';
    assert.deepEqual(problems(parseJdbcUrl(t)), [{ code: 'text-after-brace', ...at(t, 'yz') }]);
  });

  void test('a tab after the closing brace is an error (only spaces may follow)', () => {
    const t = 'jdbc:sqlserver://h;password={x}\t;databaseName=d';
    assert.deepEqual(problems(parseJdbcUrl(t)), [{ code: 'text-after-brace', ...at(t, '\t') }]);
  });

  void test('an unclosed `{` swallows the rest and is an error at the brace', () => {
    const t = 'jdbc:sqlserver://h;password={abc;databaseName=d';
    const u = parseJdbcUrl(t);
    assert.deepEqual(problems(u), [{ code: 'unclosed-brace', ...at(t, '{') }]);
    assert.equal(u.properties.length, 1);
    assert.equal(u.properties[0]!.value, 'abc;databaseName=d');
    assert.equal(u.properties[0]!.unclosed, true);
    assert.equal(databaseName(u), undefined);
  });

  void test('`{` after other value text is an error; the value is read plainly', () => {
    const t = 'jdbc:sqlserver://h;password=ab{c};databaseName=d';
    const u = parseJdbcUrl(t);
    assert.deepEqual(problems(u), [{ code: 'text-before-brace', ...at(t, '{') }]);
    assert.equal(u.properties[0]!.value, 'ab{c}');
    assert.equal(databaseName(u), 'd');
  });
});

void describe('parseJdbcUrl: grammar errors with exact spans', () => {
  void test('another driver', () => {
    const t = 'jdbc:oracle:thin:@db:1521:ECE';
    const u = parseJdbcUrl(t);
    assert.equal(u.isSqlServer, false);
    assert.deepEqual(problems(u), [{ code: 'not-sqlserver', start: 0, end: t.length }]);
    assert.match(u.problems[0]!.message, /jdbc:oracle:/);
    assert.equal(effectiveHost(u), undefined);
  });

  void test('an empty URL', () => {
    const u = parseJdbcUrl('   ');
    assert.deepEqual(problems(u), [{ code: 'not-sqlserver', start: 3, end: 3 }]);
    assert.match(u.problems[0]!.message, /empty/);
  });

  void test('the prefix in another case: parsed, but reported (the driver compares it case-sensitively)', () => {
    const u = parseJdbcUrl('  JDBC:SQLServer://h.example.com;databaseName=d');
    assert.equal(u.isSqlServer, true);
    assert.deepEqual(problems(u), [{ code: 'prefix-case', start: 2, end: 19 }]);
    assert.equal(effectiveHost(u), 'h.example.com');
  });

  void test('`=` in the server part', () => {
    const t = 'jdbc:sqlserver://servername=x;databaseName=d';
    assert.deepEqual(problems(parseJdbcUrl(t)), [{ code: 'server-has-equals', ...at(t, 'servername=x') }]);
  });

  void test('`=` in the server part at the end of the URL', () => {
    const t = 'jdbc:sqlserver:// a=b ';
    assert.deepEqual(problems(parseJdbcUrl(t)), [{ code: 'server-has-equals', ...at(t, 'a=b') }]);
  });

  void test('no server before `:` (the driver takes `:1433` as the server name)', () => {
    const t = 'jdbc:sqlserver://:1433;databaseName=d';
    const u = parseJdbcUrl(t);
    assert.deepEqual(problems(u), [{ code: 'server-starts-with-delimiter', start: 17, end: 18 }]);
    assert.equal(u.server!.value, ':1433');
    assert.equal(u.port, undefined);
  });

  void test('a name without `=`, in the middle and at the end', () => {
    const t = 'jdbc:sqlserver://h; foo ;databaseName=d;bar';
    assert.deepEqual(problems(parseJdbcUrl(t)), [
      { code: 'name-without-equals', ...at(t, 'foo') },
      { code: 'name-without-equals', ...at(t, 'bar') },
    ]);
  });

  void test('an empty name before `=`', () => {
    const t = 'jdbc:sqlserver://h; =x;databaseName=d';
    const u = parseJdbcUrl(t);
    assert.deepEqual(problems(u), [{ code: 'empty-name', ...at(t, '=') }]);
    assert.equal(u.properties.length, 1);
  });

  void test('ports: only the `;` ends the port part', () => {
    const u = parseJdbcUrl('jdbc:sqlserver://h:1433\\inst;databaseName=d');
    assert.equal(u.port!.value, '1433\\inst');
    assert.equal(u.instance, undefined);
    assert.equal(effectivePort(u), undefined);
  });

  void test('parsePort edge cases (Integer.parseInt, then refused only below 0 or above 65535)', () => {
    // 0 is a valid port value: it means "no port" (SQL Browser with an instance, else 1433).
    assert.equal(parsePort('0'), 0);
    assert.equal(parsePort('-0'), 0);
    assert.equal(parsePort('1'), 1);
    assert.equal(parsePort('65535'), 65535);
    assert.equal(parsePort('65536'), undefined);
    assert.equal(parsePort('14a'), undefined);
    assert.equal(parsePort(''), undefined);
    // The value as the driver sees it: unbraced values arrive trimmed; a braced `{ 1433 }` keeps its blanks, and
    // Integer.parseInt refuses them.
    assert.equal(parsePort(' 1433 '), undefined);
    assert.equal(parsePort('+1433'), 1433);
    assert.equal(parsePort('-1'), undefined);
    assert.equal(parsePort('99999999999'), undefined);
  });

  void test('connectionPort: port 0 is no port; with an instance the port is SQL Browser\'s, not 1433', () => {
    assert.deepEqual(connectionPort(parseJdbcUrl('jdbc:sqlserver://h:1444')), { kind: 'given', port: 1444 });
    assert.deepEqual(connectionPort(parseJdbcUrl('jdbc:sqlserver://h')), { kind: 'default', port: 1433 });
    assert.deepEqual(connectionPort(parseJdbcUrl('jdbc:sqlserver://h:0')), { kind: 'default', port: 1433 });
    assert.deepEqual(connectionPort(parseJdbcUrl('jdbc:sqlserver://h\\ECE')), { kind: 'browser', instance: 'ece' });
    assert.deepEqual(connectionPort(parseJdbcUrl('jdbc:sqlserver://h\\ECE:0')), { kind: 'browser', instance: 'ece' });
    assert.deepEqual(connectionPort(parseJdbcUrl('jdbc:sqlserver://h;instanceName=ECE;portNumber=0')), { kind: 'browser', instance: 'ECE' });
    assert.deepEqual(connectionPort(parseJdbcUrl('jdbc:sqlserver://h\\ECE:1433')), { kind: 'given', port: 1433 });
    assert.deepEqual(connectionPort(parseJdbcUrl('jdbc:sqlserver://h;portNumber={ 1433 }')), { kind: 'invalid', value: ' 1433 ' });
    assert.equal(effectiveInstance(parseJdbcUrl('jdbc:sqlserver://h\\ECE:0')), 'ece');
    assert.equal(effectivePort(parseJdbcUrl('jdbc:sqlserver://h\\ECE:0')), undefined);
  });

  void test('loginMode: what the driver does with integratedSecurity, authenticationScheme and authentication', () => {
    const m = (u: string) => loginMode(parseJdbcUrl(`jdbc:sqlserver://h;${u}`));
    assert.equal(m('databaseName=d'), 'sql');
    assert.equal(m('integratedSecurity=FALSE'), 'sql');
    assert.equal(m('integratedSecurity=true'), 'native');
    assert.equal(m('integratedSecurity=true;authenticationScheme=nativeauthentication'), 'native');
    assert.equal(m('integratedSecurity=true;authenticationScheme=ntlm'), 'ntlm');
    assert.equal(m('integratedSecurity=True;authenticationScheme=JavaKerberos'), 'kerberos');
    assert.equal(m('integratedSecurity=true;authenticationScheme=Kerberos'), 'invalid');
    // authenticationScheme is only read with integratedSecurity=true
    assert.equal(m('integratedSecurity=false;authenticationScheme=NTLM'), 'sql');
    // a quoted "true" is not a boolean: the driver refuses it, so the pool is on neither mode
    assert.equal(m('integratedSecurity="true"'), 'invalid');
    assert.equal(m('integratedSecurity=yes'), 'invalid');
    assert.equal(m('authentication=SqlPassword'), 'sql');
    assert.equal(m('authentication=ActiveDirectoryPassword'), 'other');
    assert.equal(integratedLoginMode(parseJdbcUrl('jdbc:sqlserver://h;integratedSecurity=false;authenticationScheme=NTLM')), 'ntlm');
  });

  void test('an IPv6 literal in the server part is a grammar problem, with the serverName form that works', () => {
    const u = parseJdbcUrl('jdbc:sqlserver://[fd00::1]:1433;databaseName=d');
    // what the driver reads: server `[fd00`, port `:1]:1433`
    assert.equal(u.server!.value, '[fd00');
    assert.equal(u.port!.value, ':1]:1433');
    assert.deepEqual(u.problems.map((p) => [p.code, p.start, p.end]), [['ipv6-in-server-part', 17, 31]]);
    assert.match(u.problems[0]!.message, /jdbc:sqlserver:\/\/;serverName=fd00::1;portNumber=1433;/);
    assert.deepEqual(parseJdbcUrl('jdbc:sqlserver://fd00::1;databaseName=d').problems.map((p) => p.code), ['ipv6-in-server-part']);
    // the working form, and ordinary host:port URLs, have no problem
    assert.deepEqual(parseJdbcUrl('jdbc:sqlserver://;serverName=fd00::1;portNumber=1433').problems, []);
    assert.deepEqual(parseJdbcUrl('jdbc:sqlserver://db01:1433').problems, []);
    assert.deepEqual(parseJdbcUrl('jdbc:sqlserver://db01\\inst:1433').problems, []);
  });

  void test('placeholderSpans and isNotAHostName', () => {
    const g = 'jdbc:sqlserver://<DB server name>:1433;integratedSecurity=true;databaseName=<Database Name>';
    assert.deepEqual(placeholderSpans(g).map((s) => g.slice(s.start, s.end)), ['<DB server name>', '<Database Name>']);
    assert.equal(isNotAHostName('<DB server name>'), true);
    assert.equal(isNotAHostName('[fd00'), true);
    assert.equal(isNotAHostName('ussuh23'), false);
  });

  void test('a 1 MB URL: exact values and problems (growth with size is measured by the benchmark)', () => {
    const big = `jdbc:sqlserver://h;applicationName={${'}}x;'.repeat(250_000)}};databaseName=d;${'a=b;'.repeat(10)}`;
    const u = parseJdbcUrl(big);
    assert.equal(u.properties[0]!.value.length, 750_000);
    assert.equal(databaseName(u), 'd');
    const noBrace = parseJdbcUrl(`jdbc:sqlserver://h;password={${'x'.repeat(1_000_000)}`);
    assert.equal(noBrace.problems[0]!.code, 'unclosed-brace');
    const names = parseJdbcUrl(`jdbc:sqlserver://${'h'.repeat(500_000)};${'n'.repeat(500_000)}`);
    assert.equal(names.problems[0]!.code, 'name-without-equals');
  });
});

void describe('names and the generated driver table', () => {
  void test('canonicalName folds case and aliases', () => {
    assert.equal(canonicalName('DatabaseName'), 'databaseName');
    assert.equal(canonicalName(' database '), 'databaseName');
    assert.equal(canonicalName('USERNAME'), 'user');
    assert.equal(canonicalName('server'), 'serverName');
    assert.equal(canonicalName('port'), 'portNumber');
    assert.equal(canonicalName('domainName'), 'domain');
    assert.equal(canonicalName('UID'), 'user');
    assert.equal(canonicalName('Trusted_Connection'), 'integratedSecurity');
    assert.equal(canonicalName('instance'), undefined);
  });

  void test('newest-driver aliases are marked', () => {
    for (const a of ['uid', 'trusted_connection', 'app', 'connectTimeout', 'columnEncryption', 'quotedId']) {
      assert.equal(isNewestDriverOnlyAlias(a), true, a);
    }
    for (const a of ['database', 'userName', 'server', 'port', 'domainName']) assert.equal(isNewestDriverOnlyAlias(a), false, a);
    assert.equal(DRIVER_ALIASES.filter((a) => a.newestDriverOnly).length, 6);
  });

  void test('every property has a one-line description and a type', () => {
    assert.equal(DRIVER_PROPERTIES.length, 97);
    for (const p of DRIVER_PROPERTIES) {
      assert.ok(p.description.length > 10 && !p.description.includes('\n'), p.name);
      assert.ok(['string', 'int', 'boolean', 'object'].includes(p.type), p.name);
    }
  });
});

void describe('setPropertyEdits', () => {
  void test('replaces the last occurrence only', () => {
    const t = 'jdbc:sqlserver://h;integratedSecurity=false;databaseName=d;IntegratedSecurity = FALSE ';
    const u = parseJdbcUrl(t);
    const edits = setPropertyEdits(u, 'integratedSecurity', 'true');
    assert.deepEqual(edits, [{ ...at(t, 'FALSE'), newText: 'true' }]);
    assert.equal(applyEdits(t, edits), 'jdbc:sqlserver://h;integratedSecurity=false;databaseName=d;IntegratedSecurity = true ');
  });

  void test('the guide URL to Windows authentication', () => {
    const u = parseJdbcUrl(GUIDE);
    assert.equal(
      applyEdits(GUIDE, setPropertyEdits(u, 'integratedSecurity', 'true')),
      'jdbc:sqlserver://ussuh23:1433;integratedSecurity=true;databaseName=eGActiveDB',
    );
  });

  void test('appends when absent (after the last non-blank character), without doubling a trailing `;`', () => {
    const a = 'jdbc:sqlserver://h:1433;databaseName=d  ';
    assert.equal(applyEdits(a, setPropertyEdits(parseJdbcUrl(a), 'multisubnetfailover', 'true')), 'jdbc:sqlserver://h:1433;databaseName=d;multiSubnetFailover=true  ');
    const b = 'jdbc:sqlserver://h:1433;';
    assert.equal(applyEdits(b, setPropertyEdits(parseJdbcUrl(b), 'integratedSecurity', 'true')), 'jdbc:sqlserver://h:1433;integratedSecurity=true');
    const c = 'jdbc:sqlserver://h';
    assert.equal(applyEdits(c, setPropertyEdits(parseJdbcUrl(c), 'databaseName', 'x')), 'jdbc:sqlserver://h;databaseName=x');
  });

  void test('an alias is replaced in place; a newest-driver alias is not (ECE ignores it), so the property is appended', () => {
    const a = 'jdbc:sqlserver://h;database=old';
    assert.equal(applyEdits(a, setPropertyEdits(parseJdbcUrl(a), 'databaseName', 'new')), 'jdbc:sqlserver://h;database=new');
    const b = 'jdbc:sqlserver://h;trusted_connection=false';
    assert.equal(
      applyEdits(b, setPropertyEdits(parseJdbcUrl(b), 'integratedSecurity', 'true')),
      'jdbc:sqlserver://h;trusted_connection=false;integratedSecurity=true',
    );
  });

  void test('values that need braces get them; setting the same value is no edit; not SQL Server: no edit', () => {
    const a = 'jdbc:sqlserver://h;applicationName=x';
    assert.equal(applyEdits(a, setPropertyEdits(parseJdbcUrl(a), 'applicationName', 'a;b}')), 'jdbc:sqlserver://h;applicationName={a;b}}}');
    assert.equal(encodePropertyValue(' x'), '{ x}');
    assert.equal(encodePropertyValue('plain'), 'plain');
    assert.deepEqual(setPropertyEdits(parseJdbcUrl(GUIDE), 'databaseName', 'eGActiveDB'), []);
    assert.deepEqual(setPropertyEdits(parseJdbcUrl('jdbc:oracle:thin:@x'), 'databaseName', 'd'), []);
  });
});

void describe('normalizeJdbcUrl', () => {
  void test('equal after folding name case, aliases, order, whitespace and host case', () => {
    const a = normalizeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://DB.Example.com:1433;integratedSecurity=TRUE;databaseName=eGActiveDB'));
    const b = normalizeJdbcUrl(parseJdbcUrl(' jdbc:sqlserver://db.example.com: 1433 ; Database = eGActiveDB ;INTEGRATEDSECURITY=true'));
    const c = normalizeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://;serverName=db.example.com;port=1433;databaseName=eGActiveDB;integratedSecurity=true'));
    assert.equal(a, 'jdbc:sqlserver://db.example.com:1433;databasename=eGActiveDB;integratedsecurity=true');
    assert.equal(b, a);
    assert.equal(c, a);
  });

  void test('different database or port stays different; duplicates collapse to the last', () => {
    const a = normalizeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h:1433;databaseName=a'));
    assert.notEqual(a, normalizeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h:1433;databaseName=b')));
    assert.notEqual(a, normalizeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h:1444;databaseName=a')));
    assert.equal(a, normalizeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h:1433;databaseName=x;databaseName=a')));
  });

  void test('an instance is kept only without a port', () => {
    assert.equal(normalizeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://H\\Inst;databaseName=a')), 'jdbc:sqlserver://h\\inst;databasename=a');
    assert.equal(normalizeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://H\\Inst:1433;databaseName=a')), 'jdbc:sqlserver://h:1433;databasename=a');
  });
});

void describe('describeJdbcUrl', () => {
  void test('server, port, database, authentication and other properties', () => {
    const md = describeJdbcUrl(parseJdbcUrl(`${GUIDE};encrypt=false;foo=bar`));
    assert.match(md, /\*\*Server:\*\* `ussuh23`/);
    assert.match(md, /\*\*Port:\*\* 1433/);
    assert.match(md, /\*\*Database:\*\* `eGActiveDB`/);
    assert.match(md, /\*\*Authentication:\*\* SQL Server authentication/);
    assert.match(md, /- `encrypt` = `false` — /);
    assert.match(md, /- `foo` = `bar` — unknown to the driver/);
  });

  void test('Windows authentication and an ignored instance', () => {
    const md = describeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h\\inst:1433;integratedSecurity=true'));
    assert.match(md, /Windows authentication/);
    assert.match(md, /\*\*Instance:\*\* `inst` \(not looked up: a port is given/);
    // port 0 means no port: the instance is looked up through SQL Browser, not 1433
    const zero = describeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h\\inst:0'));
    assert.match(zero, /\*\*Instance:\*\* `inst` \(its port is asked from the SQL Server Browser service/);
    assert.match(zero, /\*\*Port:\*\* 0, which means none: the one SQL Browser reports for the instance/);
    assert.match(describeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h:0')), /\*\*Port:\*\* 1433 \(0 means no port, so the default\)/);
    assert.match(describeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h;integratedSecurity="true"')), /\*\*Authentication:\*\* `integratedSecurity` or `authenticationScheme` has a value the driver refuses/);
    assert.match(describeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://h;integratedSecurity=true;authenticationScheme=NTLM')), /over NTLM/);
  });

  void test('a password, secret or key value is never shown', () => {
    const url = parseJdbcUrl('jdbc:sqlserver://h;password={S3cret;1};keyStoreSecret=Hush42;myApiKey=Zq9;trustStorePassword=');
    const md = describeJdbcUrl(url);
    for (const secret of ['S3cret', 'Hush42', 'Zq9']) assert.ok(!md.includes(secret), secret);
    assert.match(md, /- `password` = •••• \(set\)/);
    assert.match(md, /- `keyStoreSecret` = •••• \(set\)/);
    assert.match(md, /- `myApiKey` = •••• \(set\)/);
    assert.match(md, /- `trustStorePassword` = \(empty\)/);
  });

  void test('not a SQL Server URL', () => {
    assert.match(describeJdbcUrl(parseJdbcUrl('jdbc:oracle:thin:@x')), /Not a SQL Server JDBC URL/);
  });
});

void describe('jdbcHoverAt / describeJdbcProperty', () => {
  void test('on a property name: its description; elsewhere: the whole URL', () => {
    const u = parseJdbcUrl(GUIDE);
    const onName = jdbcHoverAt(u, GUIDE.indexOf('integratedSecurity') + 3)!;
    assert.deepEqual(onName.span, { start: 30, end: 48 });
    assert.match(onName.markdown, /^\*\*integratedSecurity\*\*/);
    assert.match(onName.markdown, /Type: `true` or `false` · default `false`/);
    const elsewhere = jdbcHoverAt(u, 20)!;
    assert.deepEqual(elsewhere.span, { start: 0, end: GUIDE.length });
    assert.match(elsewhere.markdown, /\*\*Server:\*\*/);
  });
  void test('aliases, newest-driver aliases and unknown names', () => {
    assert.match(describeJdbcProperty('database'), /\*\*databaseName\*\* \(written as the alias `database`\)/);
    assert.match(describeJdbcProperty('uid'), /only to the newest driver/);
    assert.match(describeJdbcProperty('loginTimeout'), /whole number from 0 to 65535 · default `30`/);
    assert.match(describeJdbcProperty('instance'), /silently ignores it/);
  });
});

void describe('messages never quote what may be part of a password', () => {
  void test('the rest of an unbraced password with `;`', () => {
    const t = 'jdbc:sqlserver://h;password=Abc;Def9;databaseName=d';
    const u = parseJdbcUrl(t);
    assert.deepEqual(problems(u), [{ code: 'name-without-equals', ...at(t, 'Def9') }]);
    assert.ok(!u.problems[0]!.message.includes('Def9'));
    assert.match(u.problems[0]!.message, /braces/);
  });
  void test('text after a password in braces (a `}` that should have been doubled)', () => {
    const t = 'jdbc:sqlserver://h;password={Ab}c9};databaseName=d';
    const u = parseJdbcUrl(t);
    assert.deepEqual(problems(u), [{ code: 'text-after-brace', ...at(t, 'c9}') }]);
    assert.ok(!u.problems[0]!.message.includes('c9'));
  });
  void test('other names are quoted', () => {
    assert.match(parseJdbcUrl('jdbc:sqlserver://h;databaseName=d;foo').problems[0]!.message, /"foo" has no "="/);
  });
});

void describe('JDBC URL: what the rules, the conversion and the hover read (mutation survivors)', () => {
  const problems = (t: string) => parseJdbcUrl(t).problems.map((p) => [p.code, p.start, p.end]);

  void test('an IPv6 literal in the server part, bracketed or not, with or without a port; not when the text goes on', () => {
    assert.deepEqual(problems('jdbc:sqlserver://[fd00::1]:1433;databaseName=x'), [['ipv6-in-server-part', 17, 31]]);
    assert.match(parseJdbcUrl('jdbc:sqlserver://[fd00::1]:1433;databaseName=x').problems[0]!.message, /"jdbc:sqlserver:\/\/;serverName=fd00::1;portNumber=1433;\.\.\."\.$/);
    assert.match(parseJdbcUrl('jdbc:sqlserver://[fd00::1];databaseName=x').problems[0]!.message, /"jdbc:sqlserver:\/\/;serverName=fd00::1;\.\.\."\.$/);
    assert.deepEqual(problems('jdbc:sqlserver://[fd00::1]: 1433 ;databaseName=x'), [['ipv6-in-server-part', 17, 32]]);
    assert.match(parseJdbcUrl('jdbc:sqlserver://[fd00::1]: 1433 ;databaseName=x').problems[0]!.message, /;portNumber=1433;/);
    assert.deepEqual(problems('jdbc:sqlserver://fd00::1;databaseName=x'), [['ipv6-in-server-part', 17, 24]]);
    assert.deepEqual(problems('jdbc:sqlserver://[fd00::1]x:1433'), []);
    assert.deepEqual(problems('jdbc:sqlserver://[fd00::1'), []);
  });

  void test('login modes, credentials in the URL, and the canonical form two URLs are compared by', () => {
    const k = parseJdbcUrl('jdbc:sqlserver://db\\inst;databaseName=eGActiveDB;integratedSecurity=TRUE;authenticationScheme=JavaKerberos');
    assert.deepEqual([loginMode(k), integratedLoginMode(k)], ['kerberos', 'kerberos']);
    assert.equal(normalizeJdbcUrl(k), 'jdbc:sqlserver://db\\inst;authenticationscheme=JavaKerberos;databasename=eGActiveDB;integratedsecurity=true');
    const b = parseJdbcUrl('jdbc:sqlserver://db:0;instanceName=I2;user=sa;password={a;b};encrypt=True;colour=blue;IPAddressPreference=IPv4First');
    assert.deepEqual([hasUrlCredential(b, 'user'), hasUrlCredential(b, 'password')], [true, true]);
    assert.equal(normalizeJdbcUrl(b), 'jdbc:sqlserver://db\\i2;colour=blue;encrypt=True;ipaddresspreference=IPv4First;password={a;b};user=sa');
    const o = parseJdbcUrl('jdbc:sqlserver://db:99999;authentication=ActiveDirectoryPassword;user= ');
    assert.deepEqual([loginMode(o), hasUrlCredential(o, 'user'), hasUrlCredential(o, 'password')], ['other', false, false]);
    assert.equal(normalizeJdbcUrl(o), 'jdbc:sqlserver://db:99999;authentication=ActiveDirectoryPassword;user=');
    assert.equal(loginMode(parseJdbcUrl('jdbc:sqlserver://db;authentication=SqlPassword')), 'sql');
    assert.equal(loginMode(parseJdbcUrl('jdbc:sqlserver://db;authentication=NotSpecified')), 'sql');
    for (const [scheme, want] of [['NativeAuthentication', 'native'], ['ntlm', 'ntlm'], ['x', 'invalid']] as const) {
      assert.equal(integratedLoginMode(parseJdbcUrl(`jdbc:sqlserver://db;authenticationScheme=${scheme}`)), want, scheme);
    }
    const oracle = parseJdbcUrl(' jdbc:oracle:thin:@x;user=sa ');
    assert.equal(hasUrlCredential(oracle, 'user'), false, 'not a SQL Server URL: its properties are not the driver\'s');
    assert.equal(normalizeJdbcUrl(oracle), 'jdbc:oracle:thin:@x;user=sa');
    assert.deepEqual(['', 'a;b', ' a', 'a ', 'a}b', 'ab', '{x'].map(encodePropertyValue), ['', '{a;b}', '{ a}', '{a }', '{a}}b}', 'ab', '{{x}']);
    assert.deepEqual(['+5', '-0', 'x1433', '1433x', '12345678901', ''].map(parsePort), [5, 0, undefined, undefined, undefined, undefined]);
  });

  void test('the hover of a whole URL: every part, the login, the other properties, a password never shown', () => {
    const k = parseJdbcUrl('jdbc:sqlserver://db\\inst;databaseName=eGActiveDB;integratedSecurity=TRUE;authenticationScheme=JavaKerberos');
    assert.equal(
      describeJdbcUrl(k),
      [
        '**SQL Server JDBC URL**',
        '',
        '- **Server:** `db`',
        '- **Instance:** `inst` (its port is asked from the SQL Server Browser service, UDP 1434)',
        '- **Port:** the one SQL Browser reports for the instance',
        '- **Database:** `eGActiveDB`',
        '- **Authentication:** Windows authentication over Kerberos (`authenticationScheme=JavaKerberos`): a user and password, if given, are used to log in to Kerberos',
        '',
        '**Other properties:**',
        '',
        '- `integratedSecurity` = `TRUE` — true logs in with the Windows account the service runs as (Windows authentication) instead of user and password.',
        '- `authenticationScheme` = `JavaKerberos` — How Windows authentication is done: NativeAuthentication (the DLL), JavaKerberos or NTLM.',
      ].join('\n'),
    );
    const b = describeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://db:0;instanceName=I2;user=sa;password={a;b};encrypt=True;colour=blue;IPAddressPreference=IPv4First'));
    assert.ok(!b.includes('a;b'), 'the password is not shown');
    assert.deepEqual(b.split('\n').slice(2, 7), [
      '- **Server:** `db`',
      '- **Instance:** `I2` (its port is asked from the SQL Server Browser service, UDP 1434)',
      '- **Port:** 0, which means none: the one SQL Browser reports for the instance',
      "- **Database:** not given (the login's default database is used)",
      '- **Authentication:** SQL Server authentication: the login and password given with the pool',
    ]);
    assert.deepEqual(
      b.split('\n').slice(10).map((l) => l.replace(/ — .*/, '')),
      ['- `user` = `sa`', '- `password` = •••• (set)', '- `encrypt` = `True`', '- `colour` = `blue`', '- `IPAddressPreference` = `IPv4First`'],
    );
    assert.match(b, /- `colour` = `blue` — unknown to the driver, which silently ignores it/);
    const o = describeJdbcUrl(parseJdbcUrl('jdbc:sqlserver://db:99999;authentication=ActiveDirectoryPassword;user= '));
    assert.deepEqual(o.split('\n').slice(2, 6), [
      '- **Server:** `db`',
      '- **Port:** `99999` (not a port: the driver refuses to connect)',
      "- **Database:** not given (the login's default database is used)",
      '- **Authentication:** `authentication=ActiveDirectoryPassword`',
    ]);
    assert.match(o, /- `user` = \(empty\) — The login name/);
    assert.equal(describeJdbcUrl(parseJdbcUrl(' jdbc:oracle:thin:@x;user=sa ')), '**Not a SQL Server JDBC URL**: ECE expects `jdbc:sqlserver://host:port;databaseName=name`.');
    assert.equal(describeJdbcProperty('DatabaseName'), "**databaseName**\n\nThe database to open after logging in; without it the login's default database is used.\n\nType: text");
    assert.equal(describeJdbcProperty('colour'), '**`colour`**: not a property the SQL Server JDBC driver knows. The driver silently ignores it.');
  });
});
