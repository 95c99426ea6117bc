#!/usr/bin/env node
// Mutation testing folder by folder (stryker.config.mjs; see MUTATION.md). Each folder keeps its own incremental
// file under reports/mutation/, so a rerun tests only the mutants of code or tests that changed since that folder's
// last run, and one folder's run never drops another folder's results.
// usage: node scripts/mutation.mjs [folder or file under server/src ...] [--force]
//   (default: every folder below, one after another; e.g. `npm run mutation -- service/core/text.ts`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const FOLDERS = ['service/core', 'service/parse', 'service/kinds', 'service/workspace', 'node'];
// Arguments starting with `-` go to Stryker (e.g. `--force` to rebuild a folder's incremental file), and so does a
// number right after one (`--concurrency 1`; it used to be taken for a folder, and Stryker then missed its value).
const extra = [];
const folders = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a.startsWith('-')) {
    extra.push(a);
    if (!a.includes('=') && /^\d+$/.test(args[i + 1] ?? '')) extra.push(args[++i]);
  } else folders.push(a.replace(/^server\/src\//, '').replace(/\/+$/, ''));
}
// One unit test runs the built CLI: build first, as `npm test` does.
if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(2);
let failed = false;
for (const folder of folders.length ? folders : FOLDERS) {
  const dir = join('server/src', folder);
  if (!existsSync(dir)) {
    console.error(`no folder or file ${dir}`);
    process.exit(2);
  }
  mkdirSync('reports/mutation', { recursive: true });
  console.log(`\n== mutation testing ${dir}`);
  const r = spawnSync(process.execPath, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_FOLDER: folder },
  });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
