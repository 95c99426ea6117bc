/**
 * The output formats on the example ECE home: text (ESLint "stylish" shape, colours only on a terminal or with
 * FORCE_COLOR, none with NO_COLOR), json (summary, fixable, doc URL) and SARIF 2.1.0, validated against the official
 * schema with ajv and with Microsoft's SARIF Multitool.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import MULTITOOL from '@microsoft/sarif-multitool';
import { allRules } from '../../server/src/service/core/engine';
import { styleFor } from '../../server/src/cli/format/style';
import { BINARY, ECEJS, ECEJS_ERROR, exampleCopy, ROOT, runCli, spawnCli, tree, type JsonReport } from './helpers';

const SCHEMA = path.join(ROOT, '..', 'shared', 'facts', 'sarif-schema-2.1.0.json');


interface Sarif {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string; help?: { text: string; markdown: string }; defaultConfiguration: { level: string } }> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }>; toolConfigurationNotifications: Array<{ level: string; message: { text: string } }> }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
      fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: Array<{ deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number }; insertedContent: { text: string } }> }> }>;
    }>;
  }>;
}

function sarifValidator() {
  // The OASIS schema is draft-04 (`id`, not `$id`): ajv's default class (draft-07) refuses its meta-schema, so the
  // draft-04 build of ajv is used; strictRequired is off because the schema lists `required` names inside anyOf
  // branches that define no properties of their own. Formats (uri, date-time) are checked, not ignored.
  const ajv = new Ajv04({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object);
}

const POOL = 'examples/ece-home/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
const REPORTSDB = 'examples/ece-home/ReportsDB Utility (SQL Server Always On)/reportsdb_utility.properties';
const AGENT = 'examples/ece-home/eService/templates/finesse/gadget/layout/agent.xml';

void describe('--format sarif', () => {
  const r = spawnCli(['check', '--format', 'sarif', 'examples/ece-home']);
  const log = JSON.parse(r.stdout) as Sarif;
  const json = JSON.parse(spawnCli(['check', '--format', 'json', 'examples/ece-home']).stdout) as JsonReport;

  void test('is valid against the SARIF 2.1.0 schema (ajv) and exits like the other formats', () => {
    assert.equal(r.code, 1);
    const validate = sarifValidator();
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 1));
    // The validator is not a yes-man: a result level outside the enum and a line 0 are refused.
    const broken = structuredClone(log);
    (broken.runs[0]!.results[0] as { level: string }).level = 'fatal';
    broken.runs[0]!.results[1]!.locations[0]!.physicalLocation.region.startLine = 0;
    assert.equal(validate(broken), false);
    assert.deepEqual([...new Set(validate.errors!.map((e) => e.instancePath))].sort(), ['/runs/0/results/0/level', '/runs/0/results/1/locations/0/physicalLocation/region/startLine']);
  });

  void test("is valid for Microsoft's SARIF Multitool (no error or warning)", () => {
    const t = tree({ 'ece.sarif': r.stdout, 'broken.sarif': '{"version":"2.1.0","runs":5}' });
    try {
      const check = (file: string) => {
        const out = path.join(t.dir, `${file}.validation.sarif`);
        const mt = spawnSync(MULTITOOL, ['validate', path.join(t.dir, file), '--level', 'Error;Warning', '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8', timeout: 120_000 });
        assert.equal(mt.status, 0, mt.stderr);
        return { console: mt.stdout, results: (JSON.parse(fs.readFileSync(out, 'utf8')) as Sarif).runs[0]!.results.map((x) => `${x.ruleId} ${x.level}`) };
      };
      const good = check('ece.sarif');
      assert.deepEqual(good.results, [], good.console);
      // The same run on a log that breaks the schema finds it: the tool really validates.
      const bad = check('broken.sarif');
      assert.deepEqual(bad.results, ['JSON1001 error'], bad.console);
    } finally {
      t.remove();
    }
  });

  void test('the driver: name, version from package.json, information URI, every rule with descriptions, help URI and level', () => {
    const driver = log.runs[0]!.tool.driver;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; repository: { url: string } };
    assert.equal(driver.name, 'ece-config');
    assert.equal(driver.version, pkg.version);
    assert.equal(driver.informationUri, pkg.repository.url.replace(/\.git$/, ''));
    // allRules() lists the properties/* rules once per kind that runs them; SARIF lists each id once.
    assert.deepEqual(driver.rules.map((x) => x.id), [...new Set(allRules().map((x) => x.id))]);
    const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
    for (const rule of allRules()) {
      const d = driver.rules.find((x) => x.id === rule.id)!;
      assert.equal(d.shortDescription.text, rule.description);
      assert.equal(d.defaultConfiguration.level, level[rule.defaultSeverity], rule.id);
      assert.equal(d.helpUri, `${driver.informationUri}/blob/HEAD/docs/rules/${rule.id}.md`);
      assert.ok(d.fullDescription.text.length > rule.description.length / 2 && !d.fullDescription.text.includes('\n'), rule.id);
    }
    const unknownEscape = driver.rules.find((x) => x.id === 'properties/unknown-escape')!;
    assert.equal(unknownEscape.help!.markdown, fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'properties', 'unknown-escape.md'), 'utf8'));
    assert.ok(!driver.rules.find((x) => x.id === 'jdbc/invalid-port')!.help, 'no page for a rule that was not reported');
  });

  void test('results: rule, level, message and a 1-based region relative to SRCROOT, the same findings as json', () => {
    const run = log.runs[0]!;
    assert.equal(run.originalUriBaseIds.SRCROOT!.uri, `file://${ROOT}/`);
    const fromSarif = run.results.map((x) => {
      const p = x.locations[0]!.physicalLocation;
      assert.equal(p.artifactLocation.uriBaseId, 'SRCROOT');
      assert.equal(run.tool.driver.rules[x.ruleIndex]!.id, x.ruleId);
      return `${decodeURIComponent(p.artifactLocation.uri)} ${x.ruleId}@${p.region.startLine}:${p.region.startColumn}-${p.region.endLine}:${p.region.endColumn} ${x.level}`;
    });
    const level: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
    const fromJson = json.files.flatMap((f) => f.diagnostics.map((d) => `${f.path} ${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${level[d.severity]}`));
    assert.deepEqual(fromSarif, fromJson);
    assert.ok(fromSarif.length > 20, `${fromSarif.length} results`);
    const encoded = run.results.find((x) => x.ruleId === 'reportsdb/invalid-port')!.locations[0]!.physicalLocation;
    assert.equal(encoded.artifactLocation.uri, 'examples/ece-home/ReportsDB%20Utility%20(SQL%20Server%20Always%20On)/reportsdb_utility.properties');
    assert.deepEqual(encoded.region, { startLine: 10, startColumn: 17, endLine: 10, endColumn: 23 });
    assert.equal(run.invocations[0]!.executionSuccessful, true);
  });

  void test('fixes only for safe fixes that touch no secret', () => {
    const results = log.runs[0]!.results;
    const amp = results.find((x) => x.ruleId === 'finesse/unescaped-ampersand')!;
    assert.deepEqual(amp.fixes!.map((f) => f.artifactChanges.map((c) => [c.artifactLocation.uri, c.replacements.map((x) => [x.deletedRegion, x.insertedContent.text])])), [
      [[AGENT, [[{ startLine: 6, startColumn: 112, endLine: 6, endColumn: 113 }, '&amp;']]]],
    ]);
    // The credentials fix empties <User> and <Password>: a safe fix, but it would show the password's place and length.
    const cred = results.find((x) => x.ruleId === 'connpool/credentials-with-integrated-security')!;
    assert.equal(cred.fixes, undefined);
    assert.equal(json.files.find((f) => f.path === POOL)!.diagnostics.find((d) => d.code === 'connpool/credentials-with-integrated-security')!.fixable, true);
    // No safe fix at all: no fixes.
    assert.equal(results.find((x) => x.ruleId === 'reportsdb/invalid-port')!.fixes, undefined);
  });

  void test('no password of the checked files is in the log', () => {
    const ex = exampleCopy();
    try {
      const pool = path.join(ex.home, 'eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml');
      fs.writeFileSync(pool, fs.readFileSync(pool, 'utf8').replaceAll('36423441363', 'Pa55-Unique-7x'));
      const s = spawnCli(['check', '--format', 'sarif', 'home'], { cwd: ex.dir });
      assert.equal(s.code, 1);
      assert.ok(s.stdout.includes('connpool/credentials-with-integrated-security'));
      assert.ok(!s.stdout.includes('Pa55-Unique-7x'), 'a password of the pool file is in the SARIF log');
    } finally {
      ex.remove();
    }
  });

  void test('unreadable files and settings problems become notifications; executionSuccessful is false', async () => {
    const t = tree({ [`h/${ECEJS}`]: ECEJS_ERROR, 'h/iis/web.config': BINARY, 'h/.vscode/settings.json': '{"ece.loadBalancerHost": 5}' });
    try {
      const x = await runCli(['check', '--format', 'sarif', 'h', 'gone'], { cwd: t.dir });
      assert.equal(x.code, 2);
      const s = JSON.parse(x.stdout) as Sarif;
      assert.equal(sarifValidator()(s), true);
      const inv = s.runs[0]!.invocations[0]!;
      assert.equal(inv.executionSuccessful, false);
      assert.deepEqual(inv.toolExecutionNotifications.map((n) => `${n.level} ${n.message.text}`), ['error gone: no such file or folder', 'error h/iis/web.config: holds binary data (NUL bytes) and is not a text file in an encoding ECE Config knows; it was not checked']);
      assert.deepEqual(inv.toolConfigurationNotifications.map((n) => `${n.level} ${n.message.text}`), ['warning h/.vscode/settings.json: ece.loadBalancerHost: must be a string, not a number; the default is used']);
      assert.deepEqual(s.runs[0]!.results.map((y) => y.ruleId), ['ecejs/protocol-not-https']);
    } finally {
      t.remove();
    }
  });
});

void describe('--format json', () => {
  void test('a summary with counts by severity and files checked; per finding fixable and the doc URL', () => {
    const r = spawnCli(['check', '--format', 'json', 'examples/ece-home']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout) as JsonReport;
    assert.equal(json.version, 1);
    assert.equal(json.mode, 'check');
    const all = json.files.flatMap((f) => f.diagnostics);
    const count = (sev: string) => all.filter((d) => d.severity === sev).length;
    // The summary is what the findings say (the example home's exact findings are pinned by its own tests).
    assert.deepEqual(json.summary, {
      filesChecked: json.files.length,
      errors: count('error'),
      warnings: count('warning'),
      information: count('information'),
      hints: count('hint'),
      fixable: all.filter((d) => d.fixable).length,
      problems: 0,
    });
    assert.ok(json.summary.errors > 5 && json.summary.warnings > 5 && json.summary.fixable > 5, JSON.stringify(json.summary));
    assert.equal(json.files.length, 13); // 12 files and the pool file inside deployment.zip
    assert.deepEqual(json.files[0]!.settings, ['examples/ece-home/.vscode/settings.json']);
    for (const d of all) {
      assert.equal(d.docUrl, `file://${ROOT}/docs/rules/${d.code}.md`);
      assert.ok(fs.existsSync(fileURLToPath(d.docUrl)), d.docUrl);
    }
    const amp = json.files.find((f) => f.path === AGENT)!.diagnostics.find((d) => d.code === 'finesse/unescaped-ampersand')!;
    assert.deepEqual(amp.range, { start: { line: 5, character: 111 }, end: { line: 5, character: 112 } });
    assert.equal(amp.fixable, true);
    assert.equal(json.files.find((f) => f.path === REPORTSDB)!.diagnostics.find((d) => d.code === 'reportsdb/invalid-port')!.fixable, false);
  });
});

void describe('--format text', () => {
  void test('grouped by file: the path, then line:column, severity, message and rule id; a summary', () => {
    const t = tree({ [`h/${ECEJS}`]: 'var web_server_protocol = "http";\nvar web_server_name = "10.1.2.3";\n', 'h/.vscode/settings.json': '{}' });
    try {
      const r = spawnCli(['check', 'h'], { cwd: t.dir });
      assert.equal(r.code, 1);
      assert.equal(
        r.stdout,
        [
          `h/${ECEJS}`,
          '  1:28  error    web_server_protocol is "http" but must be "https". Finesse runs over HTTPS, and browsers block an http gadget inside an https page, so agents get an empty ECE tab.  ecejs/protocol-not-https',
          "  2:24  warning  web_server_name is the IP address 10.1.2.3. Use the fully qualified host name instead: the web server's certificate is issued for a name, so browsers refuse the gadget over an IP address, and the address breaks when the server or the load balancer moves.  ecejs/server-name-is-ip-address",
          '',
          '✖ 2 problems (1 error, 1 warning) in 1 ECE file checked',
          '',
          `Rule pages: file://${ROOT}/docs/rules/<rule id>.md`,
          '',
        ].join('\n'),
      );
    } finally {
      t.remove();
    }
  });

  void test('colours: none when piped or with NO_COLOR, ANSI with FORCE_COLOR; on a terminal rule ids link to their page', async () => {
    const plain = spawnCli(['check', 'examples/ece-home']);
    assert.ok(!plain.stdout.includes('\x1b'), 'piped output has no escape codes');
    const forced = spawnCli(['check', 'examples/ece-home'], { env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes('\x1b[31merror  \x1b[39m'), 'FORCE_COLOR colours errors red');
    assert.ok(forced.stdout.includes('\x1b[4mexamples/ece-home/iis/ece-site/web.config\x1b[24m'), 'file names are underlined');
    assert.ok(!forced.stdout.includes('\x1b]8;'), 'no hyperlinks when not on a terminal');
    const noColor = spawnCli(['check', 'examples/ece-home'], { env: { NO_COLOR: '1' } });
    assert.equal(noColor.stdout, plain.stdout);
    const tty = await runCli(['check', 'examples/ece-home'], { cwd: ROOT, tty: true });
    const page = `file://${ROOT}/docs/rules/jdbc/invalid-boolean.md`;
    assert.ok(tty.stdout.includes(`\x1b]8;;${page}\x1b\\\x1b[2mjdbc/invalid-boolean\x1b[22m\x1b]8;;\x1b\\`), 'the rule id links to its page');
    assert.ok(!(await runCli(['check', 'examples/ece-home'], { cwd: ROOT, tty: true, env: { NO_COLOR: '1' } })).stdout.includes('\x1b'), 'NO_COLOR on a terminal');
  });

  void test('styleFor: terminal, NO_COLOR, FORCE_COLOR (also 0/false), TERM=dumb', () => {
    assert.deepEqual(styleFor({}, true), { color: true, links: true });
    assert.deepEqual(styleFor({}, false), { color: false, links: false });
    assert.deepEqual(styleFor({ NO_COLOR: '1' }, true), { color: false, links: false });
    assert.deepEqual(styleFor({ NO_COLOR: '' }, true), { color: true, links: true });
    assert.deepEqual(styleFor({ FORCE_COLOR: '1' }, false), { color: true, links: false });
    assert.deepEqual(styleFor({ FORCE_COLOR: '1', NO_COLOR: '1' }, true), { color: true, links: true });
    assert.deepEqual(styleFor({ FORCE_COLOR: '0' }, true), { color: false, links: false });
    assert.deepEqual(styleFor({ FORCE_COLOR: 'false' }, true), { color: false, links: false });
    assert.deepEqual(styleFor({ TERM: 'dumb' }, true), { color: false, links: false });
  });
});
