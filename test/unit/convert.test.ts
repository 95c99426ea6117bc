import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnnotatedTextEdit, TextDocumentEdit } from 'vscode-languageserver-types';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { applyEdits } from '../../server/src/service/core/text';
import { buildPropertiesModel } from '../../server/src/service/kinds/properties/model';
import { REPORTSDB_SCHEMA } from '../../server/src/service/kinds/reportsdb/schema';
import { INDEXSTATS_SCHEMA } from '../../server/src/service/kinds/indexstats/schema';
import { parseProperties } from '../../server/src/service/parse/properties';
import { planWindowsAuth } from '../../server/src/service/workspace/windowsAuth';
import { windowsAuthPoolText } from '../../server/src/service/kinds/connpool/convert';
import { planIndexstats } from '../../server/src/service/kinds/indexstats/convert';
import { planReportsdb } from '../../server/src/service/kinds/reportsdb/convert';
import { convertWindowsAuth, formatConvertReport } from '../../server/src/node/convertWindowsAuth';
import { loadWorkspace } from '../../server/src/node/workspace';
import { PREVIEW_ANNOTATION, workspaceRequestHandlers } from '../../server/src/node/workspaceRequests';
import { decodeBytes } from '../../server/src/node/textFile';
import { main } from '../../server/src/cli';
import { loadWithJava } from '../java/oracle';

const REPO = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(REPO, 'examples', 'ece-home');
const FIX = path.join(__dirname, '..', 'fixtures', 'convert');
const POOL_REL = 'eService/installation/dataaccess/egpl_ds_connpool_map.xml';
const ZIP_REL = 'service/lib/deployment.zip';
const POOL_ENTRY = 'dataaccess/egpl_ds_connpool_map.xml';
const SECRETS = ['36423441363', '36423441364', 'Passw0rd!'];

// ------------------------------------------------------------------------------------------------------------
// helpers

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-convert-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) visit(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  visit(dir);
  return out;
}

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir).map((r) => [r, fs.readFileSync(path.join(dir, r))]));
}

interface RawEntry {
  name: string;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  time: number;
  date: number;
  flags: number;
  raw: Buffer;
  content: Buffer;
}

async function readZip(file: string): Promise<RawEntry[]> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.open(file, { lazyEntries: true, autoClose: false }, (e, z) => (e ? rej(e) : res(z!))));
  const stream = (entry: yauzl.Entry, decompress: boolean) =>
    new Promise<Buffer>((res, rej) =>
      zip.openReadStream(entry, decompress ? {} : { decompress: false }, (e, s) => {
        if (e) return rej(e);
        const chunks: Buffer[] = [];
        s!.on('data', (c: Buffer) => chunks.push(c));
        s!.on('end', () => res(Buffer.concat(chunks)));
        s!.on('error', rej);
      }),
    );
  const entries: RawEntry[] = [];
  await new Promise<void>((res, rej) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      void (async () => {
        const dir = entry.fileName.endsWith('/');
        entries.push({
          name: entry.fileName,
          crc32: entry.crc32,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          method: entry.compressionMethod,
          time: entry.lastModFileTime,
          date: entry.lastModFileDate,
          flags: entry.generalPurposeBitFlag,
          raw: dir ? Buffer.alloc(0) : await stream(entry, entry.compressionMethod === 0),
          content: dir ? Buffer.alloc(0) : await stream(entry, true),
        });
        zip.readEntry();
      })().catch(rej);
    });
    zip.on('end', () => res());
    zip.on('error', rej);
    zip.readEntry();
  });
  zip.close();
  return entries;
}

/** The edits a conversion may make, by their new text. */
const ALLOWED_NEW_TEXT = new Set(['', 'true', '=true', ';integratedSecurity=true']);

// ------------------------------------------------------------------------------------------------------------

