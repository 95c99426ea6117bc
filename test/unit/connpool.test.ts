/**
 * The connection-pool file end to end through the engine: every `connpool/*` rule firing and not firing
 * with exact ids and ranges, the `jdbc/*` rules inside `<Url>` (ranges mapped through entities), the
 * settings that change results, every fix compared byte for byte on a CRLF file with a BOM, tabs,
 * comments and `egid` attributes, fix-all and `source.fixAll.ece`, hover, symbols, and no password
 * anywhere in what the service shows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/service/core/text';
import { applyFix, diagnose, doc, fmt, makeService, settings } from './helpers';

const BOM = '\uFEFF';
/** A correct file: BOM, CRLF, tabs, comments, egid attributes, names as child and as attribute, Windows auth. */
const GOOD =
  BOM +
  '<?xml version="1.0" encoding="UTF-8"?>\r\n' +
  '<!-- ECE 12.6 connection pools (Windows authentication, Always On listener) -->\r\n' +
  '<conn_pool_list egid="3000">\r\n' +
  '\t<connpool egid="3020">\r\n' +
  '\t\t<name egid="3021">Platform_MSSQL_Pool</name>\r\n' +
  '\t\t<DriverClass egid="3022">com.microsoft.sqlserver.jdbc.SQLServerDriver</DriverClass>\r\n' +
  '\t\t<User egid="3026"></User>\r\n' +
  '\t\t<Password egid="3027"></Password>\r\n' +
  '\t\t<Url egid="3028">jdbc:sqlserver://ece-ag.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB;multiSubnetFailover=true</Url>\r\n' +
  '\t\t<MaxConnections egid="3029">100</MaxConnections>\r\n' +
  '\t</connpool>\r\n' +
  '\t<!-- the batch pool -->\r\n' +
  '\t<connpool egid="3030">\r\n' +
  '\t\t<name egid="3031">Platform_MSSQL_Pool_Batch</name>\r\n' +
  '\t\t<User egid="3036"></User>\r\n' +
  '\t\t<Password egid="3037"></Password>\r\n' +
  '\t\t<Url egid="3038">jdbc:sqlserver://ECE-AG.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB;multiSubnetFailover=true</Url>\r\n' +
  '\t</connpool>\r\n' +
  '\t<connpool egid="3040" name="ReportsDB_MSSQL_Pool">\r\n' +
  '\t\t<User egid="3046"></User>\r\n' +
  '\t\t<Password egid="3047"></Password>\r\n' +
  '\t\t<Url egid="3048">jdbc:sqlserver://reports.example.com:1444;integratedSecurity=true;databaseName=eGReportsDB</Url>\r\n' +
  '\t</connpool>\r\n' +
  '</conn_pool_list>\r\n';

