// Every command the extension contributes is registered once it is active.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../helpers');

describe('commands', () => {
  it('every contributed command is registered after activation', async () => {
    const ext = h.getExtension();
    await ext.activate();
    const contributed = ((ext.packageJSON.contributes && ext.packageJSON.contributes.commands) || []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed but not registered');
  });
});
