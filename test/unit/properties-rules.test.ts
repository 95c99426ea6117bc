/**
 * The generic `properties/*` rules, through the reportsdb and indexstats kinds: exact ids and ranges, and every
 * B.1 example as a fix test (whole text byte for byte, CRLF and BOM kept).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { indexstatsKind } from '../../server/src/service/kinds/indexstats/kind';
import { reportsdbKind } from '../../server/src/service/kinds/reportsdb/kind';
import { applyEdits, mergeEditGroups } from '../../server/src/service/core/text';
import { fixWith, ids, run } from '../fixtures/properties/harness';

/** A complete, correct reportsdb file (12.6 key set) with `extra` lines appended. */
const REPORTS_OK = [
  '# Reports DB utility',
  'EGAIN_HOME_DIR=C:\\\\ECE',
  'IS_WINDOWS_AUTHENTICATION=true',
  'CREATE_DBLINK_FROM_CONNPOOLMAP=true',
  'REPORTS_DB_SERVER_NAME=sql2.example.com',
  'REPORTS_DB_LST_PORT=1433',
  'REPORTS_DB_INSTANCE_NAME=',
  'REPORTS_DB_NAME=eGReportsDB',
  'ACT_DB_SERVER_NAME=sql2.example.com',
  'ACT_DB_LST_PORT=1433',
  'ACT_DB_INSTANCE_NAME=',
  'ACT_DB_NAME=eGActiveDB',
].join('\r\n') + '\r\n';
const OK_LEN = REPORTS_OK.length;

const reports = (extra: string) => REPORTS_OK + extra;
const at = (extra: string, needle: string, len = needle.length): [number, number] => {
  const i = reports(extra).indexOf(needle, OK_LEN);
  return [i, i + len];
};