/** `'L:C-L:C'` of the n-th occurrence of `needle` (0-based LSP positions). */
function at(text: string, needle: string, nth = 0, len = needle.length): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `needle ${JSON.stringify(needle)} #${nth} not found`);
  }
  const d = TextDocument.create('file:///x', 'xml', 1, text);
  const s = d.positionAt(i);
  const e = d.positionAt(i + len);
  return `${s.line}:${s.character}-${e.line}:${e.character}`;
}
/** Range of the name of the n-th pool (GOOD: two `<name>` children, then a `name=` attribute). */
const POOL_NAMES = ['Platform_MSSQL_Pool<', 'Platform_MSSQL_Pool_Batch', 'ReportsDB_MSSQL_Pool'];
function poolName(text: string, nth: number): string {
  const needle = POOL_NAMES[nth]!;
  return at(text, needle, 0, needle.replace('<', '').length);
}
/** Range of a whole element `<Tag ...>...</Tag>` starting at the n-th `<Tag`. */
function element(text: string, tag: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(`<${tag}`, i + 1);
  const close = `</${tag}>`;
  const e = text.indexOf(close, i) + close.length;
  return at(text, text.slice(i, e), 0);
}
const ids = (text: string, s: Record<string, unknown> = {}) => diagnose(text, { settings: s }).map(fmt);
const replace = (text: string, from: string, to: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(from, i + 1);
  assert.ok(i >= 0, `not found: ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
};
/** Sets User and Password of the n-th pool. */
const creds = (text: string, nth: number, user: string, pw: string) =>
  replace(replace(text, `<User egid="30${2 + nth}6"></User>`, `<User egid="30${2 + nth}6">${user}</User>`), `<Password egid="30${2 + nth}7"></Password>`, `<Password egid="30${2 + nth}7">${pw}</Password>`);
/** Puts the n-th pool on SQL authentication (integratedSecurity=false). */
const sqlAuth = (text: string, nth: number) => replace(text, 'integratedSecurity=true', 'integratedSecurity=false', nth);

function applyTextEdits(text: string, edits: TextEdit[]): string {
  const d = TextDocument.create('file:///x', 'xml', 1, text);
  return TextDocument.applyEdits(d, edits);
}
function editsOf(a: CodeAction): TextEdit[] {
  const ch = a.edit?.documentChanges?.[0];
  assert.ok(ch && 'edits' in ch);
  return ch.edits as TextEdit[];
}

void describe('connpool: a correct file and the guide example', () => {
  void test('the realistic correct file has no diagnostic', () => {
    assert.deepEqual(ids(GOOD), []);
  });

  void test("the guide's own URL with credentials: no error and no warning", () => {
    const url = 'jdbc:sqlserver://ussuh23:1433;integratedSecurity=false;databaseName=eGActiveDB';
    const t =
      BOM +
      '<conn_pool_list>\r\n\t<connpool name="Platform_MSSQL_Pool">\r\n' +
      '\t\t<User egid="3026">eGActiveDB</User>\r\n\t\t<Password egid="3027">36423441363</Password>\r\n' +
      `\t\t<Url egid="3028">${url}</Url>\r\n\t</connpool>\r\n</conn_pool_list>\r\n`;
    const d = diagnose(t);
    assert.ok(d.every((x) => x.severity! >= DiagnosticSeverity.Information), d.map(fmt).join());
    // only the hint that `ussuh23` has no domain, on the host name itself
    assert.deepEqual(d.map(fmt), [`jdbc/server-not-fully-qualified@${at(t, 'ussuh23')}`]);
  });
});

void describe('connpool/credentials-with-integrated-security', () => {
  const id = 'connpool/credentials-with-integrated-security';
  void test('fires from the first filled element to the last, not on empty or blank values', () => {
    const both = creds(GOOD, 0, 'eGActiveDB', '36423441363');
    const r = at(both, '<User egid="3026">eGActiveDB</User>\r\n\t\t<Password egid="3027">36423441363</Password>');
    assert.deepEqual(ids(both), [`${id}@${r}`]);
    const userOnly = creds(GOOD, 1, 'sa', '');
    assert.deepEqual(ids(userOnly), [`${id}@${element(userOnly, 'User', 1)}`]);
    const pwOnly = creds(GOOD, 2, '', 'x');
    assert.deepEqual(ids(pwOnly), [`${id}@${element(pwOnly, 'Password', 2)}`]);
    assert.deepEqual(ids(creds(GOOD, 0, ' \t ', '\r\n\t')), []);
  });

  void test('the fix empties both values and keeps every other byte', () => {
    const both = creds(GOOD, 0, 'eGActiveDB', '36423441363');
    assert.equal(applyFix(both, id), GOOD);
    const withEntity = creds(GOOD, 1, 'sa', 'a&amp;b<![CDATA[c]]>');
    assert.equal(applyFix(withEntity, id), GOOD);
  });
});

void describe('connpool/missing-credentials', () => {
  const id = 'connpool/missing-credentials';
  void test('SQL authentication with an empty User or Password, on the first empty element', () => {
    const noUser = creds(sqlAuth(GOOD, 1), 1, '', 'pw');
    assert.deepEqual(ids(noUser).filter((x) => x.startsWith(id)), [`${id}@${element(noUser, 'User', 1)}`]);
    const noPw = creds(sqlAuth(GOOD, 1), 1, 'sa', '  ');
    assert.deepEqual(ids(noPw).filter((x) => x.startsWith(id)), [`${id}@${element(noPw, 'Password', 1)}`]);
    // integratedSecurity absent means SQL authentication too
    const absent = replace(GOOD, ';integratedSecurity=true', '', 2);
    assert.deepEqual(ids(absent).filter((x) => x.startsWith(id)), [`${id}@${element(absent, 'User', 2)}`]);
  });

  void test('no User/Password elements at all: on the <connpool name', () => {
    const t = replace(replace(sqlAuth(GOOD, 2), '\t\t<User egid="3046"></User>\r\n', ''), '\t\t<Password egid="3047"></Password>\r\n', '');
    assert.deepEqual(ids(t).filter((x) => x.startsWith(id)), [`${id}@${at(t, '<connpool', 2)}`]);
  });

  void test('not with credentials, nor on Windows authentication', () => {
    assert.deepEqual(ids(creds(sqlAuth(GOOD, 0), 0, 'sa', 'pw')).filter((x) => x.startsWith(id)), []);
    assert.deepEqual(ids(GOOD), []);
  });

  void test('the fix switches this one pool to Windows authentication (not a safe fix)', () => {
    const t = creds(sqlAuth(GOOD, 1), 1, '', 'pw');
    assert.equal(applyFix(t, id), GOOD);
    const { service } = makeService();
    const f = service.analyze(doc(t), settings())!.findings.find((x) => x.ruleId === id)!;
    assert.equal(f.fixes[0]!.safe, false);
  });
});

void describe('connpool/mixed-authentication', () => {
  const id = 'connpool/mixed-authentication';
  void test('on the name of each SQL-authentication pool (not across its Url)', () => {
    const t = creds(sqlAuth(GOOD, 0), 0, 'sa', 'pw');
    assert.deepEqual(ids(t), [`${id}@${poolName(t, 0)}`]);
    const two = creds(sqlAuth(creds(sqlAuth(GOOD, 0), 0, 'sa', 'pw'), 0), 1, 'sa', 'pw');
    assert.deepEqual(ids(two), [`${id}@${poolName(two, 0)}`, `${id}@${poolName(two, 1)}`]);
  });

  void test('bounded: names three pools of the other mode and counts the rest; the others as related information', () => {
    const pool = (i: number, win: boolean) =>
      `<connpool name="P${i}"><User>${win ? '' : 'u'}</User><Password>${win ? '' : 'p'}</Password><Url>jdbc:sqlserver://db.example.com:1433;databaseName=A${win ? ';integratedSecurity=true' : ''}</Url></connpool>\r\n`;
    let t = '<conn_pool_list>\r\n';
    for (let i = 0; i < 4000; i++) t += pool(i, i !== 17);
    t += '</conn_pool_list>\r\n';
    const d = diagnose(t).filter((x) => x.code === id);
    assert.equal(d.length, 1);
    assert.equal(d[0]!.message, 'Pool "P17" still uses SQL authentication while "P0", "P1", "P2" and 3996 other pools use Windows authentication: the conversion looks half done. Every pool must use the same mode.');
    assert.equal(d[0]!.relatedInformation!.length, 20);
    assert.equal(d[0]!.relatedInformation![0]!.message, 'Pool "P0" uses Windows authentication.');
    assert.equal(fmt(d[0]!), `${id}@${at(t, 'P17"', 0, 3)}`);
    // The other way round (one Windows pool among 4000 SQL ones): 3999 findings, each as short as the first.
    let u = '<conn_pool_list>\r\n';
    for (let i = 0; i < 4000; i++) u += pool(i, i === 5);
    u += '</conn_pool_list>\r\n';
    const { service } = makeService();
    const all = service.analyze(doc(u), settings())!.findings.filter((x) => x.ruleId === id);
    assert.equal(all.length, 3999);
    assert.ok(Math.max(...all.map((x) => x.message.length)) < 200);
  });

  void test('silent when every pool uses the same mode', () => {
    let all = GOOD;
    for (let i = 0; i < 3; i++) all = creds(sqlAuth(all, 0), i, 'sa', 'pw');
    assert.deepEqual(ids(all), []);
  });

  void test('the fix converts the whole file, byte for byte', () => {
    const t = creds(sqlAuth(GOOD, 0), 0, 'eGActiveDB', '36423441363');
    assert.equal(applyFix(t, id), GOOD);
  });
});

