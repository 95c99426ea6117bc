/** Argument parsing (`node:util` parseArgs): every flag of both commands, and the one-line usage errors. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheckArgs, parseConvertArgs } from '../../server/src/cli/args';
import { UsageError } from '../../server/src/cli/errors';

function usage(fn: () => unknown, message: string, command = 'check'): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UsageError, String(e));
    assert.equal(e.message, message);
    assert.equal(e.command, command);
    return true;
  });
}

void describe('check arguments', () => {
  void test('defaults', () => {
    assert.deepEqual(parseCheckArgs(['home']), { help: false, format: 'text', fix: false, fixDryRun: false, rules: {}, strict: false, stdin: false, noFilesOk: false, paths: ['home'] });
  });

  void test('every flag, long and short, with = or a separate value', () => {
    const o = parseCheckArgs([
      '-f', 'sarif', '--fix', '--settings', 's.json', '--workspace=w.code-workspace', '--rule', 'jdbc/instance-ignored=off', '--rule=ecejs/hosts-differ=Info',
      '--strict', '--max-warnings', '3', '--no-files-ok', 'a', 'b', '--', '-odd-name',
    ]);
    assert.deepEqual(o, {
      help: false,
      format: 'sarif',
      fix: true,
      fixDryRun: false,
      settingsFile: 's.json',
      workspaceFile: 'w.code-workspace',
      rules: { 'jdbc/instance-ignored': 'off', 'ecejs/hosts-differ': 'information' },
      strict: true,
      maxWarnings: 3,
      stdin: false,
      noFilesOk: true,
      paths: ['a', 'b', '-odd-name'],
    });
    assert.equal(parseCheckArgs(['--format=json', 'x']).format, 'json');
    assert.equal(parseCheckArgs(['--fix-dry-run', 'x']).fixDryRun, true);
    assert.deepEqual(parseCheckArgs(['--stdin', '--stdin-filename', 'h/web.config']), { ...parseCheckArgs(['h']), stdin: true, stdinFilename: 'h/web.config', paths: [] });
    assert.deepEqual(parseCheckArgs(['--workspace', 'w.code-workspace']).paths, [], 'the workspace folders stand in for PATH');
    assert.equal(parseCheckArgs(['-h']).help, true);
    assert.equal(parseCheckArgs(['--help', '--fix', '--fix-dry-run']).help, true, 'help is shown before other checks');
  });

  void test('usage errors are one short sentence', () => {
    usage(() => parseCheckArgs(['--bogus', 'x']), "unknown option '--bogus'");
    usage(() => parseCheckArgs(['-z', 'x']), "unknown option '-z'");
    usage(() => parseCheckArgs(['--format']), "option '-f, --format <value>' argument missing");
    usage(() => parseCheckArgs(['--fix=yes', 'x']), "option '--fix' does not take an argument");
    usage(() => parseCheckArgs(['--format', 'xml', 'x']), "--format must be text, json or sarif, not 'xml'");
    usage(() => parseCheckArgs(['--rule', 'jdbc/instance-ignored', 'x']), "--rule expects ID=LEVEL with LEVEL error, warning, information, hint or off (e.g. jdbc/instance-ignored=off), not 'jdbc/instance-ignored'");
    usage(() => parseCheckArgs(['--rule', 'jdbc/instance-ignored=loud', 'x']), "--rule expects ID=LEVEL with LEVEL error, warning, information, hint or off (e.g. jdbc/instance-ignored=off), not 'jdbc/instance-ignored=loud'");
    usage(() => parseCheckArgs(['--max-warnings', '-1', 'x']), "option '--max-warnings' argument is ambiguous");
    usage(() => parseCheckArgs(['--max-warnings', '1.5', 'x']), "--max-warnings expects a whole number (0 or more), not '1.5'");
    usage(() => parseCheckArgs(['--fix', '--fix-dry-run', 'x']), '--fix and --fix-dry-run cannot be used together');
    usage(() => parseCheckArgs(['--stdin']), '--stdin needs --stdin-filename PATH (the name decides the kind of file)');
    usage(() => parseCheckArgs(['--stdin-filename', 'x.xml', 'x']), '--stdin-filename only makes sense with --stdin');
    usage(() => parseCheckArgs(['--stdin', '--stdin-filename', 'x.xml', '--fix']), '--fix writes files, so it cannot take --stdin; use --fix-dry-run to see the changes');
    usage(() => parseCheckArgs([]), 'no PATH given');
  });
});

void describe('convert-windows-auth arguments', () => {
  void test('every flag', () => {
    assert.deepEqual(parseConvertArgs(['home']), { help: false, format: 'text', dryRun: false, check: false, strict: false, paths: ['home'] });
    assert.deepEqual(parseConvertArgs(['--check', '-f', 'json', '--settings', 's.json', '--strict', 'home']), { help: false, format: 'json', dryRun: true, check: true, settingsFile: 's.json', strict: true, paths: ['home'] });
    assert.equal(parseConvertArgs(['--dry-run', 'home']).dryRun, true);
    assert.equal(parseConvertArgs(['--help']).help, true);
  });

  void test('usage errors', () => {
    usage(() => parseConvertArgs([]), 'convert-windows-auth takes exactly one ECE_HOME folder', 'convert-windows-auth');
    usage(() => parseConvertArgs(['a', 'b']), 'convert-windows-auth takes exactly one ECE_HOME folder', 'convert-windows-auth');
    usage(() => parseConvertArgs(['--format', 'sarif', 'a']), "--format must be text or json, not 'sarif'", 'convert-windows-auth');
    usage(() => parseConvertArgs(['--fix', 'a']), "unknown option '--fix'", 'convert-windows-auth');
  });
});
