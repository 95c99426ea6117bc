/**
 * The batch rules through the language service (kind detection by name, parser, rules, suppression comments,
 * the workspace model for the cross-file rules): exact ids and raw ranges, firing and not firing, fixes compared
 * byte for byte on CRLF files with a byte-order mark.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { findSuppressions } from '../../server/src/service/core/suppression';
import { applyEdits } from '../../server/src/service/core/text';
import type { FileSystemProbe, FixProposal, ServiceHost } from '../../server/src/service/core/types';
import { WorkspaceModel } from '../../server/src/service/workspace/model';

const HOME = 'file:///C:/ECE';
const START = `${HOME}/eService/bin/platform/windows/egainstart.bat`;
const STOP = `${HOME}/eService/bin/platform/windows/egainstop.bat`;
const UTIL = `${HOME}/ReportsDB%20Utility/reportsdb_utility.bat`;
const PROPS = `${HOME}/ReportsDB%20Utility/reportsdb_utility.properties`;
const STATS = `${HOME}/UpdateDBIndexStats/UpdateDBIndexStats.bat`;
const BOM = '\uFEFF';
const crlf = (...lines: string[]) => lines.join('\r\n') + '\r\n';

interface Hit {
  id: string;
  start: number;
  end: number;
  message: string;
  severity: string;
  fixes: FixProposal[];
}

/** Runs the service on `uri` with the other `files` in the workspace model. */
function check(uri: string, text: string, files: Record<string, string> = {}, host: Partial<ServiceHost> = {}): Hit[] {
  const s = normalizeSettings({});
  const service = new EceLanguageService({ log: (m) => assert.fail(m), ...host });
  const model = new WorkspaceModel((u, t) => service.kindOf(u, t, s));
  for (const [u, t] of Object.entries(files)) model.update(u, t);
  model.update(uri, text);
  service.setWorkspace(model);
  const a = service.analyze(TextDocument.create(uri, 'bat', 1, text), s);
  assert.ok(a, `${uri} is a batch file`);
  assert.equal(a.kind, 'batch');
  return a.findings.map((f) => ({ id: f.ruleId, start: f.start, end: f.end, message: f.message, severity: f.severity, fixes: f.fixes }));
}