void describe('connpool/sql-auth-with-always-on (settings ece.alwaysOn, ece.listenerNames)', () => {
  const id = 'connpool/sql-auth-with-always-on';
  let all = GOOD;
  for (let i = 0; i < 3; i++) all = creds(sqlAuth(all, 0), i, 'sa', 'pw');

  void test('silent without the settings', () => assert.deepEqual(ids(all), []));

  void test('ece.alwaysOn: on every SQL pool', () => {
    assert.deepEqual(ids(all, { alwaysOn: true }), [0, 1, 2].map((n) => `${id}@${poolName(all, n)}`));
  });

  void test('ece.listenerNames: only pools whose host is a listener (case-insensitive)', () => {
    const got = ids(all, { listenerNames: ['Ece-Ag.Example.com'] });
    assert.deepEqual(
      got.filter((x) => x.startsWith(id)),
      [0, 1].map((n) => `${id}@${poolName(all, n)}`),
    );
    // the listener setting also asks jdbc/listener-without-multisubnet on the URLs: they have it
    assert.deepEqual(got.filter((x) => !x.startsWith(id)), []);
    assert.deepEqual(ids(all, { listenerNames: ['other.example.com'] }), []);
  });

  void test('the fix converts every pool', () => {
    assert.equal(applyFix(all, id, { settings: { alwaysOn: true } }), GOOD);
  });
});

