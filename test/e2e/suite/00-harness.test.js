// The harness itself: the extension under test is the packaged .vsix installed into the test host's
// extensions dir (not a development folder), and it activates when a pool file is opened.
'use strict';
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');
const h = require('../helpers');

describe('harness', () => {
  it('runs the extension installed from the .vsix into the per-run extensions dir', () => {
    const ext = h.getExtension();
    const cfg = h.readRunConfig();
    assert.ok(cfg.extensionsDir, 'e2e-run.json names the extensions dir');
    const where = ext.extensionUri.fsPath;
    const rel = path.relative(path.resolve(cfg.extensionsDir), where);
    assert.ok(rel && !rel.startsWith('..') && !path.isAbsolute(rel),
      `extension loaded from ${where}, expected inside ${cfg.extensionsDir}`);
    assert.ok(!where.startsWith(path.resolve(cfg.repo || '/nonexistent') + path.sep) || where.startsWith(path.resolve(cfg.extensionsDir)),
      'not loaded from the source folder');
    assert.strictEqual(ext.packageJSON.publisher + '.' + ext.packageJSON.name, h.EXTENSION_ID);
    // the packaged extension runs from its bundles, with no node_modules and no sources
    const fs = require('fs');
    assert.ok(fs.existsSync(path.join(where, 'dist', 'client.js')), 'dist/client.js is packaged');
    assert.ok(fs.existsSync(path.join(where, 'dist', 'server.js')), 'dist/server.js is packaged');
    assert.ok(!fs.existsSync(path.join(where, 'node_modules')), 'no node_modules in the package');
    assert.ok(!fs.existsSync(path.join(where, 'server', 'src')), 'no TypeScript sources in the package');
  });

  it('activates when a connection pool file is opened', async () => {
    const ext = h.getExtension();
    await h.open(h.wsPath('cases', 'connpool-typo', 'egpl_ds_connpool_map.xml'));
    await h.poll(() => ext.isActive, 'the extension to activate');
    assert.ok(vscode.extensions.getExtension(h.EXTENSION_ID).isActive);
    await h.closeAll();
  });
});
