import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { claimsIndexstats, indexstatsKind } from '../../server/src/service/kinds/indexstats/kind';
import { fixWith, ids, run } from '../fixtures/properties/harness';

const WIN = [
  '# UpdateDBIndexStats',
  'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB',
  'ACTIVE_USER=',
  'ACTIVE_PASS=',
  'REPORTS_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=eGReportsDB',
  'REPORTS_USER=',
  'REPORTS_PASS=',
].join('\r\n') + '\r\n';
const range = (text: string, needle: string, from = 0): [number, number] => {
  const i = text.indexOf(needle, from);
  return [i, i + needle.length];
};

void describe('indexstats', () => {
  void test('claims only files that hold one of its keys', () => {
    assert.equal(claimsIndexstats(WIN), true);
    assert.equal(claimsIndexstats('  REPORTS_USER = x'), true);
    assert.equal(claimsIndexstats('# ACTIVE_DATABASE_URL=x\nfoo=bar\n'), false);
    assert.equal(claimsIndexstats('log4j.rootLogger=INFO\n'), false);
  });

  void test('Windows authentication with blank credentials: no diagnostic', () => {
    assert.deepEqual(ids(indexstatsKind, WIN), []);
  });

  void test('credentials-with-integrated-security: on each set key; the fix blanks both', () => {
    const t = WIN.replace('ACTIVE_USER=', 'ACTIVE_USER=sa').replace('ACTIVE_PASS=', 'ACTIVE_PASS=hunter2');
    assert.deepEqual(ids(indexstatsKind, t), [
      ['indexstats/credentials-with-integrated-security', ...range(t, 'ACTIVE_USER')],
      ['indexstats/credentials-with-integrated-security', ...range(t, 'ACTIVE_PASS')],
    ]);
    for (const f of run(indexstatsKind, t)) assert.doesNotMatch(f.message, /hunter2/);
    assert.equal(fixWith(indexstatsKind, t, 'indexstats/credentials-with-integrated-security'), WIN);
  });

  void test('missing-credentials: SQL authentication with a blank user or password', () => {
    const t = WIN.replace(';integratedSecurity=true;databaseName=eGReportsDB', ';databaseName=eGReportsDB').replace('REPORTS_USER=', 'REPORTS_USER=ece');
    assert.deepEqual(ids(indexstatsKind, t), [['indexstats/missing-credentials', ...range(t, 'REPORTS_PASS')]]);
    const filled = t.replace('REPORTS_PASS=', 'REPORTS_PASS=pw');
    assert.deepEqual(ids(indexstatsKind, filled), []);
    const absent = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;databaseName=a\nREPORTS_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=r\n';
    assert.deepEqual(ids(indexstatsKind, absent), [['indexstats/missing-credentials', 0, 19]]);
    assert.match(run(indexstatsKind, absent)[0]!.message, /^ACTIVE_USER and ACTIVE_PASS are missing/);
  });

  void test('jdbc rules run on the decoded URL with ranges mapped back to the raw text', () => {
    // `\\` before the instance decodes to one backslash; the property name typo sits after a continuation line
    const t = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com\\\\inst:1433;\\\r\n    integratedSecuirty=true;databaseName=a\r\n' +
      'REPORTS_DATABASE_URL=jdbc:sqlserver://10.0.0.9:1433;integratedSecurity=true;databaseName=r\r\n';
    const found = ids(indexstatsKind, t);
    assert.deepEqual(found, [
      ['jdbc/instance-ignored', ...range(t, '\\\\inst')],
      ['indexstats/missing-credentials', 0, 19],
      ['jdbc/unknown-property', ...range(t, 'integratedSecuirty')],
      ['jdbc/server-is-ip-address', ...range(t, '10.0.0.9')],
    ].sort((a, b) => (a[1] as number) - (b[1] as number) || String(a[0]).localeCompare(String(b[0]))));
    // the did-you-mean fix edits the raw text
    assert.equal(fixWith(indexstatsKind, t, 'jdbc/unknown-property'), t.replace('integratedSecuirty', 'integratedSecurity'));
  });

  void test('a password inside a URL value is never shown', () => {
    const t = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db\\i;databaseName=a;password=Zq\\9Wy\nREPORTS_DATABASE_URL=x\n';
    const found = run(indexstatsKind, t);
    assert.ok(found.some((f) => f.id === 'properties/unknown-escape'));
    for (const f of found) {
      assert.doesNotMatch(f.message, /Zq|9Wy|\\9/);
      for (const x of f.fixes ?? []) assert.doesNotMatch(x.title, /Zq|9Wy/);
    }
    const model = indexstatsKind.parse(TextDocument.create('file:///i', 'properties', 1, t)).model;
    const h = indexstatsKind.hover!(model, 30, { uri: 'file:///i', settings: undefined as never, workspace: undefined as never, host: { log: () => undefined } });
    assert.ok(h && !(h instanceof Promise));
    assert.doesNotMatch(h.contents.value, /Zq|9Wy/);
  });

  void test('hover on a property name inside a URL value describes that driver property (raw range)', () => {
    const t = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db\\\\inst;multiSubnetFailover=true;databaseName=a\n';
    const model = indexstatsKind.parse(TextDocument.create('file:///i', 'properties', 1, t)).model;
    const at = t.indexOf('multiSubnet') + 3;
    const h = indexstatsKind.hover!(model, at, { uri: 'file:///i', settings: undefined as never, workspace: undefined as never, host: { log: () => undefined } });
    assert.ok(h && !(h instanceof Promise));
    assert.deepEqual([h.start, h.end], [t.indexOf('multiSubnet'), t.indexOf('multiSubnet') + 'multiSubnetFailover'.length]);
    assert.match(h.contents.value, /multiSubnetFailover/);
  });

  void test('hover on a URL value shows the decoded URL', () => {
    const t = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db\\\\inst;databaseName=a\n';
    const model = indexstatsKind.parse(TextDocument.create('file:///i', 'properties', 1, t)).model;
    const h = indexstatsKind.hover!(model, 30, { uri: 'file:///i', settings: undefined as never, workspace: undefined as never, host: { log: () => undefined } });
    assert.ok(h && !(h instanceof Promise));
    assert.match(h.contents.value, /Java loads: `jdbc:sqlserver:\/\/db\\inst;databaseName=a`/);
    assert.match(h.contents.value, /Platform_MSSQL_Pool/);
  });
});

