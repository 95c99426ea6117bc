// A Finesse layout fragment as shipped (solve.xml): placeholders left in, a bare & in the gadget URL.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../helpers');
const { kindSuite, expected, waitExactly } = require('../kind-suite');

const FILE = ['cases', 'finesse', 'finesse', 'gadget', 'layout', 'solve.xml'];
const DIAGNOSTICS = [
  { rule: 'finesse/placeholder-not-replaced', text: 'EGAIN_WEBSERVER_OR_LOADBALANCER', severity: 'error' },
  { rule: 'finesse/placeholder-not-replaced', text: 'CONTEXT_ROOT', severity: 'error' },
  { rule: 'finesse/unescaped-ampersand', text: '&', severity: 'error' },
];

kindSuite({
  kind: 'finesse',
  title: 'Finesse layout',
  file: FILE,
  diagnostics: DIAGNOSTICS,
  ignore: ['ecejs/hosts-differ', 'finesse/ece-gadget-host'],
  fix: {
    rule: 'finesse/unescaped-ampersand',
    title: /&amp;/,
    apply: (t) => t.replace('?mode=agent&theme=light', '?mode=agent&amp;theme=light'),
    after: DIAGNOSTICS.slice(0, 2),
  },
  off: { rule: 'finesse/placeholder-not-replaced' },
  hover: { text: 'solve.xml?', expect: /Solve[\s\S]*EGAIN_WEBSERVER_OR_LOADBALANCER/ },
  extra() {
    it('with ece.loadBalancerHost and ece.solve.contextRoot set, the placeholders get quick fixes that fill them in', async () => {
      const { doc, uri } = await h.open(h.wsPath(...FILE));
      const before = doc.getText();
      const cfg = vscode.workspace.getConfiguration('ece');
      const changed = h.waitForConfigChange('ece');
      await cfg.update('loadBalancerHost', 'ece.example.com', vscode.ConfigurationTarget.Workspace);
      await cfg.update('solve.contextRoot', 'solve', vscode.ConfigurationTarget.Workspace);
      await changed;
      try {
        const list = await waitExactly(uri, expected(doc, DIAGNOSTICS), ['ecejs/hosts-differ', 'finesse/ece-gadget-host']);
        const host = list.find((d) => h.ruleOf(d) === 'finesse/placeholder-not-replaced' && d.range.isEqual(h.rangeOf(doc, 'EGAIN_WEBSERVER_OR_LOADBALANCER')));
        // the fix is computed with the settings the server had when it published; poll until it offers the host
        const fix = await h.poll(async () => (await h.quickFixesFor(uri, host)).find((a) => a.edit && /ece\.example\.com/.test(a.title)),
          'a quick fix that puts ece.example.com in', 15000);
        assert.ok(await vscode.workspace.applyEdit(fix.edit));
        assert.strictEqual(doc.getText(), before.replace('EGAIN_WEBSERVER_OR_LOADBALANCER', 'ece.example.com'));
      } finally {
        await cfg.update('loadBalancerHost', undefined, vscode.ConfigurationTarget.Workspace);
        await cfg.update('solve.contextRoot', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  },
});
