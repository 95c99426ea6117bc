/**
 * Batch files: hover (the value as cmd.exe holds it), symbols, completions, the snippets (expanded with their
 * defaults they give clean files holding what the guides ask for), and the example ECE home through the CLI.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { parseBatch } from '../../server/src/service/parse/batch';
import { main } from '../../server/src/cli';
import { nodeFileSystemProbe } from '../../server/src/node/fileSystemProbe';

const UTIL = 'file:///C:/ECE/ReportsDB%20Utility/reportsdb_utility.bat';
const START = 'file:///C:/ECE/eService/bin/platform/windows/egainstart.bat';
const s = normalizeSettings({});
const service = new EceLanguageService({ log: (m) => assert.fail(m) });

function hoverAt(uri: string, text: string, needle: string, delta = 1) {
  const doc = TextDocument.create(uri, 'bat', 1, text);
  return service.hover(doc, doc.positionAt(text.indexOf(needle) + delta), s);
}
const md = (h: Awaited<ReturnType<typeof hoverAt>>) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

void describe('batch hover', () => {
  void test('on a SET line: the value exactly as cmd.exe holds it, blanks and quotes visible', async () => {
    const t = '@echo off\r\nSET JAVA_HOME="C:\\Program Files\\jdk"  \r\n';
    const h = await hoverAt(UTIL, t, 'JAVA_HOME');
    assert.ok(h);
    const v = md(h);
    assert.match(v, /\*\*JAVA_HOME\*\* \(set on line 2\)/);
    assert.ok(v.includes('cmd.exe holds: `"C:\\Program·Files\\jdk"··`'), v);
    assert.match(v, /The quotes are part of the value\./);
    assert.deepEqual(h.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 38 } });
  });
  void test('SET "NAME=value": the quotes delimit, the ignored tail is named', async () => {
    const v = md(await hoverAt(UTIL, 'SET "JAVA_HOME=C:\\jdk" rest\r\n', 'C:'));
    assert.ok(v.includes('cmd.exe holds: `C:\\jdk`'), v);
    assert.match(v, /the quotes only delimit the assignment/);
    assert.ok(v.includes('ignores the text after the closing quote: ` rest`'), v);
  });
  void test('a blank before =, references, conditional, set again later, /A, /P, refused', async () => {
    assert.match(md(await hoverAt(UTIL, 'SET JAVA_HOME = C:\\jdk', 'JAVA')), /\*\*JAVA_HOME·\*\*[\s\S]*not the variable `JAVA_HOME`[\s\S]*`·C:\\jdk`/);
    assert.match(md(await hoverAt(UTIL, 'SET P=%JAVA_HOME%\\bin;%PATH%', 'P=', 0)), /Expanded when the line runs: `%JAVA_HOME%`, `%PATH%`/);
    assert.match(md(await hoverAt(UTIL, 'if x==x SET A=1\r\nSET A=2\r\n', 'A=1', 0)), /may not run[\s\S]*Line 2 sets A again/);
    assert.match(md(await hoverAt(UTIL, 'set /a N=1+2', 'N=', 0)), /SET \/A/);
    assert.match(md(await hoverAt(UTIL, 'set /p N=Name? ', 'N=', 0)), /what the user types/);
    assert.match(md(await hoverAt(UTIL, 'SET JAVA_HOME=<JAVA_HOME>', 'JAVA', 0)), /refuses this line/);
  });
  void test('a password-like variable is never shown', async () => {
    const v = md(await hoverAt(UTIL, 'SET DB_PASSWORD=Secret123\r\n', 'DB_'));
    assert.match(v, /•••• \(set, not shown\)/);
    assert.ok(!v.includes('Secret123'));
  });
  void test('on a %VAR% reference: the assignment it reads', async () => {
    const t = 'SET JAVA_HOME=C:\\jdk\r\n"%JAVA_HOME%\\bin\\java"\r\n"%ECE%\\x"\r\n';
    const h = await hoverAt(UTIL, t, '%JAVA_HOME%');
    assert.ok(md(h).includes('cmd.exe holds: `C:\\jdk`'));
    assert.deepEqual(h!.range, { start: { line: 1, character: 1 }, end: { line: 1, character: 12 } });
    assert.match(md(await hoverAt(UTIL, t, '%ECE%')), /\*\*ECE\*\* is not set earlier in this file/);
  });
  void test('nothing outside SET lines and references', async () => {
    assert.equal(await hoverAt(UTIL, '@echo off\r\nREM x\r\n', 'REM'), null);
  });
});

void describe('batch symbols and completions', () => {
  void test('symbols: the variables set (blanks visible, secrets hidden) and the labels', () => {
    const t = '@echo off\r\nSET JAVA_HOME=C:\\jdk \r\n:start\r\nSET DB_PASS=x\r\nset /a N=1\r\n';
    const doc = TextDocument.create(UTIL, 'bat', 1, t);
    assert.deepEqual(service.symbols(doc, s).map((x) => [x.name, x.detail, x.selectionRange.start.line, x.selectionRange.start.character]), [
      ['JAVA_HOME', 'C:\\jdk·', 1, 4],
      [':start', undefined, 2, 0],
      ['DB_PASS', '••••', 3, 4],
      ['N', 'SET /A', 4, 7],
    ]);
  });
  void test('completions after % and after SET', () => {
    const complete = (uri: string, t: string) => {
      const doc = TextDocument.create(uri, 'bat', 1, t);
      return service.completions(doc, doc.positionAt(t.length), s).map((c) => [c.label, c.insertText]);
    };
    assert.deepEqual(complete(UTIL, 'SET ECE_HOME=C:\\ECE\r\n"%'), [['JAVA_HOME', 'JAVA_HOME%'], ['ECE_HOME', 'ECE_HOME%']]);
    assert.deepEqual(complete(UTIL, 'echo 100%% "%JA'), [['JAVA_HOME', 'JAVA_HOME%']]);
    assert.deepEqual(complete(UTIL, 'echo %A% x'), []);
    assert.deepEqual(complete(START, 'echo %TMPDIR%\r\nSET '), [['env.fs.shared.location', 'env.fs.shared.location='], ['TMPDIR', 'TMPDIR=']]);
    assert.deepEqual(complete(UTIL, '@echo off\r\n'), []);
  });
});

/** Expands a VS Code snippet body with every placeholder's default (`\` escapes `$`, `}` and `\`). */
function expand(body: string): string {
  let i = 0;
  const read = (inner: boolean): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i]!;
      if (c === '\\' && '$}\\'.includes(body[i + 1] ?? '')) {
        out += body[i + 1];
        i += 2;
      } else if (c === '}' && inner) {
        i++;
        return out;
      } else if (c === '$') {
        const m = /^\$(\d+)|^\$\{(\d+):/.exec(body.slice(i));
        if (!m) {
          out += c;
          i++;
          continue;
        }
        i += m[0].length;
        if (m[2] !== undefined) out += read(true);
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return read(false);
}

void describe('batch snippets', () => {
  const snippets = JSON.parse(readFileSync(path.join(__dirname, '../../snippets/batch.code-snippets'), 'utf8')) as Record<string, { body: string[] }>;
  void test('SET JAVA_HOME and SET env.fs.shared.location, each a clean line holding what the guide asks for', () => {
    const held = Object.fromEntries(
      Object.values(snippets).map((sn) => {
        const text = '@echo off\r\n' + sn.body.map(expand).join('\r\n') + '\r\n';
        const a = parseBatch(text).assignments[0]!;
        const uri = a.key === 'JAVA_HOME' ? UTIL : START;
        assert.deepEqual(service.diagnostics(TextDocument.create(uri, 'bat', 1, text), s), [], text);
        return [a.name, [a.form, a.value]];
      }),
    );
    assert.deepEqual(held, { JAVA_HOME: ['quoted', 'C:\\ECE\\jdk'], 'env.fs.shared.location': ['quoted', '\\\\egeng.info\\DFS1\\ECE\\eService'] });
  });
});

void describe('the example ECE home, through the CLI', () => {
  void test('each of the four batch files shows the mistake it holds', async () => {
    const home = path.join(__dirname, '..', '..', 'examples', 'ece-home');
    const lines: string[] = [];
    const code = await main(['check', '--format', 'json', '--settings', path.join(home, '.vscode', 'settings.json'), home], (x) => lines.push(x), () => undefined);
    assert.equal(code, 1);
    const out = JSON.parse(lines.join('\n')) as { files: Array<{ path: string; kind: string; diagnostics: Array<{ code: string; range: { start: { line: number; character: number } } }> }> };
    const batch = out.files
      .filter((f) => f.kind === 'batch')
      .map((f) => [path.relative(home, f.path).split(path.sep).join('/'), f.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`)])
      .sort();
    assert.deepEqual(batch, [
      ['ReportsDB Utility (SQL Server Always On)/reportsdb_utility.bat', ['batch/placeholder-not-replaced@3:14']],
      ['UpdateDBIndexStats/UpdateDBIndexStats.bat', ['batch/quoted-path-value@2:14']],
      ['eService/bin/platform/windows/egainstart.bat', ['batch/trailing-blanks@4:24']],
      ['eService/bin/platform/windows/egainstop.bat', ['batch/shared-location-not-unc@4:27']],
    ]);
    for (const f of ['eService/bin/platform/windows/egainstart.bat', 'UpdateDBIndexStats/UpdateDBIndexStats.bat']) {
      const bytes = readFileSync(path.join(home, f), 'latin1');
      assert.equal(bytes.split('\r\n').length - 1, bytes.split('\n').length - 1, `${f} has CRLF line endings only`);
    }
  });
});

void describe('the Node file-system probe and the CLI', () => {
  void test('exists: true, false; UNC and empty paths are not looked at', () => {
    const fsp = nodeFileSystemProbe();
    assert.equal(fsp.exists(__filename), true);
    assert.equal(fsp.exists(path.join(__dirname, 'no-such-file')), false);
    assert.equal(fsp.exists(path.join(__filename, 'below-a-file')), false);
    assert.equal(fsp.exists('\\\\server\\share\\x'), undefined);
    assert.equal(fsp.exists('//server/share/x'), undefined);
    assert.equal(fsp.exists(''), undefined);
    assert.equal(nodeFileSystemProbe('win32').platform, 'win32');
    assert.equal(nodeFileSystemProbe('linux').platform, 'posix');
  });
  void test('ece-config check reports a JAVA_HOME missing on this machine, then one without bin/java', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ece-batch-cli-'));
    try {
      const jdk = path.join(dir, 'jdk');
      writeFileSync(path.join(dir, 'UpdateDBIndexStats.bat'), `@echo off\r\nSET JAVA_HOME=${jdk}\r\n`);
      const run = async () => {
        const lines: string[] = [];
        await main(['check', '--format', 'json', dir], (x) => lines.push(x), () => undefined);
        const out = JSON.parse(lines.join('\n')) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> };
        return out.files.flatMap((f) => f.diagnostics.map((d) => `${d.code}: ${d.message}`));
      };
      assert.deepEqual(await run(), [`batch/path-not-found: JAVA_HOME names ${jdk}, which does not exist on this machine: ${dir} is there, but it holds no jdk.`]);
      mkdirSync(jdk);
      const java = process.platform === 'win32' ? 'bin\\java.exe' : 'bin/java';
      assert.deepEqual(await run(), [`batch/path-not-found: JAVA_HOME names ${jdk}, which exists on this machine but has no ${java}: it is not a JDK or Java runtime folder.`]);
      mkdirSync(path.join(jdk, 'bin'));
      writeFileSync(path.join(jdk, java), '');
      assert.deepEqual(await run(), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
