// The packaged extension (.vsix): small, self-contained, nothing but what VS Code needs at run time.
// usage: ECE_VSIX=dist/ece-config.vsix node --test test/e2e/vsix.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yauzl = require('yauzl');
const vsix = resolve(process.env.ECE_VSIX || 'dist/ece-config.vsix');

function entries(file) {
  return new Promise((res, rej) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return rej(err);
      const out = [];
      zip.on('entry', (e) => { out.push({ name: e.fileName, size: e.uncompressedSize }); zip.readEntry(); });
      zip.on('end', () => res(out));
      zip.on('error', rej);
      zip.readEntry();
    });
  });
}

describe('packaged .vsix', () => {
  test('is under 1 MB', () => {
    const size = statSync(vsix).size;
    console.log(`# ${vsix}: ${size} bytes (${(size / 1024).toFixed(0)} KiB)`);
    assert.ok(size < 1024 * 1024, `${size} bytes`);
  });

  test('holds the bundles, manifest, grammars and rule docs, and no sources, tests or node_modules', async () => {
    const names = (await entries(vsix)).map((e) => e.name);
    const ext = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
    for (const need of ['package.json', 'dist/client.js', 'dist/server.js']) assert.ok(ext.includes(need), `has ${need}`);
    assert.ok(ext.some((n) => /^syntaxes\/.+\.json$/.test(n)), 'has the grammars');
    assert.ok(ext.some((n) => /^docs\/rules\/.+\.md$/.test(n)), 'has the rule docs');
    const bad = ext.filter((n) => /^(node_modules|server|client|test|scripts|examples|bench|\.e2e|\.test-output|\.ci|\.helpers)\//.test(n)
      || /\.(ts|map|vsix)$/.test(n) || /^dist\/.*\.vsix$/.test(n));
    assert.deepEqual(bad, [], 'nothing that belongs to development');
  });

  test('every grammar and snippet file the manifest names is packaged and parses', async () => {
    const names = new Set((await entries(vsix)).map((e) => e.name.replace(/^extension\//, '')));
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8'));
    const files = [...(pkg.contributes?.grammars || []), ...(pkg.contributes?.snippets || [])].map((g) => g.path.replace(/^\.\//, ''));
    for (const f of files) {
      assert.ok(names.has(f), `${f} is in the package`);
    }
    for (const g of pkg.contributes?.grammars || []) JSON.parse(readFileSync(resolve(g.path), 'utf8'));
  });
});
