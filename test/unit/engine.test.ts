/**
 * The engine (`server/src/service/core/engine.ts`) on the connection-pool kind: rule levels from
 * `ece.rules`, suppression comments, the "Disable RULE for this line" action, a throwing rule isolated,
 * caching per document version and settings, kind detection by glob, and settings normalisation.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type TextEdit } from 'vscode-languageserver-types';
import { defaultSettings, DEFAULT_FILE_GLOBS, fromDottedSettings, normalizeSettings } from '../../server/src/service/core/settings';
import { findSuppressions } from '../../server/src/service/core/suppression';
import type { Rule } from '../../server/src/service/core/types';
import { connpoolKind } from '../../server/src/service/kinds/connpool/kind';
import type { ConnpoolModel } from '../../server/src/service/kinds/connpool/model';
import { POOL_URI, diagnose, doc, fmt, makeService, settings } from './helpers';

const CRED = 'connpool/credentials-with-integrated-security';
/** Two pools on Windows authentication that still hold credentials: two findings of CRED. */
const T =
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n' +
  '<conn_pool_list egid="3000">\r\n' +
  '\t<connpool egid="3020" name="Platform_MSSQL_Pool">\r\n' +
  '\t\t<User egid="3026">eGActiveDB</User>\r\n' +
  '\t\t<Url egid="3028">jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB</Url>\r\n' +
  '\t</connpool>\r\n' +
  '\t<connpool egid="3030" name="Platform_MSSQL_Pool_Batch">\r\n' +
  '\t\t<User egid="3036">eGActiveDB</User>\r\n' +
  '\t\t<Url egid="3038">jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB</Url>\r\n' +
  '\t</connpool>\r\n' +
  '</conn_pool_list>\r\n';
const BOTH = [`${CRED}@3:2-3:37`, `${CRED}@7:2-7:37`];
const ids = (text: string, s: Record<string, unknown> = {}) => diagnose(text, { settings: s }).map(fmt);
/** Inserts `line` (plus CRLF) before line number `n` (0-based). */
const insertLine = (text: string, n: number, line: string) => {
  const lines = text.split('\r\n');
  lines.splice(n, 0, line);
  return lines.join('\r\n');
};

