/**
 * Reads and rewrites ONE entry of a zip file in place, keeping every other entry byte for byte. Written for ECE's
 * `service\lib\deployment.zip`, whose `dataaccess/egpl_ds_connpool_map.xml` must receive the same edits as the
 * pool file on disk.
 *
 * Library choice. Reading uses yauzl (well kept, validates names, sizes and bounds, can hand out raw data and
 * inflates with a byte-count check). Writing does NOT use yazl: yazl only adds entries from uncompressed data
 * (`addBuffer`, `addReadStream`, `addFile` always deflate or store again), writes its own local headers, extra
 * fields (extended timestamp) and data descriptors, and has no way to add already-compressed data, so a zip written
 * with it would change every entry. The other npm writers (archiver/zip-stream, adm-zip, jszip) also recompress or
 * re-serialise the whole archive. So the writer here is our own, and it is a splice of the original file:
 *
 *   [0, local header of the target)            copied verbatim (every entry before it, any leading stub)
 *   new local header + new data of the target  same name, extra field, flags (minus bit 3), method, DOS time/date
 *   [end of old target data (+descriptor), central directory)   copied verbatim
 *   central directory                          every record copied verbatim; only the "local header offset" of
 *                                              the entries stored after the target is shifted, and the target's
 *                                              record gets its new CRC, sizes and flags (minus bit 3)
 *   [end of central directory, end record)     copied verbatim (normally empty)
 *   end of central directory record            same counts, size and comment; new central directory offset
 *
 * Every other entry therefore keeps its local header, extra fields, compressed bytes, data descriptor, CRC, name,
 * comment, attributes and position (both in the file and in the central directory). The target is deflated again
 * (or stored, if it was stored) and keeps its name, timestamp and position.
 *
 * ZIP64 is refused with a clear error (`code: 'zip64'`): deployment.zip is far below 4 GB and 65535 entries, and
 * refusing keeps the writer small and easy to check. Multi-disk archives are refused by yauzl.
 *
 * Safety: any entry whose name would escape an extraction folder (`..` segment, absolute path, drive letter) makes
 * the whole archive refused; so do overlapping entries (a zip-bomb technique), an encrypted target, a target
 * whose declared size is absurd or whose compression ratio looks like a bomb, and a target that is not UTF-8.
 * The new archive is written to a temporary file in the same folder, fsynced, re-read and checked, then the
 * original is copied to a backup (never overwriting one), then the temporary file is renamed over the original.
 * On any failure the original is untouched, the temporary file is deleted and no backup is left behind.
 */
import { constants as fsConstants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { removeLeftovers, tempPathFor } from '../leftovers';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import * as yauzl from 'yauzl';
import { crc32 } from './crc32';
import { entryNameMatcher, unsafeEntryNameReason, type ZipEntryMatcher } from './entryNames';

export type ZipErrorCode =
  | 'unsafe-entry-name'
  | 'entry-too-large'
  | 'suspicious-compression-ratio'
  | 'encrypted-entry'
  | 'unsupported-compression'
  | 'zip64'
  | 'ambiguous-entry'
  | 'not-utf8'
  | 'overlapping-entries'
  | 'corrupt'
  | 'changed-during-rewrite'
  | 'read-only'
  | 'verify-failed';

/** A refusal or an integrity problem found in the archive; `code` is stable, the message is for the admin. */
export class ZipEntryError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ZipEntryError';
  }
}

export interface ZipLimits {
  /** Largest uncompressed size accepted for the entry that gets decompressed. Default 64 MiB. */
  maxEntrySize?: number;
  /** Largest uncompressed/compressed ratio accepted for that entry once it is over 1 MiB. Default 200. */
  maxCompressionRatio?: number;
}

export const DEFAULT_MAX_ENTRY_SIZE = 64 * 1024 * 1024;
export const DEFAULT_MAX_COMPRESSION_RATIO = 200;
const RATIO_CHECK_THRESHOLD = 1024 * 1024;

