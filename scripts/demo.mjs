#!/usr/bin/env node
// `npm start`: the CLI checking the bundled example ECE home. The example holds mistakes on purpose, so
// the CLI's exit 1 ("errors found") is the expected demo result; usage or read failures (2) still fail.
// No --settings: the CLI finds the home's own .vscode/settings.json, as VS Code does.
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples/ece-home'], { stdio: 'inherit' });
if (r.status === 1) console.log('\n(The example ECE home holds typical mistakes on purpose: the findings above are the demo.)');
process.exit(r.status === 0 || r.status === 1 ? 0 : r.status ?? 2);
