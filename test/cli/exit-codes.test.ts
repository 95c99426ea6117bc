/**
 * The exit codes, with the built CLI run as a user runs it (`node dist/cli.js`): 0 no error, 1 errors or a gate,
 * 2 usage and I/O problems. Also piping into a reader that stops early.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BINARY, CLI, ECEJS, ECEJS_CLEAN, ECEJS_ERROR, ECEJS_WARNING, EXAMPLE, exampleCopy, runCli, spawnCli, tree, type JsonReport } from './helpers';

void describe('exit codes of check', () => {
  void test('0 when nothing of error severity is found, 1 when an error is', () => {
    const t = tree({ [`clean/${ECEJS}`]: ECEJS_CLEAN, [`warn/${ECEJS}`]: ECEJS_WARNING, [`bad/${ECEJS}`]: ECEJS_ERROR });
    try {
      const clean = spawnCli(['check', 'clean'], { cwd: t.dir });
      assert.equal(clean.code, 0, clean.stderr);
      assert.match(clean.stdout, /^✔ 1 ECE file checked: no problems\.$/m);
      assert.equal(spawnCli(['check', 'warn'], { cwd: t.dir }).code, 0);
      const bad = spawnCli(['check', 'bad'], { cwd: t.dir });
      assert.equal(bad.code, 1);
      assert.match(bad.stdout, /ecejs\/protocol-not-https$/m);
      assert.equal(bad.stderr, '');
    } finally {
      t.remove();
    }
  });

  void test('--max-warnings N: 1 when more than N warnings, 0 at N; errors still give 1', () => {
    const t = tree({ [`warn/${ECEJS}`]: ECEJS_WARNING, [`bad/${ECEJS}`]: ECEJS_ERROR });
    try {
      const over = spawnCli(['check', '--max-warnings', '0', 'warn'], { cwd: t.dir });
      assert.equal(over.code, 1);
      assert.equal(over.stderr.trim(), 'ece-config: 1 warning found, more than --max-warnings 0');
      assert.equal(spawnCli(['check', '--max-warnings=1', 'warn'], { cwd: t.dir }).code, 0);
      assert.equal(spawnCli(['check', '--max-warnings', '5', 'bad'], { cwd: t.dir }).code, 1);
      const wrong = spawnCli(['check', '--max-warnings', 'many', 'warn'], { cwd: t.dir });
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--max-warnings expects a whole number/);
    } finally {
      t.remove();
    }
  });

  void test('2 for bad usage: one line and a hint, not the whole help', () => {
    for (const args of [['check', '--bogus', '.'], ['check', '--format', 'xml', '.'], ['check'], ['check', '--format'], ['frobnicate'], [], ['check', '--fix', '--fix-dry-run', '.'], ['check', '--stdin'], ['check', '--stdin-filename', 'x.xml', '.'], ['check', '--rule', 'loud', '.'], ['convert-windows-auth', '--bogus', 'x']]) {
      const r = spawnCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(lines[0]!, /^ece-config: /);
      assert.match(lines[1]!, /^Try 'ece-config (check |convert-windows-auth )?--help' for the options\.$/);
    }
    assert.equal(spawnCli(['check', '--bogus', '.']).stderr, "ece-config: unknown option '--bogus'\nTry 'ece-config check --help' for the options.\n");
  });

  void test('--help and --version exit 0 on stdout', () => {
    const help = spawnCli(['check', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: ece-config check \[options\] PATH\.\.\./);
    for (const flag of ['--format', '--max-warnings', '--fix', '--fix-dry-run', '--settings', '--workspace', '--rule', '--strict', '--stdin', '--stdin-filename', '--no-files-ok']) assert.ok(help.stdout.includes(`  ${flag} `) || help.stdout.includes(`, ${flag} `), flag);
    assert.equal(spawnCli(['check', '-h']).code, 0);
    assert.match(spawnCli(['convert-windows-auth', '--help']).stdout, /^usage: ece-config convert-windows-auth/);
    assert.match(spawnCli(['--help']).stdout, /^usage: ece-config <command>/);
    const version = spawnCli(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version);
  });

  void test('a PATH that does not exist is reported, the others are still checked, and the exit is 2', () => {
    const t = tree({ [`bad/${ECEJS}`]: ECEJS_ERROR });
    try {
      const r = spawnCli(['check', '--format', 'json', 'missing-folder', 'bad'], { cwd: t.dir });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'ece-config: missing-folder: no such file or folder\n');
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(json.files.map((f) => f.path), [`bad/${ECEJS}`]);
      assert.deepEqual(json.files[0]!.diagnostics.map((d) => d.code), ['ecejs/protocol-not-https']);
      assert.deepEqual(json.problems, [{ path: 'missing-folder', message: 'no such file or folder' }]);
      const text = spawnCli(['check', 'missing-folder', 'bad'], { cwd: t.dir });
      assert.equal(text.code, 2);
      assert.match(text.stdout, /✖ 1 path could not be checked \(listed on stderr\)\./);
    } finally {
      t.remove();
    }
  });

  void test('no ECE file at all: 2 with a clear message; 0 with --no-files-ok', () => {
    const t = tree({ 'notes.txt': 'nothing to see', 'app/web.xml': '<web-app/>' });
    try {
      const r = spawnCli(['check', '.'], { cwd: t.dir });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'ece-config: no ECE configuration file found under . (names are matched by the ece.files.* globs); --no-files-ok accepts that\n');
      assert.equal(r.stdout, '0 ECE files checked.\n');
      const ok = spawnCli(['check', '--no-files-ok', '.'], { cwd: t.dir });
      assert.equal(ok.code, 0);
      assert.equal(ok.stderr, '');
    } finally {
      t.remove();
    }
  });

  void test('an ECE file that cannot be read (binary, too large) is reported and exits 2; UTF-16 without a byte-order mark is read', () => {
    const utf16 = Buffer.from(ECEJS_ERROR, 'utf16le');
    const t = tree({
      'a/iis/web.config': BINARY,
      [`a/${ECEJS}`]: utf16,
      'b/eService/templates/finesse/gadget/spog/spog_config.js': ECEJS_ERROR,
    });
    const big = path.join(t.dir, 'b', 'UpdateDBIndexStats', 'input.properties');
    fs.mkdirSync(path.dirname(big), { recursive: true });
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 17 * 1024 * 1024);
    try {
      const r = spawnCli(['check', '--format', 'json', '.'], { cwd: t.dir });
      assert.equal(r.code, 2);
      const json = JSON.parse(r.stdout) as JsonReport;
      // UTF-16 without a byte-order mark is recognised and checked; binary content and a 17 MB file are reported.
      assert.deepEqual(json.files.map((f) => f.path).sort(), [`a/${ECEJS}`, 'b/eService/templates/finesse/gadget/spog/spog_config.js']);
      assert.deepEqual(
        json.problems.map((p) => `${p.path}: ${p.message}`).sort(),
        [
          'a/iis/web.config: holds binary data (NUL bytes) and is not a text file in an encoding ECE Config knows; it was not checked',
          'b/UpdateDBIndexStats/input.properties: is larger than 16 MB (17.0 MB); it was not checked',
        ].sort(),
      );
      assert.equal(json.summary.problems, 2);
      for (const p of json.problems) assert.ok(r.stderr.includes(`ece-config: ${p.path}: ${p.message}\n`), p.path);
    } finally {
      t.remove();
    }
  });

  void test('--strict turns settings warnings into exit 2; a broken settings file is 2 without it', () => {
    const t = tree({ [`h/${ECEJS}`]: ECEJS_CLEAN, 'h/.vscode/settings.json': '{ "ece.alwayson": true }', [`k/${ECEJS}`]: ECEJS_CLEAN, 'k/.vscode/settings.json': '{ "ece.alwaysOn": tru }' });
    try {
      const lax = spawnCli(['check', 'h'], { cwd: t.dir });
      assert.equal(lax.code, 0);
      assert.equal(lax.stderr, 'ece-config: warning: h/.vscode/settings.json: ece.alwayson: unknown setting (did you mean "ece.alwaysOn"?); it is ignored\n');
      assert.equal(spawnCli(['check', '--strict', 'h'], { cwd: t.dir }).code, 2);
      const rule = spawnCli(['check', '--strict', '--rule', 'ecejs/protocol-not-http=off', 'k'], { cwd: t.dir });
      assert.equal(rule.code, 2);
      assert.match(rule.stderr, /^ece-config: warning: --rule: unknown rule id "ecejs\/protocol-not-http" \(did you mean "ecejs\/protocol-not-https"\?\); it is ignored$/m);
      const broken = spawnCli(['check', 'k'], { cwd: t.dir });
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /^ece-config: k\/\.vscode\/settings\.json:1:19: not valid JSON with comments \(InvalidSymbol\); the rest of the file is used$/m);
      // A broken settings file that no checked ECE file uses (another project in the tree) is not a problem.
      fs.mkdirSync(path.join(t.dir, 'h', 'tools', '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(t.dir, 'h', 'tools', '.vscode', 'settings.json'), '{ "ece.alwaysOn": tru }');
      fs.writeFileSync(path.join(t.dir, 'h', 'tools', 'build.js'), '');
      const unrelated = spawnCli(['check', '--format', 'json', 'k/eService', 'h'], { cwd: t.dir });
      assert.equal(unrelated.code, 2, 'k is still broken');
      assert.deepEqual((JSON.parse(unrelated.stdout) as JsonReport).settingsNotices.map((n) => n.source), ['k/.vscode/settings.json:1:19', 'k/.vscode/settings.json:1:23', 'h/.vscode/settings.json']);
      assert.equal(spawnCli(['check', 'h/eService'], { cwd: t.dir }).code, 0);
      const missing = spawnCli(['check', '--settings', 'nope.json', 'h'], { cwd: t.dir });
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, 'ece-config: cannot read settings file nope.json: no such file\n');
    } finally {
      t.remove();
    }
  });
});

void describe('exit codes of convert-windows-auth', () => {
  void test('--check: 1 while changes are pending, 0 once converted; 2 for a home that is not a folder', () => {
    const ex = exampleCopy();
    try {
      const input = path.join(ex.home, 'UpdateDBIndexStats', 'input.properties');
      const before = fs.readFileSync(input);
      const pending = spawnCli(['convert-windows-auth', '--check', 'home'], { cwd: ex.dir });
      assert.equal(pending.code, 1);
      assert.match(pending.stdout, /^4 files would change\.$/m);
      assert.equal(pending.stderr, 'ece-config: 4 files would change: this ECE home is not yet on Windows authentication\n');
      assert.deepEqual(fs.readFileSync(input), before, '--check writes nothing');
      assert.equal(spawnCli(['convert-windows-auth', 'home'], { cwd: ex.dir }).code, 0);
      const done = spawnCli(['convert-windows-auth', '--check', 'home'], { cwd: ex.dir });
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stdout, /^0 files would change\.$/m);
      assert.equal(spawnCli(['convert-windows-auth', '--check', 'home/UpdateDBIndexStats/input.properties'], { cwd: ex.dir }).code, 2);
      assert.equal(spawnCli(['convert-windows-auth', '--check', 'nowhere'], { cwd: ex.dir }).code, 2);
    } finally {
      ex.remove();
    }
  });
});

void describe('convert-windows-auth --format json and settings', () => {
  interface ConvertJson {
    version: number;
    check: boolean;
    pending: number;
    dryRun: boolean;
    ok: boolean;
    files: Array<{ path: string; kind: string; written: boolean; changes: Array<{ line: number; column: number; what: string }> }>;
    zips: Array<{ path: string; changed: boolean }>;
  }

  void test('the plan and the result as one object, with what is pending; never a password', async () => {
    const ex = exampleCopy();
    try {
      const plan = await runCli(['convert-windows-auth', '--check', '--format', 'json', 'home'], { cwd: ex.dir });
      assert.equal(plan.code, 1);
      const p = JSON.parse(plan.stdout) as ConvertJson;
      assert.deepEqual([p.version, p.check, p.dryRun, p.ok, p.pending], [1, true, true, true, 4]);
      assert.deepEqual(p.files.map((f) => [f.path, f.kind, f.written, f.changes.length]), [
        // IS_WINDOWS_AUTHENTICATION=true with two trailing blanks Java keeps: set to exactly true
        ['home/ReportsDB Utility (SQL Server Always On)/reportsdb_utility.properties', 'reportsdb', false, 1],
        ['home/UpdateDBIndexStats/input.properties', 'indexstats', false, 2],
        ['home/eService/installation/dataaccess/egpl_ds_connpool_map.xml', 'connpool', false, 5],
      ]);
      assert.deepEqual(p.zips.map((z) => [z.path, z.changed]), [['home/service/lib/deployment.zip', true]]);
      const done = await runCli(['convert-windows-auth', '--format', 'json', 'home'], { cwd: ex.dir });
      assert.equal(done.code, 0);
      const d = JSON.parse(done.stdout) as ConvertJson;
      assert.deepEqual([d.check, d.dryRun, d.ok, d.pending, d.files.every((f) => f.written)], [false, false, true, 4, true]);
      for (const out of [plan.stdout, done.stdout]) assert.ok(!out.includes('36423441363'), 'a pool password is printed');
    } finally {
      ex.remove();
    }
  });

  void test("the home's own settings apply (file globs too); --settings replaces them; --strict fails on a warning", async () => {
    const ex = exampleCopy();
    try {
      fs.writeFileSync(path.join(ex.home, '.vscode', 'settings.json'), '// not the index statistics utility\n{ "ece.files.indexstats": [], }');
      const own = JSON.parse((await runCli(['convert-windows-auth', '--check', '--format', 'json', 'home'], { cwd: ex.dir })).stdout) as ConvertJson;
      assert.deepEqual(own.files.map((f) => f.kind), ['reportsdb', 'connpool']);
      fs.writeFileSync(path.join(ex.dir, 'plain.json'), '{}');
      const given = JSON.parse((await runCli(['convert-windows-auth', '--check', '--format', 'json', '--settings', 'plain.json', 'home'], { cwd: ex.dir })).stdout) as ConvertJson;
      assert.deepEqual(given.files.map((f) => f.kind), ['reportsdb', 'indexstats', 'connpool']);
      fs.writeFileSync(path.join(ex.dir, 'typo.json'), '{ "ece.filez": {} }');
      const strict = await runCli(['convert-windows-auth', '--dry-run', '--strict', '--settings', 'typo.json', 'home'], { cwd: ex.dir });
      assert.equal(strict.code, 2);
      assert.equal(strict.stderr, 'ece-config: warning: typo.json: ece.filez: unknown setting (did you mean "ece.files"?); it is ignored');
    } finally {
      ex.remove();
    }
  });
});

void describe('piping', () => {
  void test('`check ... | head -1` ends quietly: no EPIPE error, the exit code of the check', () => {
    // Far more output than a pipe buffers (40 homes, ~300 KB), so the CLI is still writing when `head` exits.
    const t = tree({});
    try {
      for (let i = 0; i < 40; i++) fs.cpSync(EXAMPLE, path.join(t.dir, `home${String(i).padStart(2, '0')}`), { recursive: true });
      for (const format of ['text', 'json', 'sarif']) {
        // A shell pipeline, as a user types it; PIPESTATUS gives the CLI's own exit code.
        const r = spawnSync('bash', ['-c', `node ${JSON.stringify(CLI)} check --format ${format} . | head -c 20; echo " cli=\${PIPESTATUS[0]}"`], { cwd: t.dir, encoding: 'utf8' });
        assert.equal(r.stderr, '', format);
        assert.match(r.stdout, / cli=1\n$/, format);
        assert.equal(r.stdout.length, 20 + ' cli=1\n'.length, format);
      }
      const full = spawnCli(['check', '--format', 'json', '.'], { cwd: t.dir });
      assert.ok(full.stdout.length > 256 * 1024, `the output is ${full.stdout.length} bytes`);
    } finally {
      t.remove();
    }
  });
});
