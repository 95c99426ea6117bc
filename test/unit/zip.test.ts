import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import * as zlib from 'node:zlib';
import * as yazl from 'yazl';
import * as yauzl from 'yauzl';
import {
  CONNPOOL_ZIP_ENTRY,
  ZipEntryError,
  defaultBackupSuffix,
  entryNameMatcher,
  normalizeEntryName,
  readZipEntryText,
  rewriteZipEntry,
  unsafeEntryNameReason,
  type ZipErrorCode,
  type ZipRewriteStage,
} from '../../server/src/node/zip';

// ----------------------------------------------------------------------------------------------------------------
// Fixtures, built in the test with yazl (fixed timestamps, deflated and stored entries, directories, comments).

const MTIME = new Date(2019, 4, 6, 7, 8, 10);
const NOW = new Date(2026, 0, 2, 3, 4, 5);
const BOM = '\uFEFF';
const POOL_XML =
  BOM +
  '<?xml version="1.0" encoding="UTF-8"?>\r\n' +
  '<!-- pools -->\r\n' +
  '<connpools>\r\n' +
  '\t<connpool name="eGActiveDB" egid="1001">\r\n' +
  '\t\t<Url>jdbc:sqlserver://db1.example.local:1433;databaseName=eGActiveDB</Url>\r\n' +
  '\t\t<User>sa</User>\r\n' +
  '\t\t<Password>s3cret</Password>\r\n' +
  '\t</connpool>\r\n' +
  '</connpools>\r\n';
const POOL_XML_AFTER = POOL_XML.replace('<User>sa</User>', '<User></User>').replace('<Password>s3cret</Password>', '<Password></Password>');
const blankCredentials = (t: string): string =>
  t.replace(/<User>[^<]*<\/User>/g, '<User></User>').replace(/<Password>[^<]*<\/Password>/g, '<Password></Password>');

interface FixtureOptions {
  /** How the pool entry is added: 'stream' gives a data descriptor, 'buffer' does not, 'stored' stores it. */
  poolMode?: 'stream' | 'buffer' | 'stored';
  poolName?: string;
  poolContent?: Buffer;
  extra?: (z: yazl.ZipFile) => void;
  forceZip64?: boolean;
}

function deterministicBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

async function buildZip(o: FixtureOptions = {}): Promise<Buffer> {
  const z = new yazl.ZipFile();
  z.addEmptyDirectory('META-INF/', { mtime: MTIME });
  z.addBuffer(Buffer.from('Manifest-Version: 1.0\r\nCreated-By: test\r\n'), 'META-INF/MANIFEST.MF', { mtime: MTIME });
  z.addEmptyDirectory('dataaccess/', { mtime: MTIME });
  z.addBuffer(deterministicBytes(3000, 7), 'lib/stored.jar', { mtime: new Date(2018, 1, 2, 3, 4, 6), compress: false });
  const content = o.poolContent ?? Buffer.from(POOL_XML, 'utf8');
  const name = o.poolName ?? 'dataaccess/egpl_ds_connpool_map.xml';
  const mode = o.poolMode ?? 'stream';
  if (mode === 'stream') z.addReadStream(Readable.from([content]), name, { mtime: MTIME });
  else z.addBuffer(content, name, { mtime: MTIME, compress: mode !== 'stored', forceZip64Format: !!o.forceZip64 });
  o.extra?.(z);
  z.addBuffer(Buffer.from('a=1\nb=2\n'.repeat(50)), 'config/other.properties', { mtime: new Date(2021, 11, 31, 23, 59, 58), fileComment: 'kept' } as Partial<yazl.FileOptions>);
  z.addBuffer(deterministicBytes(70000, 3), 'lib/big.bin', { mtime: MTIME });
  z.addEmptyDirectory('zz-last/', { mtime: MTIME });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve());
    z.outputStream.on('error', reject);
  });
  z.end({ comment: 'deployment archive', forceZip64Format: !!o.forceZip64 });
  await done;
  return Buffer.concat(chunks);
}

