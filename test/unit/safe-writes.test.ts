/**
 * Writes that never lose a byte: encodings round-trip or are refused, symbolic links are written through, read-only
 * files are respected, a conversion checks every target before it changes anything, and a process killed in the middle
 * of a zip rewrite leaves nothing that looks real (the next run cleans up and says so).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeBytes, encodeText, rewriteTextFile, type Encoding } from '../../server/src/node/textFile';
import { removeLeftovers } from '../../server/src/node/leftovers';
import { convertWindowsAuth } from '../../server/src/node/convertWindowsAuth';
import { CONNPOOL_ZIP_ENTRY, rewriteZipEntry } from '../../server/src/node/zip';
import { windowsAuthPoolText } from '../../server/src/service/kinds/connpool/convert';
import { main } from '../../server/src/cli';

const REPO = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(REPO, 'examples', 'ece-home');
const RDB_REL = 'ReportsDB Utility (SQL Server Always On)/reportsdb_utility.properties';
const ZIP_REL = 'service/lib/deployment.zip';

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ece-${prefix}-`));
}

const quiet = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
};

/** A reportsdb file whose only fixable mistake is one unescaped backslash (C:\ECE). */
const RDB = 'EGAIN_HOME_DIR=C:\\ECE\r\nIS_WINDOWS_AUTHENTICATION=true\r\nREPORTS_DB_SERVER_NAME=r.example.com\r\nREPORTS_DB_NAME=R\r\nACT_DB_SERVER_NAME=a.example.com\r\nACT_DB_NAME=A\r\n';
const RDB_FIXED = RDB.replace('C:\\ECE', 'C:\\\\ECE');

void describe('encodings', () => {
  void test('decode then encode gives the same bytes for every encoding we write (UTF-16 with and without BOM too)', () => {
    const text = 'K=C:\\\\ECE \u00e9\u4e2d\ud83d\ude00\r\nL=x\r\n';
    const cases: Array<[Encoding, Buffer]> = [
      ['utf8', Buffer.from(text, 'utf8')],
      ['utf8', Buffer.from('\uFEFF' + text, 'utf8')],
      ['utf16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
      ['utf16le-nobom', Buffer.from(text, 'utf16le')],
      ['utf16be-nobom', Buffer.from(text, 'utf16le').swap16()],
      ['latin1', Buffer.from([0x4b, 0x3d, 0xe9, 0xff, 0x80, 0x0d, 0x0a])],
    ];
    for (const [enc, bytes] of cases) {
      const d = decodeBytes(bytes);
      assert.equal(d.encoding, enc, `${enc}: detected`);
      assert.equal(d.exact, true, enc);
      assert.equal(d.binary, false, enc);
      assert.ok(encodeText(d.text, d.encoding).equals(bytes), `${enc}: round trip`);
      assert.equal(d.text.replace(/^\uFEFF/, ''), enc === 'latin1' ? 'K=\u00e9\u00ff\u0080\r\n' : text, enc);
    }
    // And the other way: encode then decode gives the text back, in the same encoding.
    for (const enc of ['utf8', 'utf16le', 'utf16be'] as const) {
      const bytes = encodeText(text, enc);
      const d = decodeBytes(bytes);
      assert.equal(d.encoding, enc, `${enc}: detected after encoding`);
      assert.equal(d.text.replace(/^\uFEFF/, ''), text, `${enc}: text back`);
    }
  });

  void test('a UTF-16 file of odd length does not round-trip: it can be read, but never written', async () => {
    const dir = tmp('odd');
    const f = path.join(dir, 'reportsdb_utility.properties');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RDB, 'utf16le'), Buffer.from([0x41])]);
    fs.writeFileSync(f, bytes);
    const d = decodeBytes(bytes);
    assert.equal(d.exact, false);
    await assert.rejects(rewriteTextFile(f, d, d.text.replace('C:\\ECE', 'C:\\\\ECE')), /would not come back unchanged/);
    const r = await quiet(['check', '--fix', dir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /would not come back unchanged/);
    assert.ok(fs.readFileSync(f).equals(bytes), 'not a byte changed');
  });

  void test('UTF-16 with a BOM: the mark is the encoding\'s, not a UTF-8 mark Java reads into a key (no properties/byte-order-mark); --fix keeps it', async () => {
    const dir = tmp('bom16');
    const f = path.join(dir, 'reportsdb_utility.properties');
    const le = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
    fs.writeFileSync(f, le(RDB));
    const r = await quiet(['check', '--format', 'json', dir]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /properties\/unknown-escape/);
    assert.doesNotMatch(r.out, /byte-order-mark/);
    assert.equal(decodeBytes(le(RDB)).text, RDB);
    assert.equal((await quiet(['check', '--fix', dir])).code, 0);
    assert.ok(fs.readFileSync(f).equals(le(RDB_FIXED)));
    // A U+FEFF right after the mark is text (a second mark written by a tool): kept through decode and encode.
    const twice = le('\uFEFF' + RDB);
    assert.equal(decodeBytes(twice).exact, true);
    assert.ok(encodeText(decodeBytes(twice).text, 'utf16le').equals(twice));
  });

  void test('UTF-16 without a BOM is read, checked and fixed, and stays UTF-16 without a BOM', async () => {
    const dir = tmp('nobom');
    const f = path.join(dir, 'reportsdb_utility.properties');
    fs.writeFileSync(f, Buffer.from(RDB, 'utf16le'));
    const r = await quiet(['check', '--format', 'json', dir]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /properties\/unknown-escape/);
    assert.equal((await quiet(['check', '--fix', dir])).code, 0);
    assert.ok(fs.readFileSync(f).equals(Buffer.from(RDB_FIXED, 'utf16le')));
  });

  void test('a file with NUL bytes that is not UTF-16 is reported, never skipped in silence', async () => {
    const dir = tmp('bin');
    fs.writeFileSync(path.join(dir, 'reportsdb_utility.properties'), Buffer.from([0x4b, 0x3d, 0x00, 0x01, 0x02, 0x00, 0x00, 0x07, 0x41]));
    const r = await quiet(['check', dir]);
    assert.notEqual(r.code, 0);
    assert.match(r.err + r.out, /reportsdb_utility\.properties/);
    assert.match(r.err + r.out, /binary/);
  });
});