const ids = (hits: Hit[]) => hits.map((h) => [h.id, h.start, h.end]);
/** [start, end) of the `n`-th (0-based) occurrence of `needle`. */
function at(text: string, needle: string, n = 0): [number, number] {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${k} in text`);
  }
  return [i, i + needle.length];
}
const fixed = (text: string, hit: Hit, which = 0) => applyEdits(text, hit.fixes[which]!.edits);

void describe('batch kind: which files', () => {
  const s = normalizeSettings({});
  const service = new EceLanguageService({ log: () => undefined });
  void test('the four names, in any case; never another .bat', () => {
    for (const u of [START, STOP, UTIL, STATS, 'file:///c:/ece/EGAINSTART.BAT', 'file:///x/updatedbindexstats.bat']) {
      assert.equal(service.kindOf(u, '', s)?.id, 'batch', u);
    }
    for (const u of ['file:///x/run.bat', 'file:///x/egainstart.cmd', 'file:///x/egainstart.bat.bak']) assert.equal(service.kindOf(u, '', s), undefined, u);
  });
  void test('ece.files.batch replaces the names', () => {
    const custom = normalizeSettings({ files: { batch: ['**/start-ece.bat'] } });
    assert.equal(service.kindOf('file:///x/start-ece.bat', '', custom)?.id, 'batch');
    assert.equal(service.kindOf(START, '', custom), undefined);
  });
});

void describe('batch/placeholder-not-replaced', () => {
  void test('the guide line itself: the placeholder, a redirection to cmd.exe', () => {
    const t = crlf('@echo off', 'SET JAVA_HOME=<JAVA_HOME>', '"%JAVA_HOME%\\bin\\java" -version');
    const hits = check(UTIL, t);
    assert.deepEqual(ids(hits), [['batch/placeholder-not-replaced', ...at(t, '<JAVA_HOME>')]]);
    assert.match(hits[0]!.message, /reads < and > as redirections, so this line does not set JAVA_HOME to a folder at all/);
    assert.match(hits[0]!.message, /JDK folder \(for example C:\\ECE\\jdk\)/);
    assert.equal(hits[0]!.severity, 'error');
  });
  void test('inside quotes the variable holds the placeholder text', () => {
    const t = crlf('@echo off', 'SET "JAVA_HOME=<JAVA_HOME>"');
    const hits = check(STATS, t);
    assert.deepEqual(ids(hits), [['batch/placeholder-not-replaced', ...at(t, '<JAVA_HOME>')]]);
    assert.match(hits[0]!.message, /JAVA_HOME is set to that text itself/);
  });
  void test('inside a path, with other words', () => {
    const t = crlf('SET "APP_HOME=<ECE Home>\\bin"');
    assert.deepEqual(ids(check(STATS, t)), [['batch/placeholder-not-replaced', ...at(t, '<ECE Home>')]]);
  });
  void test('silent: a folder, real redirections, comments, other commands', () => {
    const t = crlf(
      '@echo off',
      'REM Replace <JAVA_HOME> with the JDK folder.',
      ':: SET JAVA_HOME=<JAVA_HOME>',
      'SET JAVA_HOME=C:\\ECE\\jdk',
      'SET LIST=a <in.txt >out.txt',
      'SET CMP=a<b>c',
      'echo <JAVA_HOME>',
    );
    assert.deepEqual(ids(check(UTIL, t)).filter((h) => h[0] === 'batch/placeholder-not-replaced'), []);
  });
});

void describe('batch/quoted-path-value', () => {
  const T = BOM + crlf('@echo off', 'SET JAVA_HOME="C:\\Program Files\\Java\\jdk-17"', '"%JAVA_HOME%\\bin\\java" -jar x.jar');
  void test('fires on the value when the file uses it in quotes; the message shows what cmd.exe makes of it', () => {
    const hits = check(STATS, T);
    assert.deepEqual(ids(hits), [['batch/quoted-path-value', ...at(T, '"C:\\Program Files\\Java\\jdk-17"')]]);
    assert.equal(hits[0]!.severity, 'warning');
    assert.match(hits[0]!.message, /line 3 uses "%JAVA_HOME%\\bin\\java" inside quotes, which cmd\.exe turns into ""C:\\Program Files\\Java\\jdk-17"\\bin\\java"/);
  });
  void test('fix: SET "NAME=value", byte for byte (BOM, CRLF)', () => {
    const [hit] = check(STATS, T);
    assert.equal(hit!.fixes[0]!.title, 'Write it as SET "JAVA_HOME=C:\\Program Files\\Java\\jdk-17" (quotes around the whole assignment)');
    const after = fixed(T, hit!);
    assert.equal(after, BOM + crlf('@echo off', 'SET "JAVA_HOME=C:\\Program Files\\Java\\jdk-17"', '"%JAVA_HOME%\\bin\\java" -jar x.jar'));
    assert.deepEqual(ids(check(STATS, after)), []);
    // blanks after the closing quote stay where they are: cmd.exe ignores them in the new form
    const blank = T.replace('jdk-17"', 'jdk-17"  ');
    assert.equal(fixed(blank, check(STATS, blank)[0]!), after.replace('jdk-17"', 'jdk-17"  '));
  });
  void test('no use in the file: information only', () => {
    const t = crlf('SET JAVA_HOME="C:\\ECE\\jdk"', 'call other.bat');
    const hits = check(STATS, t);
    assert.deepEqual(ids(hits), [['batch/quoted-path-value', ...at(t, '"C:\\ECE\\jdk"')]]);
    assert.equal(hits[0]!.severity, 'information');
    assert.equal(fixed(t, hits[0]!), crlf('SET "JAVA_HOME=C:\\ECE\\jdk"', 'call other.bat'));
  });
  void test('silent when every use is unquoted (the quotes keep the path whole there), and for SET "NAME=value"', () => {
    assert.deepEqual(ids(check(STATS, crlf('SET JAVA_HOME="C:\\Program Files\\jdk"', '%JAVA_HOME%\\bin\\java -version'))), []);
    assert.deepEqual(ids(check(STATS, crlf('SET "JAVA_HOME=C:\\Program Files\\jdk"', '"%JAVA_HOME%\\bin\\java"'))), []);
    assert.deepEqual(ids(check(STATS, crlf('SET OPTS="-Xmx1g -Xms1g"', '"%OPTS%"'))), []);
  });
  void test('no fix when an unquoted use would split once the quotes are gone', () => {
    const t = crlf('SET JAVA_HOME="C:\\Program Files\\jdk"', '"%JAVA_HOME%\\bin\\java"', 'dir %JAVA_HOME%\\lib');
    const [hit] = check(STATS, t);
    assert.equal(hit!.id, 'batch/quoted-path-value');
    assert.deepEqual(hit!.fixes, []);
    assert.match(hit!.message, /Other lines use %JAVA_HOME% without quotes/);
    // without a blank in the path the unquoted use survives: the fix is offered
    const u = t.replace(/Program Files\\/g, '');
    assert.equal(fixed(u, check(STATS, u)[0]!), crlf('SET "JAVA_HOME=C:\\jdk"', '"%JAVA_HOME%\\bin\\java"', 'dir %JAVA_HOME%\\lib'));
  });
});

void describe('batch/trailing-blanks', () => {
  void test('fires on the blanks of a path value; the fix removes them (BOM, CRLF)', () => {
    const t = BOM + crlf('@echo off', 'SET JAVA_HOME=C:\\ECE\\jdk  ', 'SET MSG=done ');
    const hits = check(UTIL, t);
    assert.deepEqual(ids(hits), [['batch/trailing-blanks', at(t, 'jdk  ')[0] + 3, at(t, 'jdk  ')[1]]]);
    assert.match(hits[0]!.message, /JAVA_HOME ends in 2 blanks at the end of the line, and cmd\.exe keeps them: the variable holds C:\\ECE\\jdk··/);
    assert.equal(hits[0]!.fixes[0]!.safe, true);
    assert.equal(fixed(t, hits[0]!), BOM + crlf('@echo off', 'SET JAVA_HOME=C:\\ECE\\jdk', 'SET MSG=done '));
  });
  void test('before & and inside SET "NAME=value"', () => {
    const t = crlf('SET JAVA_HOME=C:\\jdk\t& echo ok', 'SET "ECE_HOME=C:\\ECE "');
    const hits = check(UTIL, t);
    assert.deepEqual(ids(hits), [
      ['batch/trailing-blanks', at(t, '\t&')[0], at(t, '\t&')[0] + 1],
      ['batch/trailing-blanks', at(t, 'ECE "')[0] + 3, at(t, 'ECE "')[0] + 4],
    ]);
    assert.match(hits[1]!.message, /inside the quotes/);
    assert.equal(fixed(t, hits[0]!), crlf('SET JAVA_HOME=C:\\jdk& echo ok', 'SET "ECE_HOME=C:\\ECE "'));
    assert.equal(fixed(t, hits[1]!), crlf('SET JAVA_HOME=C:\\jdk\t& echo ok', 'SET "ECE_HOME=C:\\ECE"'));
  });
  void test('silent: no trailing blank, a non-path value, blanks after SET "NAME=value", a blank before a line joined by ^', () => {
    const t = crlf('SET JAVA_HOME=C:\\jdk', 'SET MSG=hello world ', 'SET "APP_DIR=C:\\x"   ', 'SET A_DIR=C:\\y^', '');
    assert.deepEqual(ids(check(UTIL, t)), []);
  });
  void test('no fix where the blanks are not plain blanks in the file (a caret-escaped one)', () => {
    const t = crlf('SET JAVA_HOME=C:\\jdk^ ');
    const [hit] = check(UTIL, t);
    assert.deepEqual([hit!.id, hit!.fixes], ['batch/trailing-blanks', []]);
  });
});

void describe('batch/blank-around-equals', () => {
  void test('SET JAVA_HOME = C:\\jdk: the name has a blank; fix removes both blanks (BOM, CRLF)', () => {
    const t = BOM + crlf('@echo off', 'SET JAVA_HOME = C:\\jdk', '"%JAVA_HOME%\\bin\\java"');
    const hits = check(UTIL, t);
    assert.deepEqual(ids(hits), [['batch/blank-around-equals', ...at(t, ' = ')]]);
    assert.match(hits[0]!.message, /sets a variable named "JAVA_HOME·" .* so %JAVA_HOME% does not get this value\. Its value also starts with a blank: ·C:\\jdk\./);
    assert.equal(fixed(t, hits[0]!), BOM + crlf('@echo off', 'SET JAVA_HOME=C:\\jdk', '"%JAVA_HOME%\\bin\\java"'));
  });
  void test('only after =, on a path value', () => {
    const t = crlf('SET JAVA_HOME= C:\\jdk', 'SET MSG= hello');
    const hits = check(UTIL, t);
    assert.deepEqual(ids(hits), [['batch/blank-around-equals', at(t, '= C')[0], at(t, '= C')[0] + 2]]);
    assert.equal(fixed(t, hits[0]!), crlf('SET JAVA_HOME=C:\\jdk', 'SET MSG= hello'));
  });
  void test('only before =', () => {
    const t = crlf('SET ECE_MODE =on');
    assert.deepEqual(ids(check(UTIL, t)), [['batch/blank-around-equals', ...at(t, ' =')]]);
  });
  void test('silent: no blanks, SET "NAME=value", SET /A', () => {
    assert.deepEqual(ids(check(UTIL, crlf('SET JAVA_HOME=C:\\jdk', 'SET "ECE_HOME=C:\\ECE"', 'set /a N = 1 + 2'))), []);
  });
});

const SHARE = '\\\\egeng.info\\DFS1\\ECE\\eService';
const svc = (loc: string, extra = '') => crlf('@echo off', `SET env.fs.shared.location=${loc}`, extra || 'call run.bat');

void describe('batch/shared-location-differs', () => {
  void test('both UNC, different: on each file, with a fix copying the other value (BOM, CRLF)', () => {
    const start = BOM + svc(SHARE);
    const stop = svc('\\\\egeng.info\\DFS2\\ECE\\eService');
    const a = check(START, start, { [STOP]: stop });
    assert.deepEqual(ids(a), [['batch/shared-location-differs', ...at(start, SHARE)]]);
    assert.match(a[0]!.message, /is \\\\egeng\.info\\DFS1\\ECE\\eService here but \\\\egeng\.info\\DFS2\\ECE\\eService in egainstop\.bat of the same ECE home/);
    assert.equal(fixed(start, a[0]!), BOM + svc('\\\\egeng.info\\DFS2\\ECE\\eService'));
    const b = check(STOP, stop, { [START]: start });
    assert.deepEqual(ids(b), [['batch/shared-location-differs', ...at(stop, '\\\\egeng.info\\DFS2\\ECE\\eService')]]);
  });
  void test('silent: the same folder written differently, no partner, another home, local against UNC', () => {
    assert.deepEqual(ids(check(START, svc(SHARE), { [STOP]: svc('//EGENG.INFO/dfs1/ece/eservice/') })), []);
    assert.deepEqual(ids(check(START, svc(SHARE))), []);
    assert.deepEqual(ids(check(START, svc(SHARE), { ['file:///D:/Other/eService/bin/platform/windows/egainstop.bat']: svc('\\\\a\\b\\eService') })), []);
    assert.deepEqual(ids(check(START, svc(SHARE), { [STOP]: svc('C:\\ECE\\eService') })), []);
  });
  void test('silent when the partner sets it only conditionally', () => {
    assert.deepEqual(ids(check(START, svc(SHARE), { [STOP]: svc('\\\\a\\b', 'if exist x SET env.fs.shared.location=\\\\c\\d') })), []);
  });
});

void describe('batch/shared-location-not-unc', () => {
  void test('the partner names a UNC share: fires on the local folder, fix copies the share (BOM, CRLF)', () => {
    const stop = BOM + svc('C:\\ECE\\eService');
    const hits = check(STOP, stop, { [START]: svc(SHARE) });
    assert.deepEqual(ids(hits), [['batch/shared-location-not-unc', ...at(stop, 'C:\\ECE\\eService')]]);
    assert.match(hits[0]!.message, /is the local folder C:\\ECE\\eService, but this ECE home is on DFS: egainstart\.bat of the same ECE home names the share \\\\egeng\.info\\DFS1\\ECE\\eService/);
    assert.equal(fixed(stop, hits[0]!), BOM + svc(SHARE));
    // and the UNC side stays quiet (no shared-location-differs for local against UNC)
    assert.deepEqual(ids(check(START, svc(SHARE), { [STOP]: stop })), []);
  });
  void test('reportsdb_utility.properties gives a UNC home: fires, without a fix', () => {
    const props = 'EGAIN_HOME_DIR=\\\\\\\\egeng.info\\\\DFS1\\\\ECE\r\n';
    const t = svc('C:\\ECE\\eService');
    const hits = check(START, t, { [PROPS]: props });
    assert.deepEqual(ids(hits), [['batch/shared-location-not-unc', ...at(t, 'C:\\ECE\\eService')]]);
    assert.match(hits[0]!.message, /EGAIN_HOME_DIR=\\\\egeng\.info\\DFS1\\ECE \(as Java loads it\), a UNC path/);
    assert.deepEqual(hits[0]!.fixes, []);
  });
  void test('silent without evidence of DFS, and for a UNC value', () => {
    assert.deepEqual(ids(check(START, svc('C:\\ECE\\eService'))), []);
    assert.deepEqual(ids(check(START, svc('C:\\ECE\\eService'), { [STOP]: svc('C:\\ECE\\eService'), [PROPS]: 'EGAIN_HOME_DIR=C:/ECE\r\n' })), []);
    // a properties value Java loads without its backslashes is not a UNC path
    assert.deepEqual(ids(check(START, svc('C:\\ECE\\eService'), { [PROPS]: 'EGAIN_HOME_DIR=\\\\egeng.info\\DFS1\r\n' })), []);
    assert.deepEqual(ids(check(START, svc(SHARE), { [PROPS]: 'EGAIN_HOME_DIR=\\\\\\\\egeng.info\\\\DFS1\\\\ECE\r\n' })), []);
  });
});

void describe('batch/reportsdb-home-differs', () => {
  const props = (v: string, key = 'EGAIN_HOME_DIR') => `${key}=${v}\r\nIS_WINDOWS_AUTHENTICATION=true\r\n`;
  void test('another home than the shared location\'s: on egainstart.bat, the value as Java loads it', () => {
    const t = svc(SHARE);
    const hits = check(START, t, { [PROPS]: props('\\\\\\\\egeng.info\\\\DFS1\\\\ECE_OLD', 'ECE_HOME_DIR') });
    assert.deepEqual(ids(hits), [['batch/reportsdb-home-differs', ...at(t, SHARE)]]);
    assert.match(hits[0]!.message, /ECE_HOME_DIR=\\\\egeng\.info\\DFS1\\ECE_OLD \(as Java loads it\), but this script's shared location \\\\egeng\.info\\DFS1\\ECE\\eService belongs to the ECE home \\\\egeng\.info\\DFS1\\ECE\./);
    // on egainstop.bat only when no egainstart.bat is known
    assert.deepEqual(ids(check(STOP, t, { [PROPS]: props('\\\\\\\\egeng.info\\\\DFS1\\\\ECE_OLD'), [START]: t })), []);
    assert.deepEqual(ids(check(STOP, t, { [PROPS]: props('\\\\\\\\egeng.info\\\\DFS1\\\\ECE_OLD') })).map((h) => h[0]), ['batch/reportsdb-home-differs']);
  });
  void test('drive paths too', () => {
    const t = svc('D:\\ECE\\eService');
    assert.deepEqual(ids(check(START, t, { [PROPS]: props('C:/ECE') })), [['batch/reportsdb-home-differs', ...at(t, 'D:\\ECE\\eService')]]);
  });
  void test('silent: the same home (or its eService folder), forms that differ, no eService at the end, no properties file', () => {
    const t = svc(SHARE);
    assert.deepEqual(ids(check(START, t, { [PROPS]: props('\\\\\\\\EGENG.info\\\\dfs1\\\\ece\\\\') })), []);
    assert.deepEqual(ids(check(START, t, { [PROPS]: props('\\\\\\\\egeng.info\\\\DFS1\\\\ECE\\\\eService') })), []);
    assert.deepEqual(ids(check(START, t, { [PROPS]: props('C:/ECE') })), []);
    assert.deepEqual(ids(check(START, svc('\\\\egeng.info\\DFS1\\ECE'), { [PROPS]: props('\\\\\\\\a\\\\b') })), []);
    assert.deepEqual(ids(check(START, t)), []);
    // the value Java loads from single backslashes is no path at all
    assert.deepEqual(ids(check(START, svc('C:\\ECE\\eService'), { [PROPS]: props('D:\\ECE') })), []);
  });
});

/** A probe over a fixed set of existing Windows paths (case-insensitive). */
function probe(existing: string[], platform: FileSystemProbe['platform'] = 'win32'): FileSystemProbe & { asked: string[] } {
  const set = new Set(existing.map((p) => p.toLowerCase()));
  const asked: string[] = [];
  return { platform, asked, exists: (p) => (asked.push(p), set.has(p.toLowerCase())) };
}
const SELF = 'C:\\ECE\\ReportsDB Utility\\reportsdb_utility.bat';

void describe('batch/path-not-found (through the host probe)', () => {
  void test('a JAVA_HOME that does not exist, its parent does', () => {
    const t = crlf('@echo off', 'SET JAVA_HOME=C:\\ECE\\jdk', 'SET ECE_HOME=C:\\ECE');
    const hits = check(UTIL, t, {}, { fileSystem: probe([SELF, 'C:\\ECE']) });
    assert.deepEqual(ids(hits), [['batch/path-not-found', ...at(t, 'C:\\ECE\\jdk')]]);
    assert.equal(hits[0]!.message, 'JAVA_HOME names C:\\ECE\\jdk, which does not exist on this machine: C:\\ECE is there, but it holds no jdk.');
  });
  void test('a JAVA_HOME without bin\\java.exe', () => {
    const t = crlf('SET JAVA_HOME=C:\\ECE\\jdk');
    const hits = check(UTIL, t, {}, { fileSystem: probe([SELF, 'C:\\ECE', 'C:\\ECE\\jdk']) });
    assert.deepEqual(ids(hits), [['batch/path-not-found', ...at(t, 'C:\\ECE\\jdk')]]);
    assert.match(hits[0]!.message, /has no bin\\java\.exe: it is not a JDK or Java runtime folder/);
    assert.deepEqual(ids(check(UTIL, t, {}, { fileSystem: probe([SELF, 'C:\\ECE', 'C:\\ECE\\jdk', 'C:\\ECE\\jdk\\bin\\java.exe']) })), []);
  });
  void test('never asked: no probe, a C:\\ path on a posix machine, UNC, %VAR%, a drive root, a file not on this machine', () => {
    const t = crlf('SET JAVA_HOME=C:\\ECE\\jdk');
    assert.deepEqual(ids(check(UTIL, t)), []);
    const posix = probe(['/', '/C:/ECE/ReportsDB Utility/reportsdb_utility.bat'], 'posix');
    assert.deepEqual(ids(check(UTIL, t, {}, { fileSystem: posix })), []);
    assert.deepEqual(posix.asked, []);
    const p = probe([SELF, 'C:\\ECE']);
    assert.deepEqual(ids(check(UTIL, crlf('SET JAVA_HOME=\\\\srv\\share\\jdk', 'SET JRE_HOME=%ECE%\\jre', 'SET X_HOME=C:\\nothere', 'SET MSG=C:\\ECE\\none'), {}, { fileSystem: p })), []);
    assert.deepEqual(p.asked, [SELF]);
    const away = probe(['C:\\ECE']);
    assert.deepEqual(ids(check(UTIL, t, {}, { fileSystem: away })), []);
    assert.deepEqual(away.asked, [SELF]);
  });
  void test('silent when the parent folder is missing too (a copy of the files on another machine)', () => {
    assert.deepEqual(ids(check(UTIL, crlf('SET JAVA_HOME=E:\\ECEFile\\env\\jdk'), {}, { fileSystem: probe([SELF]) })), []);
  });
  void test('a posix machine checks posix paths', () => {
    const uri = 'file:///opt/ece/reportsdb_utility.bat';
    const t = crlf('SET JAVA_HOME=/opt/ece/jdk');
    assert.deepEqual(ids(check(uri, t, {}, { fileSystem: probe(['/opt/ece/reportsdb_utility.bat', '/opt/ece'], 'posix') })), [['batch/path-not-found', ...at(t, '/opt/ece/jdk')]]);
  });
});

void describe('batch suppression comments (REM and ::)', () => {
  const body = ['SET JAVA_HOME=C:\\jdk ', 'SET JRE_HOME=C:\\jre '];
  void test('REM / :: / @REM ece-disable-next-line hide the next line only; ece-disable the whole file', () => {
    assert.equal(check(UTIL, crlf(...body)).length, 2);
    for (const c of ['REM ece-disable-next-line batch/trailing-blanks', ':: ece-disable-next-line batch/trailing-blanks', '@rem ece-disable-next-line', '  ::ece-disable-next-line']) {
      const t = crlf(c, ...body);
      assert.deepEqual(ids(check(UTIL, t)), [['batch/trailing-blanks', at(t, 'jre ')[0] + 3, at(t, 'jre ')[1]]], c);
    }
    assert.deepEqual(ids(check(UTIL, crlf(...body, 'REM ece-disable batch/trailing-blanks'))), []);
    assert.equal(check(UTIL, crlf('REM ece-disable-next-line batch/quoted-path-value', ...body)).length, 2);
  });
  void test('a marker that is not in a comment does nothing', () => {
    for (const c of ['echo ece-disable-next-line', 'REMark ece-disable-next-line', ': label ece-disable']) {
      assert.equal(check(UTIL, crlf(c, ...body)).length, 2, c);
    }
    assert.deepEqual(findSuppressions('echo x & rem ece-disable\r\n', 'rem').file.size, 0);
  });
  void test('"Disable RULE for this line" inserts a REM line above, with the file\'s line ending and indent', () => {
    const t = BOM + crlf('@echo off', '  SET JAVA_HOME=C:\\jdk ');
    const s = normalizeSettings({});
    const service = new EceLanguageService({ log: () => undefined });
    const doc = TextDocument.create(UTIL, 'bat', 1, t);
    const d = service.diagnostics(doc, s);
    const action = service.codeActions(doc, d[0]!.range, d, undefined, s).find((x) => x.title === 'Disable batch/trailing-blanks for this line');
    assert.ok(action);
    const edits = (action.edit!.documentChanges![0] as { edits: Array<{ range: { start: { line: number } }; newText: string }> }).edits;
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [[1, '  REM ece-disable-next-line batch/trailing-blanks\r\n']]);
    const after = BOM + crlf('@echo off', '  REM ece-disable-next-line batch/trailing-blanks', '  SET JAVA_HOME=C:\\jdk ');
    assert.deepEqual(ids(check(UTIL, after)), []);
  });
  void test('a line joined to the one before by a caret: the comment goes above the whole command, never between', () => {
    const t = crlf('SET JAVA_HOME=^', 'C:\\jdk ');
    const s = normalizeSettings({});
    const service = new EceLanguageService({ log: () => undefined });
    const doc = TextDocument.create(UTIL, 'bat', 1, t);
    const d = service.diagnostics(doc, s);
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [['batch/trailing-blanks', 1]]);
    const a = service.codeActions(doc, d[0]!.range, d, undefined, s).find((x) => x.title === 'Disable batch/trailing-blanks for this line')!;
    const ch = a.edit!.documentChanges![0]!;
    assert.ok('edits' in ch);
    const after = TextDocument.applyEdits(doc, ch.edits as TextEdit[]);
    assert.equal(after, 'REM ece-disable-next-line batch/trailing-blanks\r\n' + t);
    assert.deepEqual(service.diagnostics(TextDocument.create(UTIL, 'bat', 2, after), s), []);
  });
});

void describe('batch files in the workspace model', () => {
  void test('a change to one service script, or to reportsdb_utility.properties, refreshes the batch files', () => {
    const s = normalizeSettings({});
    const service = new EceLanguageService({ log: () => undefined });
    const model = new WorkspaceModel((u, t) => service.kindOf(u, t, s));
    model.update(START, svc(SHARE));
    model.update(STOP, svc(SHARE));
    model.update(PROPS, 'EGAIN_HOME_DIR=C:/ECE\r\n');
    model.update(UTIL, crlf('SET JAVA_HOME=C:\\jdk'));
    assert.deepEqual(model.dependents(STOP).sort(), [START, UTIL].sort());
    assert.deepEqual(model.dependents(PROPS).sort(), [START, STOP, UTIL].sort());
  });
});