let root = '';
let counter = 0;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-zip-test-'));
});
after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh folder holding `deployment.zip` with the given bytes. */
function place(bytes: Buffer): { dir: string; zip: string } {
  const dir = path.join(root, `case-${++counter}`);
  fs.mkdirSync(dir);
  const zip = path.join(dir, 'deployment.zip');
  fs.writeFileSync(zip, bytes);
  return { dir, zip };
}

// ----------------------------------------------------------------------------------------------------------------
// Independent raw view of an archive (yauzl, raw names and raw compressed bytes).

interface RawEntry {
  nameHex: string;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  extraHex: string;
  commentHex: string;
  versionMadeBy: number;
  externalAttributes: number;
  localHeaderOffset: number;
  rawData: Buffer;
  localHeader: yauzl.LocalFileHeader;
}

async function rawEntries(file: string): Promise<{ entries: RawEntry[]; comment: Buffer }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, strictFileNames: true });
  const entries: RawEntry[] = [];
  try {
    for await (const e of zip.eachEntry()) {
      const s = await zip.openReadStreamPromise(e, { decodeFileData: false });
      const parts: Buffer[] = [];
      for await (const c of s) parts.push(c as Buffer);
      entries.push({
        nameHex: e.fileNameRaw.toString('hex'),
        flags: e.generalPurposeBitFlag,
        method: e.compressionMethod,
        time: e.lastModFileTime,
        date: e.lastModFileDate,
        crc: e.crc32,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
        extraHex: e.extraFieldRaw.toString('hex'),
        commentHex: e.fileCommentRaw.toString('hex'),
        versionMadeBy: e.versionMadeBy,
        externalAttributes: e.externalFileAttributes,
        localHeaderOffset: e.relativeOffsetOfLocalHeader,
        rawData: Buffer.concat(parts),
        localHeader: await zip.readLocalFileHeaderPromise(e),
      });
    }
  } finally {
    zip.close();
  }
  return { entries, comment: zip.comment as unknown as Buffer };
}

const nameOf = (e: RawEntry): string => Buffer.from(e.nameHex, 'hex').toString('utf8');

function inflate(e: RawEntry): Buffer {
  return e.method === 8 ? zlib.inflateRawSync(e.rawData) : e.rawData;
}

/** Every entry except the pool entry identical (raw); the pool entry keeps name, position, timestamps. */
function assertOnlyPoolChanged(before: RawEntry[], afterEntries: RawEntry[], poolName: string, expected: string): void {
  assert.equal(afterEntries.length, before.length);
  let seen = 0;
  for (let i = 0; i < before.length; i++) {
    const b = before[i];
    const a = afterEntries[i];
    assert.equal(a.nameHex, b.nameHex, `order/name of entry ${i}`);
    if (nameOf(b) === poolName) {
      seen++;
      assert.equal(a.method, b.method);
      assert.equal(a.time, b.time);
      assert.equal(a.date, b.date);
      assert.equal(a.extraHex, b.extraHex);
      assert.equal(a.externalAttributes, b.externalAttributes);
      assert.equal(a.flags, b.flags & ~0x8, 'only the data-descriptor flag may change');
      assert.equal(a.localHeader.fileName.toString('hex'), b.localHeader.fileName.toString('hex'));
      assert.equal(a.localHeader.extraField.toString('hex'), b.localHeader.extraField.toString('hex'));
      assert.equal(a.localHeader.lastModFileTime, b.localHeader.lastModFileTime);
      assert.equal(a.localHeader.lastModFileDate, b.localHeader.lastModFileDate);
      assert.equal(a.localHeader.crc32, a.crc, 'local header carries the CRC (no data descriptor)');
      assert.equal(a.localHeader.compressedSize, a.compressedSize);
      assert.equal(a.localHeader.uncompressedSize, a.uncompressedSize);
      const text = inflate(a);
      assert.equal(text.length, a.uncompressedSize);
      assert.equal(zlib.crc32 ? zlib.crc32(text) : a.crc, a.crc);
      assert.ok(text.equals(Buffer.from(expected, 'utf8')), 'pool entry content');
      continue;
    }
    const { rawData: ra, localHeader: la, localHeaderOffset: _oa, ...restA } = a;
    const { rawData: rb, localHeader: lb, localHeaderOffset: _ob, ...restB } = b;
    assert.deepEqual(restA, restB, `metadata of ${nameOf(b)}`);
    assert.ok(ra.equals(rb), `compressed bytes of ${nameOf(b)}`);
    assert.deepEqual({ ...la, fileDataStart: 0 }, { ...lb, fileDataStart: 0 }, `local header of ${nameOf(b)}`);
  }
  assert.equal(seen, 1);
}