void describe('planWindowsAuth (pure)', () => {
  const rdb = (text: string) => buildPropertiesModel(text, 'file:///h/reportsdb_utility.properties', REPORTSDB_SCHEMA);
  const inp = (text: string) => buildPropertiesModel(text, 'file:///h/input.properties', INDEXSTATS_SCHEMA);
  const apply = (text: string, plan: { edits: Array<{ start: number; end: number; newText: string }> }) => applyEdits(text, plan.edits);

  void test('reportsdb: replaces a false value, keeps CRLF and the BOM; no edit when already true (any case)', () => {
    const t = '\uFEFF# x\r\nIS_WINDOWS_AUTHENTICATION = false\r\nREPORTS_DB_NAME=r\r\n';
    const plan = planReportsdb(rdb(t));
    assert.deepEqual(plan.changes.map((c) => c.what), ['IS_WINDOWS_AUTHENTICATION set to true']);
    const after = apply(t, plan);
    assert.equal(after, '\uFEFF# x\r\nIS_WINDOWS_AUTHENTICATION = true\r\nREPORTS_DB_NAME=r\r\n');
    assert.deepEqual(planReportsdb(rdb(after)).edits, []);
    assert.deepEqual(planReportsdb(rdb('IS_WINDOWS_AUTHENTICATION=TRUE\n')).edits, []);
    // blanks after true are kept by Java (properties/trailing-blanks): set to exactly true, the blanks go
    const blanks = 'IS_WINDOWS_AUTHENTICATION=true  \r\nA=1\r\n';
    assert.equal(apply(blanks, planReportsdb(rdb(blanks))), 'IS_WINDOWS_AUTHENTICATION=true\r\nA=1\r\n');
  });

  void test('reportsdb: a bare key gets =true; an absent key is added at the end with the file line breaks', () => {
    assert.equal(apply('IS_WINDOWS_AUTHENTICATION\r\nA=1\r\n', planReportsdb(rdb('IS_WINDOWS_AUTHENTICATION\r\nA=1\r\n'))), 'IS_WINDOWS_AUTHENTICATION=true\r\nA=1\r\n');
    assert.equal(apply('A=1\r\nB=2\r\n', planReportsdb(rdb('A=1\r\nB=2\r\n'))), 'A=1\r\nB=2\r\nIS_WINDOWS_AUTHENTICATION=true\r\n');
    assert.equal(apply('A=1\nB=2', planReportsdb(rdb('A=1\nB=2'))), 'A=1\nB=2\nIS_WINDOWS_AUTHENTICATION=true\n');
    // A last line ending in a continuation backslash would swallow the new line: an empty line goes first.
    for (const [cont, want] of [
      ['A=1\r\nB=x\\', 'A=1\r\nB=x\\\r\n\r\nIS_WINDOWS_AUTHENTICATION=true\r\n'],
      ['A=1\r\nB=x\\\r\n', 'A=1\r\nB=x\\\r\n\r\nIS_WINDOWS_AUTHENTICATION=true\r\n'],
      ['A=1\r\nB=x\\\\\r\n', 'A=1\r\nB=x\\\\\r\nIS_WINDOWS_AUTHENTICATION=true\r\n'],
    ] as const) {
      const after = apply(cont, planReportsdb(rdb(cont)));
      assert.equal(after, want);
      assert.equal(parseProperties(after).table.get('IS_WINDOWS_AUTHENTICATION')?.value, 'true');
      assert.deepEqual(planReportsdb(rdb(after)).edits, [], 'a second run adds nothing');
    }
    assert.equal(apply('', planReportsdb(rdb(''))), 'IS_WINDOWS_AUTHENTICATION=true\n');
  });

  void test('reportsdb: a key glued to a byte-order mark is not the key to Java, so the key is added at the end (Java 17 loads it)', () => {
    // Java reads `\uFEFFIS_WINDOWS_AUTHENTICATION=false` as the key "\uFEFFIS_WINDOWS_AUTHENTICATION": replacing its
    // value would leave IS_WINDOWS_AUTHENTICATION unset for the utility (found by the conversion fuzzer).
    const t = '\uFEFFIS_WINDOWS_AUTHENTICATION=false\r\nREPORTS_DB_NAME=r\r\n';
    const after = apply(t, planReportsdb(rdb(t)));
    assert.equal(after, t + 'IS_WINDOWS_AUTHENTICATION=true\r\n');
    assert.deepEqual(planReportsdb(rdb(after)).edits, [], 'a second run adds nothing');
    const [load] = loadWithJava([after]);
    assert.ok(load?.ok);
    assert.equal(load.table.get('IS_WINDOWS_AUTHENTICATION'), 'true');
    assert.equal(load.table.get('\uFEFFIS_WINDOWS_AUTHENTICATION'), 'false', 'the glued line itself is left as it was');
  });

  void test('input.properties: users and passwords blanked (every line of the key), URLs switched to integratedSecurity=true', () => {
    const t =
      'ACTIVE_DATABASE_URL=jdbc:sqlserver://db\\\\inst;integratedSecurity=false;databaseName=a\r\n' +
      'ACTIVE_USER=sa\r\nACTIVE_PASS=old\r\nACTIVE_PASS = s3cret\r\n' +
      'REPORTS_DATABASE_URL=jdbc:sqlserver://db:1433;databaseName=r\r\nREPORTS_USER=\r\n# REPORTS_PASS=keep-comment\r\n';
    const plan = planIndexstats(inp(t));
    assert.deepEqual(plan.changes.map((c) => c.what), [
      'ACTIVE_DATABASE_URL: integratedSecurity=true',
      'ACTIVE_USER blanked',
      'ACTIVE_PASS blanked',
      'ACTIVE_PASS blanked',
      'REPORTS_DATABASE_URL: integratedSecurity=true',
    ]);
    const after = apply(t, plan);
    assert.equal(
      after,
      'ACTIVE_DATABASE_URL=jdbc:sqlserver://db\\\\inst;integratedSecurity=true;databaseName=a\r\n' +
        'ACTIVE_USER=\r\nACTIVE_PASS=\r\nACTIVE_PASS = \r\n' +
        'REPORTS_DATABASE_URL=jdbc:sqlserver://db:1433;databaseName=r;integratedSecurity=true\r\nREPORTS_USER=\r\n# REPORTS_PASS=keep-comment\r\n',
    );
    assert.deepEqual(planIndexstats(inp(after)).edits, [], 'idempotent');
    for (const c of plan.changes) for (const s of ['sa', 'old', 's3cret']) assert.ok(!c.what.includes(`=${s}`));
  });

  void test('pool text: same edits as the file (used for the zip entry); idempotent', () => {
    const original = fs.readFileSync(path.join(FIX, 'original', POOL_REL), 'utf8');
    const expected = fs.readFileSync(path.join(FIX, 'expected', POOL_REL), 'utf8');
    assert.equal(windowsAuthPoolText(original), expected);
    assert.equal(windowsAuthPoolText(expected), expected);
  });

  void test('files of other kinds and already-converted files get no plan', async () => {
    const ws = await loadWorkspace([path.join(FIX, 'expected')]);
    assert.equal(ws.files.length, 4); // the three files and the zip entry's expected copy
    assert.deepEqual(planWindowsAuth(ws.model.all().map((f) => ({ uri: f.uri, kind: f.kind, model: f.model }))), []);
  });
});

