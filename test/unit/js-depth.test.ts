/**
 * Deeply nested scripts: a few kilobytes of nested template literals, `function(){return ...}` wrappers, `if(1)`
 * chains and long operator chains used to end the process with a V8 fatal error (acorn recursing until the native
 * stack ran out inside the regular expression compiler). Each is run through the real CLI in a child process, so a
 * crash shows as a signal or an exit code other than 0/1, never as a hung or dead test runner.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJavaScript, MAX_JS_NESTING } from '../../server/src/service/parse/javascript';

const REPO = path.join(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

const SHAPES: Record<string, (n: number) => string> = {
  templates: (n) => 'var web_server_name = ' + '`${'.repeat(n) + '"x"' + '}`'.repeat(n) + ';',
  functions: (n) => 'var web_server_name = ' + 'function(){return '.repeat(n) + '"x"' + '}'.repeat(n) + ';',
  ifs: (n) => 'if(1)'.repeat(n) + 'var web_server_name = "x";',
  unary: (n) => 'var web_server_name = ' + '!'.repeat(n) + '"x";',
  ternary: (n) => 'var web_server_name = ' + '1?"x":'.repeat(n) + '"y";',
  assign: (n) => 'var web_server_name = ' + 'a='.repeat(n) + '"x";',
  plus: (n) => 'var web_server_name = ' + '"x"+'.repeat(n) + '"y";',
  parens: (n) => 'var web_server_name = ' + '('.repeat(n) + '"x"' + ')'.repeat(n) + ';',
  arrays: (n) => 'var web_server_name = ' + '['.repeat(n) + ']'.repeat(n) + ';',
  arrows: (n) => 'var web_server_name = ' + 'x=>'.repeat(n) + '1;',
};

void describe('deeply nested scripts never crash', () => {
  void test('the CLI checks each shape at 5 KB, 100 KB and 1 MB and exits normally', () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm test builds first)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-deep-'));
    for (const [name, make] of Object.entries(SHAPES)) {
      for (const size of [5_000, 100_000, 1_000_000]) {
        let n = 1;
        while (make(n * 2).length <= size) n *= 2;
        const home = path.join(dir, `${name}-${size}`, 'agent');
        fs.mkdirSync(home, { recursive: true });
        fs.writeFileSync(path.join(home, 'ece_config.js'), make(n) + '\nvar web_server_protocol = "https";\n');
        const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', path.dirname(home)], { encoding: 'utf8', timeout: 60_000 });
        assert.equal(r.signal, null, `${name} ${size}: killed by ${r.signal}`);
        assert.ok(r.status === 0 || r.status === 1, `${name} ${size}: exit ${r.status}\n${r.stderr.slice(0, 500)}`);
        assert.doesNotMatch(r.stderr, /FATAL|internal error/i, `${name} ${size}`);
        const json = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> };
        assert.equal(json.files.length, 1, `${name} ${size}: the file was checked`);
      }
    }
  });

  void test('beyond the limit the parse stops with js/nesting-too-deep at the place it stopped; below it, scripts parse', () => {
    const deep = parseJavaScript(SHAPES.templates!(2000), ['web_server_name']);
    assert.equal(deep.ok, false);
    assert.deepEqual(deep.problems.map((p) => p.ruleId), ['js/nesting-too-deep']);
    const shallow = parseJavaScript(SHAPES.templates!(20), ['web_server_name']);
    assert.equal(shallow.ok, true);
    assert.ok(MAX_JS_NESTING >= 1000);
    // An ordinary long script (many statements, each shallow) is far from the limit.
    const long = Array.from({ length: 5000 }, (_, i) => `var v${i} = { a: [1, 2, (3 + 4) * 5], b: function () { return \`t\${${i}}\`; } };`).join('\n');
    assert.equal(parseJavaScript(long).ok, true);
  });
});