export interface ZipEntryText {
  /** The entry name as stored (decoded), e.g. `dataaccess/egpl_ds_connpool_map.xml`. */
  name: string;
  /** The content decoded as UTF-8; a BOM is kept as U+FEFF at offset 0 (offsets match the bytes on disk). */
  text: string;
  hasBom: boolean;
  /** 0 = stored, 8 = deflated. */
  compressionMethod: 0 | 8;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** The entry's DOS timestamp read as local time. */
  lastModified: Date;
  /** Position of the entry in the central directory (0-based). */
  index: number;
}

/** Points where {@link RewriteZipEntryOptions.faultInjection} is called, in this order. */
export type ZipRewriteStage = 'copy' | 'entry' | 'central-directory' | 'fsync' | 'verify' | 'backup' | 'backup-copied' | 'rename';

export interface RewriteZipEntryOptions extends ZipLimits {
  /**
   * Appended to the zip's path to name the backup. Default `.bak-YYYYMMDD-HHMMSS` (local time of `now`). An existing
   * file is never overwritten: `-2`, `-3`, ... is appended until the name is free.
   */
  backupSuffix?: string;
  /** Clock for the default backup name (tests). Default: the current time. */
  now?: Date;
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  /** Deflate level for the rewritten entry (when it was deflated). Default: zlib's default (6). */
  compressionLevel?: number;
  /**
   * Test hook: called at each stage (and after every chunk copied) with the bytes written to the temporary file
   * so far. Throwing from it simulates a failure at that point.
   */
  faultInjection?: (stage: ZipRewriteStage, bytesWritten: number) => void;
}

export interface RewriteZipEntryResult {
  /** Whether an entry matched. */
  found: boolean;
  /** Whether the entry's text changed (with `dryRun`: would change). False means nothing was written. */
  changed: boolean;
  dryRun: boolean;
  entryName?: string;
  /** The backup of the original zip, when one was written. */
  backupPath?: string;
  /** Uncompressed sizes in bytes, before and after, when found. */
  oldSize?: number;
  newSize?: number;
  /** Temporary files of an earlier, interrupted rewrite that were removed first. */
  leftoversRemoved: string[];
}

/** Reads the matching entry as text, or undefined when no (non-directory) entry matches. */
export async function readZipEntryText(
  zipPath: string,
  matcher: ZipEntryMatcher,
  limits: ZipLimits = {},
): Promise<ZipEntryText | undefined> {
  const fh = await fsp.open(zipPath, 'r');
  try {
    const a = await analyze(fh, (await fh.stat()).size, entryNameMatcher(matcher), limits);
    return a.target ? toEntryText(a.target) : undefined;
  } finally {
    await fh.close();
  }
}

/**
 * Rewrites the matching entry with `transform(text)`. When `transform` returns undefined or the same text, or no
 * entry matches, nothing is written. Otherwise the zip is replaced atomically (temporary file + rename) after a
 * backup of the original is written beside it.
 */