void describe('links and read-only files', () => {
  void test('--fix through a symbolic link writes the target and keeps the link', async () => {
    const dir = tmp('link');
    const real = path.join(dir, 'real');
    fs.mkdirSync(real);
    const target = path.join(real, 'reportsdb_utility.properties');
    fs.writeFileSync(target, RDB);
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    const link = path.join(home, 'reportsdb_utility.properties');
    fs.symlinkSync(target, link);
    assert.equal((await quiet(['check', '--fix', home])).code, 0);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'still a link');
    assert.equal(fs.readlinkSync(link), target);
    assert.equal(fs.readFileSync(target, 'utf8'), RDB_FIXED);
    assert.deepEqual(fs.readdirSync(real), ['reportsdb_utility.properties'], 'no temporary file left beside the target');
  });

  void test('--fix refuses a read-only file (even as root) and says so; the file keeps its bytes and mode', async () => {
    const dir = tmp('ro');
    const f = path.join(dir, 'reportsdb_utility.properties');
    fs.writeFileSync(f, RDB);
    fs.chmodSync(f, 0o444);
    const r = await quiet(['check', '--fix', dir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /read-only/);
    assert.equal(fs.readFileSync(f, 'utf8'), RDB);
    assert.equal(fs.statSync(f).mode & 0o777, 0o444);
  });

  void test('the conversion changes nothing when one target (a read-only deployment.zip) cannot be written', async () => {
    const home = tmp('conv-ro');
    fs.cpSync(EXAMPLE, home, { recursive: true });
    const zip = path.join(home, ZIP_REL);
    fs.chmodSync(zip, 0o444);
    const before = new Map(['eService/installation/dataaccess/egpl_ds_connpool_map.xml', RDB_REL, ZIP_REL].map((r) => [r, fs.readFileSync(path.join(home, r))]));
    const report = await convertWindowsAuth(home);
    assert.equal(report.ok, false);
    assert.ok(report.notes.some((n) => /Nothing was changed/.test(n) && n.includes('deployment.zip')), report.notes.join('\n'));
    for (const [rel, bytes] of before) assert.ok(fs.readFileSync(path.join(home, rel)).equals(bytes), `${rel} unchanged`);
    assert.equal(report.files.every((f) => !f.written), true);
  });
});

void describe('huge fixes', () => {
  void test('check --fix on a value with 150,000 unescaped backslashes fixes them all (no stack overflow) and loads as meant', async () => {
    const dir = tmp('esc');
    const f = path.join(dir, 'reportsdb_utility.properties');
    fs.writeFileSync(f, 'EGAIN_HOME_DIR=C:' + '\\a'.repeat(150_000) + '\r\n' + RDB.slice(RDB.indexOf('IS_WINDOWS')));
    const r = await quiet(['check', '--fix', dir]);
    assert.doesNotMatch(r.err, /internal error|RangeError/);
    assert.equal(fs.readFileSync(f, 'utf8').split('\r\n')[0], 'EGAIN_HOME_DIR=C:' + '\\\\a'.repeat(150_000));
  });
});

