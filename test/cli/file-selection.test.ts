/**
 * One glob semantics for the three faces: on a table of paths and `ece.files.*` settings, the VS Code client's filter
 * (client/src/fileFilter.ts, which decides which documents it hands to the server), the server's `isCandidate` (which
 * files it loads and checks) and the CLI (which files `ece-config check` reports) select exactly the same files.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isEceCandidate, caseInsensitiveGlob, WATCHED_GLOBS } from '../../client/src/fileFilter';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { runCli, tree } from './helpers';

/** Content every kind accepts (no kind refuses it by content), so only the name decides. */
const POOL = '<conn_pool_list>\n</conn_pool_list>\n';

interface Case {
  name: string;
  /** The `ece.files` setting (partial: the other kinds keep their defaults). */
  files: Record<string, unknown>;
  /** Relative path → selected? (all written as pool files). */
  paths: Record<string, boolean>;
}

const CASES: Case[] = [
  {
    name: 'defaults: names at any depth, any case',
    files: {},
    paths: {
      'eService/installation/dataaccess/egpl_ds_connpool_map.xml': true,
      'EGPL_DS_CONNPOOL_MAP.XML': true,
      'backup/Egpl_Ds_Connpool_Map.xml': true,
      'egpl_ds_connpool_map.xml.bak': false,
      'other/pool.xml': false,
      'x/egpl_ds_connpool_map_xml': false,
    },
  },
  {
    name: 'a pattern without ** matches the end of a path (not anchored at the folder, as VS Code selectors are)',
    files: { connpool: ['dataaccess/*.xml'] },
    paths: {
      'eService/installation/dataaccess/pools.xml': true,
      'dataaccess/pools.xml': true,
      'DataAccess/Pools.XML': true,
      'dataaccess/sub/pools.xml': false,
      'notdataaccess/pools.xml': false,
      // the default of the kind is replaced, not added to
      'egpl_ds_connpool_map.xml': false,
    },
  },
  {
    name: 'backslashes, braces, classes and ? in user patterns',
    files: { connpool: ['**\\pools\\{live,test}-[0-9]?.xml'] },
    paths: {
      'pools/live-12.xml': true,
      'a/b/pools/test-3x.xml': true,
      'pools/prod-12.xml': false,
      'pools/live-x2.xml': false,
      'pools/live-1.xml': false,
    },
  },
  {
    name: 'an unusable pattern is ignored, the usable ones still select',
    files: { connpool: ['[broken', '**/good.xml'] },
    paths: { 'good.xml': true, '[broken': false, 'x/[broken': false },
  },
  {
    name: 'a hostile pattern neither freezes nor selects wrongly',
    files: { connpool: [`**/${'*a'.repeat(12)}b.xml`] },
    paths: { [`${'a'.repeat(60)}.xml`]: false, [`${'a'.repeat(12)}b.xml`]: true },
  },
];

void describe('file selection: client, server and CLI agree', () => {
  for (const c of CASES) {
    void test(c.name, async () => {
      const settings = normalizeSettings({ files: c.files });
      const service = new EceLanguageService({ log: () => undefined });
      const t = tree({ '.vscode/settings.json': JSON.stringify(Object.fromEntries(Object.entries(c.files).map(([k, v]) => [`ece.files.${k}`, v]))) });
      try {
        const written: string[] = [];
        for (const rel of Object.keys(c.paths)) {
          const p = path.join(t.dir, rel);
          fs.mkdirSync(path.dirname(p), { recursive: true });
          fs.writeFileSync(p, POOL);
          written.push(rel);
        }
        const r = await runCli(['check', '--format', 'json', '--no-files-ok', '.'], { cwd: t.dir });
        assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
        const cli = new Set((JSON.parse(r.stdout) as { files: Array<{ path: string }> }).files.map((f) => path.relative(t.dir, path.resolve(t.dir, f.path)).split(path.sep).join('/')));
        for (const rel of written) {
          const uri = pathToFileURL(path.join(t.dir, rel)).href;
          const want = c.paths[rel];
          assert.equal(isEceCandidate(uri, c.files), want, `client: ${rel}`);
          assert.equal(service.isCandidate(uri, settings), want, `server: ${rel}`);
          assert.equal(cli.has(rel), want, `CLI: ${rel} (reported: ${[...cli].join(', ')})`);
        }
      } finally {
        t.remove();
      }
    });
  }

  void test('the client reads a missing or malformed setting as the server does (the defaults)', () => {
    const uri = 'file:///srv/ece/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
    const service = new EceLanguageService({ log: () => undefined });
    for (const files of [undefined, null, 'x', 42, [], { connpool: 'not a list' }]) {
      assert.equal(isEceCandidate(uri, files), true, JSON.stringify(files));
      assert.equal(service.isCandidate(uri, normalizeSettings({ files })), true);
    }
    // An empty list is taken as written: no file of that kind, on both sides.
    assert.equal(isEceCandidate(uri, { connpool: [] }), false);
    assert.equal(service.isCandidate(uri, normalizeSettings({ files: { connpool: [] } })), false);
    assert.equal(isEceCandidate('file:///srv/ece/readme.txt', undefined), false);
  });

  void test('the file watcher covers every default name of every kind, batch files and deployment.zip included', () => {
    assert.equal(caseInsensitiveGlob('a.Bat'), '[aA].[bB][aA][tT]');
    // Every default glob ends in a name whose extension the first watcher glob lists (case-insensitively).
    const exts = /\{(.*)\}$/.exec(WATCHED_GLOBS[0]!)![1]!.split(',');
    const watched = (name: string) => exts.some((e) => new RegExp(`\\.${e}$`).test(name));
    for (const globs of Object.values(normalizeSettings({}).files)) {
      for (const g of globs) assert.ok(watched(g.replace(/^.*\//, '').replace(/\*/g, 'x')), `${g} is watched`);
    }
    for (const name of ['egainstart.bat', 'EGAINSTOP.BAT', 'UpdateDBIndexStats.bat', 'web.config', 'input.properties']) assert.ok(watched(name), name);
    assert.equal(WATCHED_GLOBS[1], '**/[dD][eE][pP][lL][oO][yY][mM][eE][nN][tT].[zZ][iI][pP]');
  });
});
