/**
 * The model of one of the four ECE batch files: the parse (what cmd.exe holds in every variable the file sets, with
 * raw ranges), the file's name, and what the rules ask of it.
 */
import { detectEol, lineIndex } from '../../core/text';
import { baseName } from '../../core/names';
import { parseBatch, type BatchAssignment, type ParsedBatch } from '../../parse/batch';
import { parseWinPath, type WinPath } from './paths';

/** The file names this kind is for (lower case), as the guides name them. */
export type BatchFileName = 'egainstart.bat' | 'egainstop.bat' | 'reportsdb_utility.bat' | 'updatedbindexstats.bat' | 'other';

export interface BatchFileModel {
  uri: string;
  text: string;
  parsed: ParsedBatch;
  /** The file's name, lower-cased; `other` when `ece.files.batch` selected a file of another name. */
  fileName: BatchFileName;
  /** The name as written in the URI, for messages. */
  displayName: string;
  eol: '\r\n' | '\n' | '\r';
  /** 0-based line of an offset (LSP line breaks). */
  lineOf(offset: number): number;
}

const KNOWN: ReadonlySet<string> = new Set(['egainstart.bat', 'egainstop.bat', 'reportsdb_utility.bat', 'updatedbindexstats.bat']);

export function buildBatchModel(text: string, uri: string): BatchFileModel {
  const displayName = baseName(uri);
  const lower = displayName.toLowerCase();
  return {
    uri,
    text,
    parsed: parseBatch(text),
    fileName: (KNOWN.has(lower) ? lower : 'other') as BatchFileName,
    displayName,
    eol: detectEol(text),
    lineOf: lineIndex(text),
  };
}

/** The variable every service start and stop script sets to the shared file location (the DFS share after a move). */
export const SHARED_LOCATION = 'ENV.FS.SHARED.LOCATION';

/**
 * The assignment of `key` that decides the variable's value when the file runs from top to bottom: the last plain
 * `SET` that cmd.exe accepts and that is not inside an `IF`, `FOR` or block. Undefined when there is none, or when a
 * later conditional or computed assignment (`SET /A`, `SET /P`) makes the value depend on the run.
 */
function effectiveAssignment(model: BatchFileModel, key: string): BatchAssignment | undefined {
  const all = model.parsed.assignments;
  for (let i = all.length - 1; i >= 0; i--) {
    const a = all[i]!;
    if (a.key !== key || !a.runs) continue;
    if (a.conditional || a.kind !== 'plain') return undefined;
    return a;
  }
  return undefined;
}

/** The assignment's value when it can be taken at face value: plain, certain, without references. */
export function literalValue(a: BatchAssignment): string | undefined {
  if (a.kind !== 'plain' || a.value === undefined || a.uncertain || a.references.length) return undefined;
  return a.value;
}

/** The name says the variable holds a folder or file path (`JAVA_HOME`, `*_DIR`, `env.fs.shared.location`). */
export function isPathName(name: string): boolean {
  return /(?:^|[_.])(?:home|dir|path|location|folder|root)$/i.test(name.trim());
}

/** A value that looks like a Windows path: `C:\...`, `\\server\share...`, `%VAR%\...`. */
export function looksLikePath(value: string): boolean {
  return /^(?:[A-Za-z]:[\\/]|\\\\|(?:%[^%]+%|![^!]+!)[\\/])/.test(value);
}

/** Where the assignment holds a path: by its name or by its value (quotes and blanks around it ignored). */
export function holdsPath(a: BatchAssignment): boolean {
  if (a.value === undefined) return false;
  const inner = meant(a.value);
  return inner !== '' && !inner.includes(';') && (isPathName(a.name) || looksLikePath(inner));
}

/** Password-like names: their values are never shown. */
export function isSecretName(name: string): boolean {
  return /pass(?:word)?|pwd|secret|credential/i.test(name);
}

/** The value without surrounding blanks and quotes: the path it means to name. */
export function meant(value: string): string {
  return value.trim().replace(/^"+|"+$/g, '').trim();
}

export interface SharedLocation {
  assignment: BatchAssignment;
  /** The value without surrounding blanks and quotes. */
  value: string;
  /** The value as an absolute Windows path, when it is one. */
  path: WinPath | undefined;
}

/** The location a service script sets, when it sets one plainly (see `effectiveAssignment`). */
export function sharedLocationOf(model: BatchFileModel): SharedLocation | undefined {
  const a = effectiveAssignment(model, SHARED_LOCATION);
  const v = a && literalValue(a);
  if (!a || v === undefined) return undefined;
  const value = meant(v);
  return { assignment: a, value, path: parseWinPath(value) };
}
