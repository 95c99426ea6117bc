#!/usr/bin/env node
// Runs the unit, CLI, LSP and seeded fuzz test files with Node's built-in test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
// usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/unit test/lsp test/cli test/fuzz)
// The fuzzers (test/fuzz, see its README) need dist/ built; ECE_FUZZ=long runs them longer.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2);
const files = [];
const walk = (p) => {
  const st = statSync(p);
  if (st.isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n));
  else if (/\.test\.ts$/.test(p)) files.push(p);
};
for (const r of roots.length ? roots : ['test/unit', 'test/lsp', 'test/cli', 'test/fuzz']) walk(r);
if (files.length === 0) { console.error('no test files found'); process.exit(1); }
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