export async function rewriteZipEntry(
  zipPath: string,
  matcher: ZipEntryMatcher,
  transform: (text: string) => string | undefined,
  opts: RewriteZipEntryOptions = {},
): Promise<RewriteZipEntryResult> {
  const dryRun = !!opts.dryRun;
  const realPath = await fsp.realpath(zipPath);
  const leftoversRemoved = dryRun ? [] : await removeLeftovers(realPath);
  const match = entryNameMatcher(matcher);
  const src = await fsp.open(realPath, 'r');
  let srcOpen = true;
  let tmpPath: string | undefined;
  let backupPath: string | undefined;
  let renamed = false;
  try {
    const before = await src.stat();
    const a = await analyze(src, before.size, match, opts);
    const t = a.target;
    if (!t) return { found: false, changed: false, dryRun, leftoversRemoved };
    const oldText = decodeUtf8(t.bytes, t.name);
    const newText = transform(oldText);
    const base = { found: true, dryRun, entryName: t.name, oldSize: t.bytes.length, leftoversRemoved };
    if (newText === undefined || newText === oldText) return { ...base, changed: false, newSize: t.bytes.length };
    const newBytes = Buffer.from(newText, 'utf8');
    if (dryRun) return { ...base, changed: true, newSize: newBytes.length };

    const dir = path.dirname(realPath);
    if ((before.mode & 0o222) === 0) {
      throw new ZipEntryError('read-only', `${realPath} is read-only; it was left as it was (clear the read-only attribute to allow the change).`);
    }
    tmpPath = tempPathFor(realPath, 'tmp');
    const dst = await fsp.open(tmpPath, 'wx');
    try {
      await writeSpliced(src, dst, a, newBytes, opts);
      opts.faultInjection?.('fsync', a.written);
      await dst.sync();
    } finally {
      await dst.close();
    }
    if (process.platform !== 'win32') {
      // Same owner (only possible for root; best effort) and permission bits as the original. On Windows the new
      // file takes the folder's inherited ACL, as any saved file does.
      await fsp.chown(tmpPath, before.uid, before.gid).catch(() => undefined);
      await fsp.chmod(tmpPath, before.mode & 0o7777);
    }

    opts.faultInjection?.('verify', a.written);
    await verifyRewritten(tmpPath, match, a, newBytes, opts);

    await src.close();
    srcOpen = false;
    const now = await fsp.stat(realPath);
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs) {
      throw new ZipEntryError('changed-during-rewrite', `${realPath} changed while it was being rewritten; nothing was replaced.`);
    }

    opts.faultInjection?.('backup', a.written);
    backupPath = await writeBackup(realPath, opts.backupSuffix ?? defaultBackupSuffix(opts.now ?? new Date()), before, (stage) => opts.faultInjection?.(stage, a.written));

    opts.faultInjection?.('rename', a.written);
    await renameWithRetry(tmpPath, realPath);
    renamed = true;
    await syncDir(dir);
    return { ...base, changed: true, backupPath, newSize: newBytes.length };
  } catch (e) {
    if (!renamed) {
      if (tmpPath) await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
      if (backupPath) await fsp.rm(backupPath, { force: true }).catch(() => undefined);
    }
    throw e;
  } finally {
    if (srcOpen) await src.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

interface Target {
  entry: yauzl.Entry;
  name: string;
  index: number;
  /** Offset of its record inside the central directory buffer. */
  cdRecordOffset: number;
  localHeaderOffset: number;
  local: yauzl.LocalFileHeader;
  /** End of its compressed data plus data descriptor: where the verbatim copy resumes. */
  spanEnd: number;
  bytes: Buffer;
}

interface Analysis {
  fileSize: number;
  eocdOffset: number;
  /** The end of central directory record including its comment. */
  eocd: Buffer;
  cdOffset: number;
  cdSize: number;
  cd: Buffer;
  entryCount: number;
  /** Local header offset and central directory record offset of every entry, in central directory order. */
  records: { localHeaderOffset: number; cdRecordOffset: number }[];
  target?: Target;
  /** Bytes written to the temporary file so far (for the fault hook). */
  written: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;

/**
 * Lets yauzl read through our FileHandle. (yauzl.fromFd would close the descriptor when the ZipFile closes, and a
 * second descriptor could see a different file.) `close` does nothing: the caller owns the handle.
 */
class HandleReader extends yauzl.RandomAccessReader {
  constructor(private readonly fh: FileHandle) {
    super();
  }
  override _readStreamForRange(start: number, end: number): Readable {
    // Our own stream over positional reads: fs streams on a shared descriptor close it when they end.
    const fh = this.fh;
    let pos = start;
    return new Readable({
      read(): void {
        const n = Math.min(64 * 1024, end - pos);
        if (n <= 0) {
          this.push(null);
          return;
        }
        const buf = Buffer.alloc(n);
        fh.read(buf, 0, n, pos).then(
          ({ bytesRead }) => {
            if (bytesRead === 0) return void this.destroy(new Error('unexpected end of file'));
            pos += bytesRead;
            this.push(buf.subarray(0, bytesRead));
          },
          (e: Error) => this.destroy(e),
        );
      },
    });
  }
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    const cb = callback as (err: Error | null, bytesRead?: number) => void;
    this.fh.read(buffer, offset, length, position).then(
      (r) => cb(null, r.bytesRead),
      (e: Error) => cb(e),
    );
  }
  override close(callback: (err: Error | null) => void): void {
    setImmediate(() => callback(null));
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw new ZipEntryError('corrupt', 'The zip file ends unexpectedly.');
    done += bytesRead;
  }
  return buf;
}

async function analyze(
  fh: FileHandle,
  fileSize: number,
  match: (name: string) => boolean,
  limits: ZipLimits,
): Promise<Analysis> {
  // End of central directory record: search backwards, as yauzl does, and refuse ZIP64.
  const tailLen = Math.min(fileSize, 22 + 0xffff + 20);
  const tail = await readAt(fh, fileSize - tailLen, tailLen);
  let at = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && tail.readUInt16LE(i + 20) === tailLen - i - 22) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipEntryError('corrupt', 'This is not a zip file (no end of central directory record).');
  const eocd = Buffer.from(tail.subarray(at));
  const eocdOffset = fileSize - tailLen + at;
  const entryCount = eocd.readUInt16LE(10);
  const cdSize = eocd.readUInt32LE(12);
  const cdOffset = eocd.readUInt32LE(16);
  if (
    (at >= 20 && tail.readUInt32LE(at - 20) === SIG_ZIP64_LOCATOR) ||
    entryCount === 0xffff ||
    cdSize === 0xffffffff ||
    cdOffset === 0xffffffff
  ) {
    throw new ZipEntryError('zip64', 'This zip uses the ZIP64 format, which this tool does not rewrite.');
  }
  if (eocd.readUInt16LE(4) !== 0 || eocd.readUInt16LE(6) !== 0 || eocd.readUInt16LE(8) !== entryCount) {
    throw new ZipEntryError('corrupt', 'Multi-disk zip files are not supported.');
  }
  if (cdOffset + cdSize > eocdOffset) throw new ZipEntryError('corrupt', 'The central directory overlaps the end record.');
  const cd = await readAt(fh, cdOffset, cdSize);

  const zip = await yauzl.fromRandomAccessReaderPromise(new HandleReader(fh), fileSize, {
    lazyEntries: true,
    autoClose: false,
    decodeStrings: false,
    validateEntrySizes: true,
    strictFileNames: true,
  });
  const result: Analysis = { fileSize, eocdOffset, eocd, cdOffset, cdSize, cd, entryCount, records: [], written: 0 };
  const spans: { start: number; end: number; name: string }[] = [];
  let found: Omit<Target, 'bytes' | 'spanEnd'> | undefined;
  try {
    if (zip.entryCount !== entryCount) throw new ZipEntryError('corrupt', 'The zip end record is inconsistent.');
    let cursor = 0;
    let index = 0;
    for await (const entry of zip.eachEntry()) {
      // The same record, read raw, so the writer can copy it verbatim.
      const recLen = 46 + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
      if (
        cursor + recLen > cd.length ||
        cd.readUInt32LE(cursor) !== SIG_CENTRAL ||
        !cd.subarray(cursor + 46, cursor + 46 + entry.fileNameLength).equals(entry.fileNameRaw)
      ) {
        throw new ZipEntryError('corrupt', 'The central directory is inconsistent.');
      }
      const raw = { cs: cd.readUInt32LE(cursor + 20), us: cd.readUInt32LE(cursor + 24), off: cd.readUInt32LE(cursor + 42) };
      if (entry.extraFields.some((f) => f.id === 0x0001) || raw.cs === 0xffffffff || raw.us === 0xffffffff || raw.off === 0xffffffff) {
        throw new ZipEntryError('zip64', 'This zip uses the ZIP64 format, which this tool does not rewrite.');
      }
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const unsafe = unsafeEntryNameReason(name) ?? unsafeEntryNameReason(entry.fileNameRaw.toString('latin1'));
      if (unsafe) throw new ZipEntryError('unsafe-entry-name', `Refusing this zip: ${unsafe}.`);

      const local = await zip.readLocalFileHeaderPromise(entry);
      if (!local.fileName.equals(entry.fileNameRaw)) {
        // Different names in the two headers are a known trick to show one name to a checker and extract another.
        throw new ZipEntryError('corrupt', `The local header of ${JSON.stringify(name)} names a different file than the central directory.`);
      }
      const dataEnd = local.fileDataStart + entry.compressedSize;
      if (dataEnd > cdOffset) throw new ZipEntryError('corrupt', `The data of ${JSON.stringify(name)} runs into the central directory.`);
      spans.push({ start: entry.relativeOffsetOfLocalHeader, end: dataEnd, name });
      result.records.push({ localHeaderOffset: entry.relativeOffsetOfLocalHeader, cdRecordOffset: cursor });

      if (match(name)) {
        if (found) {
          throw new ZipEntryError('ambiguous-entry', `Two entries match: ${JSON.stringify(found.name)} and ${JSON.stringify(name)}.`);
        }
        found = { entry, name, index, cdRecordOffset: cursor, localHeaderOffset: entry.relativeOffsetOfLocalHeader, local };
      }
      cursor += recLen;
      index++;
    }
    if (cursor !== cd.length) throw new ZipEntryError('corrupt', 'The central directory size does not match its records.');

    spans.sort((x, y) => x.start - y.start);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i].start < spans[i - 1].end) {
        throw new ZipEntryError(
          'overlapping-entries',
          `Refusing this zip: entries ${JSON.stringify(spans[i - 1].name)} and ${JSON.stringify(spans[i].name)} overlap.`,
        );
      }
    }

    if (found) {
      const next = spans.find((s) => s.start > found!.localHeaderOffset);
      const limit = next ? next.start : cdOffset;
      const spanEnd = await checkTarget(fh, found, limit, limits);
      const bytes = await readEntryBytes(zip, found.entry, limits.maxEntrySize ?? DEFAULT_MAX_ENTRY_SIZE);
      if (crc32(bytes) !== found.entry.crc32) {
        throw new ZipEntryError('corrupt', `The CRC of ${JSON.stringify(found.name)} does not match its content.`);
      }
      result.target = { ...found, spanEnd, bytes };
    }
  } finally {
    zip.close();
  }
  return result;
}