void describe('properties rules', () => {
  void test('a correct file, doubled backslashes and forward slashes: no diagnostic', () => {
    assert.deepEqual(ids(reportsdbKind, REPORTS_OK), []);
    assert.deepEqual(ids(reportsdbKind, reports('SSIS_INSTALL_PATH=E:\\\\ssis_data\r\nX_DIR=C:/ECE/ok\r\nY_DIR=C:\\\\ECE\\\\ok\r\n')), []);
    assert.deepEqual(ids(reportsdbKind, '\uFEFF' + reports('ECE_HOME_DIR=\\\\\\\\massivedynamic.com\\\\ECE_Root\\\\ECE\r\n')), []);
  });

  void test('unknown-escape: one report per broken escape, E on paths and users, W elsewhere', () => {
    const extra = 'SSIS_USER_ID=MASSIVE\\SQLServerSvc\r\nNOTE=a\\b\r\n';
    const found = run(reportsdbKind, reports(extra));
    assert.deepEqual(found.map((f) => [f.id, f.start, f.end, f.severity]), [
      ['properties/unknown-escape', ...at(extra, '\\S'), 'error'],
      ['properties/unknown-escape', ...at(extra, '\\b'), 'warning'],
    ]);
    assert.match(found[0]!.message, /SSIS_USER_ID loads as "MASSIVESQLServerSvc"/);
  });

  void test('unknown-escape: \\! \\# \\= \\: are escapes, not reported, in paths and elsewhere', () => {
    assert.deepEqual(ids(reportsdbKind, reports('NOTE=Hello\\! \\#1 a\\=b c\\:d\r\nSSIS_INSTALL_PATH=E:/x\\!y\r\n')), []);
    assert.deepEqual(ids(reportsdbKind, reports('NOTE=a\\%b\r\n')), [['properties/unknown-escape', ...at('NOTE=a\\%b\r\n', '\\%')]]);
  });

  void test('control-escape-in-path only on path/host/user/URL values', () => {
    const extra = 'EGAIN_HOME_DIR=C:\\\\ECE\\temp\r\nGREETING=a\\tb\r\n';
    assert.deepEqual(ids(reportsdbKind, reports(extra)), [
      ['properties/duplicate-key', 22, 36],
      ['properties/control-escape-in-path', ...at(extra, '\\temp', 2)],
    ]);
  });

  void test('malformed-unicode-escape: range covers \\u and the hex digits that were there', () => {
    const extra = 'SSIS_INSTALL_PATH=D:\\utility\r\nK=\\u00e\r\n';
    assert.deepEqual(ids(reportsdbKind, reports(extra)), [
      ['properties/malformed-unicode-escape', ...at(extra, '\\u', 2)],
      ['properties/malformed-unicode-escape', ...at(extra, '\\u00e', 5)],
    ]);
  });

  void test('line-continuation: the trailing backslash; the swallowed key is named', () => {
    const extra = 'SSIS_INSTALL_PATH=E:\\\\ssis_data\\\r\nSSIS_USER_ID=MASSIVE\\\\svc\r\n';
    const found = run(reportsdbKind, reports(extra));
    assert.deepEqual(found.map((f) => [f.id, f.start, f.end]), [['properties/line-continuation', ...at(extra, '\\\r\n', 1)]]);
    assert.match(found[0]!.message, /SSIS_USER_ID on the next line is not loaded as a key/);
    assert.equal(fixWith(reportsdbKind, reports(extra), 'properties/line-continuation'),
      reports('SSIS_INSTALL_PATH=E:\\\\ssis_data\\\\\r\nSSIS_USER_ID=MASSIVE\\\\svc\r\n'));
  });

  void test('a deliberate wrap (indented, not a KEY= line) is not a line-continuation; fixes keep it', () => {
    const wrap = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;\\\r\n    integratedSecurity=true;databaseName=a\r\n' +
      'REPORTS_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=r\r\n';
    assert.deepEqual(ids(indexstatsKind, wrap), []);
    const broken = wrap.replace('db.example.com:1433;\\', 'db.example.com\\inst;\\');
    const i = broken.indexOf('\\inst');
    assert.deepEqual(ids(indexstatsKind, broken), [['properties/unknown-escape', i, i + 2]]);
    assert.equal(fixWith(indexstatsKind, broken, 'properties/unknown-escape'), broken.replace('\\inst', '\\\\inst'));
    // an indented KEY= line is still swallowed by mistake
    const swallowed = reports('SSIS_INSTALL_PATH=E:/ssis\\\r\n   SSIS_USER_ID=x\r\n');
    assert.deepEqual(ids(reportsdbKind, swallowed).map((x) => x[0]), ['properties/line-continuation']);
  });

  void test('fix all in file: every escaping fix merged, one pass, Java then loads the meant values', () => {
    const before = reports('SSIS_INSTALL_PATH=D:\\utility\\temp\\\r\nSSIS_USER_ID=MASSIVE\\svc\r\nNOTE=x\\y\r\n');
    const groups = run(reportsdbKind, before).flatMap((f) => (f.fixes ?? []).filter((x) => x.safe && x.preferred).map((x) => x.edits));
    const after = applyEdits(before, mergeEditGroups(groups));
    assert.equal(after, reports('SSIS_INSTALL_PATH=D:\\\\utility\\\\temp\\\\\r\nSSIS_USER_ID=MASSIVE\\\\svc\r\nNOTE=x\\\\y\r\n'));
    assert.deepEqual(ids(reportsdbKind, after), []);
  });

  void test('duplicate-key on the earlier line; fix removes it with its line break', () => {
    const text = reports('ACT_DB_NAME=other\r\n');
    const i = text.indexOf('ACT_DB_NAME=eGActiveDB');
    assert.deepEqual(ids(reportsdbKind, text), [['properties/duplicate-key', i, i + 'ACT_DB_NAME'.length]]);
    assert.equal(fixWith(reportsdbKind, text, 'properties/duplicate-key'), text.replace('ACT_DB_NAME=eGActiveDB\r\n', ''));
  });

  void test('unknown-key only near a known key; did-you-mean fix', () => {
    const extra = 'ACT_DB_NAM=x\r\nSOME_SHIPPED_KEY=1\r\negain_home_dir=C:/x\r\n';
    assert.deepEqual(ids(reportsdbKind, reports(extra)), [
      ['properties/unknown-key', ...at(extra, 'ACT_DB_NAM=', 10)],
      ['properties/unknown-key', ...at(extra, 'egain_home_dir')],
    ]);
    assert.equal(fixWith(reportsdbKind, reports('ACT_DB_NAM=x\r\n'), 'properties/unknown-key'), reports('ACT_DB_NAME=x\r\n'));
  });

  void test('missing-key: one report on the first line lists every missing group; fixes append KEY= lines', () => {
    const text = '\uFEFFIS_WINDOWS_AUTHENTICATION=true\r\nREPORTS_DB_SERVER_NAME=a.b\r\nREPORTS_DB_NAME=r\r\nACT_DB_SERVER_NAME=a.b';
    const found = run(reportsdbKind, text);
    // The BOM sits right before the first key, so Java reads that key with U+FEFF in front: reported on its own.
    assert.deepEqual(found.map((f) => [f.id, f.start, f.end]), [['properties/byte-order-mark', 1, 26], ['properties/missing-key', 1, 31]]);
    assert.match(found[1]!.message, /EGAIN_HOME_DIR or ECE_HOME_DIR, ACT_DB_NAME/);
    assert.deepEqual(found[1]!.fixes!.map((f) => f.title), ['Add all missing keys', 'Add EGAIN_HOME_DIR=', 'Add ACT_DB_NAME=']);
    assert.equal(fixWith(reportsdbKind, text, 'properties/missing-key'), text + '\r\nEGAIN_HOME_DIR=\r\nACT_DB_NAME=\r\n');
    assert.equal(fixWith(reportsdbKind, text, 'properties/missing-key', 2), text + '\r\nACT_DB_NAME=\r\n');
    // the 12.5 key set asks for ECE_HOME_DIR
    const v125 = 'MAST_DB_NAME=m\nIS_WINDOWS_AUTHENTICATION=true\nREPORTS_DB_SERVER_NAME=a.b\nREPORTS_DB_NAME=r\nACT_DB_SERVER_NAME=a.b\nACT_DB_NAME=a\n';
    assert.equal(fixWith(reportsdbKind, v125, 'properties/missing-key'), v125 + 'ECE_HOME_DIR=\n');
    assert.deepEqual(ids(indexstatsKind, 'ACTIVE_USER=\n'), [['properties/missing-key', 0, 12]]);
    assert.equal(fixWith(indexstatsKind, 'ACTIVE_USER=\n', 'properties/missing-key'), 'ACTIVE_USER=\nACTIVE_DATABASE_URL=\nREPORTS_DATABASE_URL=\n');
    // An input.properties holding none of the utility's keys is some other program's file: nothing is reported.
    assert.deepEqual(ids(indexstatsKind, ''), []);
  });

  void test('a password value is never shown in messages or fix titles', () => {
    const found = run(reportsdbKind, reports('SSIS_USER_PASSWORD=Xq7\\zZk\\u12Vb\\\r\n'));
    assert.ok(found.length >= 3);
    for (const f of found) {
      assert.doesNotMatch(f.message, /Xq7|zZk|Vb|\\z/);
      for (const fx of f.fixes ?? []) assert.doesNotMatch(fx.title, /Xq7|zZk|Vb/);
    }
  });
});