void describe('connpool/hosts-differ', () => {
  const id = 'connpool/hosts-differ';
  void test('an active pool on another host or port: on the host it names', () => {
    const host = replace(GOOD, 'ECE-AG.example.com', 'old-sql.example.com');
    assert.deepEqual(ids(host), [`${id}@${at(host, 'old-sql.example.com')}`]);
    const port = replace(GOOD, 'ECE-AG.example.com:1433', 'ECE-AG.example.com:1444');
    assert.deepEqual(ids(port), [`${id}@${at(port, 'ECE-AG.example.com')}`]);
    // no port means 1433: same as an explicit 1433
    assert.deepEqual(ids(replace(GOOD, 'ECE-AG.example.com:1433', 'ECE-AG.example.com')), []);
  });

  void test('the reports pool may differ; host case does not matter', () => {
    assert.deepEqual(ids(GOOD), []);
    assert.ok(GOOD.includes('reports.example.com:1444'));
  });
});

void describe('connpool/missing-url', () => {
  void test('on <connpool of a pool without Url, with the name from a <name> child or an attribute', () => {
    const t = replace(GOOD, '\t\t<Url egid="3038">jdbc:sqlserver://ECE-AG.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB;multiSubnetFailover=true</Url>\r\n', '');
    const d = diagnose(t);
    assert.deepEqual(d.map(fmt), [`connpool/missing-url@${at(t, '<connpool', 1)}`]);
    assert.match(d[0]!.message, /"Platform_MSSQL_Pool_Batch"/);
    const a = replace(GOOD, '\t\t<Url egid="3048">jdbc:sqlserver://reports.example.com:1444;integratedSecurity=true;databaseName=eGReportsDB</Url>\r\n', '');
    const d2 = diagnose(a);
    assert.deepEqual(d2.map(fmt), [`connpool/missing-url@${at(a, '<connpool', 2)}`]);
    assert.match(d2[0]!.message, /"ReportsDB_MSSQL_Pool"/);
  });
});

void describe('jdbc rules inside <Url>, ranges mapped through entities', () => {
  void test('unknown property after &amp; and an invalid boolean after &lt;', () => {
    const t = replace(GOOD, 'databaseName=eGActiveDB;multiSubnetFailover=true</Url>', 'databaseName=eGActiveDB;applicationName=R&amp;D &lt;1&gt;;integratedSecuirty=true;multiSubnetFailover=yes</Url>');
    assert.deepEqual(ids(t), [
      `jdbc/unknown-property@${at(t, 'integratedSecuirty')}`,
      `jdbc/invalid-boolean@${at(t, 'yes</Url>', 0, 3)}`,
    ]);
  });

  void test('the did-you-mean and true/false fixes edit only the raw bytes of the name or value', () => {
    const t = replace(GOOD, 'integratedSecurity=true;databaseName=eGReportsDB', 'integratedSecurity=true;databaseName=eGReportsDB;applicationName=R&amp;D;integratedSecuirty=true;multiSubnetFailover=ture');
    assert.deepEqual(ids(t), [
      `jdbc/unknown-property@${at(t, 'integratedSecuirty')}`,
      `jdbc/invalid-boolean@${at(t, 'ture')}`,
    ]);
    const typo = applyFix(t, 'jdbc/unknown-property');
    assert.equal(typo, t.replace('integratedSecuirty', 'integratedSecurity'));
    assert.equal(applyFix(t, 'jdbc/invalid-boolean'), t.replace('Failover=ture', 'Failover=true'));
  });

  void test('a CDATA URL maps too, and its fixes edit the raw text', () => {
    const t = replace(GOOD, 'ECE-AG.example.com:1433;', 'ECE-AG.example.com\\inst:1433;', 0);
    assert.deepEqual(ids(t), [`jdbc/instance-ignored@${at(t, '\\inst', 0, 5)}`]);
    assert.equal(applyFix(t, 'jdbc/instance-ignored'), GOOD);
    const c = replace(GOOD, 'databaseName=eGReportsDB</Url>', 'databaseName=eGReportsDB;databaseName=<![CDATA[x&y]]></Url>');
    // the earlier of the two is reported (the driver keeps the last one)
    assert.deepEqual(ids(c), [`jdbc/duplicate-property@${at(c, 'databaseName=eGReportsDB')}`]);
    assert.equal(applyFix(c, 'jdbc/duplicate-property'), replace(GOOD, 'databaseName=eGReportsDB</Url>', 'databaseName=<![CDATA[x&y]]></Url>'));
  });

  void test('ece.listenerNames asks for multiSubnetFailover; the fix appends it in the raw text', () => {
    const t = replace(GOOD, ';multiSubnetFailover=true', '', 1);
    assert.deepEqual(ids(t), []);
    const s = { listenerNames: ['ece-ag.example.com'] };
    assert.deepEqual(ids(t, s), [`jdbc/listener-without-multisubnet@${at(t, 'ECE-AG.example.com')}`]);
    assert.equal(applyFix(t, 'jdbc/listener-without-multisubnet', { settings: s }), GOOD);
  });
});

