/**
 * "Convert to Windows Authentication" on an ECE home on disk: plans the minimal edits of the pool file,
 * `reportsdb_utility.properties` and `input.properties` (`planWindowsAuth`), writes each changed file atomically
 * without touching any other byte (encoding, BOM, CRLF kept), then applies the same change to
 * `dataaccess/egpl_ds_connpool_map.xml` inside `service\lib\deployment.zip` (every other entry copied byte for
 * byte, backup of the original zip beside it). Idempotent: a second run finds nothing to change.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchesAnyGlob } from '../service/core/glob';
import { defaultSettings, type Settings } from '../service/core/settings';
import { applyEdits } from '../service/core/text';
import type { KindId } from '../service/core/types';
import { windowsAuthPoolText } from '../service/kinds/connpool/convert';
import { planWindowsAuth, type FilePlan } from '../service/workspace/windowsAuth';
import { lineIndex } from '../service/core/text';
import { decodeBytes, rewriteTextFile, whyNotWritable } from './textFile';
import { leftoverNote } from './leftovers';
import { loadWorkspace, rootPath, type LoadedFile, type LoadedWorkspace } from './workspace';
import { walk } from './walk';
import { CONNPOOL_ZIP_ENTRY, rewriteZipEntry, ZipEntryError, type RewriteZipEntryOptions } from './zip';

export interface ChangeLine {
  /** 1-based line and column of the edit's start and end in the file as it was. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  what: string;
}

export interface ConvertFileResult {
  path: string;
  kind: KindId;
  changes: ChangeLine[];
  /** True when the file was written (false on a dry run or an error). */
  written: boolean;
  error?: string;
}

export interface ConvertZipResult {
  path: string;
  /** Whether the pool entry exists in the zip. */
  found: boolean;
  entryName?: string;
  /** Whether the entry changed (on a dry run: would change). */
  changed: boolean;
  backupPath?: string;
  error?: string;
  /** `ZipEntryError.code` when the zip was refused. */
  code?: string;
  /** Temporary files of an earlier, interrupted rewrite that were removed. */
  leftoversRemoved?: string[];
}

export interface ConvertReport {
  eceHome: string;
  dryRun: boolean;
  /** The files that needed a change. */
  files: ConvertFileResult[];
  /** ECE files found that needed no change. */
  unchanged: Array<{ path: string; kind: KindId }>;
  zips: ConvertZipResult[];
  notes: string[];
  /** False when something could not be written or read. */
  ok: boolean;
}

export interface ConvertOptions {
  dryRun?: boolean;
  settings?: Settings;
  /** Passed to `rewriteZipEntry` (tests: backup name, clock, fault injection). */
  zip?: Omit<RewriteZipEntryOptions, 'dryRun'>;
}

/** `service/lib/deployment.zip` (any case) under the roots. */
export async function findDeploymentZips(roots: string[]): Promise<string[]> {
  const { files } = await walk(roots.map(rootPath));
  return files.filter((f) => /(^|[\\/])service[\\/]lib[\\/]deployment\.zip$/i.test(f));
}

/** The old-password warning for a zip backup. */
export function backupNote(backupPath: string): string {
  return `The backup ${backupPath} still holds the old user names and passwords of the pools: delete it, or move it somewhere safe, once ECE runs with Windows authentication.`;
}

function changeLines(text: string, plan: FilePlan): ChangeLine[] {
  const lineOf = lineIndex(text);
  const starts = new Map<number, number>();
  const pos = (o: number) => {
    const l = lineOf(o);
    let s = starts.get(l);
    if (s === undefined) {
      s = 0;
      // Start of line l: scan back from o to the previous line break.
      let i = o;
      while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
      s = i;
      starts.set(l, s);
    }
    return { line: l + 1, column: o - s + 1 };
  };
  return plan.changes.map((c) => {
    const a = pos(c.start);
    const b = pos(c.end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, what: c.what };
  });
}

/** The kinds whose files the conversion changes. */
const CONVERTED_KINDS: readonly KindId[] = ['connpool', 'reportsdb', 'indexstats'];

/**
 * What the conversion cannot see of a loaded home: folders that could not be listed, and pool, Reports DB or
 * index-stats files that could not be read (binary, too large). Either may hold a password the conversion must remove,
 * so nothing is converted while there is one.
 */
export function unreadTargets(ws: Pick<LoadedWorkspace, 'errors' | 'skipped'>, settings: Settings): string[] {
  return [...ws.errors.map((e) => e.path), ...ws.skipped.filter((x) => CONVERTED_KINDS.some((k) => matchesAnyGlob(x.path, settings.files[k] ?? []))).map((x) => x.path)];
}

