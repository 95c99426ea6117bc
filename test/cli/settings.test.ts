/**
 * Settings like the editor's: each ECE home uses its nearest .vscode/settings.json (JSON with comments and trailing
 * commas), a .code-workspace adds its settings under the folders' own, --settings replaces both, --rule wins; the
 * whole tree is still one workspace model for the cross-file rules. Also standard input.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeSettings, parseJsonc } from '../../server/src/cli/settingsFiles';
import { BINARY, exampleCopy, runCli, spawnCli, type JsonReport } from './helpers';

const INDEX = 'UpdateDBIndexStats/input.properties';
const REPORTSDB = 'ReportsDB Utility (SQL Server Always On)/reportsdb_utility.properties';
const POOL = 'eService/installation/dataaccess/egpl_ds_connpool_map.xml';
const ECEJS = 'eService/templates/finesse/gadget/agent/ece_config.js';

/** Home b's settings, as VS Code writes them: comments and trailing commas. */
const B_SETTINGS = `// ECE home b
{
  /* rules of this home */
  "ece.rules": {
    "properties/unknown-escape": "off", // checked elsewhere
    "jdbc/instance-ignored": "error",
  },
  "ece.loadBalancerHost": "ece-web01.massivedynamic.com",
  "ece.listenerNames": ["ece-ag-listener.massivedynamic.com",],
  "ece.alwaysOn": true,
}
`;

/** Two copies of the example home: a with the example's settings, b with B_SETTINGS. */
function twoHomes() {
  const ex = exampleCopy('a');
  fs.cpSync(ex.home, path.join(ex.dir, 'b'), { recursive: true });
  fs.writeFileSync(path.join(ex.dir, 'b', '.vscode', 'settings.json'), B_SETTINGS);
  return ex;
}

function codes(json: JsonReport, file: string): string[] {
  return json.files.find((f) => f.path === file)!.diagnostics.map((d) => `${d.code}:${d.severity}`);
}