void describe('code actions: quick fix, fix all in file, source.fixAll.ece', () => {
  const id = 'connpool/credentials-with-integrated-security';
  const three = creds(creds(creds(GOOD, 0, 'eGActiveDB', '36423441363'), 1, 'eGActiveDB', 'x'), 2, '', 'y');

  void test('"Fix all" appears when several findings exist and fixes them all', () => {
    const { service } = makeService();
    const d = doc(three);
    const diags = service.diagnostics(d, settings());
    assert.deepEqual(diags.map((x) => x.code), [id, id, id]);
    const actions = service.codeActions(d, diags[1]!.range, [diags[1]!], undefined, settings());
    assert.deepEqual(actions.map((a) => a.title), [
      'Empty the User and Password values',
      `Fix all ${id} problems in this file`,
      `Disable ${id} for this line`,
      `Disable ${id} for this file`,
    ]);
    assert.equal(actions[0]!.isPreferred, true);
    assert.equal(actions[0]!.kind, CodeActionKind.QuickFix);
    assert.equal(applyTextEdits(three, editsOf(actions[0]!)), creds(creds(GOOD, 0, 'eGActiveDB', '36423441363'), 2, '', 'y'));
    assert.equal(applyTextEdits(three, editsOf(actions[1]!)), GOOD);
  });

  void test('with resolveEdits, "Fix all" and "Disable" are listed without edits and resolve to the same edits, on the current text', () => {
    const { service } = makeService();
    const d = doc(three);
    const diags = service.diagnostics(d, settings());
    const eager = service.codeActions(d, diags[1]!.range, [diags[1]!], undefined, settings());
    const lazy = service.codeActions(d, diags[1]!.range, [diags[1]!], undefined, settings(), { resolveEdits: true });
    assert.deepEqual(lazy.map((a) => a.title), eager.map((a) => a.title));
    assert.deepEqual(lazy.map((a) => a.edit === undefined), [false, true, true, true]);
    const key = (diags[1]!.data as { key: string }).key;
    assert.deepEqual(lazy.map((a) => a.data), [
      undefined,
      { ece: 'fixAllRule', ruleId: id, uri: d.uri },
      { ece: 'disable', scope: 'line', ruleId: id, key, uri: d.uri },
      { ece: 'disable', scope: 'file', ruleId: id, key, uri: d.uri },
    ]);
    assert.deepEqual(lazy[0], eager[0], 'a finding\'s own fix comes with its edit');
    // what the client sends back (JSON: no prototype, no undefined) resolves to the edits the eager list carries
    const wire = (a: CodeAction) => JSON.parse(JSON.stringify(a)) as CodeAction;
    for (const i of [1, 2, 3]) {
      const r = service.resolveCodeAction(d, wire(lazy[i]!), settings());
      assert.equal(r.refused, undefined, lazy[i]!.title);
      assert.equal(r.action.data, undefined);
      assert.deepEqual(r.action.edit, eager[i]!.edit, lazy[i]!.title);
    }
    assert.equal(applyTextEdits(three, editsOf(service.resolveCodeAction(d, wire(lazy[1]!), settings()).action)), GOOD);
    // a later version: the fix is made on that text and names that version
    const edited = (t: string) => t.replace('<!-- ECE 12.6', '<!-- edited, ECE 12.6');
    const later = TextDocument.create(d.uri, d.languageId, d.version + 1, edited(three));
    const again = service.resolveCodeAction(later, wire(lazy[1]!), settings()).action;
    const change = again.edit!.documentChanges![0] as { textDocument: { version: number } };
    assert.equal(change.textDocument.version, d.version + 1);
    assert.equal(applyTextEdits(later.getText(), editsOf(again)), edited(GOOD));
    // the finding of a Disable action moved (its key names its old offsets): refused, with the reason, no edit
    const moved = service.resolveCodeAction(later, wire(lazy[2]!), settings());
    assert.equal(moved.action.edit, undefined);
    assert.match(moved.refused ?? '', /changed since the action was listed/);
    // an action of another document, or one that is not ours, comes back unchanged
    const other = TextDocument.create('file:///elsewhere/egpl_ds_connpool_map.xml', d.languageId, 1, three);
    assert.deepEqual(service.resolveCodeAction(other, lazy[1]!, settings()), { action: lazy[1] });
    const foreign: CodeAction = { title: 'x', data: { ece: 'other', ruleId: id, uri: d.uri } };
    assert.deepEqual(service.resolveCodeAction(d, foreign, settings()), { action: foreign });
  });

  void test('no "Fix all" with a single finding', () => {
    const { service } = makeService();
    const t = creds(GOOD, 0, 'a', 'b');
    const d = doc(t);
    const diags = service.diagnostics(d, settings());
    const titles = service.codeActions(d, diags[0]!.range, diags, undefined, settings()).map((a) => a.title);
    assert.ok(!titles.some((x) => x.startsWith('Fix all')), titles.join());
  });

  void test('source.fixAll.ece applies only the safe fixes', () => {
    // safe: credentials (empty values), duplicate-property, instance-ignored; unsafe: missing-credentials, unknown-property
    let t = replace(three, 'ECE-AG.example.com:1433;', 'ECE-AG.example.com\\inst:1433;databaseName=old;', 0);
    t = replace(t, 'databaseName=eGReportsDB', 'databaseName=eGReportsDB;integratedSecuirty=true');
    const { service } = makeService();
    const d = doc(t);
    const actions = service.codeActions(d, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [CodeActionKind.SourceFixAll], settings());
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe ECE problems', 'source.fixAll.ece']]);
    const after = applyTextEdits(t, editsOf(actions[0]!));
    assert.equal(after, replace(GOOD, 'databaseName=eGReportsDB', 'databaseName=eGReportsDB;integratedSecuirty=true'));
    // the unsafe one is still reported afterwards
    assert.deepEqual(ids(after), [`jdbc/unknown-property@${at(after, 'integratedSecuirty')}`]);
    // not offered for plain quick-fix requests
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.ok(!service.codeActions(d, top, [], [CodeActionKind.QuickFix], settings()).some((a) => a.kind === 'source.fixAll.ece'));
  });
});