/** Converts the ECE home (or any folder holding ECE files) to Windows authentication. */
export async function convertWindowsAuth(eceHome: string, opts: ConvertOptions = {}): Promise<ConvertReport> {
  const dryRun = !!opts.dryRun;
  const home = rootPath(eceHome);
  const report: ConvertReport = { eceHome: home, dryRun, files: [], unchanged: [], zips: [], notes: [], ok: true };
  const settings = opts.settings ?? defaultSettings();
  const ws = await loadWorkspace([home], { settings });
  for (const e of ws.errors) {
    report.notes.push(`${e.path}: ${e.message}`);
    report.ok = false;
  }
  const byUri = new Map<string, LoadedFile>(ws.files.map((f) => [f.uri, f]));
  // Files on disk only: the copy inside deployment.zip is converted by the zip step (its own safe rewrite).
  const plans = planWindowsAuth(ws.model.all().filter((f) => !f.copy).map((f) => ({ uri: f.uri, kind: f.kind, model: f.model })));
  const planned = new Set(plans.map((p) => p.uri));
  for (const f of ws.files) if (!f.inZip && !planned.has(f.uri) && (f.kind === 'connpool' || f.kind === 'reportsdb' || f.kind === 'indexstats')) report.unchanged.push({ path: f.path, kind: f.kind });

  const zips = await findDeploymentZips([home]);
  const work: Array<{ plan: FilePlan; f: LoadedFile; result: ConvertFileResult }> = [];
  for (const plan of plans) {
    const f = byUri.get(plan.uri);
    if (!f) continue;
    const result: ConvertFileResult = { path: f.path, kind: plan.kind, changes: changeLines(f.text, plan), written: false };
    report.files.push(result);
    work.push({ plan, f, result });
  }
  if (!dryRun) {
    // An ECE file of the conversion that cannot be read (binary, too large, unreadable) or a folder that cannot be
    // listed may hold a password the conversion must remove: converting the rest would leave a half-converted home
    // (properties on Windows authentication, the pool and the zip not), so nothing changes until it can be read.
    const unread = unreadTargets(ws, settings);
    if (unread.length) {
      for (const x of ws.skipped) report.notes.push(`${x.path}: ${x.message}; it was not converted, check it by hand`);
      report.notes.push(`Nothing was changed, because ${unread.length === 1 ? 'this file or folder cannot' : 'these files or folders cannot'} be read: ${unread.join(', ')}.`);
      report.ok = false;
      return report;
    }
    // Every target must be writable before anything changes: a half-converted home (files done, zip not) is worse
    // than an unconverted one. Read-only files are respected, never overridden.
    const blocked: string[] = [];
    for (const w of work) {
      const why = (await whyNotWritable(w.f.path)) ?? (decodeBytes(await fs.readFile(w.f.path)).exact ? undefined : `would not keep its bytes in ${w.f.encoding}`);
      if (why) {
        w.result.error = `${why}; nothing was converted`;
        blocked.push(w.f.path);
      }
    }
    for (const z of zips) {
      const why = await whyNotWritable(z);
      if (why) {
        report.zips.push({ path: z, found: false, changed: false, error: `${path.basename(z)} ${why}; nothing was converted` });
        blocked.push(z);
      }
    }
    if (blocked.length) {
      report.ok = false;
      report.notes.push(`Nothing was changed, because ${blocked.length === 1 ? 'this file cannot' : 'these files cannot'} be written: ${blocked.join(', ')}.`);
      return report;
    }
  }
  for (const { plan, f, result } of work) {
    if (dryRun) continue;
    try {
      // The bytes must still be those the plan was made from, and must come back unchanged from the decoded text.
      const w = await rewriteTextFile(f.path, f, applyEdits(f.text, plan.edits));
      for (const l of w.leftoversRemoved) report.notes.push(leftoverNote(l));
      result.written = true;
    } catch (e) {
      result.error = (e as Error).message;
      report.ok = false;
    }
  }
  for (const s of ws.skipped) {
    // A file with an ECE name that could not be read may hold a password the conversion should have removed.
    report.notes.push(`${s.path}: ${s.message}; it was not converted, check it by hand`);
    report.ok = false;
  }
  if (!ws.files.some((f) => f.kind === 'connpool')) report.notes.push('No readable connection pool file (egpl_ds_connpool_map.xml) was found.');

  if (zips.length === 0) report.notes.push('No service/lib/deployment.zip was found: only the files on disk were converted.');
  for (const zipPath of zips) {
    if (!report.ok && !dryRun) {
      report.zips.push({ path: zipPath, found: false, changed: false, error: 'not rewritten, because a file above could not be converted' });
      continue;
    }
    report.zips.push(await convertZip(zipPath, dryRun, opts.zip));
  }
  for (const z of report.zips) {
    if (z.error) report.ok = false;
    if (z.backupPath) report.notes.push(backupNote(z.backupPath));
    for (const l of z.leftoversRemoved ?? []) report.notes.push(leftoverNote(l));
  }
  return report;
}