/** Refusals for the entry we decompress; returns where its data (and data descriptor) ends. */
async function checkTarget(
  fh: FileHandle,
  t: Omit<Target, 'bytes' | 'spanEnd'>,
  limit: number,
  limits: ZipLimits,
): Promise<number> {
  const { entry, local, name } = t;
  const q = JSON.stringify(name);
  if ((entry.generalPurposeBitFlag | local.generalPurposeBitFlag) & FLAG_ENCRYPTED) {
    throw new ZipEntryError('encrypted-entry', `Refusing ${q}: the entry is encrypted.`);
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new ZipEntryError('unsupported-compression', `Refusing ${q}: compression method ${entry.compressionMethod} is not supported (only stored and deflated).`);
  }
  if (local.compressionMethod !== entry.compressionMethod) {
    throw new ZipEntryError('corrupt', `The local header of ${q} disagrees with the central directory.`);
  }
  if (local.extraField.length >= 4 && yauzl.parseExtraFields(local.extraField).some((f) => f.id === 0x0001)) {
    throw new ZipEntryError('zip64', 'This zip uses the ZIP64 format, which this tool does not rewrite.');
  }
  const maxSize = limits.maxEntrySize ?? DEFAULT_MAX_ENTRY_SIZE;
  if (entry.uncompressedSize > maxSize) {
    throw new ZipEntryError('entry-too-large', `Refusing ${q}: it claims ${entry.uncompressedSize} bytes, more than the ${maxSize} bytes accepted.`);
  }
  const maxRatio = limits.maxCompressionRatio ?? DEFAULT_MAX_COMPRESSION_RATIO;
  if (entry.uncompressedSize > RATIO_CHECK_THRESHOLD && entry.uncompressedSize / Math.max(1, entry.compressedSize) > maxRatio) {
    throw new ZipEntryError(
      'suspicious-compression-ratio',
      `Refusing ${q}: ${entry.compressedSize} compressed bytes claim to expand to ${entry.uncompressedSize} (more than ${maxRatio} times), which looks like a zip bomb.`,
    );
  }
  let end = local.fileDataStart + entry.compressedSize;
  if (local.generalPurposeBitFlag & FLAG_DESCRIPTOR) {
    // Data descriptor: optional signature, CRC, compressed size, uncompressed size (4 bytes each; ZIP64 refused).
    const d = await readAt(fh, end, Math.min(16, limit - end));
    if (d.length >= 16 && d.readUInt32LE(0) === SIG_DESCRIPTOR && d.readUInt32LE(4) === entry.crc32) end += 16;
    else if (d.length >= 12 && d.readUInt32LE(0) === entry.crc32) end += 12;
    else throw new ZipEntryError('corrupt', `The data descriptor of ${q} is missing or wrong.`);
  }
  if (end > limit) throw new ZipEntryError('overlapping-entries', `Refusing this zip: ${q} overlaps the next entry.`);
  return end;
}