void describe('hover and symbols', () => {
  const SECRET_XML = 'S3cr3t&amp;Pw';
  const SECRET = 'S3cr3t&Pw';
  const URL_SECRET = 'Hunter2;x';
  const t = replace(
    creds(sqlAuth(GOOD, 0), 0, 'eGActiveDB', SECRET_XML),
    'databaseName=eGActiveDB;multiSubnetFailover=true',
    `databaseName=eGActiveDB;multiSubnetFailover=true;password={${URL_SECRET}};user=sa`,
  );

  void test('hover on a Url: server, port, database, authentication mode', async () => {
    const { service } = makeService();
    const d = doc(t);
    const h = await service.hover(d, d.positionAt(t.indexOf('ece-ag.example.com') + 2), settings());
    assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents);
    const v = h.contents.value;
    assert.match(v, /Connection pool `Platform_MSSQL_Pool`/);
    assert.match(v, /\*\*Server:\*\* `ece-ag\.example\.com`/);
    assert.match(v, /\*\*Port:\*\* 1433/);
    assert.match(v, /\*\*Database:\*\* `eGActiveDB`/);
    assert.match(v, /\*\*Authentication:\*\* SQL Server authentication/);
    const w = await service.hover(doc(GOOD), doc(GOOD).positionAt(GOOD.indexOf('reports.example.com')), settings());
    assert.ok(w && typeof w.contents === 'object' && 'value' in w.contents);
    assert.match(w.contents.value, /\*\*Authentication:\*\* Windows/);
    assert.match(w.contents.value, /\*\*Port:\*\* 1444/);
    assert.match(w.contents.value, /\*\*Database:\*\* `eGReportsDB`/);
  });

  void test('no password text in any hover (every offset), symbol, diagnostic or code action', async () => {
    const { service } = makeService();
    const d = doc(t);
    const s = settings({ alwaysOn: true });
    const shown: string[] = [];
    for (let o = 0; o <= t.length; o++) {
      const h = await service.hover(d, d.positionAt(o), s);
      if (h) shown.push(JSON.stringify(h.contents));
    }
    assert.ok(shown.length > 100);
    assert.ok(shown.some((x) => x.includes('never shown')), 'the Password element hover says it is set');
    const diags = service.diagnostics(d, s);
    assert.ok(diags.length > 0);
    shown.push(...diags.map((x) => x.message));
    shown.push(JSON.stringify(service.symbols(d, s)));
    shown.push(...service.codeActions(d, diags[0]!.range, diags, undefined, s).map((a) => a.title));
    for (const text of shown) {
      for (const secret of [SECRET, SECRET_XML, 'S3cr3t', 'Hunter2', '36423441363']) assert.ok(!text.includes(secret), `${secret} shown in: ${text}`);
    }
  });

  void test('one symbol per pool with its name, host and database', () => {
    const { service } = makeService();
    const d = doc(GOOD);
    const syms = service.symbols(d, settings());
    assert.deepEqual(
      syms.map((x) => [x.name, x.detail, `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`]),
      [
        ['Platform_MSSQL_Pool', 'ece-ag.example.com / eGActiveDB', element(GOOD, 'connpool', 0)],
        ['Platform_MSSQL_Pool_Batch', 'ECE-AG.example.com / eGActiveDB', element(GOOD, 'connpool', 1)],
        ['ReportsDB_MSSQL_Pool', 'reports.example.com / eGReportsDB', element(GOOD, 'connpool', 2)],
      ],
    );
  });
});

