import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../server/src/service/core/settings';
import { EMPTY_WORKSPACE } from '../../server/src/service/core/types';
import { reportsdbKind } from '../../server/src/service/kinds/reportsdb/kind';
import { fixWith, ids, run } from '../fixtures/properties/harness';

const BASE = [
  'EGAIN_HOME_DIR=C:/ECE',
  'IS_WINDOWS_AUTHENTICATION=true',
  'CREATE_DBLINK_FROM_CONNPOOLMAP=true',
  'REPORTS_DB_SERVER_NAME=sql2.example.com',
  'REPORTS_DB_LST_PORT=1433',
  'REPORTS_DB_NAME=eGReportsDB',
  'ACT_DB_SERVER_NAME=sql2.example.com',
  'ACT_DB_LST_PORT=1444',
  'ACT_DB_NAME=eGActiveDB',
].join('\n') + '\n';
const with_ = (from: string, to: string) => BASE.replace(from, to);
const range = (text: string, needle: string): [number, number] => [text.indexOf(needle), text.indexOf(needle) + needle.length];

void describe('reportsdb rules', () => {
  void test('a correct file has no diagnostic', () => {
    assert.deepEqual(ids(reportsdbKind, BASE), []);
    assert.deepEqual(ids(reportsdbKind, with_('=true\nC', '=TRUE\nC')), []);
  });

  void test('windows-authentication-required: on the value, fix sets true', () => {
    const t = with_('AUTHENTICATION=true', 'AUTHENTICATION=false');
    assert.deepEqual(ids(reportsdbKind, t), [['reportsdb/windows-authentication-required', ...range(t, 'false')]]);
    assert.equal(fixWith(reportsdbKind, t, 'reportsdb/windows-authentication-required'), BASE);
    // empty value: underline the key; the fix fills the value
    const e = with_('AUTHENTICATION=true', 'AUTHENTICATION=');
    assert.deepEqual(ids(reportsdbKind, e), [['reportsdb/windows-authentication-required', ...range(e, 'IS_WINDOWS_AUTHENTICATION')]]);
    assert.equal(fixWith(reportsdbKind, e, 'reportsdb/windows-authentication-required'), BASE);
    // no separator at all
    const n = with_('AUTHENTICATION=true', 'AUTHENTICATION');
    assert.equal(fixWith(reportsdbKind, n, 'reportsdb/windows-authentication-required'), BASE);
  });

  void test('create-dblink-must-be-true; silent when the key is absent', () => {
    const t = with_('CONNPOOLMAP=true', 'CONNPOOLMAP=no');
    const i = t.indexOf('=no') + 1;
    assert.deepEqual(ids(reportsdbKind, t), [['reportsdb/create-dblink-must-be-true', i, i + 2]]);
    assert.equal(fixWith(reportsdbKind, t, 'reportsdb/create-dblink-must-be-true'), BASE);
    assert.deepEqual(ids(reportsdbKind, with_('CREATE_DBLINK_FROM_CONNPOOLMAP=true\n', '')), []);
  });

  void test('invalid-port: out of range, not a number, empty', () => {
    for (const bad of ['0', '65536', '14a3', '']) {
      const t = with_('REPORTS_DB_LST_PORT=1433', `REPORTS_DB_LST_PORT=${bad}`);
      const r = bad === '' ? range(t, 'REPORTS_DB_LST_PORT') : range(t, `=${bad}\n`).map((x, i) => (i === 0 ? x + 1 : x - 1));
      assert.deepEqual(ids(reportsdbKind, t), [['reportsdb/invalid-port', r[0]!, r[1]!]], bad);
    }
    assert.deepEqual(ids(reportsdbKind, with_('ACT_DB_LST_PORT=1444', 'ACT_DB_LST_PORT=65535')), []);
  });

  void test('server-is-ip-address: IPv4 and IPv6 literals', () => {
    const t = with_('REPORTS_DB_SERVER_NAME=sql2.example.com', 'REPORTS_DB_SERVER_NAME=10.1.2.3');
    assert.deepEqual(ids(reportsdbKind, t), [['reportsdb/server-is-ip-address', ...range(t, '10.1.2.3')]]);
    const v6 = with_('ACT_DB_SERVER_NAME=sql2.example.com', 'ACT_DB_SERVER_NAME=fe80::1');
    assert.deepEqual(ids(reportsdbKind, v6), [['reportsdb/server-is-ip-address', ...range(v6, 'fe80::1')]]);
  });

  void test('the 12.5 key set is known too', () => {
    const v125 = BASE.replace('EGAIN_HOME_DIR', 'ECE_HOME_DIR') +
      'MAST_DB_NAME=eGMasterDB\nSSIS_INSTALL_PATH=E:\\\\ssis_data\nSSIS_USER_ID=MASSIVE\\\\SQLServerSvc\nSSIS_USER_PASSWORD=x\nSSIS_CATALOG_PASSWORD=y\n';
    assert.deepEqual(ids(reportsdbKind, v125), []);
  });
});

