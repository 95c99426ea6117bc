/**
 * Reading and writing text files without ever losing a byte: UTF-8 (with or without BOM), UTF-16 with a
 * BOM (Notepad's "Unicode"), and anything else as Latin-1, which maps every byte to one character and back.
 * Writes are atomic: a temporary file in the same folder, then a rename over the original.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'latin1';

export interface TextFile {
  text: string;
  encoding: Encoding;
  /** True when the bytes contain NUL characters outside UTF-16: probably not a text file. */
  binary: boolean;
}

export function decodeBytes(buf: Buffer): TextFile {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: '\uFEFF' + buf.subarray(2).toString('utf16le'), encoding: 'utf16le', binary: false };
  if (buf.length >= 2 && buf.length % 2 === 0 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return { text: '\uFEFF' + swapped.toString('utf16le'), encoding: 'utf16be', binary: false };
  }
  const binary = buf.subarray(0, 8192).includes(0);
  try {
    // `ignoreBOM: true` keeps a UTF-8 BOM as U+FEFF in the text, so offsets match the file and it is written back.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf), encoding: 'utf8', binary };
  } catch {
    return { text: buf.toString('latin1'), encoding: 'latin1', binary };
  }
}

export function encodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/^\uFEFF/, ''), 'utf16le')]);
    case 'utf16be': {
      const b = Buffer.from(text.replace(/^\uFEFF/, ''), 'utf16le');
      b.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
    }
  }
}

export async function readTextFile(file: string): Promise<TextFile> {
  return decodeBytes(await fs.readFile(file));
}

/** Replaces a file's content atomically (same folder temp file, fsync, rename); keeps its mode. */
export async function writeFileAtomic(file: string, data: Buffer): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.ece-tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(file)).mode & 0o7777;
  } catch {
    /* new file */
  }
  const h = await fs.open(tmp, 'wx', mode ?? 0o644);
  try {
    await h.writeFile(data);
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