/** Applies the pool conversion to the pool entry of one deployment.zip. Never throws: errors are in the result. */
export async function convertZip(zipPath: string, dryRun: boolean, opts: Omit<RewriteZipEntryOptions, 'dryRun'> = {}): Promise<ConvertZipResult> {
  return convertZipWith(zipPath, (t) => windowsAuthPoolText(t), { ...opts, dryRun });
}

/** Rewrites the pool entry of one deployment.zip with `transform`. Never throws: errors are in the result. */
async function convertZipWith(zipPath: string, transform: (text: string) => string | undefined, opts: RewriteZipEntryOptions = {}): Promise<ConvertZipResult> {
  try {
    const r = await rewriteZipEntry(zipPath, CONNPOOL_ZIP_ENTRY, transform, opts);
    return {
      path: zipPath,
      found: r.found,
      changed: r.changed,
      ...(r.entryName !== undefined ? { entryName: r.entryName } : {}),
      ...(r.backupPath !== undefined ? { backupPath: r.backupPath } : {}),
      ...(r.leftoversRemoved.length ? { leftoversRemoved: r.leftoversRemoved } : {}),
    };
  } catch (e) {
    const code = e instanceof ZipEntryError ? e.code : undefined;
    return { path: zipPath, found: false, changed: false, error: `${path.basename(zipPath)} was left as it was: ${(e as Error).message}`, ...(code ? { code } : {}) };
  }
}

/** Human-readable lines of a report (the CLI prints them). Never contains a user name or password. */
export function formatConvertReport(r: ConvertReport): string[] {
  const out: string[] = [];
  out.push(`${r.dryRun ? 'Dry run (nothing written): ' : ''}converting ${r.eceHome} to Windows authentication`);
  for (const f of r.files) {
    const verb = f.error ? `NOT changed (${f.error})` : r.dryRun ? `would change ${f.changes.length} span${f.changes.length === 1 ? '' : 's'}` : `changed ${f.changes.length} span${f.changes.length === 1 ? '' : 's'}`;
    out.push(`${f.path}: ${verb}`);
    for (const c of f.changes) out.push(`  ${c.line}:${c.column}-${c.endLine}:${c.endColumn} ${c.what}`);
  }
  for (const u of r.unchanged) out.push(`${u.path}: already uses Windows authentication, unchanged`);
  for (const z of r.zips) {
    if (z.error) out.push(`${z.path}: ${z.error}`);
    else if (!z.found) out.push(`${z.path}: has no ${CONNPOOL_ZIP_ENTRY} entry, unchanged`);
    else if (!z.changed) out.push(`${z.path}: entry ${z.entryName} already uses Windows authentication, unchanged`);
    else if (r.dryRun) out.push(`${z.path}: entry ${z.entryName} would be rewritten (every other entry kept byte for byte; a backup would be written beside it)`);
    else out.push(`${z.path}: entry ${z.entryName} rewritten, every other entry kept byte for byte; backup of the original: ${z.backupPath}`);
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  const n = r.files.filter((f) => r.dryRun || f.written).length + r.zips.filter((z) => z.changed && !z.error).length;
  out.push(r.dryRun ? `${n} file${n === 1 ? '' : 's'} would change.` : `${n} file${n === 1 ? '' : 's'} changed.`);
  return out;
}

/**
 * The quick fix of connpool/deployment-zip-differs: the pool entry of the zip becomes the pool file's text (`text`, the
 * editor's when the document is open, else the file on disk), by the same safe rewrite as the conversion (every other
 * entry copied raw, a temporary file, a backup beside the zip). Never throws; read-only zips are refused.
 */
export async function copyPoolIntoZip(poolUri: string, zipUri: string, text?: string): Promise<{ ok: boolean; message: string }> {
  let zipPath: string;
  let poolPath: string;
  try {
    zipPath = fileURLToPath(zipUri);
    poolPath = fileURLToPath(poolUri);
  } catch {
    return { ok: false, message: 'Only files on disk can be copied into a deployment.zip.' };
  }
  let content = text;
  if (content === undefined) {
    const d = decodeBytes(await fs.readFile(poolPath));
    if (d.binary) return { ok: false, message: `${poolPath} is not a text file; nothing was copied.` };
    content = d.text;
  }
  const why = await whyNotWritable(zipPath);
  if (why) return { ok: false, message: `${path.basename(zipPath)} ${why}; nothing was copied.` };
  const r = await convertZipWith(zipPath, () => content);
  if (r.error) return { ok: false, message: r.error };
  if (!r.found) return { ok: false, message: `${zipPath} has no ${CONNPOOL_ZIP_ENTRY} entry; nothing was copied.` };
  if (!r.changed) return { ok: true, message: `${zipPath} already holds this pool file.` };
  return { ok: true, message: `The pool file was copied into ${zipPath}; every other entry is unchanged.${r.backupPath ? ` ${backupNote(r.backupPath)}` : ''}` };
}