void describe('interrupted writes', () => {
  void test('leftover temporary files of dead processes are removed and reported; those of live ones are kept', async () => {
    const dir = tmp('left');
    const f = path.join(dir, 'reportsdb_utility.properties');
    fs.writeFileSync(f, RDB);
    const dead = path.join(dir, '.reportsdb_utility.properties.ece-tmp-999999999-abc123');
    const mine = path.join(dir, `.reportsdb_utility.properties.ece-tmp-${process.pid}-abc123`);
    const other = path.join(dir, '.other.properties.ece-tmp-999999999-abc123');
    for (const p of [dead, mine, other]) fs.writeFileSync(p, 'partial');
    assert.deepEqual(await removeLeftovers(f), [dead]);
    assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(other), path.basename(mine), 'reportsdb_utility.properties'].sort());
  });

  for (const stage of ['copy', 'backup-copied'] as const) {
    void test(`kill -9 during a zip rewrite (at "${stage}"): the zip is untouched, no file looks like a backup; the next run cleans up and converts`, async () => {
      const dir = tmp(`kill-${stage}`);
      const zip = path.join(dir, 'deployment.zip');
      fs.copyFileSync(path.join(EXAMPLE, ZIP_REL), zip);
      const original = fs.readFileSync(zip);
      const script = path.join(dir, 'child.ts');
      fs.writeFileSync(
        script,
        `import { rewriteZipEntry, CONNPOOL_ZIP_ENTRY } from ${JSON.stringify(path.join(REPO, 'server/src/node/zip'))};\n` +
          `import { windowsAuthPoolText } from ${JSON.stringify(path.join(REPO, 'server/src/service/kinds/connpool/convert'))};\n` +
          `const hold = new Int32Array(new SharedArrayBuffer(4));\n` +
          `void rewriteZipEntry(${JSON.stringify(zip)}, CONNPOOL_ZIP_ENTRY, windowsAuthPoolText, { faultInjection: (s, n) => {\n` +
          `  if (s === ${JSON.stringify(stage)} && (s !== 'copy' || n > 0)) { process.stdout.write('ready\\n'); Atomics.wait(hold, 0, 0, 60000); }\n` +
          `} });\n`,
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          if (String(c).includes('ready')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
      });
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGKILL');
      await exited;
      assert.ok(fs.readFileSync(zip).equals(original), 'the zip is the original');
      const names = fs.readdirSync(dir).filter((n) => n !== 'child.ts');
      assert.ok(!names.some((n) => /^deployment\.zip\.bak/.test(n)), `nothing named like a backup: ${names.join(', ')}`);
      assert.ok(names.some((n) => n.startsWith('.deployment.zip.ece-')), `the partial file is a temporary one: ${names.join(', ')}`);
      const r = await rewriteZipEntry(zip, CONNPOOL_ZIP_ENTRY, windowsAuthPoolText, { backupSuffix: '.bak' });
      assert.ok(r.leftoversRemoved.length >= 1);
      assert.equal(r.changed, true);
      assert.deepEqual(fs.readdirSync(dir).filter((n) => n !== 'child.ts').sort(), ['deployment.zip', 'deployment.zip.bak']);
      assert.ok(fs.readFileSync(path.join(dir, 'deployment.zip.bak')).equals(original), 'the backup is complete');
    });
  }
});