void describe('settings per ECE home', () => {
  void test('two homes checked together: each file uses its own home settings; cross-file rules stay inside each home', () => {
    const ex = twoHomes();
    try {
      const r = spawnCli(['check', '--format', 'json', 'a', 'b'], { cwd: ex.dir });
      assert.equal(r.stderr, '');
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.equal(json.files.length, 26);
      for (const f of json.files) assert.deepEqual(f.settings, [`${f.path.split('/')[0]}/.vscode/settings.json`], f.path);
      const rdbA = ['properties/unknown-escape:error', 'properties/unknown-escape:error', 'properties/trailing-blanks:warning', 'reportsdb/server-is-listener:warning', 'reportsdb/server-not-fully-qualified:warning', 'reportsdb/invalid-port:error'];
      assert.deepEqual(codes(json, `a/${REPORTSDB}`), rdbA);
      // b turns properties/unknown-escape off.
      assert.deepEqual(codes(json, `b/${REPORTSDB}`), rdbA.filter((c) => !c.startsWith('properties/unknown-escape')));
      assert.ok(codes(json, `a/${POOL}`).includes('jdbc/instance-ignored:warning'));
      assert.ok(codes(json, `b/${POOL}`).includes('jdbc/instance-ignored:error'));
      assert.ok(codes(json, `a/${ECEJS}`).includes('ecejs/server-name-not-load-balancer:warning'));
      assert.ok(!codes(json, `b/${ECEJS}`).some((c) => c.startsWith('ecejs/server-name-not-load-balancer')));
      // Cross-file: each home's input.properties is compared with its own pool file, in both homes.
      for (const h of ['a', 'b']) assert.ok(codes(json, `${h}/${INDEX}`).includes('indexstats/url-differs-from-connpool:warning'), h);
      // The same two homes checked one at a time give the same findings.
      const alone = JSON.parse(spawnCli(['check', '--format', 'json', 'b'], { cwd: ex.dir }).stdout) as JsonReport;
      assert.deepEqual(alone.files.map((f) => f.diagnostics), json.files.filter((f) => f.path.startsWith('b/')).map((f) => f.diagnostics));
    } finally {
      ex.remove();
    }
  });

  void test('the nearest settings file wins: a .vscode folder deeper in the home applies to the files under it', async () => {
    const ex = exampleCopy('a');
    try {
      fs.mkdirSync(path.join(ex.home, 'UpdateDBIndexStats', '.vscode'));
      fs.writeFileSync(path.join(ex.home, 'UpdateDBIndexStats', '.vscode', 'settings.json'), '{ "ece.rules": { "indexstats/credentials-with-integrated-security": "off" } }');
      const json = JSON.parse((await runCli(['check', '--format', 'json', 'a'], { cwd: ex.dir })).stdout) as JsonReport;
      assert.deepEqual(codes(json, `a/${INDEX}`), ['indexstats/url-differs-from-connpool:warning', 'jdbc/placeholder-not-replaced:error', 'jdbc/placeholder-not-replaced:error', 'indexstats/url-differs-from-connpool:warning', 'properties/unknown-escape:error']);
      assert.ok(!codes(json, `a/${INDEX}`).some((c) => c.startsWith('indexstats/credentials-with-integrated-security')), 'turned off by the nearer settings');
      assert.deepEqual(json.files.find((f) => f.path === `a/${INDEX}`)!.settings, ['a/UpdateDBIndexStats/.vscode/settings.json']);
      // The other folders of the home keep the home's settings (ece.listenerNames makes this one fire).
      assert.deepEqual(json.files.find((f) => f.path === `a/${REPORTSDB}`)!.settings, ['a/.vscode/settings.json']);
      assert.ok(codes(json, `a/${REPORTSDB}`).includes('reportsdb/server-is-listener:warning'));
    } finally {
      ex.remove();
    }
  });

  void test('--settings replaces the discovered files for every home; --rule wins over any file', async () => {
    const ex = twoHomes();
    try {
      fs.writeFileSync(path.join(ex.dir, 'ci.json'), '{ "ece.rules": { "reportsdb/invalid-port": "off" }, }');
      const json = JSON.parse((await runCli(['check', '--format', 'json', '--settings', 'ci.json', '--rule', 'reportsdb/server-is-listener=information', 'a', 'b'], { cwd: ex.dir })).stdout) as JsonReport;
      for (const f of json.files) assert.deepEqual(f.settings, ['ci.json']);
      // ci.json turns invalid-port off in both homes (b's own settings would have kept it and dropped unknown-escape).
      for (const h of ['a', 'b']) assert.deepEqual(codes(json, `${h}/${REPORTSDB}`), ['properties/unknown-escape:error', 'properties/unknown-escape:error', 'properties/trailing-blanks:warning', 'reportsdb/server-is-listener:information', 'reportsdb/server-not-fully-qualified:warning'], h);
      const rule = JSON.parse((await runCli(['check', '--format', 'json', '--rule', 'properties/unknown-escape=warning', 'b'], { cwd: ex.dir })).stdout) as JsonReport;
      assert.deepEqual(codes(rule, `b/${REPORTSDB}`), ['properties/unknown-escape:warning', 'properties/unknown-escape:warning', 'properties/trailing-blanks:warning', 'reportsdb/server-is-listener:warning', 'reportsdb/server-not-fully-qualified:warning', 'reportsdb/invalid-port:error']);
    } finally {
      ex.remove();
    }
  });

  void test('--workspace: its folders are checked when no PATH is given; its settings merge under each folder’s', async () => {
    const ex = twoHomes();
    try {
      fs.writeFileSync(
        path.join(ex.dir, 'ece.code-workspace'),
        `{
          // two homes in one window
          "folders": [{ "path": "a" }, { "path": "b", "name": "home b" },],
          "settings": { "ece.rules": { "jdbc/instance-ignored": "off", "reportsdb/invalid-port": "hint" } },
        }`,
      );
      const r = await runCli(['check', '--format', 'json', '--workspace', 'ece.code-workspace'], { cwd: ex.dir });
      assert.equal(r.stderr, '');
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.equal(json.files.length, 26);
      assert.deepEqual(json.files.find((f) => f.path.endsWith(`b/${POOL}`))!.settings, ['ece.code-workspace', 'b/.vscode/settings.json']);
      const pool = (h: string) => json.files.find((f) => f.path.endsWith(`${h}/${POOL}`))!.diagnostics.map((d) => `${d.code}:${d.severity}`);
      assert.ok(!pool('a').some((c) => c.startsWith('jdbc/instance-ignored')), 'a: the workspace turns it off');
      assert.ok(pool('b').includes('jdbc/instance-ignored:error'), 'b: the folder setting wins');
      const rdb = (h: string) => json.files.find((f) => f.path.endsWith(`${h}/${REPORTSDB}`))!.diagnostics.map((d) => `${d.code}:${d.severity}`);
      assert.ok(rdb('a').includes('reportsdb/invalid-port:hint') && rdb('b').includes('reportsdb/invalid-port:hint'), 'merged into both folders');
      assert.ok(rdb('b').every((c) => !c.startsWith('properties/unknown-escape')), "b's own rules are kept");
    } finally {
      ex.remove();
    }
  });

  void test('file globs that cannot be used or that backtrack: a warning, never a stack trace, the other globs still select', () => {
    const ex = exampleCopy('a');
    try {
      const globs = ['[', '{a,', '**/'.repeat(40) + '*a*a*a*a*a*a*b.xml', '**/egpl_ds_connpool_map.xml'];
      fs.writeFileSync(path.join(ex.home, '.vscode', 'settings.json'), JSON.stringify({ 'ece.files.connpool': globs }));
      const r = spawnCli(['check', '--format', 'json', 'a'], { cwd: ex.dir });
      assert.equal(r.code, 1, r.stderr);
      // '{a,' has no closing brace: it is a literal name (as for picomatch), not an error; the backtracking one is answered.
      assert.equal(r.stderr, 'ece-config: warning: a/.vscode/settings.json: ece.files.connpool: the pattern "[" cannot be used: "[" without a closing "]" in "["; it is ignored\n');
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.ok(json.files.some((f) => f.path === `a/${POOL}`), json.files.map((f) => f.path).join(', '));
    } finally {
      ex.remove();
    }
  });

  void test('unknown keys, unknown rule ids and wrong types are warnings on stderr and in the json report', async () => {
    const ex = exampleCopy('a');
    try {
      fs.writeFileSync(path.join(ex.home, '.vscode', 'settings.json'), '{ "ece.rules": { "jdbc/invalid-prot": "off", "jdbc/invalid-port": "loud" }, "ece.listenerNames": "ag1", "ece.loadBalncerHost": "x", "editor.tabSize": 2 }');
      const r = await runCli(['check', '--format', 'json', 'a'], { cwd: ex.dir });
      const expected = [
        'a/.vscode/settings.json: ece.rules: unknown rule id "jdbc/invalid-prot" (did you mean "jdbc/invalid-port"?); it is ignored',
        'a/.vscode/settings.json: ece.rules: the level of "jdbc/invalid-port" must be one of error, warning, information, hint, off, not "loud"; it is ignored',
        'a/.vscode/settings.json: ece.listenerNames: must be an array of strings, not a string; the default is used',
        'a/.vscode/settings.json: ece.loadBalncerHost: unknown setting (did you mean "ece.loadBalancerHost"?); it is ignored',
      ];
      assert.equal(r.stderr, expected.map((e) => `ece-config: warning: ${e}`).join('\n'));
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(json.settingsNotices.map((n) => `${n.source}: ${n.message}`), expected);
      assert.equal(r.code, 1);
      assert.equal((await runCli(['check', '--strict', 'a'], { cwd: ex.dir })).code, 2);
    } finally {
      ex.remove();
    }
  });

  void test('file globs are per home too: ece.files.* of one home selects files there only', async () => {
    const layout = '<finesseLayout><layout><role>Agent</role><page/><tabs><tab><id>x</id><label>X</label><gadgets><gadget>http://ece.example.com/g.xml?a=1&b=2</gadget></gadgets></tab></tabs></layout></finesseLayout>';
    const ex = exampleCopy('a');
    try {
      fs.cpSync(ex.home, path.join(ex.dir, 'b'), { recursive: true });
      fs.writeFileSync(path.join(ex.dir, 'b', '.vscode', 'settings.json'), '{ "ece.files.finesse": ["**/my-layouts/*.xml"] }');
      for (const h of ['a', 'b']) {
        fs.mkdirSync(path.join(ex.dir, h, 'my-layouts'));
        fs.writeFileSync(path.join(ex.dir, h, 'my-layouts', 'agent.xml'), layout);
      }
      const json = JSON.parse((await runCli(['check', '--format', 'json', 'a', 'b'], { cwd: ex.dir })).stdout) as JsonReport;
      const finesse = json.files.filter((f) => f.kind === 'finesse').map((f) => f.path).sort();
      assert.deepEqual(finesse, ['a/eService/templates/finesse/gadget/layout/agent.xml', 'a/eService/templates/finesse/gadget/layout/solve.xml', 'b/my-layouts/agent.xml']);
    } finally {
      ex.remove();
    }
  });

  void test('a PATH the shell did not expand is matched as a glob (files or folders); one that matches nothing exits 2', async () => {
    const ex = twoHomes();
    try {
      const r = await runCli(['check', '--format', 'json', '*/UpdateDBIndexStats', '*/iis/*/web.config', 'c*/nothing'], { cwd: ex.dir });
      assert.equal(r.code, 2);
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(json.files.map((f) => f.path).sort(), ['a/UpdateDBIndexStats/UpdateDBIndexStats.bat', `a/${INDEX}`, 'a/iis/ece-site/web.config', 'b/UpdateDBIndexStats/UpdateDBIndexStats.bat', `b/${INDEX}`, 'b/iis/ece-site/web.config']);
      assert.deepEqual(json.problems, [{ path: 'c*/nothing', message: 'no such file or folder, and no file matches it as a glob' }]);
    } finally {
      ex.remove();
    }
  });

  void test('parseJsonc and mergeSettings', () => {
    assert.deepEqual(parseJsonc('\uFEFF// c\n{ "a": [1, 2,], /* x */ "b": { "c": true, }, }'), { value: { a: [1, 2], b: { c: true } }, errors: [] });
    assert.deepEqual(parseJsonc('{\n  "a": 1\n  "b": 2\n}').errors, [{ line: 3, column: 3, message: 'CommaExpected' }]);
    assert.deepEqual(parseJsonc(''), { value: undefined, errors: [] });
    assert.deepEqual(mergeSettings({ rules: { x: 'off', y: 'hint' }, listenerNames: ['a'], files: { connpool: ['p'] } }, { rules: { y: 'error' }, listenerNames: ['b'] }), {
      rules: { x: 'off', y: 'error' },
      listenerNames: ['b'],
      files: { connpool: ['p'] },
    });
  });
});