void describe('engine: ece.rules levels', () => {
  void test('the default severity without settings', () => {
    const d = diagnose(T);
    assert.deepEqual(d.map(fmt), BOTH);
    assert.deepEqual(d.map((x) => x.severity), [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
  });

  void test('each level changes the severity, off removes the diagnostics', () => {
    const want: Record<string, DiagnosticSeverity> = {
      error: DiagnosticSeverity.Error,
      warning: DiagnosticSeverity.Warning,
      information: DiagnosticSeverity.Information,
      hint: DiagnosticSeverity.Hint,
      info: DiagnosticSeverity.Information,
      HINT: DiagnosticSeverity.Hint,
    };
    for (const [level, sev] of Object.entries(want)) {
      const d = diagnose(T, { settings: { rules: { [CRED]: level } } });
      assert.deepEqual(d.map(fmt), BOTH, level);
      assert.deepEqual(d.map((x) => x.severity), [sev, sev], level);
    }
    assert.deepEqual(ids(T, { rules: { [CRED]: 'off' } }), []);
    // an unknown level keeps the default
    assert.deepEqual(diagnose(T, { settings: { rules: { [CRED]: 'loud' } } }).map((x) => x.severity), [2, 2]);
  });

  void test('levels apply to parser problems and jdbc rules too', () => {
    const broken = T.replace('</conn_pool_list>', '</conn_pool_lst>');
    assert.deepEqual(diagnose(broken).map((x) => [x.code, x.severity]), [
      [CRED, 2],
      [CRED, 2],
      ['xml/not-well-formed', 1],
    ]);
    assert.deepEqual(
      diagnose(broken, { settings: { rules: { 'xml/not-well-formed': 'hint' } } }).map((x) => [x.code, x.severity]).at(-1),
      ['xml/not-well-formed', DiagnosticSeverity.Hint],
    );
    assert.deepEqual(ids(broken, { rules: { 'xml/not-well-formed': 'off' } }), BOTH);
    const ip = T.replaceAll('db.example.com', '10.0.0.1');
    assert.deepEqual(ids(ip, { rules: { [CRED]: 'off' } }), ['jdbc/server-is-ip-address@4:36-4:44', 'jdbc/server-is-ip-address@8:36-8:44']);
    assert.deepEqual(diagnose(ip, { settings: { rules: { 'jdbc/server-is-ip-address': 'error' } } }).map((x) => [x.code, x.severity]), [
      [CRED, 2],
      ['jdbc/server-is-ip-address', 1],
      [CRED, 2],
      ['jdbc/server-is-ip-address', 1],
    ]);
    assert.deepEqual(ids(ip, { rules: { [CRED]: 'off', 'jdbc/server-is-ip-address': 'off' } }), []);
  });

  void test('diagnostics carry source, code and the doc link when docsBase is set', () => {
    const { service } = makeService({ docsBase: 'file:///ext/docs/rules' });
    const [d] = service.diagnostics(doc(T), settings());
    assert.equal(d!.source, 'ece');
    assert.equal(d!.code, CRED);
    assert.deepEqual(d!.codeDescription, { href: `file:///ext/docs/rules/${CRED}.md` });
  });
});

void describe('engine: suppression comments', () => {
  void test('ece-disable-next-line RULE hides that rule on the next line only', () => {
    const t = insertLine(T, 3, `\t\t<!-- ece-disable-next-line ${CRED} -->`);
    assert.deepEqual(ids(t), [`${CRED}@8:2-8:37`]);
  });

  void test('several ids (spaces or commas); another rule id does not hide this one', () => {
    const many = insertLine(T, 3, `\t\t<!-- ece-disable-next-line jdbc/unknown-property, ${CRED} connpool/missing-url -->`);
    assert.deepEqual(ids(many), [`${CRED}@8:2-8:37`]);
    const other = insertLine(T, 3, '\t\t<!-- ece-disable-next-line jdbc/unknown-property -->');
    assert.deepEqual(ids(other), [`${CRED}@4:2-4:37`, `${CRED}@8:2-8:37`]);
  });

  void test('without ids: every rule on the next line', () => {
    const t = insertLine(T, 3, '\t\t<!-- ece-disable-next-line -->');
    assert.deepEqual(ids(t), [`${CRED}@8:2-8:37`]);
  });

  void test('a comment spanning lines applies to the line after its end', () => {
    const t = insertLine(T, 3, `\t\t<!-- ece-disable-next-line ${CRED}\r\n\t\t     the user is kept for the audit\r\n\t\t-->`);
    assert.deepEqual(ids(t), [`${CRED}@10:2-10:37`]);
  });

  void test('the marker on a later line of a multi-line comment counts too', () => {
    const t = insertLine(T, 3, `\t\t<!--\r\n\t\t\tece-disable-next-line ${CRED}\r\n\t\t-->`);
    assert.deepEqual(ids(t), [`${CRED}@10:2-10:37`]);
  });

  void test('ece-disable: the whole file, for one rule or for all', () => {
    assert.deepEqual(ids(insertLine(T, 1, `<!-- ece-disable ${CRED} -->`)), []);
    assert.deepEqual(ids(insertLine(T, 9, '\t<!-- ece-disable -->')), []);
    assert.deepEqual(ids(insertLine(T, 1, '<!-- ece-disable jdbc/unknown-property -->')), ['4:2-4:37', '8:2-8:37'].map((r) => `${CRED}@${r}`));
  });

  void test('the marker outside a comment does nothing', () => {
    const t = T.replace('<User egid="3026">eGActiveDB</User>', `<User egid="3026">ece-disable-next-line</User>`);
    assert.equal(ids(t).length, 2);
    // a marker in the text of an element on the line above is not a comment either
    const u = insertLine(T, 3, `\t\t<Note>ece-disable ${CRED}</Note>`);
    assert.equal(ids(u).length, 2);
    // ...even after a closed comment on the same line and before another comment
    const v = insertLine(T, 3, `\t\t<!-- note --><Note>ece-disable-next-line ${CRED}</Note><!-- other -->`);
    assert.equal(ids(v).length, 2);
    const w = insertLine(T, 2, `\t<!-- pools --><Note>ece-disable</Note><!-- x -->`);
    assert.equal(ids(w).length, 2);
  });

  void test('findSuppressions in the three comment syntaxes', () => {
    const s = findSuppressions('a\n# ece-disable-next-line properties/unknown-key\nb\n', 'hash');
    assert.deepEqual([...s.lines.get(2)!], ['properties/unknown-key']);
    const j = findSuppressions('/* ece-disable-next-line ecejs/protocol-not-https */\nvar x;\n// ece-disable\n', 'slash');
    assert.deepEqual([...j.lines.get(1)!], ['ecejs/protocol-not-https']);
    assert.deepEqual([...j.file], ['*']);
  });
});

void describe('engine: "Disable RULE for this line" action', () => {
  void test('inserts an indented comment line with the file line ending, which then hides the finding', () => {
    const { service } = makeService();
    const d = doc(T);
    const diags = service.diagnostics(d, settings());
    const actions = service.codeActions(d, diags[1]!.range, [diags[1]!], undefined, settings());
    const disable = actions.find((a) => a.title === `Disable ${CRED} for this line`);
    assert.ok(disable);
    const ch = disable.edit!.documentChanges![0]!;
    assert.ok('edits' in ch);
    assert.deepEqual(ch.textDocument, { uri: POOL_URI, version: 1 });
    const after = TextDocument.applyEdits(d, ch.edits as TextEdit[]);
    assert.equal(after, insertLine(T, 7, `\t\t<!-- ece-disable-next-line ${CRED} -->`));
    assert.deepEqual(ids(after), [`${CRED}@3:2-3:37`]);
  });

  void test('LF files get an LF line', () => {
    const lf = T.replace(/\r\n/g, '\n');
    const { service } = makeService();
    const d = doc(lf);
    const diags = service.diagnostics(d, settings());
    const a = service.codeActions(d, diags[0]!.range, [diags[0]!], undefined, settings()).find((x) => x.title.startsWith('Disable'))!;
    const ch = a.edit!.documentChanges![0]!;
    assert.ok('edits' in ch);
    assert.equal(TextDocument.applyEdits(d, ch.edits as TextEdit[]), lf.replace('\t\t<User egid="3026">', `\t\t<!-- ece-disable-next-line ${CRED} -->\n\t\t<User egid="3026">`));
  });
});

void describe('engine: a rule that throws is logged and skipped', () => {
  void test('the other rules still report', () => {
    const rules = connpoolKind.rules as Rule<ConnpoolModel>[];
    const boom: Rule<ConnpoolModel> = {
      id: 'connpool/test-boom',
      defaultSeverity: 'error',
      description: 'throws',
      check(_model, ctx) {
        ctx.report({ start: 0, end: 1, message: 'reported before the throw' });
        throw new Error('kaboom');
      },
    };
    rules.unshift(boom);
    try {
      const { service, logs } = makeService();
      const d = service.diagnostics(doc(T), settings());
      // the report made before the throw is kept; every other rule still ran
      assert.deepEqual(d.map(fmt), ['connpool/test-boom@0:0-0:1', ...BOTH]);
      assert.equal(logs.length, 1);
      assert.match(logs[0]!, /^\[connpool\/test-boom\] rule failed on file:\/\/\/C:\/ECE\/.* and was skipped: kaboom/);
      // off: not even called
      const quiet = makeService();
      assert.deepEqual(quiet.service.diagnostics(doc(T), settings({ rules: { 'connpool/test-boom': 'off' } })).map(fmt), BOTH);
      assert.deepEqual(quiet.logs, []);
    } finally {
      rules.splice(rules.indexOf(boom), 1);
    }
    assert.ok(!connpoolKind.rules.some((r) => r.id === 'connpool/test-boom'));
  });

  void test('a throwing hover or symbols provider gives null / [] and a log line', async () => {
    const kind = connpoolKind as { hover?: unknown; symbols?: unknown };
    const saved = { hover: kind.hover, symbols: kind.symbols };
    kind.hover = () => {
      throw new Error('hover boom');
    };
    kind.symbols = () => {
      throw new Error('symbols boom');
    };
    try {
      const { service, logs } = makeService();
      const d = doc(T);
      assert.equal(await service.hover(d, { line: 4, character: 30 }, settings()), null);
      assert.deepEqual(service.symbols(d, settings()), []);
      assert.equal(logs.length, 2);
    } finally {
      kind.hover = saved.hover;
      kind.symbols = saved.symbols;
    }
  });
});

void describe('engine: caching', () => {
  void test('same version and settings: the same analysis object; a new version or settings: a new one', () => {
    const { service } = makeService();
    const s = settings();
    const d1 = doc(T, POOL_URI, 1);
    const a1 = service.analyze(d1, s);
    assert.ok(a1);
    assert.equal(service.analyze(d1, s), a1);
    assert.equal(service.analyze(doc(T, POOL_URI, 1), settings()), a1, 'equal settings, same version');
    const a2 = service.analyze(doc(T, POOL_URI, 2), s);
    assert.notEqual(a2, a1);
    assert.deepEqual(a2!.findings, a1.findings);
    const a3 = service.analyze(doc(T, POOL_URI, 2), settings({ rules: { [CRED]: 'off' } }));
    assert.notEqual(a3, a2);
    assert.deepEqual(a3!.findings, []);
    // same version number but different text (a client that reuses versions): parsed again
    const changed = T.replace('<User egid="3026">eGActiveDB</User>', '<User egid="3026"></User>');
    assert.equal(service.analyze(doc(changed, POOL_URI, 2), s)!.findings.length, 1);
    service.forget(POOL_URI);
    assert.notEqual(service.analyze(d1, s), a1);
  });

  void test('same version, same settings, different text of the same length: analysed again (the cache keys on the parse)', () => {
    const { service } = makeService();
    const s = settings();
    assert.equal(service.analyze(doc(T, POOL_URI, 7), s)!.findings.length, 2);
    const sameLength = T.replace('<User egid="3026">eGActiveDB</User>', '<User egid="3026">          </User>');
    assert.equal(sameLength.length, T.length);
    const again = service.analyze(doc(sameLength, POOL_URI, 7), s)!;
    assert.deepEqual(again.findings.map((f) => f.ruleId), [CRED]);
    assert.deepEqual(service.diagnostics(doc(sameLength, POOL_URI, 7), s).map(fmt), [`${CRED}@7:2-7:37`]);
  });
});

void describe('engine: kindOf by glob', () => {
  const { service } = makeService();
  const s = settings();
  const kind = (uri: string, st = s) => service.kindOf(uri, T, st)?.id;

  void test('default globs: case-insensitive names, Windows paths, encoded file URIs', () => {
    assert.equal(kind(POOL_URI), 'connpool');
    assert.equal(kind('file:///c%3A/ECE/eService/installation/dataaccess/EGPL_DS_CONNPOOL_MAP.XML'), 'connpool');
    assert.equal(kind('C:\\ECE\\eService\\installation\\dataaccess\\Egpl_Ds_ConnPool_Map.xml'), 'connpool');
    assert.equal(kind('/opt/ece/dataaccess/egpl_ds_connpool_map.xml'), 'connpool');
    assert.equal(kind('file:///C:/ECE/egpl_ds_connpool_map.xml.bak'), undefined);
    assert.equal(kind('file:///C:/ECE/my_egpl_ds_connpool_map.xml'), undefined);
    assert.equal(kind('file:///C:/ECE/pom.xml'), undefined);
    assert.equal(service.isCandidate('file:///C:/x/pom.xml', s), false);
    assert.equal(service.isCandidate(POOL_URI, s), true);
  });

  void test('custom ece.files.connpool globs replace the default', () => {
    const custom = settings({ files: { connpool: ['**/pools/*.XML'] } });
    assert.equal(kind('file:///D:/ece/Pools/active.xml', custom), 'connpool');
    assert.equal(kind('file:///D:/ece/pools/sub/active.xml', custom), undefined);
    assert.equal(kind(POOL_URI, custom), undefined);
    // the other kinds keep their defaults
    assert.deepEqual(custom.files.reportsdb, DEFAULT_FILE_GLOBS.reportsdb);
  });

  void test('files of no kind get no diagnostics', () => {
    assert.deepEqual(diagnose(T, { uri: 'file:///C:/x/pom.xml' }), []);
  });
});

void describe('settings: normalizeSettings on garbage', () => {
  void test('non-objects give the defaults', () => {
    for (const raw of [undefined, null, 0, 42, 'ece', true, [], [1, 2], () => 1]) {
      assert.deepEqual(normalizeSettings(raw), defaultSettings(), String(raw));
    }
  });

  void test('wrong types fall back per field; nothing throws', () => {
    const s = normalizeSettings({
      rules: { [CRED]: 'WARNING', 'a/b': 'info', 'c/d': 7, 'e/f': 'nope', 'g/h': null },
      loadBalancerHost: '  lb.example.com  ',
      listenerNames: ['  ag1.example.com ', 3, '', null, 'ag2'],
      alwaysOn: 'true',
      solve: { contextRoot: '/system/' },
      clickjacking: { allowedDomains: 'example.com' },
      files: { connpool: 'x.xml', reportsdb: ['a.properties', 5], webconfig: [] },
      unknown: 1,
    });
    assert.deepEqual(s.rules, { [CRED]: 'warning', 'a/b': 'information' });
    assert.equal(s.loadBalancerHost, 'lb.example.com');
    assert.deepEqual(s.listenerNames, ['ag1.example.com', 'ag2']);
    assert.equal(s.alwaysOn, false);
    assert.equal(s.solve.contextRoot, 'system');
    assert.deepEqual(s.clickjacking.allowedDomains, []);
    assert.deepEqual(s.files.connpool, DEFAULT_FILE_GLOBS.connpool);
    assert.deepEqual(s.files.reportsdb, ['a.properties']);
    assert.deepEqual(s.files.webconfig, []);
    assert.equal(normalizeSettings({ alwaysOn: true }).alwaysOn, true);
    assert.deepEqual(normalizeSettings({ rules: 'off', solve: 3, clickjacking: null, files: 'x' }), defaultSettings());
  });

  void test('defaults are fresh copies', () => {
    const a = defaultSettings();
    a.files.connpool.push('x');
    assert.deepEqual(defaultSettings().files.connpool, ['**/egpl_ds_connpool_map.xml']);
  });

  void test('fromDottedSettings reads VS Code style keys', () => {
    const s = normalizeSettings(fromDottedSettings({ 'ece.rules': { [CRED]: 'off' }, 'ece.alwaysOn': true, 'ece.files.connpool': ['**/p.xml'], 'other.x': 1 }));
    assert.deepEqual(s.rules, { [CRED]: 'off' });
    assert.equal(s.alwaysOn, true);
    assert.deepEqual(s.files.connpool, ['**/p.xml']);
  });
});

void describe('engine: limits', () => {
  void test('ece.maxProblems caps the diagnostics (most severe first, in file order) and one more says how many were left out', () => {
    // Six pools with credentials (warnings) and a seventh with an invalid boolean (an error).
    const pool = (i: number, url: string) =>
      `<connpool name="P${i}"><User>u</User><Password></Password><Url>${url}</Url></connpool>\r\n`;
    let t = '<conn_pool_list>\r\n';
    for (let i = 0; i < 6; i++) t += pool(i, 'jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=A');
    t += pool(6, 'jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;multiSubnetFailover=yes;databaseName=A');
    t += '</conn_pool_list>\r\n';
    const { service } = makeService();
    assert.equal(service.analyze(doc(t), settings())!.findings.length, 8);
    const d = service.diagnostics(doc(t), settings({ maxProblems: 3 }));
    // The error (line 7) is kept although it comes last; the first two warnings fill the cap; file order is kept.
    assert.deepEqual(d.map((x) => `${String(x.code)}@${x.range.start.line}`), [
      'connpool/credentials-with-integrated-security@1',
      'connpool/credentials-with-integrated-security@2',
      'jdbc/invalid-boolean@7',
      'ece/too-many-problems@0',
    ]);
    assert.deepEqual(d.slice(0, 3).map((x) => x.severity), [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning, DiagnosticSeverity.Error]);
    assert.equal(d[3]!.code, 'ece/too-many-problems');
    assert.equal(d[3]!.severity, DiagnosticSeverity.Information);
    assert.match(d[3]!.message, /has 8 problems; the 3 most severe are shown and 5 are not \(setting ece\.maxProblems\)/);
    // Under the cap: no summary. Turned off: no summary either.
    assert.equal(service.diagnostics(doc(t), settings({ maxProblems: 8 })).length, 8);
    assert.equal(service.diagnostics(doc(t), settings({ maxProblems: 3, rules: { 'ece/too-many-problems': 'off' } })).length, 3);
  });

  void test('a document over 16 MB is not parsed: one ece/file-too-large finding, no hover, no symbols', async () => {
    const { service } = makeService();
    const big = '<conn_pool_list>' + ' '.repeat(16 * 1024 * 1024) + '</conn_pool_list>';
    const d = doc(big);
    assert.deepEqual(service.diagnostics(d, settings()).map(fmt), ['ece/file-too-large@0:0-0:0']);
    assert.deepEqual(service.symbols(d, settings()), []);
    assert.equal(await service.hover(d, { line: 0, character: 3 }, settings()), null);
  });

  void test('no code action is offered twice in one answer, whichever findings the request carries', () => {
    // SQL authentication on an Always On listener and mixed with a Windows pool: two rules offer the same conversion.
    const t =
      '<conn_pool_list>\r\n' +
      '<connpool name="A"><User></User><Password></Password><Url>jdbc:sqlserver://ag.example.com:1433;integratedSecurity=true;databaseName=A</Url></connpool>\r\n' +
      '<connpool name="B"><User>u</User><Password>p</Password><Url>jdbc:sqlserver://ag.example.com:1433;databaseName=A</Url></connpool>\r\n' +
      '<connpool name="C"><User>u</User><Password>p</Password><Url>jdbc:sqlserver://ag.example.com:1433;databaseName=A</Url></connpool>\r\n' +
      '</conn_pool_list>\r\n';
    const { service } = makeService();
    const s = settings({ alwaysOn: true });
    const d = doc(t);
    const all = service.diagnostics(d, s);
    assert.ok(all.filter((x) => x.code === 'connpool/mixed-authentication').length === 2);
    assert.ok(all.filter((x) => x.code === 'connpool/sql-auth-with-always-on').length === 2);
    const actions = service.codeActions(d, all[0]!.range, all, undefined, s);
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, [...new Set(titles)]);
    const convert = actions.filter((a) => a.title === 'Convert every pool of this file to Windows authentication');
    assert.equal(convert.length, 1);
    // The one action lists every diagnostic it resolves.
    assert.equal(convert[0]!.diagnostics!.length, 4);
  });
});