async function readEntryBytes(zip: yauzl.ZipFile, entry: yauzl.Entry, maxSize: number): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let total = 0;
  return new Promise<Buffer>((resolve, reject) => {
    stream.on('data', (c: Buffer) => {
      total += c.length;
      if (total > maxSize) {
        stream.destroy();
        reject(new ZipEntryError('entry-too-large', `Refusing the entry: it expands past ${maxSize} bytes.`));
        return;
      }
      chunks.push(c);
    });
    stream.on('error', (e: Error) => reject(new ZipEntryError('corrupt', `The entry cannot be read: ${e.message}`)));
    stream.on('end', () => resolve(Buffer.concat(chunks, total)));
  });
}

function decodeUtf8(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ZipEntryError('not-utf8', `Refusing ${JSON.stringify(name)}: its content is not valid UTF-8.`);
  }
}

function toEntryText(t: Target): ZipEntryText {
  const text = decodeUtf8(t.bytes, t.name);
  return {
    name: t.name,
    text,
    hasBom: text.charCodeAt(0) === 0xfeff,
    compressionMethod: t.entry.compressionMethod as 0 | 8,
    crc32: t.entry.crc32,
    compressedSize: t.entry.compressedSize,
    uncompressedSize: t.entry.uncompressedSize,
    lastModified: t.entry.getLastModDate({ timezone: 'local' }),
    index: t.index,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

const COPY_CHUNK = 1024 * 1024;

async function writeAll(dst: FileHandle, buf: Buffer, a: Analysis): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await dst.write(buf, done, buf.length - done, a.written);
    done += bytesWritten;
    a.written += bytesWritten;
  }
}