void describe('reportsdb features', () => {
  const ctx = { uri: 'file:///r', settings: defaultSettings(), workspace: EMPTY_WORKSPACE, host: { log: () => undefined } };
  const model = (t: string) => reportsdbKind.parse(TextDocument.create('file:///r', 'properties', 1, t)).model;

  void test('hover on a value shows what Java loads, controls visible, and what the key is for', async () => {
    const t = 'EGAIN_HOME_DIR=C:\\ECE\\temp\n';
    const h = await reportsdbKind.hover!(model(t), t.indexOf('ECE'), ctx);
    assert.ok(h);
    assert.deepEqual([h.start, h.end], [15, 26]);
    assert.match(h.contents.value, /Java loads: `C:ECE⇥emp`/);
    assert.match(h.contents.value, /⇥ = tab/);
    assert.match(h.contents.value, /ECE home folder/);
  });

  void test('hover never shows a password', async () => {
    const t = 'SSIS_USER_PASSWORD=Secr3t\n';
    const h = await reportsdbKind.hover!(model(t), 22, ctx);
    assert.ok(h);
    assert.doesNotMatch(h.contents.value, /Secr3t/);
    assert.match(h.contents.value, /not shown/);
  });

  void test('hover says when Java cannot load the file', async () => {
    const t = 'EGAIN_HOME_DIR=D:\\utility\n';
    const h = await reportsdbKind.hover!(model(t), 18, ctx);
    assert.match(h!.contents.value, /does not load this file/);
  });

  void test('completion of known keys with docs, only where a key goes, without keys already set', () => {
    const t = 'EGAIN_HOME_DIR=C:/ECE\nREP';
    const items = reportsdbKind.completions!(model(t), t.length, ctx);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('REPORTS_DB_SERVER_NAME'));
    assert.ok(!labels.includes('EGAIN_HOME_DIR'));
    assert.equal(items.find((i) => i.label === 'IS_WINDOWS_AUTHENTICATION')!.insertText, 'IS_WINDOWS_AUTHENTICATION=true');
    assert.deepEqual(reportsdbKind.completions!(model(t), t.indexOf('C:/'), ctx), []);
  });

  void test('document symbols: one per key, password hidden', () => {
    const t = 'EGAIN_HOME_DIR=C:/ECE\nSSIS_USER_PASSWORD=Secr3t\n';
    const doc = TextDocument.create('file:///r', 'properties', 1, t);
    const s = reportsdbKind.symbols!(model(t), doc);
    assert.deepEqual(s.map((x) => [x.name, x.detail, x.selectionRange.start.line]), [['EGAIN_HOME_DIR', 'C:/ECE', 0], ['SSIS_USER_PASSWORD', '••••', 1]]);
  });
});

void test('run() reports carry the rule ids as given in the catalog', () => {
  const ruleIds = reportsdbKind.rules.map((r) => r.id).sort();
  assert.deepEqual(ruleIds, [
    'properties/byte-order-mark', 'properties/control-escape-in-path', 'properties/duplicate-key', 'properties/line-continuation', 'properties/malformed-unicode-escape',
    'properties/missing-key', 'properties/placeholder-not-replaced', 'properties/trailing-blanks', 'properties/unknown-escape', 'properties/unknown-key',
    'reportsdb/create-dblink-must-be-true', 'reportsdb/differs-from-connpool', 'reportsdb/forbidden-path-character', 'reportsdb/invalid-port',
    'reportsdb/server-is-ip-address', 'reportsdb/server-is-listener', 'reportsdb/server-not-fully-qualified', 'reportsdb/ssis-user-not-domain-account',
    'reportsdb/windows-authentication-required',
  ]);
  assert.equal(run(reportsdbKind, BASE).length, 0);
});

