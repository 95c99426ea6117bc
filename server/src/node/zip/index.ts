/** Zip helpers (Node only): read and safely rewrite one entry of a zip, e.g. the pool file inside deployment.zip. */
export {
  readZipEntryText,
  rewriteZipEntry,
  defaultBackupSuffix,
  ZipEntryError,
  DEFAULT_MAX_ENTRY_SIZE,
  DEFAULT_MAX_COMPRESSION_RATIO,
  type ZipErrorCode,
  type ZipLimits,
  type ZipEntryText,
  type ZipRewriteStage,
  type RewriteZipEntryOptions,
  type RewriteZipEntryResult,
} from './zipEntry';
export {
  CONNPOOL_ZIP_ENTRY,
  normalizeEntryName,
  entryNameMatcher,
  unsafeEntryNameReason,
  type ZipEntryMatcher,
} from './entryNames';