async function copyRange(src: FileHandle, dst: FileHandle, start: number, end: number, a: Analysis, opts: RewriteZipEntryOptions): Promise<void> {
  for (let pos = start; pos < end; pos += COPY_CHUNK) {
    const chunk = await readAt(src, pos, Math.min(COPY_CHUNK, end - pos));
    await writeAll(dst, chunk, a);
    opts.faultInjection?.('copy', a.written);
  }
}

async function writeSpliced(src: FileHandle, dst: FileHandle, a: Analysis, newBytes: Buffer, opts: RewriteZipEntryOptions): Promise<void> {
  const t = a.target!;
  const local = t.local;
  const stored = t.entry.compressionMethod === 0;
  const data = stored
    ? newBytes
    : zlib.deflateRawSync(newBytes, { level: opts.compressionLevel ?? zlib.constants.Z_DEFAULT_COMPRESSION });
  const crc = crc32(newBytes);

  const header = Buffer.alloc(30);
  header.writeUInt32LE(SIG_LOCAL, 0);
  header.writeUInt16LE(local.versionNeededToExtract, 4);
  header.writeUInt16LE(local.generalPurposeBitFlag & ~FLAG_DESCRIPTOR, 6);
  header.writeUInt16LE(local.compressionMethod, 8);
  header.writeUInt16LE(local.lastModFileTime, 10);
  header.writeUInt16LE(local.lastModFileDate, 12);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(newBytes.length, 22);
  header.writeUInt16LE(local.fileName.length, 26);
  header.writeUInt16LE(local.extraField.length, 28);
  const newSpan = Buffer.concat([header, local.fileName, local.extraField, data]);
  const delta = newSpan.length - (t.spanEnd - t.localHeaderOffset);
  const newCdOffset = a.cdOffset + delta;
  if (a.fileSize + delta > 0xffffffff || newBytes.length > 0xfffffffe) {
    throw new ZipEntryError('zip64', 'The rewritten zip would need the ZIP64 format, which this tool does not write.');
  }

  const cd = Buffer.from(a.cd);
  for (const r of a.records) {
    if (r.localHeaderOffset > t.localHeaderOffset) cd.writeUInt32LE(r.localHeaderOffset + delta, r.cdRecordOffset + 42);
  }
  const o = t.cdRecordOffset;
  cd.writeUInt16LE(cd.readUInt16LE(o + 8) & ~FLAG_DESCRIPTOR, o + 8);
  cd.writeUInt32LE(crc, o + 16);
  cd.writeUInt32LE(data.length, o + 20);
  cd.writeUInt32LE(newBytes.length, o + 24);
  const eocd = Buffer.from(a.eocd);
  eocd.writeUInt32LE(newCdOffset, 16);

  await copyRange(src, dst, 0, t.localHeaderOffset, a, opts);
  await writeAll(dst, newSpan, a);
  opts.faultInjection?.('entry', a.written);
  await copyRange(src, dst, t.spanEnd, a.cdOffset, a, opts);
  await writeAll(dst, cd, a);
  opts.faultInjection?.('central-directory', a.written);
  await copyRange(src, dst, a.cdOffset + a.cdSize, a.eocdOffset, a, opts);
  await writeAll(dst, eocd, a);
}

