/**
 * Reading and writing text files without ever losing a byte: UTF-8 (with or without BOM), UTF-16 with a BOM
 * (Notepad's "Unicode") or without one (recognised by its zero bytes), and anything else as Latin-1, which maps every
 * byte to one character and back.
 *
 * A UTF-8 byte-order mark stays in the text as U+FEFF (offsets then match the file, and `properties/byte-order-mark`
 * sees it: Java reads it as part of the first key). A UTF-16 byte-order mark is the encoding's, not text: the text
 * starts after it, as in an editor, and `encodeText` writes it back.
 *
 * Writes (`rewriteTextFile`) are refused unless they can be exact: the file must still hold what was read, its bytes
 * must come back identical from decode → encode (an odd-length UTF-16 file does not), and it must not be read-only.
 * They go through a symbolic link to its target, and are atomic: a temporary file in the target's folder, fsync,
 * then a rename over the target (see `leftovers.ts` for what an interrupted write leaves).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { removeLeftovers, tempPathFor } from './leftovers';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf16le-nobom' | 'utf16be-nobom' | 'latin1';

export interface TextFile {
  text: string;
  encoding: Encoding;
  /** True when the bytes contain NUL characters outside UTF-16: probably not a text file. */
  binary: boolean;
  /** True when `encodeText(text, encoding)` gives back exactly these bytes (a write can keep every other byte). */
  exact: boolean;
}

/** UTF-16 without a byte-order mark: ASCII-heavy text then has a zero byte in every other position. */
function utf16WithoutBom(buf: Buffer): 'utf16le-nobom' | 'utf16be-nobom' | undefined {
  const n = Math.min(buf.length, 8192) & ~1;
  if (n < 4 || buf.length % 2 !== 0) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) zeroEven++;
    if (buf[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= pairs * 0.4 && zeroEven <= pairs * 0.05) return 'utf16le-nobom';
  if (zeroEven >= pairs * 0.4 && zeroOdd <= pairs * 0.05) return 'utf16be-nobom';
  return undefined;
}

function decodeUtf16(buf: Buffer, littleEndian: boolean): string | undefined {
  try {
    return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return undefined;
  }
}

export function decodeBytes(buf: Buffer): TextFile {
  const result = (text: string, encoding: Encoding, binary: boolean): TextFile => ({ text, encoding, binary, exact: encodeText(text, encoding).equals(buf) });
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    // An odd length cannot be UTF-16: decoded leniently for reading, `exact` is then false and no write is made.
    return result(decodeUtf16(buf.subarray(2), true) ?? buf.subarray(2).toString('utf16le'), 'utf16le', false);
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const body = decodeUtf16(buf.subarray(2), false);
    if (body !== undefined) return result(body, 'utf16be', false);
  }
  const noBom = utf16WithoutBom(buf);
  if (noBom) {
    const t = decodeUtf16(buf, noBom === 'utf16le-nobom');
    if (t !== undefined && !t.includes('\0')) return result(t, noBom, false);
  }
  const binary = buf.subarray(0, 8192).includes(0);
  try {
    // `ignoreBOM: true` keeps a UTF-8 BOM as U+FEFF in the text, so offsets match the file and it is written back.
    return result(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf), 'utf8', binary);
  } catch {
    return result(buf.toString('latin1'), 'latin1', binary);
  }
}

function utf16(text: string, bigEndian: boolean): Buffer {
  const b = Buffer.from(text, 'utf16le');
  if (bigEndian) b.swap16();
  return b;
}

export function encodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(text, false)]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(text, true)]);
    case 'utf16le-nobom':
      return utf16(text, false);
    case 'utf16be-nobom':
      return utf16(text, true);
  }
}

/** Why a file cannot be rewritten in place, or undefined when it can: read-only, or its folder not writable. */
export async function whyNotWritable(file: string): Promise<string | undefined> {
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch (e) {
    return `cannot be opened: ${(e as Error).message}`;
  }
  try {
    const st = await fs.stat(real);
    // Checked on the mode bits, not with access(): a root process may write anything, but a read-only file is a
    // statement by its owner that it must not change.
    if ((st.mode & 0o222) === 0) return 'is read-only (clear the read-only attribute to allow the change)';
    await fs.access(real, fs.constants.W_OK);
    await fs.access(path.dirname(real), fs.constants.W_OK);
  } catch (e) {
    return `cannot be written: ${(e as Error).message}`;
  }
  return undefined;
}

export interface RewriteResult {
  /** The file that was written (the target of a symbolic link). */
  path: string;
  /** Temporary files of an earlier, interrupted write that were removed first. */
  leftoversRemoved: string[];
}

/**
 * Replaces the text of a file that was read as `expected` with `newText`, in the same encoding, keeping its mode.
 * Refuses (throws, writing nothing) when the file changed since it was read, when its bytes would not survive the
 * round trip, or when it is read-only.
 */
export async function rewriteTextFile(file: string, expected: { text: string; encoding: Encoding }, newText: string): Promise<RewriteResult> {
  const real = await fs.realpath(file);
  const bytes = await fs.readFile(real);
  const now = decodeBytes(bytes);
  if (now.text !== expected.text || now.encoding !== expected.encoding) throw new Error('the file changed since it was read; it was not written');
  if (!now.exact) throw new Error(`its bytes would not come back unchanged from ${expected.encoding} (e.g. an odd number of bytes in a UTF-16 file); it was not written`);
  const why = await whyNotWritable(real);
  if (why) throw new Error(`it ${why}; it was not written`);
  const leftoversRemoved = await removeLeftovers(real);
  await writeFileAtomic(real, encodeText(newText, expected.encoding));
  return { path: real, leftoversRemoved };
}

/** Replaces a file's content atomically (same folder temp file, fsync, rename); keeps its mode. Follows links. */
async function writeFileAtomic(file: string, data: Buffer): Promise<void> {
  let target = file;
  let mode: number | undefined;
  try {
    target = await fs.realpath(file);
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch {
    /* new file */
  }
  const tmp = tempPathFor(target, 'tmp');
  const h = await fs.open(tmp, 'wx', mode ?? 0o644);
  try {
    await h.writeFile(data);
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    if (mode !== undefined) await fs.chmod(tmp, mode);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
