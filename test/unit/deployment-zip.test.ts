/**
 * The pool file inside service/lib/deployment.zip: read (never written) by `check` and the workspace model, checked
 * like the pool file on disk under `…/deployment.zip!/dataaccess/egpl_ds_connpool_map.xml`, compared with it by
 * connpool/deployment-zip-differs (whose fix rewrites the zip the safe way), and a zip that cannot be read is a clear
 * problem with nothing written.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yazl from 'yazl';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { WorkspaceModel } from '../../server/src/service/workspace/model';
import { copyPoolIntoZip } from '../../server/src/node/convertWindowsAuth';
import { readDeploymentZipPool, zipEntryUri } from '../../server/src/node/deploymentZip';
import { fileUri, loadWorkspace } from '../../server/src/node/workspace';
import { main } from '../../server/src/cli';

const S = normalizeSettings({});
const pool = (url: string, user = '', pw = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\r\n<conn_pool_list>\r\n\t<connpool name="Platform_MSSQL_Pool">\r\n\t\t<User>${user}</User>\r\n\t\t<Password>${pw}</Password>\r\n\t\t<Url>${url}</Url>\r\n\t</connpool>\r\n</conn_pool_list>\r\n`;
const WIN = pool('jdbc:sqlserver://ag.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB');
const SQL = pool('jdbc:sqlserver://sql01.example.com:1433;integratedSecurity=false;databaseName=eGActiveDB', 'eGActiveDB', 'Zq7secret');

async function zipOf(entries: Array<[string, string | Buffer]>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  const T = new Date(2024, 0, 2, 3, 4, 6);
  for (const [name, data] of entries) z.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), name, { mtime: T });
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** An ECE home with the pool file on disk and a deployment.zip holding `zipBytes`. */
function home(disk: string, zipBytes: Buffer): { dir: string; poolPath: string; zipPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-dzip-'));
  const poolPath = path.join(dir, 'eService', 'installation', 'dataaccess', 'egpl_ds_connpool_map.xml');
  const zipPath = path.join(dir, 'service', 'lib', 'deployment.zip');
  fs.mkdirSync(path.dirname(poolPath), { recursive: true });
  fs.mkdirSync(path.dirname(zipPath), { recursive: true });
  fs.writeFileSync(poolPath, disk);
  fs.writeFileSync(zipPath, zipBytes);
  return { dir, poolPath, zipPath };
}

const quiet = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
};

void describe('connpool/deployment-zip-differs', () => {
  void test('on the differing pool\'s name, saying what differs; silent when the copies agree; the fix is a command', async () => {
    const h = home(WIN, await zipOf([['dataaccess/egpl_ds_connpool_map.xml', SQL]]));
    const ws = await loadWorkspace([h.dir], { settings: S, stripBom: true });
    const copy = ws.files.find((f) => f.inZip)!;
    assert.equal(copy.uri, zipEntryUri(h.zipPath, 'dataaccess/egpl_ds_connpool_map.xml'));
    assert.equal(copy.path, `${h.zipPath}!/dataaccess/egpl_ds_connpool_map.xml`);
    const svc = new EceLanguageService({ log: () => undefined }, ws.model);
    const doc = TextDocument.create(fileUri(h.poolPath), 'xml', 1, WIN);
    const d = svc.diagnostics(doc, S).filter((x) => x.code === 'connpool/deployment-zip-differs');
    assert.equal(d.length, 1);
    const nameAt = WIN.indexOf('Platform_MSSQL_Pool');
    assert.deepEqual(d[0]!.range, { start: doc.positionAt(nameAt), end: doc.positionAt(nameAt + 'Platform_MSSQL_Pool'.length) });
    assert.equal(
      d[0]!.message,
      "The copy of this file inside service\\lib\\deployment.zip, which ECE deploys from, differs: pool \"Platform_MSSQL_Pool\": its Url differs, SQL authentication in the zip, Windows authentication here, the zip copy still holds a User, the zip copy still holds a Password. Make the same change there (or copy this file into the zip), or the next deployment brings the old settings back.",
    );
    assert.doesNotMatch(d[0]!.message, /Zq7secret/);
    const actions = svc.codeActions(doc, d[0]!.range, d, undefined, S);
    const copyAction = actions.find((a) => a.command?.command === 'ece.server.copyPoolIntoZip')!;
    assert.deepEqual(copyAction.command!.arguments, [fileUri(h.poolPath), fileUri(h.zipPath)]);
    assert.equal(copyAction.edit, undefined);
    // The copy is checked like a pool file: SQL authentication with Always On is reported there too.
    const zipDoc = TextDocument.create(copy.uri, 'xml', 1, copy.text);
    assert.ok(svc.diagnostics(zipDoc, normalizeSettings({ alwaysOn: true })).some((x) => x.code === 'connpool/sql-auth-with-always-on'));
    // The copy is nobody's partner: an input.properties of the home still compares with the pool file on disk only.
    assert.deepEqual(ws.model.related('connpool', fileUri(path.join(h.dir, 'UpdateDBIndexStats', 'input.properties'))).map((r) => r.uri), [fileUri(h.poolPath)]);
    // Equal copies: silent.
    const same = new WorkspaceModel((u, t) => svc.kindOf(u, t, S));
    same.update(fileUri(h.poolPath), WIN);
    same.update(copy.uri, WIN, undefined, undefined, true);
    const svc2 = new EceLanguageService({ log: () => undefined }, same);
    assert.deepEqual(svc2.diagnostics(doc, S).filter((x) => x.code === 'connpool/deployment-zip-differs'), []);
  });

  void test('the fix copies the pool file into the zip: every other entry kept, a backup beside it; then the rule is silent', async () => {
    const other = Buffer.from('a=1\n'.repeat(200));
    const h = home(WIN, await zipOf([['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\n'], ['dataaccess/egpl_ds_connpool_map.xml', SQL], ['config/x.properties', other]]));
    const r = await copyPoolIntoZip(fileUri(h.poolPath), fileUri(h.zipPath));
    assert.equal(r.ok, true, r.message);
    assert.match(r.message, /backup/);
    const z = await readDeploymentZipPool(h.zipPath);
    assert.equal(z.kind === 'entry' && z.text, WIN);
    const names = fs.readdirSync(path.dirname(h.zipPath));
    assert.equal(names.filter((n) => n.startsWith('deployment.zip.bak')).length, 1);
    const ws = await loadWorkspace([h.dir], { settings: S, stripBom: true });
    const svc = new EceLanguageService({ log: () => undefined }, ws.model);
    assert.deepEqual(svc.diagnostics(TextDocument.create(fileUri(h.poolPath), 'xml', 1, WIN), S).filter((x) => x.code === 'connpool/deployment-zip-differs'), []);
    // A second run has nothing to do.
    assert.match((await copyPoolIntoZip(fileUri(h.poolPath), fileUri(h.zipPath))).message, /already holds/);
    // A read-only zip is refused.
    fs.chmodSync(h.zipPath, 0o444);
    fs.writeFileSync(h.poolPath, SQL);
    const ro = await copyPoolIntoZip(fileUri(h.poolPath), fileUri(h.zipPath));
    assert.equal(ro.ok, false);
    assert.match(ro.message, /read-only/);
  });
});

