/**
 * The properties kinds through the real engine: file detection (names, content claim of input.properties),
 * diagnostics as LSP ranges, suppression comments, quick fixes, fix-all and the "disable for this line" action.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../server/src/service/core/text';
import { applyFix, diagnose, doc, fmt, makeService, settings } from './helpers';

const REPORTS_URI = 'file:///D:/ReportsDB%20Utility%20(SQL%20Server%20Always%20On)/Reportsdb_Utility.properties';
const INPUT_URI = 'file:///D:/UpdateDBIndexStats/input.properties';

const REPORTS = [
  '# ReportsDB utility',
  'EGAIN_HOME_DIR=\\\\massivedynamic.com\\ECE_Root\\ECE',
  'IS_WINDOWS_AUTHENTICATION=true',
  'CREATE_DBLINK_FROM_CONNPOOLMAP=true',
  'REPORTS_DB_SERVER_NAME=sql2.massivedynamic.com',
  'REPORTS_DB_LST_PORT=1433',
  'REPORTS_DB_NAME=eGReportsDB',
  'ACT_DB_SERVER_NAME=sql2.massivedynamic.com',
  'ACT_DB_LST_PORT=1433',
  'ACT_DB_NAME=eGActiveDB',
].join('\r\n') + '\r\n';

void describe('properties kinds in the engine', () => {
  void test('reportsdb_utility.properties (any case) is recognised; diagnostics carry the rule id as code', () => {
    const d = diagnose('\uFEFF' + REPORTS, { uri: REPORTS_URI });
    assert.deepEqual(d.map(fmt), ['properties/unknown-escape@1:35-1:37', 'properties/unknown-escape@1:44-1:46']);
    assert.equal(d[0]!.source, 'ece');
    assert.match(d[0]!.message, /EGAIN_HOME_DIR loads as "\\massivedynamic\.comECE_RootECE"/);
  });

  void test('the escaping fix through the engine keeps BOM and CRLF byte for byte', () => {
    const fixed = applyFix('\uFEFF' + REPORTS, 'properties/unknown-escape', { uri: REPORTS_URI });
    assert.equal(fixed, '\uFEFF' + REPORTS.replace('=\\\\massivedynamic.com\\ECE_Root\\ECE', '=\\\\\\\\massivedynamic.com\\\\ECE_Root\\\\ECE'));
    assert.deepEqual(diagnose(fixed, { uri: REPORTS_URI }), []);
  });

  void test('input.properties is claimed only when it holds one of its keys', () => {
    const other = 'log.level=debug\r\npath=C:\\temp\r\n';
    assert.deepEqual(diagnose(other, { uri: INPUT_URI }), []);
    const mine = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://10.0.0.7:1433;integratedSecurity=true;databaseName=a\r\n';
    assert.deepEqual(diagnose(mine, { uri: INPUT_URI }).map(fmt), ['properties/missing-key@0:0-0:89', 'jdbc/server-is-ip-address@0:37-0:45']);
  });

  void test('suppression comment for the next line', () => {
    const text = REPORTS.replace('EGAIN_HOME_DIR', '# ece-disable-next-line properties/unknown-escape\r\nEGAIN_HOME_DIR');
    assert.deepEqual(diagnose(text, { uri: REPORTS_URI }), []);
  });

  void test('a ! comment carries suppression markers like a # comment (next line, this line, whole file)', () => {
    const bang = REPORTS.replace('EGAIN_HOME_DIR', '! ece-disable-next-line properties/unknown-escape\r\nEGAIN_HOME_DIR');
    assert.deepEqual(diagnose(bang, { uri: REPORTS_URI }), []);
    const tight = REPORTS.replace('EGAIN_HOME_DIR', '  !ece-disable-next-line properties/unknown-escape\r\nEGAIN_HOME_DIR');
    assert.deepEqual(diagnose(tight, { uri: REPORTS_URI }), []);
    assert.deepEqual(diagnose('! ece-disable\r\n' + REPORTS, { uri: REPORTS_URI }), []);
    // Another rule's id, or a marker that is not in a comment, leaves the findings.
    const other = REPORTS.replace('EGAIN_HOME_DIR', '! ece-disable-next-line properties/duplicate-key\r\nEGAIN_HOME_DIR');
    assert.deepEqual(diagnose(other, { uri: REPORTS_URI }).map(fmt), ['properties/unknown-escape@2:35-2:37', 'properties/unknown-escape@2:44-2:46']);
    const notComment = REPORTS.replace('EGAIN_HOME_DIR', 'NOTE=x ! ece-disable-next-line properties/unknown-escape\r\nEGAIN_HOME_DIR');
    assert.deepEqual(diagnose(notComment, { uri: REPORTS_URI }).map(fmt), ['properties/unknown-escape@2:35-2:37', 'properties/unknown-escape@2:44-2:46']);
  });

  void test('rule levels from settings apply (off, and a severity override)', () => {
    assert.deepEqual(diagnose(REPORTS, { uri: REPORTS_URI, settings: { rules: { 'properties/unknown-escape': 'off' } } }), []);
    const d = diagnose(REPORTS, { uri: REPORTS_URI, settings: { rules: { 'properties/unknown-escape': 'hint' } } });
    assert.deepEqual(d.map((x) => x.severity), [4, 4]);
  });

  void test('source.fixAll.ece applies every safe fix once; the file then loads as meant', () => {
    const text = REPORTS + 'SSIS_INSTALL_PATH=E:\\ssis_data\\\r\nSSIS_USER_ID=MASSIVE\\SQLServerSvc\r\nACT_DB_NAME=eGActiveDB\r\n';
    const { service } = makeService();
    const edits = service.fixAllEdits(doc(text, REPORTS_URI), settings());
    const after = applyEdits(text, edits);
    // every backslash is escaped; the duplicate ACT_DB_NAME line stays (removing it is not a safe fix)
    assert.equal(after, REPORTS.replace('=\\\\massivedynamic.com\\ECE_Root\\ECE', '=\\\\\\\\massivedynamic.com\\\\ECE_Root\\\\ECE')
      + 'SSIS_INSTALL_PATH=E:\\\\ssis_data\\\\\r\nSSIS_USER_ID=MASSIVE\\\\SQLServerSvc\r\nACT_DB_NAME=eGActiveDB\r\n');
    assert.deepEqual(diagnose(after, { uri: REPORTS_URI }).map(fmt), ['properties/duplicate-key@9:0-9:11']);
  });

  void test('"disable for this line" inserts a # comment with the file\'s line ending', () => {
    const { service } = makeService();
    const d = doc(REPORTS, REPORTS_URI);
    const diags = service.diagnostics(d, settings());
    const actions = service.codeActions(d, diags[0]!.range, [diags[0]!], undefined, settings());
    const disable = actions.find((a) => a.title.startsWith('Disable properties/unknown-escape'));
    assert.ok(disable);
    const te = (disable.edit!.documentChanges![0] as { edits: Array<{ newText: string }> }).edits[0]!;
    assert.equal(te.newText, '# ece-disable-next-line properties/unknown-escape\r\n');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Escape the backslashes: Java then loads "\\\\massivedynamic.com\\ECE_Root\\ECE"')), titles.join(' | '));
  });

  void test('hover and completions through the engine', async () => {
    const { service } = makeService();
    const d = doc(REPORTS, REPORTS_URI);
    const h = await service.hover(d, { line: 1, character: 20 }, settings());
    assert.ok(h);
    assert.match((h.contents as { value: string }).value, /Java loads: `\\massivedynamic\.comECE_RootECE`/);
    const c = service.completions(doc(REPORTS + 'SSIS', REPORTS_URI), { line: 10, character: 4 }, settings());
    assert.ok(c.some((i) => i.label === 'SSIS_INSTALL_PATH'));
  });
});

void describe('fixture files', () => {
  const read = (p: string) => readFileSync(join(__dirname, '../fixtures/properties', p), 'utf8');
  void test('the correct files (one with a BOM) get no diagnostic', () => {
    assert.deepEqual(diagnose(read('ok/reportsdb_utility.properties'), { uri: REPORTS_URI }), []);
    assert.deepEqual(diagnose(read('ok/input.properties'), { uri: INPUT_URI }), []);
  });

  void test('the broken files get exactly the expected diagnostics', () => {
    assert.deepEqual(diagnose(read('broken/reportsdb_utility.properties'), { uri: REPORTS_URI }).map(fmt), [
      'properties/missing-key@0:0-0:86',
      'properties/unknown-escape@1:35-1:37',
      'properties/unknown-escape@1:44-1:46',
      'reportsdb/windows-authentication-required@2:26-2:31',
      'reportsdb/server-is-ip-address@4:23-4:34',
      'reportsdb/invalid-port@9:16-9:21',
      'properties/unknown-key@11:0-11:10',
      'properties/malformed-unicode-escape@13:20-13:22',
      'properties/unknown-escape@13:28-13:30',
      'properties/line-continuation@13:38-13:39',
      'properties/unknown-escape@14:20-14:22',
    ]);
    assert.deepEqual(diagnose(read('broken/input.properties'), { uri: INPUT_URI }).map(fmt), [
      'properties/unknown-escape@1:67-1:69',
      'indexstats/credentials-with-integrated-security@2:0-2:11',
      'indexstats/credentials-with-integrated-security@3:0-3:11',
      'jdbc/server-is-ip-address@4:38-4:49',
      'jdbc/unknown-property@4:55-4:73',
      'indexstats/missing-credentials@5:0-5:12',
      'indexstats/missing-credentials@6:0-6:12',
    ]);
  });
});