void describe('indexstats: NTLM and refused values (what the driver does)', () => {
  const ntlm = WIN.replace(';integratedSecurity=true;databaseName=eGActiveDB', ';integratedSecurity=true;authenticationScheme=NTLM;databaseName=eGActiveDB');

  void test('NTLM with blank credentials: missing-credentials says the driver refuses to connect', () => {
    assert.deepEqual(ids(indexstatsKind, ntlm), [
      ['indexstats/missing-credentials', ...range(ntlm, 'ACTIVE_USER')],
      ['indexstats/missing-credentials', ...range(ntlm, 'ACTIVE_PASS')],
    ]);
    assert.match(run(indexstatsKind, ntlm)[0]!.message, /uses NTLM \(authenticationScheme=NTLM\), and the driver refuses to connect to the active database without a user and password/);
  });

  void test('NTLM or JavaKerberos with credentials: nothing, and nothing blanks them', () => {
    const t = ntlm.replace('ACTIVE_USER=', 'ACTIVE_USER=MASSIVE\\\\svc').replace('ACTIVE_PASS=', 'ACTIVE_PASS=hunter2');
    assert.deepEqual(ids(indexstatsKind, t), []);
    const k = t.replace('authenticationScheme=NTLM', 'authenticationScheme=JavaKerberos');
    assert.deepEqual(ids(indexstatsKind, k), []);
  });

  void test('a refused integratedSecurity value is neither SQL nor Windows authentication', () => {
    const t = WIN.replace(';integratedSecurity=true;databaseName=eGActiveDB', ';integratedSecurity="true";databaseName=eGActiveDB').replace('ACTIVE_USER=', 'ACTIVE_USER=sa');
    const found = run(indexstatsKind, t);
    assert.deepEqual(found.map((f) => f.id), ['jdbc/invalid-boolean']);
  });

  void test('the user in the URL counts: no missing-credentials for it', () => {
    const t = WIN.replace(';integratedSecurity=true;databaseName=eGReportsDB', ';user=ece;password=pw;databaseName=eGReportsDB');
    assert.deepEqual(ids(indexstatsKind, t), []);
  });
});
