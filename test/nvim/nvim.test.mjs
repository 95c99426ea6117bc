// Neovim's built-in LSP client (headless) against the ECE language server over --stdio:
// it opens a pool file with mistakes and the diagnostics it received are asserted here.
// Needs `nvim` (Debian's neovim; scripts/e2e/setup-host.sh installs it) and a built dist/server.js.
// ECE_NVIM_SERVER overrides the server path.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, readFileSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const server = process.env.ECE_NVIM_SERVER || join(repo, 'dist', 'server.js');
const codeOf = (d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code);

/** Opens a copy of `fixture` at `rel` (path parts) inside a fresh ECE home in headless Neovim; returns what it received. */
function runNvim(fixture, rel, extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ece-nvim-'));
  const file = join(dir, ...rel);
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(fixture, file);
  const out = join(dir, 'received.json');
  const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(here, 'diagnostics.lua')}`, file], {
    cwd: dir, encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ECE_NVIM_SERVER: server, ECE_NVIM_OUT: out, ECE_NVIM_ROOT: dir, ...extraEnv },
  });
  const received = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : null;
  const text = readFileSync(file, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return { r, received, text };
}

describe('Neovim LSP client', () => {
  test('the server is built and nvim is installed', () => {
    assert.ok(existsSync(server), `${server} exists (run npm run build)`);
    const v = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(v.status, 0, 'nvim runs');
    assert.match(v.stdout, /^NVIM v0\.(\d+)/);
  });

  test('receives the pool file diagnostics with their rule ids and ranges', () => {
    const { r, received, text } = runNvim(join(here, 'fixtures', 'egpl_ds_connpool_map.xml'), ['eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml']);
    assert.ok(received, `nvim wrote its result (exit ${r.status}, signal ${r.signal}); stderr: ${r.stderr}`);
    assert.equal(received.ok, true, received.message);
    assert.equal(r.status, 0);
    const diags = received.diagnostics;
    assert.deepEqual(diags.map(codeOf).sort(), ['connpool/missing-credentials', 'jdbc/unknown-property']);
    // the misspelt property: line 5 (0-based), starting at the property name
    const lines = text.split('\n');
    const unknown = diags.find((d) => codeOf(d) === 'jdbc/unknown-property');
    assert.equal(unknown.range.start.line, 5);
    assert.equal(unknown.range.start.character, lines[5].indexOf('integratedSecuirty'));
    assert.equal(unknown.severity, 2);
    const creds = diags.find((d) => codeOf(d) === 'connpool/missing-credentials');
    assert.equal(creds.severity, 1);
    // Neovim turned them into its own diagnostics too
    assert.equal(received.nvimDiagnostics, diags.length);
  });

  test('receives the properties diagnostics of reportsdb_utility.properties (backslashes Java drops)', () => {
    const { r, received, text } = runNvim(join(here, 'fixtures', 'reportsdb_utility.properties'), ['ReportsDB Utility (SQL Server Always On)', 'reportsdb_utility.properties']);
    assert.ok(received, `nvim wrote its result (exit ${r.status}); stderr: ${r.stderr}`);
    assert.equal(received.ok, true, received.message);
    const line = text.split('\n')[1];
    const at = (s) => ({ start: { line: 1, character: line.indexOf(s) }, end: { line: 1, character: line.indexOf(s) + s.length } });
    assert.deepEqual(received.diagnostics.map((d) => ({ code: codeOf(d), range: d.range, severity: d.severity })), [
      { code: 'properties/unknown-escape', range: at('\\E'), severity: 1 },
      { code: 'properties/unknown-escape', range: at('\\e'), severity: 1 },
    ]);
  });

  test('runs ece.server.restrictFraming through workspace/executeCommand: the server applies the edit to the buffer', () => {
    const fixture = join(here, 'fixtures', 'web.config');
    const command = JSON.stringify({ command: 'ece.server.restrictFraming', arguments: ['$URI', 'massivedynamic.com'] });
    const { r, received, text } = runNvim(fixture, ['inetpub', 'ece', 'web.config'], { ECE_NVIM_COMMAND: command });
    assert.ok(received, `nvim wrote its result (exit ${r.status}); stderr: ${r.stderr}`);
    assert.equal(received.ok, true, received.message);
    assert.ok(received.diagnostics.some((d) => codeOf(d) === 'webconfig/framing-allowed-from-any-domain'), 'the shipped pattern is reported first');
    const before = text.split(/\r?\n/);
    const patterns = before.filter((l) => l.includes('pattern="wsname=')).length;
    assert.ok(patterns >= 2, 'the fixture has several wsname= patterns');
    assert.deepEqual(received.commandResult, { ok: true, count: patterns, pattern: received.commandResult.pattern });
    assert.match(received.commandResult.pattern, /^wsname=.*\(massivedynamic\\\.com\)/);
    // every pattern line now holds exactly that pattern, and no other line changed
    const after = received.bufferText.split('\n');
    assert.equal(after.length, before.length - (before[before.length - 1] === '' ? 1 : 0));
    for (let i = 0; i < after.length; i++) {
      if (before[i].includes('pattern="wsname=')) assert.ok(after[i].includes(`pattern="${received.commandResult.pattern}`), after[i]);
      else assert.equal(after[i], before[i].replace(/\r$/, ''), `line ${i + 1} unchanged`);
    }
  });
});