void describe('convertWindowsAuth on a copy of examples/ece-home', () => {
  void test('every file as expected byte for byte; zip: other entries identical (bytes, CRC, order, times); backup; second run is a no-op', async () => {
    const dir = copyExample();
    try {
      const before = snapshot(dir);
      const zipBefore = await readZip(path.join(dir, ZIP_REL));
      const report = await convertWindowsAuth(dir, { zip: { backupSuffix: '.bak-test' } });
      assert.equal(report.ok, true, JSON.stringify(report));
      const after = snapshot(dir);
      // Only the backup is new.
      assert.deepEqual([...after.keys()].filter((k) => !before.has(k)), [`${ZIP_REL}.bak-test`]);
      assert.ok(after.get(`${ZIP_REL}.bak-test`)!.equals(before.get(ZIP_REL)!), 'the backup is the original zip');
      assert.ok(report.notes.some((n) => n.includes(`${ZIP_REL}.bak-test`.split('/').join(path.sep)) && /old user names and passwords/.test(n)));

      for (const [rel, old] of before) {
        if (rel === ZIP_REL) continue;
        const now = after.get(rel)!;
        const snap = path.join(FIX, 'original', rel);
        if (fs.existsSync(snap) && fs.readFileSync(snap).equals(old)) {
          // The example is as it was when the expected copy was made: compare with it byte for byte.
          assert.ok(now.equals(fs.readFileSync(path.join(FIX, 'expected', rel))), `${rel} differs from the expected copy`);
        } else {
          // Another example file (or a changed one): it may differ only by the conversion's own spans.
          const ws = await loadWorkspace([path.join(EXAMPLE, rel)]);
          const f = ws.model.all()[0];
          const plans = f ? planWindowsAuth([{ uri: f.uri, kind: f.kind, model: f.model }]) : [];
          const text = decodeBytes(old).text;
          for (const e of plans[0]?.edits ?? []) assert.ok(ALLOWED_NEW_TEXT.has(e.newText), `${rel}: unexpected edit ${JSON.stringify(e.newText)}`);
          const want = plans[0] ? applyEdits(text, plans[0].edits) : text;
          assert.equal(decodeBytes(now).text, want, `${rel}: bytes outside the planned spans changed`);
        }
      }
      // The pool file itself must match the committed expected copy.
      assert.ok(after.get(POOL_REL)!.equals(fs.readFileSync(path.join(FIX, 'expected', POOL_REL))));

      const zipAfter = await readZip(path.join(dir, ZIP_REL));
      assert.deepEqual(zipAfter.map((e) => e.name), zipBefore.map((e) => e.name));
      for (let i = 0; i < zipBefore.length; i++) {
        const a = zipBefore[i]!;
        const b = zipAfter[i]!;
        assert.equal(b.time, a.time, `${a.name}: DOS time`);
        assert.equal(b.date, a.date, `${a.name}: DOS date`);
        if (a.name === POOL_ENTRY) {
          assert.ok(b.content.equals(fs.readFileSync(path.join(FIX, 'expected', 'deployment.zip-entry', POOL_ENTRY))), 'pool entry as expected');
          assert.equal(b.method, a.method);
          continue;
        }
        assert.equal(b.crc32, a.crc32, `${a.name}: CRC`);
        assert.equal(b.compressedSize, a.compressedSize, `${a.name}: compressed size`);
        assert.equal(b.uncompressedSize, a.uncompressedSize);
        assert.equal(b.method, a.method);
        assert.equal(b.flags, a.flags);
        assert.ok(b.raw.equals(a.raw), `${a.name}: compressed bytes`);
      }

      // Second run: nothing to do, nothing written, no second backup.
      const again = await convertWindowsAuth(dir, { zip: { backupSuffix: '.bak-test2' } });
      assert.equal(again.ok, true);
      assert.deepEqual(again.files, []);
      assert.deepEqual(again.zips.map((z) => ({ changed: z.changed, found: z.found })), [{ changed: false, found: true }]);
      const third = snapshot(dir);
      assert.deepEqual([...third.keys()], [...after.keys()]);
      for (const [k, v] of after) assert.ok(third.get(k)!.equals(v), `${k} changed on the second run`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  void test('a pool file that cannot be read as text (NUL bytes) or written back (UTF-16 of odd length): named, not ok, and nothing in the home changes (no half-converted home)', async () => {
    for (const [name, bytes] of [
      ['NUL', (t: string) => Buffer.concat([Buffer.from(t.slice(0, 40)), Buffer.from([0, 0, 1, 0]), Buffer.from(t.slice(40))])],
      ['odd UTF-16', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le'), Buffer.from([0x41])])],
    ] as const) {
      const dir = copyExample();
      try {
        const poolPath = path.join(dir, POOL_REL);
        const broken = bytes(fs.readFileSync(poolPath, 'utf8'));
        fs.writeFileSync(poolPath, broken);
        const before = snapshot(dir);
        const r = await convertWindowsAuth(dir);
        assert.equal(r.ok, false, name);
        const text = formatConvertReport(r).join('\n');
        assert.ok(text.includes('egpl_ds_connpool_map.xml'), `${name}: the pool file is named:\n${text}`);
        assert.doesNotMatch(text, /No connection pool file was found/, name);
        assert.match(text, /Nothing was changed, because this file (or folder )?cannot be (read|written): .*egpl_ds_connpool_map\.xml/, name);
        assert.ok(r.files.every((f) => !f.written), name);
        const after = snapshot(dir);
        assert.deepEqual([...after.keys()], [...before.keys()], name);
        for (const [k, v] of before) assert.ok(after.get(k)!.equals(v), `${name}: ${k} changed`);
        for (const s of SECRETS) assert.ok(!text.includes(s), `${name}: no password in the report`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  void test('dry run writes nothing and reports the same spans', async () => {
    const dir = copyExample();
    try {
      const before = snapshot(dir);
      const r = await convertWindowsAuth(dir, { dryRun: true });
      assert.equal(r.ok, true);
      const pool = r.files.find((f) => f.kind === 'connpool')!;
      assert.deepEqual(
        pool.changes.map((c) => `${c.line}:${c.column}-${c.endLine}:${c.endColumn} ${c.what}`),
        [
          '7:21-7:31 pool "Platform_MSSQL_Pool": User emptied',
          '8:25-8:36 pool "Platform_MSSQL_Pool": Password emptied',
          '15:21-15:31 pool "Platform_MSSQL_Pool_Batch": User emptied',
          '16:25-16:36 pool "Platform_MSSQL_Pool_Batch": Password emptied',
          '17:73-17:78 pool "Platform_MSSQL_Pool_Batch": integratedSecurity=true in Url',
        ],
      );
      assert.deepEqual(r.zips.map((z) => z.changed), [true]);
      const after = snapshot(dir);
      assert.deepEqual([...after.keys()], [...before.keys()]);
      for (const [k, v] of before) assert.ok(after.get(k)!.equals(v));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const stage of ['central-directory', 'verify', 'rename'] as const) {
    void test(`a failure while writing the zip (at ${stage}) leaves the original zip intact and no stray file`, async () => {
      const dir = copyExample();
      try {
        const zipBytes = fs.readFileSync(path.join(dir, ZIP_REL));
        const r = await convertWindowsAuth(dir, {
          zip: {
            backupSuffix: '.bak-test',
            faultInjection: (s) => {
              if (s === stage) throw new Error(`simulated disk failure at ${s}`);
            },
          },
        });
        assert.equal(r.ok, false);
        assert.match(r.zips[0]!.error!, /deployment\.zip was left as it was: simulated disk failure/);
        assert.ok(fs.readFileSync(path.join(dir, ZIP_REL)).equals(zipBytes), 'zip unchanged');
        assert.deepEqual(fs.readdirSync(path.join(dir, 'service', 'lib')), ['deployment.zip']);
        assert.match(formatConvertReport(r).join('\n'), /left as it was/);
        // The text files were converted; a second run now converts the zip alone.
        const again = await convertWindowsAuth(dir, { zip: { backupSuffix: '.bak-test' } });
        assert.equal(again.ok, true);
        assert.deepEqual(again.files, []);
        assert.deepEqual(again.zips.map((z) => z.changed), [true]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  void test('end to end: a deployment.zip with a ../ entry or an absurd declared size is refused and left alone', async () => {
    const dir = copyExample();
    try {
      const zipPath = path.join(dir, ZIP_REL);
      const original = fs.readFileSync(zipPath);
      // "config/" → "../cfg/" in every header: same length, so the zip stays consistent.
      const evil = Buffer.from(original);
      const from = Buffer.from('config/');
      for (let i = evil.indexOf(from); i >= 0; i = evil.indexOf(from, i + 1)) Buffer.from('../cfg/').copy(evil, i);
      fs.writeFileSync(zipPath, evil);
      const r = await convertWindowsAuth(dir, { zip: { backupSuffix: '.bak-test' } });
      assert.equal(r.ok, false);
      assert.equal(r.zips[0]!.code, 'unsafe-entry-name');
      assert.ok(fs.readFileSync(zipPath).equals(evil));
      assert.ok(!fs.existsSync(path.join(dir, 'service', 'cfg')));
      assert.deepEqual(fs.readdirSync(path.join(dir, 'service', 'lib')), ['deployment.zip']);

      // An absurd uncompressed size for the pool entry, in its central directory record and local header.
      const big = Buffer.from(original);
      const name = Buffer.from(POOL_ENTRY);
      for (let i = big.indexOf(name); i >= 0; i = big.indexOf(name, i + 1)) {
        if (big.readUInt32LE(i - 46) === 0x02014b50) big.writeUInt32LE(0x7ffffff0, i - 46 + 24);
        else if (big.readUInt32LE(i - 30) === 0x04034b50) big.writeUInt32LE(0x7ffffff0, i - 30 + 22);
      }
      fs.writeFileSync(zipPath, big);
      const r2 = await convertWindowsAuth(dir, { zip: { backupSuffix: '.bak-test' } });
      assert.equal(r2.ok, false);
      assert.equal(r2.zips[0]!.code, 'entry-too-large');
      assert.ok(fs.readFileSync(zipPath).equals(big));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  void test('CLI: convert-windows-auth --dry-run prints files and spans, never a password; then converts; exit codes', async () => {
    const dir = copyExample();
    try {
      const run = async (args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(args, (s) => out.push(s), (s) => err.push(s));
        return { code, out: out.join('\n'), err: err.join('\n') };
      };
      const dry = await run(['convert-windows-auth', '--dry-run', dir]);
      assert.equal(dry.code, 0);
      assert.match(dry.out, /^Dry run \(nothing written\)/);
      assert.match(dry.out, /egpl_ds_connpool_map\.xml: would change 5 spans/);
      assert.match(dry.out, /17:73-17:78 pool "Platform_MSSQL_Pool_Batch": integratedSecurity=true in Url/);
      assert.match(dry.out, /deployment\.zip: entry dataaccess\/egpl_ds_connpool_map\.xml would be rewritten/);
      for (const s of SECRETS) assert.ok(!dry.out.includes(s) && !dry.err.includes(s), `printed ${s}`);
      const real = await run(['convert-windows-auth', dir]);
      assert.equal(real.code, 0);
      assert.match(real.out, /deployment\.zip: entry dataaccess\/egpl_ds_connpool_map\.xml rewritten, every other entry kept byte for byte; backup of the original: .*deployment\.zip\.bak-/);
      assert.match(real.out, /note: The backup .* still holds the old user names and passwords/);
      for (const s of SECRETS) assert.ok(!real.out.includes(s), `printed ${s}`);
      const again = await run(['convert-windows-auth', dir]);
      assert.equal(again.code, 0);
      assert.match(again.out, /0 files changed\.$/);
      assert.equal((await run(['convert-windows-auth'])).code, 2);
      assert.equal((await run(['convert-windows-auth', path.join(dir, 'nope')])).code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

void describe('workspace requests (VS Code command)', () => {
  void test('a pool file that cannot be read (NUL bytes): no edit at all, and the message names it (no half-converted home)', async () => {
    const dir = copyExample();
    try {
      const poolPath = path.join(dir, POOL_REL);
      const t = fs.readFileSync(poolPath);
      fs.writeFileSync(poolPath, Buffer.concat([t.subarray(0, 40), Buffer.from([0, 0, 1, 0]), t.subarray(40)]));
      const h = workspaceRequestHandlers(new EceLanguageService({ log: () => undefined }), { get: () => undefined, all: () => [] }, () => normalizeSettings({}));
      const r = await h.windowsAuthEdit({ roots: [dir] });
      assert.equal(r.edit, null);
      assert.equal(r.preview, null);
      assert.deepEqual(r.files, []);
      assert.equal(r.message, `Nothing was converted, because this file or folder cannot be read: ${poolPath}. Convert it by hand or make it readable, then run the conversion again.`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  void test('one WorkspaceEdit, every change ticked in the preview; open documents at their version; the zip after', async () => {
    const dir = copyExample();
    try {
      const s = normalizeSettings({});
      const svc = new EceLanguageService({ log: () => undefined });
      const poolPath = path.join(dir, POOL_REL);
      const poolText = fs.readFileSync(poolPath, 'utf8').replace(/^\uFEFF/, '');
      // The pool file is open (VS Code's URI spelling may differ; no BOM in editor text).
      const openPool = TextDocument.create(new URL(`file://${poolPath}`).href, 'xml', 7, poolText);
      const docs = { get: (u: string) => (u === openPool.uri ? openPool : undefined), all: () => [openPool] };
      const h = workspaceRequestHandlers(svc, docs, () => s);
      const r = await h.windowsAuthEdit({ roots: [dir] });
      assert.ok(r.edit);
      const changes = r.edit.documentChanges as TextDocumentEdit[];
      const anns = r.edit.changeAnnotations!;
      // VS Code shows an edit whose annotation needs confirmation UNTICKED in its preview: none of the changes does.
      assert.ok(Object.values(anns).every((a) => a.needsConfirmation === false));
      assert.equal(Object.keys(anns).length, changes.reduce((n, c) => n + c.edits.length, 0), 'one annotation per change');
      const poolEdit = changes.find((c) => c.textDocument.uri === openPool.uri)!;
      assert.equal(poolEdit.textDocument.version, 7);
      assert.ok(poolEdit.edits.every((e) => (e as AnnotatedTextEdit).annotationId in anns));
      assert.equal(TextDocument.applyEdits(openPool, poolEdit.edits), fs.readFileSync(path.join(FIX, 'expected', POOL_REL), 'utf8').replace(/^\uFEFF/, ''));
      const others = changes.filter((c) => c !== poolEdit);
      assert.ok(others.every((c) => c.textDocument.version === null));
      assert.deepEqual(r.zips.map((z) => z.needsChange), [true]);
      for (const sct of SECRETS) assert.ok(!JSON.stringify(r).includes(sct));
      // The preview edit: the same changes plus one empty edit, the only one needing confirmation (it opens the preview).
      assert.ok(r.preview);
      const pAnns = r.preview.changeAnnotations!;
      const needing = Object.entries(pAnns).filter(([, a]) => a.needsConfirmation);
      assert.deepEqual(needing.map(([id]) => id), [PREVIEW_ANNOTATION]);
      assert.match(needing[0]![1].label, /deployment\.zip/);
      const pChanges = r.preview.documentChanges as TextDocumentEdit[];
      const openers = pChanges.flatMap((c) => c.edits.filter((e) => (e as AnnotatedTextEdit).annotationId === PREVIEW_ANNOTATION));
      assert.deepEqual(openers, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '', annotationId: PREVIEW_ANNOTATION }]);
      assert.deepEqual(
        pChanges.map((c) => ({ ...c, edits: c.edits.filter((e) => (e as AnnotatedTextEdit).annotationId !== PREVIEW_ANNOTATION) })),
        changes,
        'apart from the opener, the preview holds exactly the edit',
      );

      const z = await h.windowsAuthZip({ roots: [dir] });
      assert.equal(z.ok, true);
      assert.deepEqual(z.converted, [path.join(dir, 'service', 'lib', 'deployment.zip')]);
      assert.ok(z.messages.some((m) => /still holds the old user names and passwords/.test(m)));
      const z2 = await h.windowsAuthZip({ roots: [dir] });
      assert.deepEqual(z2.converted, []);
      assert.equal(z2.ok, true);

      const checked = await h.checkWorkspace({ roots: [dir] });
      assert.ok(checked.length >= 3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

void describe('the conversion keeps credentials the driver needs (NTLM) or may use (JavaKerberos)', () => {
  void test('pool file: only native-scheme pools lose User and Password', () => {
    const pool = (scheme: string) =>
      '\uFEFF<conn_pool_list>\r\n\t<connpool>\r\n\t\t<name>Platform_MSSQL_Pool</name>\r\n\t\t<User>svc</User>\r\n\t\t<Password>36423441363</Password>\r\n' +
      `\t\t<Url>jdbc:sqlserver://db.example.com:1433;integratedSecurity=false${scheme};databaseName=eGActiveDB</Url>\r\n\t</connpool>\r\n</conn_pool_list>\r\n`;
    for (const scheme of [';authenticationScheme=NTLM', ';authenticationScheme=javakerberos', ';authenticationScheme=Kerberos']) {
      const t = pool(scheme);
      assert.equal(windowsAuthPoolText(t), t.replace('integratedSecurity=false', 'integratedSecurity=true'), scheme);
    }
    for (const scheme of ['', ';authenticationScheme=NativeAuthentication']) {
      const t = pool(scheme);
      assert.equal(windowsAuthPoolText(t), t.replace('integratedSecurity=false', 'integratedSecurity=true').replace('<User>svc</User>', '<User></User>').replace('<Password>36423441363</Password>', '<Password></Password>'), scheme);
    }
  });

  void test('input.properties: users and passwords are blanked only for native-scheme URLs', () => {
    const text =
      'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;authenticationScheme=NTLM;databaseName=a\r\nACTIVE_USER=MASSIVE\\\\svc\r\nACTIVE_PASS=Passw0rd!\r\n' +
      'REPORTS_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;databaseName=r\r\nREPORTS_USER=sa\r\nREPORTS_PASS=Passw0rd!\r\n';
    const plan = planIndexstats(buildPropertiesModel(text, 'file:///x/input.properties', INDEXSTATS_SCHEMA));
    assert.equal(
      applyEdits(text, plan.edits),
      text
        .replace('1433;authenticationScheme=NTLM;databaseName=a', '1433;authenticationScheme=NTLM;databaseName=a;integratedSecurity=true')
        .replace('1433;databaseName=r', '1433;databaseName=r;integratedSecurity=true')
        .replace('REPORTS_USER=sa', 'REPORTS_USER=')
        .replace('REPORTS_PASS=Passw0rd!', 'REPORTS_PASS='),
    );
    assert.deepEqual(plan.changes.map((c) => c.what), ['ACTIVE_DATABASE_URL: integratedSecurity=true', 'REPORTS_DATABASE_URL: integratedSecurity=true', 'REPORTS_USER blanked', 'REPORTS_PASS blanked']);
  });
});