void describe('--stdin', () => {
  void test('the name decides the kind and the home: its settings apply and the home on disk feeds the cross-file rules', async () => {
    const ex = exampleCopy('a');
    try {
      const text = fs.readFileSync(path.join(ex.home, INDEX), 'utf8');
      const r = spawnCli(['check', '--format', 'json', '--stdin', '--stdin-filename', `a/${INDEX}`], { cwd: ex.dir, input: text });
      assert.equal(r.code, 1, r.stderr);
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(json.files.map((f) => [f.path, f.settings]), [[`a/${INDEX}`, ['a/.vscode/settings.json']]]);
      // (the findings this test is about: the cross-file comparison with the pool file on disk, and the credentials)
      const about = (l: string[]) => l.filter((c) => /url-differs|unknown-escape|credentials-with/.test(c));
      assert.deepEqual(about(codes(json, `a/${INDEX}`)), ['indexstats/url-differs-from-connpool:warning', 'indexstats/url-differs-from-connpool:warning', 'properties/unknown-escape:error', 'indexstats/credentials-with-integrated-security:warning', 'indexstats/credentials-with-integrated-security:warning']);
      // The text checked is standard input's, not the file's: blank the credentials there only.
      const edited = text.replace(/^REPORTS_USER=.*$/m, 'REPORTS_USER=').replace(/^REPORTS_PASS=.*$/m, 'REPORTS_PASS=');
      const r2 = JSON.parse(spawnCli(['check', '--format', 'json', '--stdin', '--stdin-filename', `a/${INDEX}`], { cwd: ex.dir, input: edited }).stdout) as JsonReport;
      assert.deepEqual(about(codes(r2, `a/${INDEX}`)), ['indexstats/url-differs-from-connpool:warning', 'indexstats/url-differs-from-connpool:warning', 'properties/unknown-escape:error']);
      // A name that is not on disk yet still belongs to its home.
      const fresh = JSON.parse(spawnCli(['check', '--format', 'json', '--stdin', '--stdin-filename', 'a/UpdateDBIndexStats2/input.properties'], { cwd: ex.dir, input: text }).stdout) as JsonReport;
      assert.ok(codes(fresh, 'a/UpdateDBIndexStats2/input.properties').includes('indexstats/url-differs-from-connpool:warning'));
    } finally {
      ex.remove();
    }
  });

  void test('TREE arguments give the tree explicitly; text output names the --stdin-filename', () => {
    const ex = exampleCopy('a');
    try {
      const layout = 'eService/templates/finesse/gadget/layout/agent.xml';
      const r = spawnCli(['check', '--stdin', '--stdin-filename', `a/${layout}`, 'a'], { cwd: ex.dir, input: fs.readFileSync(path.join(ex.home, layout)) });
      assert.equal(r.code, 1);
      assert.match(r.stdout, new RegExp(`^a/${layout}\\n  6:25 {3}warning {2}.*finesse/ece-gadget-host\\n  6:112  error {4}.*finesse/unescaped-ampersand\\n`));
      assert.match(r.stdout, /in 1 ECE file checked/);
    } finally {
      ex.remove();
    }
  });

  void test('a name that is not an ECE file, and binary input, exit 2', () => {
    const ex = exampleCopy('a');
    try {
      const notEce = spawnCli(['check', '--stdin', '--stdin-filename', 'a/readme.txt'], { cwd: ex.dir, input: 'hello' });
      assert.equal(notEce.code, 2);
      assert.equal(notEce.stderr, 'ece-config: a/readme.txt: is not the name (or content) of an ECE file the settings select (ece.files.*), so there is nothing to check\n');
      const binary = spawnCli(['check', '--stdin', '--stdin-filename', 'a/iis/web.config'], { cwd: ex.dir, input: BINARY });
      assert.equal(binary.code, 2);
      assert.equal(binary.stderr, 'ece-config: a/iis/web.config: not read: standard input has binary content (NUL bytes; UTF-16 needs a byte-order mark)\n');
    } finally {
      ex.remove();
    }
  });
});
