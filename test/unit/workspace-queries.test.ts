/**
 * The typed cross-file queries of the workspace (queries.ts) asked directly of a WorkspaceModel (found by mutation
 * testing of service/workspace: the rule tests reach them, but not each case): which service script is the partner,
 * which Reports DB utility file gives the ECE home, which gadget hosts count.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { WorkspaceModel } from '../../server/src/service/workspace/model';

function newModel(): WorkspaceModel {
  const s = normalizeSettings({});
  const svc = new EceLanguageService({ log: () => undefined });
  return new WorkspaceModel((uri, text) => svc.kindOf(uri, text, s));
}

const WIN = 'file:///C:/ECE/eService/bin/platform/windows/';
const bat = (location: string) => `@echo off\r\nSET "ENV.FS.SHARED.LOCATION=${location}"\r\n`;

void describe('partnerScript', () => {
  void test('egainstart.bat and egainstop.bat in one folder are each other\'s partner, names in any case', () => {
    const m = newModel();
    assert.ok(m.update(WIN + 'egainstart.bat', bat('\\\\fs\\share')));
    assert.ok(m.update(WIN + 'EGAINSTOP.BAT', bat('\\\\fs\\other')));
    assert.deepEqual(m.partnerScript(WIN + 'egainstart.bat'), { uri: WIN + 'EGAINSTOP.BAT', displayName: 'EGAINSTOP.BAT', sharedLocation: '\\\\fs\\other' });
    assert.deepEqual(m.partnerScript(WIN + 'EGAINSTOP.BAT'), { uri: WIN + 'egainstart.bat', displayName: 'egainstart.bat', sharedLocation: '\\\\fs\\share' });
  });

  void test('no partner for another script, nor for a script of the other name in a sub-folder or a sibling folder', () => {
    const m = newModel();
    assert.ok(m.update(WIN + 'egainstart.bat', bat('\\\\fs\\share')));
    assert.ok(m.update(WIN + 'backup/egainstop.bat', bat('\\\\fs\\other')));
    assert.equal(m.partnerScript(WIN + 'egainstart.bat'), undefined, 'deeper');
    assert.equal(m.partnerScript(WIN + 'reportsdb_utility.bat'), undefined, 'neither start nor stop');
    const n = newModel();
    assert.ok(n.update(WIN + 'egainstart.bat', bat('\\\\fs\\share')));
    assert.ok(n.update('file:///C:/ECE/eService/bin/platform/linux/egainstop.bat', bat('\\\\fs\\other')));
    assert.equal(n.partnerScript(WIN + 'egainstart.bat'), undefined, 'same depth, other folder');
  });

  void test('a script of another name in the folder is passed over; a script without the location has none', () => {
    const m = newModel();
    assert.ok(m.update(WIN + 'egainstart.bat', '@echo off\r\n'));
    assert.ok(m.update(WIN + 'REPORTSDB_utility.bat', bat('\\\\fs\\old')));
    assert.ok(m.update(WIN + 'egainstop.bat', '@echo off\r\n'));
    assert.deepEqual(m.partnerScript(WIN + 'egainstart.bat'), { uri: WIN + 'egainstop.bat', displayName: 'egainstop.bat', sharedLocation: undefined });
  });
});

void describe('reportsdbHomes', () => {
  const R = 'file:///C:/ECE/ReportsDB/';
  const from = WIN + 'egainstart.bat';

  void test('one entry per key present, of the nearest file only', () => {
    const m = newModel();
    assert.ok(m.update(R + 'reportsdb_utility.properties', 'EGAIN_HOME_DIR=C:\\\\ECE\nECE_HOME_DIR=D:\\\\x\n'));
    assert.ok(m.update(R + 'old/reportsdb_utility.properties', 'ECE_HOME_DIR=E:\\\\old\n'));
    assert.deepEqual(m.reportsdbHomes(from), [
      { uri: R + 'reportsdb_utility.properties', key: 'EGAIN_HOME_DIR', value: 'C:\\ECE' },
      { uri: R + 'reportsdb_utility.properties', key: 'ECE_HOME_DIR', value: 'D:\\x' },
    ]);
  });

  void test('a file Java cannot load (malformed \\u escape) is skipped for the next one; none known: empty', () => {
    const m = newModel();
    assert.deepEqual(m.reportsdbHomes(from), []);
    assert.ok(m.update(R + 'reportsdb_utility.properties', 'EGAIN_HOME_DIR=C:\\\\ECE\nX=\\u12\n'));
    assert.deepEqual(m.reportsdbHomes(from), []);
    assert.ok(m.update(R + 'old/reportsdb_utility.properties', 'ECE_HOME_DIR=E:\\\\old\n'));
    assert.deepEqual(m.reportsdbHomes(from), [{ uri: R + 'old/reportsdb_utility.properties', key: 'ECE_HOME_DIR', value: 'E:\\old' }]);
  });
});

void describe('gadgetHosts', () => {
  const G = 'file:///C:/ECE/eService/templates/finesse/gadget/';
  void test('hosts of the config scripts (trimmed, empty skipped) and of the ECE gadgets of the layouts', () => {
    const m = newModel();
    assert.ok(m.update(G + 'agent/ece_config.js', 'var web_server_name = " a.example.com ";\nvar web_server_protocol = "https";\n'));
    assert.ok(m.update(G + 'agent/sub/ece_config.js', 'var web_server_name = " ";\n'));
    const gadgets = [
      'https://b.example.com/system/templates/finesse/gadget/agent/ece.xml',
      'https://c.example.com/system/templates/finesse/gadget/supervisor/x.xml',
      'https://<ECE>/system/templates/finesse/gadget/agent/ece.xml',
      '/system/templates/finesse/gadget/agent/ece.xml',
      'https://other.example.com/x.xml',
    ];
    assert.ok(m.update(G + 'layout/agent.xml', `<tab><gadgets>${gadgets.map((g) => `<gadget>${g}</gadget>`).join('')}</gadgets></tab>`));
    assert.deepEqual(m.gadgetHosts(G + 'spog/spog_config.js'), [
      { uri: G + 'agent/ece_config.js', source: 'ece_config.js', host: 'a.example.com' },
      { uri: G + 'layout/agent.xml', source: 'layout agent.xml', host: 'b.example.com' },
      { uri: G + 'layout/agent.xml', source: 'layout agent.xml', host: 'c.example.com' },
    ]);
  });
});
