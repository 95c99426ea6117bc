#!/usr/bin/env node
// Bundles the client, the server and the CLI with esbuild (no node_modules ship in the .vsix).
// `--watch` rebuilds on change; ECE_SOURCEMAP=1 adds linked source maps (kept out of the package).
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !watch,
  sourcemap: process.env.ECE_SOURCEMAP === '1' || watch ? 'linked' : false,
  logLevel: 'warning',
  legalComments: 'none',
};
const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow: take its ES module build.
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, mainFields: ['module', 'main'] },
];
if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  chmodSync('dist/cli.js', 0o755);
}