void describe('reportsdb: the checks the guides ask for (issue 11)', () => {
  void test('server-not-fully-qualified: a short *_SERVER_NAME; silent on FQDNs, IPs, placeholders and blanks', () => {
    const t = with_('REPORTS_DB_SERVER_NAME=sql2.example.com', 'REPORTS_DB_SERVER_NAME=CC2K125ECEAB');
    assert.deepEqual(ids(reportsdbKind, t), [['reportsdb/server-not-fully-qualified', ...range(t, 'CC2K125ECEAB')]]);
    assert.match(run(reportsdbKind, t)[0]!.message, /fully qualified name of the server that was the secondary replica/);
    assert.deepEqual(ids(reportsdbKind, with_('ACT_DB_SERVER_NAME=sql2.example.com', 'ACT_DB_SERVER_NAME=10.0.0.5')).map((x) => x[0]), ['reportsdb/server-is-ip-address']);
    const p = with_('ACT_DB_SERVER_NAME=sql2.example.com', 'ACT_DB_SERVER_NAME=<secondary server>');
    assert.deepEqual(ids(reportsdbKind, p), [['properties/placeholder-not-replaced', ...range(p, '<secondary server>')]]);
  });

  void test('forbidden-path-character: the characters the install guide forbids, at the first one, as Java loads the path', () => {
    const t = with_('EGAIN_HOME_DIR=C:/ECE', 'EGAIN_HOME_DIR=\\\\\\\\massivedynamic.com\\\\ECE Root\\\\ECE@1');
    assert.deepEqual(ids(reportsdbKind, t), [['reportsdb/forbidden-path-character', t.indexOf('ECE Root') + 3, t.indexOf('ECE Root') + 4]]);
    assert.match(run(reportsdbKind, t)[0]!.message, /holds a space, "@"\. The installation guide says the ECE home directory and the file server path must not contain these characters/);
    for (const ok of ['C:/ECE', 'C:\\\\Cisco\\\\ECE_1', '\\\\\\\\dfs.example.com\\\\ECE_Root\\\\ECE']) assert.deepEqual(ids(reportsdbKind, with_('EGAIN_HOME_DIR=C:/ECE', `EGAIN_HOME_DIR=${ok}`)), [], ok);
    // a placeholder is the placeholder rule's finding, not this one's
    const p = with_('EGAIN_HOME_DIR=C:/ECE', 'EGAIN_HOME_DIR=<ECE File Server Install Directory>');
    assert.deepEqual(ids(reportsdbKind, p).map((x) => x[0]), ['properties/placeholder-not-replaced']);
  });

  void test('ssis-user-not-domain-account: after Java decoding; silent when unknown-escape already explains it', () => {
    const t = BASE + 'SSIS_USER_ID=SQLServerSvc\n';
    assert.deepEqual(ids(reportsdbKind, t), [['reportsdb/ssis-user-not-domain-account', ...range(t, 'SQLServerSvc')]]);
    assert.match(run(reportsdbKind, t)[0]!.message, /loads as "SQLServerSvc", which is not of the Domain\\username form/);
    assert.deepEqual(ids(reportsdbKind, BASE + 'SSIS_USER_ID=MASSIVE\\\\SQLServerSvc\n'), []);
    const single = BASE + 'SSIS_USER_ID=MASSIVE\\SQLServerSvc\n';
    assert.deepEqual(ids(reportsdbKind, single).map((x) => x[0]), ['properties/unknown-escape']);
    const two = BASE + 'SSIS_USER_ID=MASSIVE\\\\\\\\SQLServerSvc\n';
    assert.deepEqual(ids(reportsdbKind, two).map((x) => x[0]), ['reportsdb/ssis-user-not-domain-account']);
  });

  void test('trailing blanks after a true/false or port value: reported on the blanks, the fix removes them', () => {
    const t = with_('IS_WINDOWS_AUTHENTICATION=true', 'IS_WINDOWS_AUTHENTICATION=true  ').replace('REPORTS_DB_LST_PORT=1433', 'REPORTS_DB_LST_PORT=1433\t');
    const i = t.indexOf('true  ') + 4;
    const j = t.indexOf('1433\t') + 4;
    assert.deepEqual(ids(reportsdbKind, t), [['properties/trailing-blanks', i, i + 2], ['properties/trailing-blanks', j, j + 1]]);
    const [b, p] = run(reportsdbKind, t);
    assert.match(b!.message, /IS_WINDOWS_AUTHENTICATION loads as "true {2}": Java keeps the blanks at the end of a value\. "Boolean\.parseBoolean" reads "true {2}" as false/);
    assert.match(p!.message, /"Integer\.parseInt" refuses .*NumberFormatException/);
    assert.equal(b!.fixes![0]!.safe, true);
    assert.equal(fixWith(reportsdbKind, t, 'properties/trailing-blanks'), t.replace('true  ', 'true'));
    // an escaped blank loads the same: reported too, and the fix removes the escape; blanks after a name are not this rule's
    const esc = with_('IS_WINDOWS_AUTHENTICATION=true', 'IS_WINDOWS_AUTHENTICATION=true\\ ');
    assert.deepEqual(ids(reportsdbKind, esc), [['properties/trailing-blanks', esc.indexOf('true\\ ') + 4, esc.indexOf('true\\ ') + 6]]);
    assert.equal(fixWith(reportsdbKind, esc, 'properties/trailing-blanks'), BASE);
    assert.deepEqual(ids(reportsdbKind, with_('REPORTS_DB_NAME=eGReportsDB', 'REPORTS_DB_NAME=eGReportsDB  ')), []);
  });

  void test('a BOM right before the first key: reported on that key, the safe fix removes the BOM; harmless before a comment', () => {
    const t = '\uFEFF' + BASE.replace(/\n/g, '\r\n');
    assert.deepEqual(ids(reportsdbKind, t), [['properties/byte-order-mark', 1, 15]]);
    const f = run(reportsdbKind, t)[0]!;
    assert.match(f.message, /key of this line is read as U\+FEFF followed by "EGAIN_HOME_DIR": the Reports DB utility never finds "EGAIN_HOME_DIR"/);
    assert.equal(f.fixes![0]!.safe, true);
    assert.equal(fixWith(reportsdbKind, t, 'properties/byte-order-mark'), BASE.replace(/\n/g, '\r\n'));
    const swallowed = '\uFEFF  ' + BASE;
    assert.deepEqual(ids(reportsdbKind, swallowed), [['properties/byte-order-mark', 3, 17]]);
    assert.match(run(reportsdbKind, swallowed)[0]!.message, /a key made of the mark alone, with this whole line as its value/);
    assert.deepEqual(ids(reportsdbKind, '\uFEFF# settings\r\n' + BASE), []);
    assert.deepEqual(ids(reportsdbKind, '\uFEFF\r\n' + BASE), []);
  });

  void test('a BOM the editor hides (on disk, not in the text): the same finding one character earlier, with no text edit', () => {
    const onDisk = '\uFEFF' + BASE.replace(/\n/g, '\r\n');
    const inEditor = onDisk.slice(1);
    const found = run(reportsdbKind, inEditor, undefined, { bomRemoved: true });
    assert.deepEqual(found.map((f) => [f.id, f.start, f.end]), [['properties/byte-order-mark', 0, 14]]);
    assert.deepEqual(found[0]!.fixes, []);
    assert.match(found[0]!.message, /U\+FEFF followed by "EGAIN_HOME_DIR": the Reports DB utility never finds "EGAIN_HOME_DIR"\. The editor hides the mark and writes it back on every save: save the file with the encoding "UTF-8" instead of "UTF-8 with BOM"/);
    // the disk view (the CLI) and the editor view name the same key
    const disk = run(reportsdbKind, onDisk)[0]!;
    assert.equal(disk.start - 1, found[0]!.start);
    assert.equal(disk.end - 1, found[0]!.end);
    // swallowed and harmless cases as on disk
    assert.deepEqual(ids(reportsdbKind, '  ' + BASE), []);
    assert.deepEqual(run(reportsdbKind, '  ' + BASE, undefined, { bomRemoved: true }).map((f) => [f.id, f.start, f.end]), [['properties/byte-order-mark', 2, 16]]);
    assert.deepEqual(run(reportsdbKind, '# settings\r\n' + BASE, undefined, { bomRemoved: true }), []);
    // no mark on disk: nothing; a mark in the text wins over the host (the fix removes it)
    assert.deepEqual(run(reportsdbKind, inEditor, undefined, { bomRemoved: false }), []);
    assert.equal(run(reportsdbKind, onDisk, undefined, { bomRemoved: true })[0]!.fixes!.length, 1);
  });
});