void describe('the example ECE home', () => {
  void test('gives exactly the diagnostics it gives today', () => {
    const path = join(__dirname, '../../examples/ece-home/eService/installation/dataaccess/egpl_ds_connpool_map.xml');
    const t = readFileSync(path, 'utf8');
    assert.ok(t.startsWith(BOM) && t.includes('\r\n'));
    const d = diagnose(t);
    assert.deepEqual(
      d.map((x) => `${fmt(x)} ${x.severity}`),
      [
        'connpool/credentials-with-integrated-security@6:2-7:46 2',
        'connpool/mixed-authentication@12:20-12:45 2',
        'connpool/hosts-differ@16:36-16:47 2',
        'jdbc/server-is-ip-address@16:36-16:47 2',
        'jdbc/unknown-property@16:102-16:120 2',
        'jdbc/instance-ignored@23:70-23:81 2',
        'jdbc/invalid-boolean@23:156-23:159 1',
      ],
    );
  });
});

void describe('robustness: mutated pool files', () => {
  void test('600 seeded mutations: no rule, hover or symbol provider throws; ranges and edits stay in bounds', async () => {
    let seed = 0x5eed;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const bits = ['<', '>', '&', '"', "'", '</Url>', '<Url>', ';', '=', '{', '}', '\\', ':', '<!--', '-->', 'integratedSecurity=true', '</connpool>', '<connpool>', '\u0000', '\r\n', '&amp;', ']]>', '<![CDATA['];
    let BAD = creds(sqlAuth(GOOD, 0), 0, 'sa', 'pw');
    BAD = replace(BAD, 'ECE-AG.example.com:1433', '10.1.2.3\\inst:1433;databaseName=x');
    let safeRuns = 0;
    for (let i = 0; i < 600; i++) {
      let t = i % 2 ? GOOD : BAD;
      for (let k = 0, n = 1 + Math.floor(rnd() * 4); k < n; k++) {
        const p = Math.floor(rnd() * t.length);
        const r = rnd();
        if (r < 0.4) t = t.slice(0, p) + bits[Math.floor(rnd() * bits.length)]! + t.slice(p);
        else if (r < 0.8) t = t.slice(0, p) + t.slice(p + 1 + Math.floor(rnd() * 20));
        else t = t.slice(0, p) + t.slice(p, p + 30) + t.slice(p);
      }
      const { service, logs } = makeService();
      const s = settings({ alwaysOn: i % 3 === 0, listenerNames: ['ece-ag.example.com'] });
      const d = doc(t);
      const a = service.analyze(d, s);
      assert.ok(a);
      for (const f of a.findings) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= t.length, `${f.ruleId} out of bounds`);
        for (const fix of f.fixes) for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= t.length, `${f.ruleId} edit out of bounds`);
      }
      const diags = service.diagnostics(d, s);
      if (diags.length) service.codeActions(d, diags[0]!.range, diags, undefined, s);
      service.codeActions(d, diags[0]?.range ?? { start: d.positionAt(0), end: d.positionAt(0) }, [], [CodeActionKind.SourceFixAll], s);
      service.symbols(d, s);
      for (let h = 0; h < 5; h++) await service.hover(d, d.positionAt(Math.floor(rnd() * t.length)), s);
      assert.deepEqual(logs, [], JSON.stringify(t));
      // safe fixes never break a well-formed file
      if (!a.findings.some((f) => f.ruleId === 'xml/not-well-formed')) {
        const fixed = applyEdits(t, service.fixAllEdits(d, s));
        assert.deepEqual(diagnose(fixed).filter((x) => x.code === 'xml/not-well-formed'), [], JSON.stringify([t, fixed]));
        safeRuns++;
      }
    }
    assert.ok(safeRuns > 50, String(safeRuns));
  });
});

