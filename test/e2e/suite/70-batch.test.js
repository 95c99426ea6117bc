// reportsdb_utility.bat (CRLF), opened in VS Code's own `bat` language: the guide's <JAVA_HOME> left in place, a path
// ending in blanks, a path set with its quotes. Our diagnostics must sit on exactly those characters.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { kindSuite, expected, waitExactly } = require('../kind-suite');
const h = require('../helpers');

const FILE = ['cases', 'batch', 'reportsdb_utility.bat'];
const PLACEHOLDER = { rule: 'batch/placeholder-not-replaced', text: '<JAVA_HOME>', severity: 'error' };
const BLANKS = { rule: 'batch/trailing-blanks', text: '  ', severity: 'warning' };
const QUOTED = { rule: 'batch/quoted-path-value', text: '"C:\\Program Files\\ECE"', severity: 'warning' };

kindSuite({
  kind: 'batch',
  title: 'ECE batch file',
  file: FILE,
  diagnostics: [PLACEHOLDER, BLANKS, QUOTED],
  fix: {
    rule: 'batch/trailing-blanks',
    title: /Remove the trailing 2 blanks/,
    apply: (t) => t.replace('SET JRE_HOME=C:\\ECE\\jre  \r\n', 'SET JRE_HOME=C:\\ECE\\jre\r\n'),
    after: [PLACEHOLDER, QUOTED],
  },
  off: { rule: 'batch/placeholder-not-replaced' },
  hover: { text: 'JRE_HOME', expect: /cmd\.exe holds: `C:\\ECE\\jre··`/ },
  extra() {
    it('the file is in VS Code\'s own bat language, and the SET "NAME=value" fix rewrites only the two quotes', async () => {
      const { doc, uri } = await h.open(h.wsPath(...FILE));
      assert.strictEqual(doc.languageId, 'bat');
      const before = doc.getText();
      const list = await waitExactly(uri, expected(doc, [PLACEHOLDER, BLANKS, QUOTED]), []);
      const target = list.find((d) => h.ruleOf(d) === QUOTED.rule);
      const fix = (await h.quickFixesFor(uri, target)).find((a) => a.edit && /^Write it as SET "APP_HOME=/.test(a.title));
      assert.ok(fix, 'the SET "NAME=value" quick fix is offered');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.strictEqual(doc.getText(), before.replace('SET APP_HOME="C:\\Program Files\\ECE"', 'SET "APP_HOME=C:\\Program Files\\ECE"'));
      await waitExactly(uri, expected(doc, [PLACEHOLDER, BLANKS]), [], 'no quoted-path-value after the fix');
    });
    it('"Disable RULE for this line" writes a REM line that the server honours', async () => {
      const { doc, uri } = await h.open(h.wsPath(...FILE));
      const list = await waitExactly(uri, expected(doc, [PLACEHOLDER, BLANKS, QUOTED]), []);
      const target = list.find((d) => h.ruleOf(d) === PLACEHOLDER.rule);
      const action = (await h.quickFixesFor(uri, target)).find((a) => a.title === `Disable ${PLACEHOLDER.rule} for this line`);
      assert.ok(action, 'the disable action is offered');
      const before = doc.getText();
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      assert.strictEqual(doc.getText(), before.replace('SET JAVA_HOME=', `REM ece-disable-next-line ${PLACEHOLDER.rule}\r\nSET JAVA_HOME=`));
      await waitExactly(uri, expected(doc, [BLANKS, QUOTED]), [], 'the placeholder finding is suppressed');
    });
  },
});
