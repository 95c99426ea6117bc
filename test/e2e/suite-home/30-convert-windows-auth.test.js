// ECE: Convert to Windows Authentication, end to end on the copy of examples/ece-home: the pool file, the copy inside
// service/lib/deployment.zip (with a backup), reportsdb_utility.properties and input.properties.
// Both paths: "Preview..." (VS Code's refactor preview, Apply pressed with nothing unticked) and "Convert" directly.
// The files the edit changes must end up saved, so the Problems panel and ece-config check (on disk) agree after it.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('../helpers');

const REPO = path.resolve(__dirname, '..', '..', '..');
const yauzl = require(require.resolve('yauzl', { paths: [REPO] }));

function zipEntryText(zipFile, name) {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (e) => {
        if (e.fileName !== name) { zip.readEntry(); return; }
        zip.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const chunks = [];
          s.on('data', (c) => chunks.push(c));
          s.on('end', () => { zip.close(); resolve(Buffer.concat(chunks).toString('utf8')); });
        });
      });
      zip.on('end', () => resolve(undefined));
      zip.readEntry();
    });
  });
}

/** Every pool in Windows authentication: integratedSecurity=true in each Url, User and Password empty. */
function assertPoolsWindowsAuth(text, what) {
  const urls = [...text.matchAll(/<Url\b[^>]*>([^<]*)<\/Url>/g)].map((m) => m[1]);
  assert.ok(urls.length > 0, `${what}: has pools`);
  for (const u of urls) assert.match(u, /;\s*integratedSecurity\s*=\s*true\s*(;|$)/i, `${what}: ${u}`);
  assert.doesNotMatch(text, /integratedSecurity\s*=\s*false/i, `${what}: no integratedSecurity=false left`);
  for (const m of text.matchAll(/<(User|Password)\b[^>]*>([^<]*)<\/\1>/g)) assert.strictEqual(m[2].trim(), '', `${what}: <${m[1]}> emptied`);
}

const POOL_REL = ['eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml'];
const REPORTSDB_REL = ['ReportsDB Utility (SQL Server Always On)', 'reportsdb_utility.properties'];
const INDEXSTATS_REL = ['UpdateDBIndexStats', 'input.properties'];
const ZIP_REL = ['service', 'lib', 'deployment.zip'];
// The files the conversion changes in the example (its reportsdb_utility.properties says
// IS_WINDOWS_AUTHENTICATION=true with two trailing blanks Java keeps: set to exactly true) and the ones restoreHome
// puts back.
const CONVERTED = [POOL_REL, REPORTSDB_REL, INDEXSTATS_REL];
const RESTORED = [POOL_REL, REPORTSDB_REL, INDEXSTATS_REL, ZIP_REL];

/** The example's files back on disk, backups removed (VS Code and the server see the change through their watchers). */
function restoreHome(home) {
  const original = h.readRunConfig().exampleHome;
  assert.ok(original && fs.existsSync(original), 'e2e-run.json names the example home');
  for (const rel of RESTORED) fs.copyFileSync(path.join(original, ...rel), path.join(home, ...rel));
  const lib = path.join(home, 'service', 'lib');
  for (const f of fs.readdirSync(lib)) if (f !== 'deployment.zip') fs.rmSync(path.join(lib, f), { recursive: true, force: true });
}