void describe('check reads deployment.zip', () => {
  void test('the zip copy\'s findings are listed under zip!/entry; --fix never writes the zip', async () => {
    const h = home(WIN, await zipOf([['dataaccess/egpl_ds_connpool_map.xml', SQL.replace('integratedSecurity=false', 'integratedSecuirty=false')]]));
    const before = fs.readFileSync(h.zipPath);
    const r = await quiet(['check', '--format', 'json', h.dir]);
    const json = JSON.parse(r.out) as { files: Array<{ path: string; diagnostics: Array<{ code: string }> }> };
    const entry = json.files.find((f) => f.path.endsWith('deployment.zip!/dataaccess/egpl_ds_connpool_map.xml'))!;
    assert.ok(entry.diagnostics.some((d) => d.code === 'jdbc/unknown-property'));
    assert.ok(json.files.find((f) => f.path.endsWith('egpl_ds_connpool_map.xml') && !f.path.includes('!'))!.diagnostics.some((d) => d.code === 'connpool/deployment-zip-differs'));
    await quiet(['check', '--fix', h.dir]);
    assert.ok(fs.readFileSync(h.zipPath).equals(before), 'the zip is never rewritten by --fix');
  });

  for (const [name, make] of [
    ['a corrupt zip', async () => Buffer.from('PK\u0003\u0004 this is not really a zip file at all, only its first bytes')],
    ['an entry climbing out with ../', async () => {
      const b = await zipOf([['dataaccess/egpl_ds_connpool_map.xml', WIN], ['aa/evil', 'x']]);
      const from = Buffer.from('aa/evil');
      const to = Buffer.from('../evil');
      for (let i = b.indexOf(from); i >= 0; i = b.indexOf(from, i + 1)) to.copy(b, i);
      return b;
    }],
  ] as const) {
    void test(`${name}: a clear problem on the zip, exit 2, not a byte written`, async () => {
      const h = home(WIN, await make());
      const before = fs.readFileSync(h.zipPath);
      const r = await quiet(['check', '--format', 'json', h.dir]);
      assert.equal(r.code, 2);
      const json = JSON.parse(r.out) as { problems: Array<{ path: string; message: string }> };
      const p = json.problems.find((x) => x.path === h.zipPath)!;
      assert.ok(p, JSON.stringify(json.problems));
      assert.match(p.message, /cannot be read as a zip holding dataaccess\/egpl_ds_connpool_map\.xml .*; its pool file was not checked/);
      await quiet(['check', '--fix', h.dir]);
      await quiet(['convert-windows-auth', '--dry-run', h.dir]);
      assert.ok(fs.readFileSync(h.zipPath).equals(before));
    });
  }
});