function unzipTest(file: string): { ran: string[] } {
  const ran: string[] = [];
  const unzip = spawnSync('sh', ['-c', 'command -v unzip'], { encoding: 'utf8' });
  if (unzip.status === 0) {
    const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `unzip -t failed: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /No errors detected/);
    ran.push('unzip');
  }
  const py = spawnSync(
    'python3',
    ['-c', 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nbad = z.testzip()\nprint("OK %d" % len(z.infolist()) if bad is None else "BAD " + bad)', file],
    { encoding: 'utf8' },
  );
  if (py.status === 0 || ran.length === 0) {
    assert.equal(py.status, 0, `python3 zipfile failed: ${py.stderr}`);
    assert.match(py.stdout, /^OK \d+/);
    ran.push('python3');
  }
  assert.ok(ran.length > 0, 'an independent zip checker must run');
  return { ran };
}

function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

async function assertRefused(p: Promise<unknown>, code: ZipErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ZipEntryError, `expected ZipEntryError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

// Byte patching for hostile archives.
function cdRecordOffset(buf: Buffer, name: string): number {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  while (buf.readUInt32LE(p) === 0x02014b50) {
    const n = buf.readUInt16LE(p + 28);
    if (buf.subarray(p + 46, p + 46 + n).toString('latin1') === name) return p;
    p += 46 + n + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  throw new Error(`no record ${name}`);
}

function replaceAll(buf: Buffer, from: string, to: string): Buffer {
  assert.equal(Buffer.byteLength(from), Buffer.byteLength(to));
  const out = Buffer.from(buf);
  const f = Buffer.from(from, 'latin1');
  let hits = 0;
  for (let i = out.indexOf(f); i >= 0; i = out.indexOf(f, i + 1)) {
    out.write(to, i, 'latin1');
    hits++;
  }
  assert.ok(hits >= 2, 'name patched in local header and central directory');
  return out;
}

// ----------------------------------------------------------------------------------------------------------------

void describe('zip entry names', () => {
  void test('normalizeEntryName folds separators, leading slashes and case', () => {
    assert.equal(normalizeEntryName('\\dataaccess\\EGPL_DS_CONNPOOL_MAP.XML'), CONNPOOL_ZIP_ENTRY);
    assert.equal(normalizeEntryName('/dataaccess//egpl_ds_connpool_map.xml'), CONNPOOL_ZIP_ENTRY);
    assert.equal(normalizeEntryName('./dataaccess/egpl_ds_connpool_map.xml'), CONNPOOL_ZIP_ENTRY);
  });
  void test('entryNameMatcher never matches directories', () => {
    const m = entryNameMatcher('dataaccess');
    assert.equal(m('dataaccess/'), false);
    assert.equal(m('dataaccess'), true);
    assert.equal(entryNameMatcher((n) => n.startsWith('data'))('dataaccess/'), false);
  });
  void test('unsafeEntryNameReason', () => {
    assert.equal(unsafeEntryNameReason('dataaccess/egpl_ds_connpool_map.xml'), undefined);
    assert.equal(unsafeEntryNameReason('dataaccess\\x.xml'), undefined);
    assert.equal(unsafeEntryNameReason('a/..b/c'), undefined);
    assert.match(unsafeEntryNameReason('../evil') ?? '', /"\.\."/);
    assert.match(unsafeEntryNameReason('a\\..\\evil') ?? '', /"\.\."/);
    assert.match(unsafeEntryNameReason('/etc/passwd') ?? '', /absolute/);
    assert.match(unsafeEntryNameReason('\\evil') ?? '', /absolute/);
    assert.match(unsafeEntryNameReason('C:evil') ?? '', /drive letter/);
    assert.match(unsafeEntryNameReason('c:/evil') ?? '', /drive letter/);
    assert.match(unsafeEntryNameReason('') ?? '', /empty/);
    assert.match(unsafeEntryNameReason('a\0b') ?? '', /NUL/);
  });
  void test('defaultBackupSuffix', () => {
    assert.equal(defaultBackupSuffix(NOW), '.bak-20260102-030405');
  });
});

void describe('readZipEntryText', () => {
  void test('finds the pool entry whatever the spelling, keeps BOM and CRLF', async () => {
    const { zip } = place(await buildZip());
    for (const spelling of [CONNPOOL_ZIP_ENTRY, '\\dataaccess\\egpl_ds_connpool_map.xml', '/DataAccess/EGPL_DS_CONNPOOL_MAP.xml']) {
      const r = await readZipEntryText(zip, spelling);
      assert.ok(r, spelling);
      assert.equal(r.name, 'dataaccess/egpl_ds_connpool_map.xml');
      assert.equal(r.text, POOL_XML);
      assert.equal(r.hasBom, true);
      assert.equal(r.compressionMethod, 8);
      assert.equal(r.uncompressedSize, Buffer.byteLength(POOL_XML));
      assert.equal(r.index, 4);
      assert.equal(r.lastModified.getTime(), MTIME.getTime());
    }
    assert.equal(await readZipEntryText(zip, 'dataaccess/missing.xml'), undefined);
    assert.equal(await readZipEntryText(zip, 'dataaccess'), undefined, 'a directory entry is not a match');
  });

  void test('finds an entry stored with backslash separators', async () => {
    const bytes = replaceAll(await buildZip({ poolMode: 'buffer' }), 'dataaccess/egpl_ds_connpool_map.xml', 'dataaccess\\egpl_ds_connpool_map.xml');
    const { zip } = place(bytes);
    const r = await readZipEntryText(zip, CONNPOOL_ZIP_ENTRY);
    assert.equal(r?.name, 'dataaccess\\egpl_ds_connpool_map.xml');
    assert.equal(r?.text, POOL_XML);
  });
});

void describe('rewriteZipEntry', () => {
  for (const poolMode of ['stream', 'buffer', 'stored'] as const) {
    void test(`rewrites only the pool entry (${poolMode}), with a backup, and a second run is a no-op`, async () => {
      const original = await buildZip({ poolMode });
      const { dir, zip } = place(original);
      const before = await rawEntries(zip);
      const pool = before.entries.find((e) => nameOf(e) === 'dataaccess/egpl_ds_connpool_map.xml')!;
      assert.equal(!!(pool.flags & 0x8), poolMode === 'stream', 'fixture: data descriptor only for the streamed entry');

      const r = await rewriteZipEntry(zip, '\\dataaccess\\egpl_ds_connpool_map.xml', blankCredentials, { now: NOW });
      const backup = `${zip}.bak-20260102-030405`;
      assert.deepEqual(r, {
        found: true,
        changed: true,
        dryRun: false,
        entryName: 'dataaccess/egpl_ds_connpool_map.xml',
        backupPath: backup,
        oldSize: Buffer.byteLength(POOL_XML),
        newSize: Buffer.byteLength(POOL_XML_AFTER),
        leftoversRemoved: [],
      });
      assert.deepEqual(listDir(dir), ['deployment.zip', 'deployment.zip.bak-20260102-030405']);
      assert.ok(fs.readFileSync(backup).equals(original), 'backup is the original byte for byte');

      const rewritten = fs.readFileSync(zip);
      // Splice: every byte before the pool entry's local header is unchanged.
      assert.ok(rewritten.subarray(0, pool.localHeaderOffset).equals(original.subarray(0, pool.localHeaderOffset)));
      const afterRaw = await rawEntries(zip);
      assert.ok(afterRaw.comment.equals(Buffer.from('deployment archive')), 'archive comment kept');
      assertOnlyPoolChanged(before.entries, afterRaw.entries, 'dataaccess/egpl_ds_connpool_map.xml', POOL_XML_AFTER);
      const newPool = afterRaw.entries.find((e) => nameOf(e) === 'dataaccess/egpl_ds_connpool_map.xml')!;
      assert.equal(newPool.method, poolMode === 'stored' ? 0 : 8);
      assert.equal((await readZipEntryText(zip, CONNPOOL_ZIP_ENTRY))?.text, POOL_XML_AFTER);
      const { ran } = unzipTest(zip);
      assert.ok(ran.length >= 1);

      // Second run: nothing written, no new backup.
      const stat1 = fs.statSync(zip);
      const r2 = await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, { now: new Date(2026, 0, 2, 3, 9, 9) });
      assert.deepEqual(r2, {
        found: true,
        changed: false,
        dryRun: false,
        entryName: 'dataaccess/egpl_ds_connpool_map.xml',
        oldSize: Buffer.byteLength(POOL_XML_AFTER),
        newSize: Buffer.byteLength(POOL_XML_AFTER),
        leftoversRemoved: [],
      });
      assert.ok(fs.readFileSync(zip).equals(rewritten));
      assert.equal(fs.statSync(zip).mtimeMs, stat1.mtimeMs);
      assert.deepEqual(listDir(dir), ['deployment.zip', 'deployment.zip.bak-20260102-030405']);
    });
  }

  void test('the entry after a grown or shrunk pool entry keeps its bytes; offsets are shifted', async () => {
    const original = await buildZip({ poolMode: 'buffer' });
    const { zip } = place(original);
    const before = await rawEntries(zip);
    const longer = POOL_XML.replace('<!-- pools -->', '<!-- pools, with a much longer comment that does not compress away -->');
    await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, () => longer, { now: NOW });
    const afterRaw = await rawEntries(zip);
    assertOnlyPoolChanged(before.entries, afterRaw.entries, 'dataaccess/egpl_ds_connpool_map.xml', longer);
    const idx = afterRaw.entries.findIndex((e) => nameOf(e) === 'config/other.properties');
    assert.ok(afterRaw.entries[idx].localHeaderOffset > before.entries[idx].localHeaderOffset);
    unzipTest(zip);
  });

  void test('a new backup never overwrites an older one', async () => {
    const { dir, zip } = place(await buildZip());
    await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, { now: NOW });
    const first = fs.readFileSync(`${zip}.bak-20260102-030405`);
    const afterFirst = fs.readFileSync(zip);
    const r = await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, (t) => t.replace('eGActiveDB</Url>', 'eGMasterDB</Url>'), { now: NOW });
    assert.equal(r.backupPath, `${zip}.bak-20260102-030405-2`);
    assert.ok(fs.readFileSync(`${zip}.bak-20260102-030405`).equals(first));
    assert.ok(fs.readFileSync(`${zip}.bak-20260102-030405-2`).equals(afterFirst));
    const r3 = await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, (t) => t.replace('egid="1001"', 'egid="1002"'), { backupSuffix: '.orig' });
    assert.equal(r3.backupPath, `${zip}.orig`);
    assert.deepEqual(listDir(dir), ['deployment.zip', 'deployment.zip.bak-20260102-030405', 'deployment.zip.bak-20260102-030405-2', 'deployment.zip.orig']);
  });

  void test('dry run, undefined transform and missing entry write nothing', async () => {
    const original = await buildZip();
    const { dir, zip } = place(original);
    const dry = await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, { dryRun: true, now: NOW });
    assert.deepEqual(dry, {
      found: true,
      changed: true,
      dryRun: true,
      entryName: 'dataaccess/egpl_ds_connpool_map.xml',
      oldSize: Buffer.byteLength(POOL_XML),
      newSize: Buffer.byteLength(POOL_XML_AFTER),
      leftoversRemoved: [],
    });
    const undef = await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, () => undefined);
    assert.equal(undef.changed, false);
    const missing = await rewriteZipEntry(zip, 'dataaccess/nope.xml', () => 'x');
    assert.deepEqual(missing, { found: false, changed: false, dryRun: false, leftoversRemoved: [] });
    assert.ok(fs.readFileSync(zip).equals(original));
    assert.deepEqual(listDir(dir), ['deployment.zip']);
  });

  const stages: ZipRewriteStage[] = ['copy', 'entry', 'central-directory', 'fsync', 'verify', 'backup', 'backup-copied', 'rename'];
  for (const stage of stages) {
    void test(`a failure at stage "${stage}" leaves the original intact, no temp file, no backup`, async () => {
      const original = await buildZip();
      const { dir, zip } = place(original);
      const seen: ZipRewriteStage[] = [];
      let bytesAtFault = -1;
      await assert.rejects(
        rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, {
          now: NOW,
          faultInjection: (s, written) => {
            seen.push(s);
            if (s === stage) {
              bytesAtFault = written;
              throw new Error(`injected at ${s}`);
            }
          },
        }),
        new RegExp(`injected at ${stage}`),
      );
      assert.equal(seen.at(-1), stage);
      assert.ok(bytesAtFault > 0 && bytesAtFault <= original.length + 100, 'the temp file was partly or fully written');
      assert.ok(fs.readFileSync(zip).equals(original), 'original byte-identical');
      assert.deepEqual(listDir(dir), ['deployment.zip'], 'no temp file and no backup left');
    });
  }

  void test('stages run in order on success', async () => {
    const { zip } = place(await buildZip());
    const seen = new Set<ZipRewriteStage>();
    await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, { now: NOW, faultInjection: (s) => void seen.add(s) });
    assert.deepEqual([...seen], stages);
  });

  void test('a zip changed by someone else during the rewrite is not replaced', async () => {
    const { dir, zip } = place(await buildZip());
    let modified: Buffer | undefined;
    await assertRefused(
      rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, {
        now: NOW,
        faultInjection: (s) => {
          if (s !== 'verify') return;
          fs.appendFileSync(zip, 'x');
          modified = fs.readFileSync(zip);
        },
      }),
      'changed-during-rewrite',
      /changed while it was being rewritten/,
    );
    assert.ok(modified && fs.readFileSync(zip).equals(modified), 'the other writer\'s version is kept');
    assert.deepEqual(listDir(dir), ['deployment.zip']);
  });

  void test('a local header naming another file than the central directory is refused', async () => {
    const bytes = await buildZip({ poolMode: 'buffer' });
    const lho = bytes.readUInt32LE(cdRecordOffset(bytes, 'lib/stored.jar') + 42);
    bytes.write('lib/st0red.jar', lho + 30, 'latin1');
    const { zip } = place(bytes);
    await assertRefused(readZipEntryText(zip, CONNPOOL_ZIP_ENTRY), 'corrupt', /names a different file/);
  });
});

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'zip');

