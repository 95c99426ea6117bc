// The packaged extension (.vsix): small, self-contained, nothing but what VS Code needs at run time.
// usage: ECE_VSIX=dist/ece-config.vsix node --test test/e2e/vsix.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yauzl = require('yauzl');
const vsix = resolve(process.env.ECE_VSIX || 'dist/ece-config.vsix');

/** Every entry of the zip: { name, size, text } (text for entries under 2 MB). */
function entries(file) {
  return new Promise((res, rej) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return rej(err);
      const out = [];
      zip.on('entry', (e) => {
        if (e.fileName.endsWith('/')) { zip.readEntry(); return; }
        zip.openReadStream(e, (err2, stream) => {
          if (err2) return rej(err2);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => { out.push({ name: e.fileName, size: e.uncompressedSize, text: Buffer.concat(chunks).toString('utf8') }); zip.readEntry(); });
          stream.on('error', rej);
        });
      });
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

  test('every file the packaged manifest names (main, grammars, snippets, languages) is packaged; grammars parse', async () => {
    const all = await entries(vsix);
    const byName = new Map(all.map((e) => [e.name.replace(/^extension\//, ''), e]));
    const pkg = JSON.parse(byName.get('package.json').text);
    const norm = (p) => p.replace(/^\.\//, '');
    const named = [pkg.main, ...(pkg.contributes?.grammars || []).map((g) => g.path), ...(pkg.contributes?.snippets || []).map((g) => g.path),
      ...(pkg.contributes?.languages || []).map((l) => l.configuration).filter(Boolean)].filter(Boolean).map(norm);
    const missing = named.filter((f) => !byName.has(f) && !byName.has(f + '.js'));
    assert.deepEqual(missing, [], 'named by package.json but not packaged');
    for (const g of pkg.contributes?.grammars || []) {
      const grammar = JSON.parse(byName.get(norm(g.path)).text);
      assert.equal(grammar.scopeName, g.scopeName, `${g.path} declares scopeName ${g.scopeName}`);
    }
  });
});