void describe('decoding at the edges of each encoding test (mutation survivors)', () => {
  const dec = (bytes: number[] | Buffer) => {
    const d = decodeBytes(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
    return [d.text, d.encoding, d.binary, d.exact];
  };
  const le = (s: string) => [...Buffer.from(s, 'utf16le')];

  void test('a byte order mark needs both of its bytes; a mark alone is an empty UTF-16 file (the mark is the encoding\'s, not text)', () => {
    assert.deepEqual(dec([0x41, 0xfe, 0x42]), ['A\u00feB', 'latin1', false, true]);
    assert.deepEqual(dec([0xff, 0x41]), ['\u00ffA', 'latin1', false, true]);
    assert.deepEqual(dec([0x41, 0xff]), ['A\u00ff', 'latin1', false, true]);
    assert.deepEqual(dec([0xfe, 0x41]), ['\u00feA', 'latin1', false, true]);
    assert.deepEqual(dec([0xff, 0xfe]), ['', 'utf16le', false, true]);
    assert.deepEqual(dec([0xfe, 0xff]), ['', 'utf16be', false, true]);
  });

  void test('a mark followed by bytes that are not UTF-16: read leniently (LE) or not as UTF-16 at all (BE), never exact', () => {
    assert.deepEqual(dec([0xff, 0xfe, 0x41, 0x00, 0x42]), ['A', 'utf16le', false, false]);
    assert.deepEqual(dec([0xfe, 0xff, 0xd8, 0x00, 0x00, 0x41]), ['\u00fe\u00ff\u00d8\u0000\u0000A', 'latin1', true, true]);
  });

  void test('UTF-16 without a mark: at least 4 bytes, an even length, 40 % zeros on one side and at most 5 % on the other', () => {
    assert.deepEqual(dec(le('ab')), ['ab', 'utf16le-nobom', false, true]);
    assert.deepEqual(dec(Buffer.from('ab', 'utf16le').swap16()), ['ab', 'utf16be-nobom', false, true]);
    assert.deepEqual(dec([0x61, 0x00]), ['a\u0000', 'utf8', true, true], 'two bytes are too few');
    assert.deepEqual(dec([0x61, 0x00, 0x62, 0x00, 0x63]), ['a\u0000b\u0000c', 'utf8', true, true], 'odd length');
    // exactly 40 % (2 of 5 pairs) with the zeros in the last pairs: still UTF-16
    assert.deepEqual(dec(le('\u4e2d\u4e2d\u4e2dab')), ['\u4e2d\u4e2d\u4e2dab', 'utf16le-nobom', false, true]);
    assert.deepEqual(dec(Buffer.from('\u4e2d\u4e2d\u4e2dab', 'utf16le').swap16()), ['\u4e2d\u4e2d\u4e2dab', 'utf16be-nobom', false, true]);
    // exactly 5 % on the other side (1 of 20 pairs) is still UTF-16; zeros on both sides are not
    assert.deepEqual(dec(le('a'.repeat(19) + '\u6100')), ['a'.repeat(19) + '\u6100', 'utf16le-nobom', false, true]);
    const both = [...le('aaaaa'), ...Buffer.from('aaaaa', 'utf16le').swap16()];
    assert.deepEqual(dec(both)[1], 'utf8');
    assert.deepEqual(dec(Buffer.from(both).swap16())[1], 'utf8');
    assert.deepEqual(dec(Buffer.from('a'.repeat(19) + '\u6100', 'utf16le').swap16())[1], 'utf16be-nobom');
    // a lone surrogate: not UTF-16 after all, read as Latin-1
    assert.deepEqual(dec([...le('a'.repeat(19)), 0x00, 0xd8]).slice(1, 3), ['latin1', true]);
    // a second U+FEFF right after the mark is text, kept
    assert.deepEqual(dec([0xff, 0xfe, 0xff, 0xfe, 0x61, 0x00]), ['\uFEFFa', 'utf16le', false, true]);
    // a NUL character in what would be UTF-16 text: not taken as UTF-16
    assert.deepEqual(dec([...le('a'.repeat(20)), 0, 0]).slice(1, 3), ['utf8', true]);
  });

  void test('encoding: the mark is written once, before the text; a U+FEFF in the text is text', () => {
    assert.deepEqual([...encodeText('a\uFEFF', 'utf16le')], [0xff, 0xfe, 0x61, 0x00, 0xff, 0xfe]);
    assert.deepEqual([...encodeText('\uFEFFa', 'utf16be')], [0xfe, 0xff, 0xfe, 0xff, 0x00, 0x61]);
    assert.deepEqual([...encodeText('a', 'utf16le-nobom')], [0x61, 0x00]);
  });

  void test('a rewrite refuses a file whose encoding changed even if its text did not, and keeps the mode exactly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-textfile-'));
    try {
      const f = path.join(dir, 'input.properties');
      fs.writeFileSync(f, 'k=v\n');
      await assert.rejects(rewriteTextFile(f, { text: 'k=v\n', encoding: 'latin1' }, 'k=w\n'), /changed since it was read/);
      await assert.rejects(rewriteTextFile(f, { text: 'k=x\n', encoding: 'utf8' }, 'k=w\n'), /changed since it was read/);
      assert.equal(fs.readFileSync(f, 'utf8'), 'k=v\n');
      fs.chmodSync(f, 0o666);
      await rewriteTextFile(f, { text: 'k=v\n', encoding: 'utf8' }, 'k=w\n');
      assert.equal(fs.readFileSync(f, 'utf8'), 'k=w\n');
      assert.equal(fs.statSync(f).mode & 0o777, 0o666);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