/** Every change of the conversion, checked on the files ON DISK (the command saves what it changed). */
async function assertConvertedOnDisk(home, libBefore) {
  assertPoolsWindowsAuth(fs.readFileSync(path.join(home, ...POOL_REL), 'utf8'), 'pool file on disk');
  const entry = await zipEntryText(path.join(home, ...ZIP_REL), 'dataaccess/egpl_ds_connpool_map.xml');
  assert.ok(entry, 'deployment.zip still holds dataaccess/egpl_ds_connpool_map.xml');
  assertPoolsWindowsAuth(entry, 'deployment.zip copy');
  const added = fs.readdirSync(path.join(home, 'service', 'lib')).filter((f) => !libBefore.has(f));
  assert.strictEqual(added.length, 1, `one backup of deployment.zip beside it (new files: ${added.join(', ') || 'none'})`);
  assert.match(fs.readFileSync(path.join(home, ...REPORTSDB_REL), 'utf8'), /^\s*IS_WINDOWS_AUTHENTICATION\s*[=:]\s*true\s*$/m, 'IS_WINDOWS_AUTHENTICATION=true');
  const t = fs.readFileSync(path.join(home, ...INDEXSTATS_REL), 'utf8');
  for (const k of ['ACTIVE_USER', 'ACTIVE_PASS', 'REPORTS_USER', 'REPORTS_PASS']) {
    const lines = [...t.matchAll(new RegExp(`^[ \\t]*${k}[ \\t]*[=:]?(.*)$`, 'gm'))];
    assert.ok(lines.length >= 1, `${k} is in input.properties`);
    for (const m of lines) assert.strictEqual(m[1].trim(), '', `${k} blank`);
  }
  for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === 'file' && d.isDirty) assert.fail(`${d.uri.fsPath} is left unsaved`);
}

describe('ECE: Convert to Windows Authentication on the example home', () => {
  before(async () => { await h.getExtension().activate(); });
  afterEach(() => h.closeAll());

  it('Preview...: Apply with nothing unticked applies every planned change, saves the files, then converts the zip copy; Problems = CLI', async function () {
    const home = h.workspaceDir();
    await h.closeAll();
    const libBefore = new Set(fs.readdirSync(path.join(home, 'service', 'lib')));
    let finished = false;
    const run = Promise.resolve(vscode.commands.executeCommand('ece.convertWindowsAuth', { preview: true, confirmZip: true })).finally(() => { finished = true; });
    // The refactor preview waits for Apply: press it as a user would, without unticking anything. (Pressed before the
    // preview is up, the command only opens the empty panel.)
    await h.poll(async () => finished || (await vscode.commands.executeCommand('refactorPreview.apply').then(() => finished, () => finished)), 'the refactor preview to be applied', 45000, 250);
    const result = await run;
    assert.ok(result && result.applied, `the preview applied the edit: ${JSON.stringify(result)}`);
    assert.deepStrictEqual(result.saved.slice().sort(), CONVERTED.map((rel) => path.join(home, ...rel)).sort(), 'the changed files are saved');
    assert.ok(result.zipMessages.some((m) => /was converted/.test(m)), result.zipMessages.join(' '));
    await assertConvertedOnDisk(home, libBefore);
    await h.waitProblemsEqualCli(home, 'after the conversion through the preview');
  });

  it('Convert (no preview): the same on a fresh home; a second run changes nothing; Problems = CLI at each step', async function () {
    const home = h.workspaceDir();
    await h.closeAll();
    restoreHome(home);
    // the restored files reach the server through the file watcher
    await h.waitProblemsEqualCli(home, 'after the example files were put back on disk');
    const libBefore = new Set(fs.readdirSync(path.join(home, 'service', 'lib')));
    const result = await vscode.commands.executeCommand('ece.convertWindowsAuth', { preview: false, confirmZip: true });
    assert.ok(result && result.applied, JSON.stringify(result));
    assert.deepStrictEqual(result.saved.slice().sort(), CONVERTED.map((rel) => path.join(home, ...rel)).sort(), 'the changed files are saved');
    await assertConvertedOnDisk(home, libBefore);
    await h.waitProblemsEqualCli(home, 'after the conversion');
    const pool = path.join(home, ...POOL_REL);
    const zip = path.join(home, ...ZIP_REL);
    const snapshot = fs.readFileSync(pool);
    const zipBytes = fs.readFileSync(zip);
    const again = await vscode.commands.executeCommand('ece.convertWindowsAuth', { preview: false, confirmZip: true });
    assert.deepStrictEqual(again, { applied: false, saved: [], zipMessages: [] }, 'nothing left to convert');
    assert.ok(fs.readFileSync(pool).equals(snapshot), 'second run: pool file unchanged');
    assert.ok(fs.readFileSync(zip).equals(zipBytes), 'second run: deployment.zip unchanged');
    await h.waitProblemsEqualCli(home, 'after the second run');
  });
});