void describe('what the driver does with NTLM, JavaKerberos, refused values and instance ports (issue 11)', () => {
  const ntlm = (text: string, nth: number) => replace(text, 'integratedSecurity=true', 'integratedSecurity=true;authenticationScheme=NTLM', nth);

  void test('NTLM: credentials are required, so credentials-with-integrated-security never fires and never empties them', () => {
    const t = creds(ntlm(GOOD, 0), 0, 'svc_ece', '36423441363');
    assert.deepEqual(ids(t), []);
    const k = creds(replace(GOOD, 'integratedSecurity=true', 'integratedSecurity=true;authenticationScheme=JavaKerberos', 0), 0, 'svc_ece', '36423441363');
    assert.deepEqual(ids(k), []);
    // the native scheme, written out, still gets the finding
    const n = creds(replace(GOOD, 'integratedSecurity=true', 'integratedSecurity=true;authenticationScheme=NativeAuthentication', 0), 0, 'eGActiveDB', '36423441363');
    assert.deepEqual(ids(n), [`connpool/credentials-with-integrated-security@${at(n, '<User egid="3026">eGActiveDB</User>\r\n\t\t<Password egid="3027">36423441363</Password>')}`]);
  });

  void test('connpool/ntlm-without-credentials: NTLM with an empty User or Password; the URL user=/password= count', () => {
    const t = ntlm(GOOD, 0);
    assert.deepEqual(ids(t), [`connpool/ntlm-without-credentials@${at(t, '<User egid="3026"></User>')}`]);
    const d = diagnose(t).find((x) => x.code === 'connpool/ntlm-without-credentials')!;
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.match(d.message, /User and Password are empty: the driver refuses to connect without both/);
    const pwOnly = creds(t, 0, 'svc_ece', '');
    assert.deepEqual(ids(pwOnly), [`connpool/ntlm-without-credentials@${at(pwOnly, '<Password egid="3027"></Password>')}`]);
    const inUrl = replace(t, 'authenticationScheme=NTLM', 'authenticationScheme=NTLM;user=svc_ece;password={x;y}');
    assert.deepEqual(ids(inUrl), []);
  });

  void test('the quick fixes and the conversion keep the credentials of an NTLM pool', () => {
    // pool 2 on SQL auth with authenticationScheme=NTLM (not read yet): switching to integratedSecurity=true makes it NTLM
    const t = creds(replace(sqlAuth(GOOD, 1), 'integratedSecurity=false', 'integratedSecurity=false;authenticationScheme=NTLM'), 1, 'svc_ece', '36423441363');
    const fixed = applyFix(t, 'connpool/mixed-authentication');
    assert.equal(fixed, replace(t, 'integratedSecurity=false', 'integratedSecurity=true'));
  });

  void test('a refused integratedSecurity value is not SQL authentication: no missing-credentials, no mixed-authentication', () => {
    const t = replace(GOOD, 'integratedSecurity=true', 'integratedSecurity="true"', 1);
    assert.deepEqual(ids(t), [`jdbc/invalid-boolean@${at(t, '"true"')}`]);
    const y = replace(GOOD, 'integratedSecurity=true', 'integratedSecurity=yes', 1);
    for (const d of diagnose(y)) assert.doesNotMatch(d.message, /uses SQL authentication/);
  });

  void test('missing-credentials: a user and password in the URL are credentials too', () => {
    const t = replace(sqlAuth(GOOD, 0), 'integratedSecurity=false', 'integratedSecurity=false;user=eGActiveDB;password=x');
    assert.deepEqual(ids(t).filter((x) => x.startsWith('connpool/missing-credentials')), []);
  });

  void test('hosts-differ: with an instance and no port the port is SQL Browser\'s, not 1433; port 0 is no port', () => {
    // `h\inst` (SQL Browser's port) differs from `h:1433` even when that instance listens on 1433: the file cannot tell
    const t = replace(GOOD, 'ECE-AG.example.com:1433', 'ECE-AG.example.com\\ECE');
    const d = diagnose(t).filter((x) => x.code === 'connpool/hosts-differ');
    assert.deepEqual(d.map(fmt), [`connpool/hosts-differ@${at(t, 'ECE-AG.example.com\\ECE', 0, 'ECE-AG.example.com'.length)}`]);
    assert.match(d[0]!.message, /connects to ece-ag\.example\.com\\ece \(the port SQL Browser reports for that instance\), while the other active-database pools connect to ece-ag\.example\.com:1433/);
    // no port and port 0 without an instance are both 1433: no finding
    assert.deepEqual(ids(replace(GOOD, 'ECE-AG.example.com:1433', 'ECE-AG.example.com')), []);
    assert.deepEqual(ids(replace(GOOD, 'ECE-AG.example.com:1433', 'ECE-AG.example.com:0')), []);
    // `h\inst:0` and `h\inst` are the same (port 0 means none)
    const two = replace(replace(GOOD, 'ece-ag.example.com:1433', 'ece-ag.example.com\\ECE:0'), 'ECE-AG.example.com:1433', 'ECE-AG.example.com\\ece');
    assert.deepEqual(ids(two).filter((x) => x.startsWith('connpool/hosts-differ')), []);
  });
});
