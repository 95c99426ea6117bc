/**
 * Zip archives for the conversion fuzzer: built with yazl (fixed timestamps, stored and deflated entries), and read back
 * raw with yauzl (names, CRCs, sizes, times and the compressed bytes as they are in the file), so "every other entry
 * byte-identical" is checked without the product's own zip code.
 */
import * as zlib from 'node:zlib';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';

export interface ZipInput {
  name: string;
  data: Buffer;
  compress: boolean;
  mtime: Date;
}

export async function buildZip(entries: readonly ZipInput[]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const e of entries) z.addBuffer(e.data, e.name, { mtime: e.mtime, compress: e.compress });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve());
    z.outputStream.on('error', reject);
  });
  z.end();
  await done;
  return Buffer.concat(chunks);
}

export interface RawZipEntry {
  name: string;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  flags: number;
  /** The compressed bytes as stored. */
  raw: Buffer;
}

export async function rawZipEntries(file: string): Promise<RawZipEntry[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out: RawZipEntry[] = [];
  try {
    for await (const e of zip.eachEntry()) {
      const s = await zip.openReadStreamPromise(e, { decodeFileData: false });
      const parts: Buffer[] = [];
      for await (const c of s) parts.push(c as Buffer);
      out.push({
        name: e.fileName,
        method: e.compressionMethod,
        time: e.lastModFileTime,
        date: e.lastModFileDate,
        crc: e.crc32,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
        flags: e.generalPurposeBitFlag,
        raw: Buffer.concat(parts),
      });
    }
  } finally {
    zip.close();
  }
  return out;
}

/** The content of an entry read raw. */
export function inflated(e: RawZipEntry): Buffer {
  return e.method === 8 ? zlib.inflateRawSync(e.raw) : e.raw;
}
