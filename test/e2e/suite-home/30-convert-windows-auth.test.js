// ECE: Convert to Windows Authentication, end to end on the copy of examples/ece-home: the pool file, the copy inside
// service/lib/deployment.zip (with a backup), reportsdb_utility.properties and input.properties.
// Runs once the command is contributed (found by its title). It is called with { preview: false, confirmZip: true }:
// apply without the refactor preview and without the zip question. (VS Code opens edits whose change annotation has
// needsConfirmation UNCHECKED in the refactor preview: pressing Apply there applies nothing. If the command still opens
// the preview, the test presses Apply the way a user in a hurry would, and fails with that explanation.)
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

describe('ECE: Convert to Windows Authentication on the example home', () => {
  it('converts the pool file, the copy in deployment.zip (with a backup), and the two utilities, and a second run changes nothing', async function () {
    const ext = h.getExtension();
    const cmd = ((ext.packageJSON.contributes || {}).commands || []).find((c) => /Windows Authentication/i.test(c.title));
    assert.ok(cmd, 'the Convert to Windows Authentication command is contributed');
    await ext.activate();
    await h.closeAll();
    const home = h.workspaceDir();
    const pool = path.join(home, 'eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml');
    const zip = path.join(home, 'service', 'lib', 'deployment.zip');
    const libBefore = new Set(fs.readdirSync(path.dirname(zip)));
    const [reportsdb] = await vscode.workspace.findFiles('**/reportsdb_utility.properties');
    const [indexstats] = await vscode.workspace.findFiles('**/input.properties');

    const runCommand = async () => {
      let finished = false;
      const p = Promise.resolve(vscode.commands.executeCommand(cmd.command, { preview: false, confirmZip: true })).finally(() => { finished = true; });
      // still running after 10 s: it waits in the refactor preview; press Apply as a user would
      await h.poll(() => finished, `${cmd.command} to finish`, 10000).catch(() => vscode.commands.executeCommand('refactorPreview.apply'));
      let timer;
      const timeout = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(
        `${cmd.command} did not finish within 40 s: it waits for the refactor preview or a confirmation; it should accept { preview: false }`)), 40000); });
      const result = await Promise.race([p, timeout]).finally(() => clearTimeout(timer));
      assert.ok(result, `${cmd.command} returned ${JSON.stringify(result)}: nothing applied. If it opened the refactor preview, every change `
        + 'was unchecked there (needsConfirmation), so Apply applied nothing; the command should accept { preview: false }');
      return result;
    };
    await runCommand();
    // edits may be left unsaved in editors: read what VS Code has
    const text = async (uri) => (await vscode.workspace.openTextDocument(uri)).getText();

    assertPoolsWindowsAuth(await text(vscode.Uri.file(pool)), 'pool file');
    const entry = await zipEntryText(zip, 'dataaccess/egpl_ds_connpool_map.xml');
    assert.ok(entry, 'deployment.zip still holds dataaccess/egpl_ds_connpool_map.xml');
    assertPoolsWindowsAuth(entry, 'deployment.zip copy');
    const added = fs.readdirSync(path.dirname(zip)).filter((f) => !libBefore.has(f));
    assert.ok(added.length >= 1, `a backup of deployment.zip beside it (new files: ${added.join(', ') || 'none'})`);
    if (reportsdb) assert.match(await text(reportsdb), /^\s*IS_WINDOWS_AUTHENTICATION\s*[=:]\s*true\s*$/m, 'IS_WINDOWS_AUTHENTICATION=true');
    if (indexstats) {
      const t = await text(indexstats);
      for (const k of ['ACTIVE_USER', 'ACTIVE_PASS', 'REPORTS_USER', 'REPORTS_PASS']) {
        const m = new RegExp(`^\\s*${k}\\s*[=:]?(.*)$`, 'm').exec(t);
        if (m) assert.strictEqual(m[1].trim(), '', `${k} blank`);
      }
    }
    // idempotent
    await vscode.workspace.saveAll(false);
    const snapshot = fs.readFileSync(pool);
    const zipBytes = fs.readFileSync(zip);
    await runCommand();
    await vscode.workspace.saveAll(false);
    assert.ok(fs.readFileSync(pool).equals(snapshot), 'second run: pool file unchanged');
    assert.ok(fs.readFileSync(zip).equals(zipBytes), 'second run: deployment.zip unchanged');
  });
});
