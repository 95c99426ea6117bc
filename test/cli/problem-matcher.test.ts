/**
 * The "ECE Config" problem matcher (package.json `contributes.problemMatchers`) against real CLI output: run the
 * matcher the way VS Code runs a multi-line matcher with a looping last pattern (escape codes removed first, as the
 * task system does) and compare what it finds with the JSON report of the same run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, spawnCli, type JsonReport } from './helpers';

interface Pattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}
interface Matcher {
  name: string;
  label: string;
  owner: string;
  source: string;
  fileLocation: string[];
  pattern: Pattern[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: Matcher[] } };

/** CSI colour codes and OSC 8 links. */
const stripEscapes = (s: string) => s.replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '').replace(/\x1b\[[0-9;]*m/g, '');

/** A two-pattern matcher whose second pattern loops: the file line, then every following line the second matches. */
function match(m: Matcher, output: string): string[] {
  const [head, loop] = m.pattern as [Pattern, Pattern];
  const headRe = new RegExp(head.regexp);
  const loopRe = new RegExp(loop.regexp);
  const problems: string[] = [];
  let file: string | undefined;
  for (const raw of output.split('\n')) {
    const line = stripEscapes(raw);
    const l = file !== undefined ? loopRe.exec(line) : null;
    if (l) {
      problems.push(`${file} ${l[loop.line!]}:${l[loop.column!]} ${l[loop.severity!]} ${l[loop.code!]} ${l[loop.message!]}`);
      continue;
    }
    const h = headRe.exec(line);
    file = h ? h[head.file!] : undefined;
  }
  return problems;
}

void describe('the ECE Config problem matcher', () => {
  const m = pkg.contributes.problemMatchers.find((x) => x.name === 'ece-config')!;

  void test('is contributed with its label and a file location VS Code resolves for relative and absolute paths', () => {
    assert.equal(m.label, 'ECE Config');
    assert.equal(m.source, 'ece');
    assert.deepEqual(m.fileLocation, ['autoDetect', '${workspaceFolder}']);
    assert.equal(m.pattern.length, 2);
    assert.equal(m.pattern[1]!.loop, true);
  });

  const json = JSON.parse(spawnCli(['check', '--format', 'json', 'examples/ece-home']).stdout) as JsonReport;
  // VS Code's problem matchers know error, warning and info (and hint): the text format says `info`.
  const word: Record<string, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
  const expected = json.files.flatMap((f) => f.diagnostics.map((d) => `${f.path} ${d.range.start.line + 1}:${d.range.start.character + 1} ${word[d.severity]} ${d.code} ${d.message}`));

  void test('finds every finding of the text output, with file, position, severity, code and message', () => {
    const text = spawnCli(['check', 'examples/ece-home']);
    assert.equal(text.code, 1);
    assert.ok(expected.length > 20, `${expected.length} findings`);
    assert.deepEqual(match(m, text.stdout), expected);
  });

  void test('the same with colours and links (a task runs in a terminal)', () => {
    const coloured = spawnCli(['check', 'examples/ece-home'], { env: { FORCE_COLOR: '1' } });
    assert.ok(coloured.stdout.includes('\x1b['));
    assert.deepEqual(match(m, coloured.stdout), expected);
  });

  void test('matches nothing in the fix report, the diff or the summary', () => {
    const dry = spawnCli(['check', '--fix-dry-run', 'examples/ece-home']);
    assert.match(dry.stdout, /^Would fix .*: \d+ changes in \d+ files:$/m);
    assert.match(dry.stdout, /^@@ /m);
    // What it finds is exactly the findings left after the fixes: no line of the fix report or the diffs.
    const found = match(m, dry.stdout);
    assert.ok(found.length > 0);
    const after = JSON.parse(spawnCli(['check', '--fix-dry-run', '--format', 'json', 'examples/ece-home']).stdout) as JsonReport;
    assert.deepEqual(found, after.files.flatMap((f) => f.diagnostics.map((d) => `${f.path} ${d.range.start.line + 1}:${d.range.start.character + 1} ${word[d.severity]} ${d.code} ${d.message}`)));
  });
});