void describe('B.1 escaping fix examples (CRLF, BOM)', () => {
  const cases: Array<[string, string]> = [
    ['C:\\ECE\\eService', 'C:\\\\ECE\\\\eService'],
    ['\\\\massivedynamic.com\\ECE_Root\\ECE', '\\\\\\\\massivedynamic.com\\\\ECE_Root\\\\ECE'],
    ['\\\\\\\\massivedynamic.com\\\\ECE_Root\\ECE', '\\\\\\\\massivedynamic.com\\\\ECE_Root\\\\ECE'],
    ['C:\\temp', 'C:\\\\temp'],
    ['D:\\utility\\x', 'D:\\\\utility\\\\x'],
  ];
  for (const [raw, fixed] of cases) {
    void test(`EGAIN_HOME_DIR=${raw} → ${fixed}`, () => {
      const before = '\uFEFF# home\r\nEGAIN_HOME_DIR = ' + raw + '\r\n' + REPORTS_OK.slice(REPORTS_OK.indexOf('IS_WINDOWS'));
      const after = '\uFEFF# home\r\nEGAIN_HOME_DIR = ' + fixed + '\r\n' + REPORTS_OK.slice(REPORTS_OK.indexOf('IS_WINDOWS'));
      const broken = run(reportsdbKind, before);
      assert.ok(broken.length > 0);
      for (const f of broken) assert.equal(fixWith(reportsdbKind, before, f.id), after);
      assert.deepEqual(ids(reportsdbKind, after), []);
    });
  }

  void test('SSIS_USER_ID=MASSIVE\\SQLServerSvc → MASSIVE\\\\SQLServerSvc', () => {
    const before = reports('SSIS_USER_ID=MASSIVE\\SQLServerSvc\r\n');
    assert.equal(fixWith(reportsdbKind, before, 'properties/unknown-escape'), reports('SSIS_USER_ID=MASSIVE\\\\SQLServerSvc\r\n'));
  });

  void test('jdbc:sqlserver://db\\inst;... → db\\\\inst in input.properties', () => {
    const tail = ';integratedSecurity=true;databaseName=eGActiveDB\nREPORTS_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=r\n';
    const before = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com\\inst' + tail;
    const i = before.indexOf('\\inst');
    assert.deepEqual(ids(indexstatsKind, before), [['properties/unknown-escape', i, i + 2]]);
    const after = fixWith(indexstatsKind, before, 'properties/unknown-escape');
    assert.equal(after, 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com\\\\inst' + tail);
    assert.deepEqual(ids(indexstatsKind, after), []);
  });
});

void describe('escapes in keys', () => {
  void test('a stray backslash in a key: warning, the fix removes it (Java ignores it anyway)', () => {
    const text = 'ACT\\_DB_NAME=a\n';
    assert.deepEqual(ids(reportsdbKind, text).filter((x) => x[0] === 'properties/unknown-escape'), [['properties/unknown-escape', 3, 5]]);
    const f = run(reportsdbKind, text).find((x) => x.id === 'properties/unknown-escape')!;
    assert.equal(f.severity, 'warning');
    assert.equal(f.fixes![0]!.safe, true);
    assert.equal(fixWith(reportsdbKind, text, 'properties/unknown-escape'), 'ACT_DB_NAME=a\n');
  });
});

void describe('properties: a key continued over thousands of lines', () => {
  void test('every escape of it is a finding that names the key clipped to 80 characters (the messages grow linearly, not with the square)', () => {
    // 3,000 lines "a\" then one with a \q and a \u escape: one key of 3,000+ characters, one finding per escape.
    const text = reports('a\\\r\n'.repeat(3000) + 'a\\q\\uZZ=1\r\n');
    const found = run(reportsdbKind, text).filter((f) => f.id.startsWith('properties/'));
    const byRule = new Map<string, number>();
    for (const f of found) byRule.set(f.id, (byRule.get(f.id) ?? 0) + 1);
    assert.deepEqual([...byRule].sort(), [['properties/line-continuation', 3000], ['properties/malformed-unicode-escape', 1], ['properties/unknown-escape', 1]]);
    const key = 'a'.repeat(79) + '…';
    for (const f of found) {
      assert.ok(f.message.includes(key), f.message.slice(0, 200));
      assert.ok(f.message.length < 400, `${f.id}: ${f.message.length} characters`);
    }
  });
});