/** Re-reads the temporary file with the same checks and compares the rewritten entry. */
async function verifyRewritten(
  tmpPath: string,
  match: (name: string) => boolean,
  a: Analysis,
  newBytes: Buffer,
  limits: ZipLimits,
): Promise<void> {
  const fh = await fsp.open(tmpPath, 'r');
  try {
    const size = (await fh.stat()).size;
    const b = await analyze(fh, size, match, { ...limits, maxEntrySize: Math.max(newBytes.length, limits.maxEntrySize ?? DEFAULT_MAX_ENTRY_SIZE) });
    if (
      b.entryCount !== a.entryCount ||
      b.cdSize !== a.cdSize ||
      !b.target ||
      b.target.index !== a.target!.index ||
      !b.target.bytes.equals(newBytes)
    ) {
      throw new ZipEntryError('verify-failed', 'The rewritten zip did not read back as expected; the original was kept.');
    }
  } catch (e) {
    if (e instanceof ZipEntryError && e.code === 'verify-failed') throw e;
    throw new ZipEntryError('verify-failed', `The rewritten zip did not read back (${(e as Error).message}); the original was kept.`);
  } finally {
    await fh.close();
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `.bak-YYYYMMDD-HHMMSS` in local time. */
export function defaultBackupSuffix(d: Date): string {
  return `.bak-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/**
 * Copies the zip to a free backup name atomically: into a temporary file first, synced and with the original's
 * times, then hard-linked to the backup name (which fails rather than overwrite an existing file). A process killed
 * midway leaves only a temporary file, never a truncated file that looks like a backup.
 */
async function writeBackup(zipPath: string, suffix: string, st: { atime: Date; mtime: Date }, fault: (stage: ZipRewriteStage) => void): Promise<string> {
  const tmp = tempPathFor(zipPath, 'bak');
  try {
    await fsp.copyFile(zipPath, tmp, fsConstants.COPYFILE_EXCL);
    const h = await fsp.open(tmp, 'r+');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
    await fsp.utimes(tmp, st.atime, st.mtime);
    fault('backup-copied');
    for (let i = 1; i <= 1000; i++) {
      const p = zipPath + suffix + (i === 1 ? '' : `-${i}`);
      try {
        await fsp.link(tmp, p);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
        // No hard links on this file system: a rename, after checking the name is free.
        if (await exists(p)) continue;
        await fsp.rename(tmp, p);
        return p;
      }
      return p;
    }
    throw new Error(`No free backup name next to ${zipPath}.`);
  } finally {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.lstat(p);
    return true;
  } catch {
    return false;
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  // On Windows a virus scanner or the indexer may hold the file for a moment.
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 4 || !(code === 'EPERM' || code === 'EBUSY' || code === 'EACCES')) throw e;
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename durable on POSIX; directories cannot be opened this way on Windows.
  try {
    const h = await fsp.open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    /* best effort */
  }
}