/** Reads the zips the way a Java runtime does (ECE is Java); undefined when no JDK is installed. */
function javaCheck(...files: string[]): string | undefined {
  if (spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).status !== 0) return undefined;
  const r = spawnSync('java', [path.join(FIXTURES, 'ZipCheck.java'), ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, `java ZipCheck failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

void describe('rewriteZipEntry on zips made by other tools', () => {
  const expected = fs.readFileSync(path.join(FIXTURES, 'pool-entry.expected.xml'));
  const checked: string[] = [];
  // Order matters: the Java test below reads checked[0] fully and checked[1] through its central directory.
  for (const fixture of ['jar-deployment.zip', 'infozip-deployment.zip', 'python-zip64-local.zip']) {
    void test(`${fixture}: only the pool entry changes, to the expected bytes`, async () => {
      const original = fs.readFileSync(path.join(FIXTURES, fixture));
      const { dir, zip } = place(original);
      const before = await rawEntries(zip);
      const read = await readZipEntryText(zip, '\\dataaccess\\egpl_ds_connpool_map.xml');
      assert.ok(read && read.text.startsWith(BOM));
      assert.ok(Buffer.from(read.text, 'utf8').equals(fs.readFileSync(path.join(FIXTURES, 'pool-entry.xml'))));
      const r = await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, { now: NOW });
      assert.equal(r.changed, true);
      assert.deepEqual(listDir(dir), ['deployment.zip', 'deployment.zip.bak-20260102-030405']);
      const afterRaw = await rawEntries(zip);
      assert.ok(afterRaw.comment.equals(before.comment));
      assertOnlyPoolChanged(before.entries, afterRaw.entries, 'dataaccess/egpl_ds_connpool_map.xml', expected.toString('utf8'));
      unzipTest(zip);
      checked.push(zip);
      const again = await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, { now: NOW });
      assert.equal(again.changed, false);
      assert.deepEqual(listDir(dir), ['deployment.zip', 'deployment.zip.bak-20260102-030405']);
    });
  }
  void test('Java reads the rewritten zips (ZipInputStream and ZipFile, CRCs checked)', () => {
    assert.equal(checked.length, 3, 'runs after the three rewrites above');
    // The Info-ZIP fixture has a stored entry with a data descriptor, which ZipInputStream refuses even in the
    // original: Java reads that one through its central directory only (as java.util.zip.ZipFile does).
    const out = javaCheck(checked[0], `cd:${checked[1]}`, checked[2]);
    assert.ok(out !== undefined, 'java (JDK 17) is needed for this check: it is on every machine of this project');
    assert.equal(out, 'OK 8\nOK 8\nOK 3\n');
  });
});

void describe('file system details', () => {
  void test('a symbolic link to the zip stays a link; the target is rewritten', { skip: process.platform === 'win32' }, async () => {
    const { dir, zip } = place(await buildZip());
    const link = path.join(dir, 'link.zip');
    fs.symlinkSync(zip, link);
    const r = await rewriteZipEntry(link, CONNPOOL_ZIP_ENTRY, blankCredentials, { now: NOW });
    assert.equal(r.backupPath, `${zip}.bak-20260102-030405`);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal((await readZipEntryText(zip, CONNPOOL_ZIP_ENTRY))?.text, POOL_XML_AFTER);
  });
  void test('the permission bits of the zip are kept', { skip: process.platform === 'win32' }, async () => {
    const { zip } = place(await buildZip());
    fs.chmodSync(zip, 0o640);
    await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, blankCredentials, { now: NOW });
    assert.equal(fs.statSync(zip).mode & 0o777, 0o640);
  });
});

void describe('refusals', () => {
  async function expectRefusal(bytes: Buffer, code: ZipErrorCode, message?: RegExp, matcher = CONNPOOL_ZIP_ENTRY): Promise<void> {
    const { dir, zip } = place(bytes);
    await assertRefused(readZipEntryText(zip, matcher), code, message);
    await assertRefused(rewriteZipEntry(zip, matcher, blankCredentials, { now: NOW }), code, message);
    assert.ok(fs.readFileSync(zip).equals(bytes));
    assert.deepEqual(listDir(dir), ['deployment.zip']);
  }
  const withEvil = (z: yazl.ZipFile): void => z.addBuffer(Buffer.from('boom'), 'aa/evil', { mtime: MTIME });

  void test('an entry climbing out with ../ is refused', async () => {
    await expectRefusal(replaceAll(await buildZip({ extra: withEvil }), 'aa/evil', '../evil'), 'unsafe-entry-name', /"\.\.\/evil"/);
  });
  void test('a backslash ..\\ entry is refused', async () => {
    await expectRefusal(replaceAll(await buildZip({ extra: withEvil }), 'aa/evil', '..\\evil'), 'unsafe-entry-name', /climbs out/);
  });
  void test('absolute and drive-letter entries are refused', async () => {
    await expectRefusal(replaceAll(await buildZip({ extra: withEvil }), 'aa/evil', '/a/evil'), 'unsafe-entry-name', /absolute/);
    await expectRefusal(replaceAll(await buildZip({ extra: withEvil }), 'aa/evil', 'C:/evil'), 'unsafe-entry-name', /drive letter/);
  });
  void test('an absurd declared size is refused before decompressing', async () => {
    const bytes = await buildZip({ poolMode: 'buffer' });
    bytes.writeUInt32LE(0x7fffffff, cdRecordOffset(bytes, 'dataaccess/egpl_ds_connpool_map.xml') + 24);
    await expectRefusal(bytes, 'entry-too-large', /claims 2147483647 bytes/);
  });
  void test('maxEntrySize is honoured', async () => {
    const { zip } = place(await buildZip());
    await assertRefused(readZipEntryText(zip, CONNPOOL_ZIP_ENTRY, { maxEntrySize: 100 }), 'entry-too-large');
  });
  void test('a compression-ratio bomb is refused', async () => {
    const bytes = await buildZip({ poolMode: 'buffer', poolContent: Buffer.alloc(8 * 1024 * 1024, 0x20) });
    await expectRefusal(bytes, 'suspicious-compression-ratio', /zip bomb/);
  });
  void test('a lying uncompressed size is caught while inflating', async () => {
    const bytes = await buildZip({ poolMode: 'buffer' });
    bytes.writeUInt32LE(100, cdRecordOffset(bytes, 'dataaccess/egpl_ds_connpool_map.xml') + 24);
    await expectRefusal(bytes, 'corrupt');
  });
  void test('an encrypted pool entry is refused', async () => {
    const bytes = await buildZip({ poolMode: 'buffer' });
    const cd = cdRecordOffset(bytes, 'dataaccess/egpl_ds_connpool_map.xml');
    bytes.writeUInt16LE(bytes.readUInt16LE(cd + 8) | 1, cd + 8);
    const lho = bytes.readUInt32LE(cd + 42);
    bytes.writeUInt16LE(bytes.readUInt16LE(lho + 6) | 1, lho + 6);
    await expectRefusal(bytes, 'encrypted-entry', /encrypted/);
  });
  void test('ZIP64 archives are refused', async () => {
    await expectRefusal(await buildZip({ poolMode: 'buffer', forceZip64: true }), 'zip64');
  });
  void test('a pool entry with a ZIP64 local header is refused (other entries may have one)', async () => {
    await expectRefusal(fs.readFileSync(path.join(FIXTURES, 'python-zip64-pool.zip')), 'zip64', /ZIP64/);
  });
  void test('overlapping entries are refused', async () => {
    // A second central directory record pointing at the same local header (the trick of overlapping zip bombs).
    const zipBytes = await buildZip({ poolMode: 'buffer' });
    const a = cdRecordOffset(zipBytes, 'lib/stored.jar');
    const recLen = 46 + zipBytes.readUInt16LE(a + 28) + zipBytes.readUInt16LE(a + 30) + zipBytes.readUInt16LE(a + 32);
    const eocdAt = zipBytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const eocd = Buffer.from(zipBytes.subarray(eocdAt));
    eocd.writeUInt16LE(eocd.readUInt16LE(8) + 1, 8);
    eocd.writeUInt16LE(eocd.readUInt16LE(10) + 1, 10);
    eocd.writeUInt32LE(eocd.readUInt32LE(12) + recLen, 12);
    const bytes = Buffer.concat([zipBytes.subarray(0, eocdAt), zipBytes.subarray(a, a + recLen), eocd]);
    await expectRefusal(bytes, 'overlapping-entries', /"lib\/stored.jar" and "lib\/stored.jar" overlap/);
  });
  void test('two entries matching the same name are refused', async () => {
    const bytes = await buildZip({ poolMode: 'buffer', extra: (z) => z.addBuffer(Buffer.from('<x/>'), 'DataAccess/egpl_ds_connpool_map.xml', { mtime: MTIME }) });
    await expectRefusal(bytes, 'ambiguous-entry', /Two entries match/);
  });
  void test('a pool entry that is not UTF-8 is refused', async () => {
    await expectRefusal(await buildZip({ poolMode: 'buffer', poolContent: Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]) }), 'not-utf8');
  });
  void test('a file that is not a zip is refused', async () => {
    await expectRefusal(Buffer.from('not a zip at all, just text\n'.repeat(10)), 'corrupt', /not a zip/);
  });
});
