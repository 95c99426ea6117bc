/**
 * What `check` reads: the files under the PATH arguments (files, folders, globs the shell did not expand, e.g. on
 * Windows), each with the settings of its own ECE home, all in one workspace model so the cross-file rules see the
 * whole tree; or one file from standard input, named by `--stdin-filename`, with the tree around it.
 * Nothing is silently dropped: a PATH that does not exist and a file whose name is an ECE file's but that cannot be
 * read (permission, size, binary content) are problems the caller reports.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EceLanguageService } from '../service/core/engine';
import { matchesAnyGlob, normalizePath } from '../service/core/glob';
import type { Settings } from '../service/core/settings';
import type { KindId } from '../service/core/types';
import { canonicalUri, WorkspaceModel } from '../service/workspace/model';
import { decodeBytes, type Encoding } from '../node/textFile';
import { walk } from '../node/walk';
import { fileUri, readCandidate } from '../node/workspace';
import { isDeploymentZip, readDeploymentZipPool, zipEntryDisplay } from '../node/deploymentZip';
import type { SettingsResolver } from './settingsFiles';

export interface InputFile {
  /** As shown to the user: the path found under a PATH argument (or `--stdin-filename`). */
  path: string;
  uri: string;
  kind: KindId;
  /** The text as in the file (a byte-order mark kept: fixes are written back). */
  text: string;
  encoding: Encoding;
  settings: Settings;
  /** The settings files this file's settings came from. */
  settingsSources: string[];
  /** The pool file inside a deployment.zip: checked, never written by --fix (the zip is rewritten only on purpose). */
  inZip?: { zipPath: string; entryName: string };
}

export interface InputProblem {
  path: string;
  message: string;
}

export interface LoadedInputs {
  model: WorkspaceModel;
  /** The files to report on: every ECE file found, or only the standard-input file. */
  files: InputFile[];
  /** PATH arguments that do not exist, folders that cannot be listed, ECE files that cannot be read. */
  problems: InputProblem[];
}

const GLOB_CHARS = /[*?[{]/;

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Files under the arguments; an argument that does not exist but holds glob characters is matched as a glob. */
async function findFiles(args: string[]): Promise<{ files: string[]; problems: InputProblem[] }> {
  const plain: string[] = [];
  const files: string[] = [];
  const problems: InputProblem[] = [];
  for (const a of args) {
    if (!GLOB_CHARS.test(a) || (await exists(a))) {
      plain.push(a);
      continue;
    }
    const glob = process.platform === 'win32' ? a.replace(/\\/g, '/') : a;
    const segments = glob.split('/');
    const fixed: string[] = [];
    for (const s of segments) {
      if (GLOB_CHARS.test(s)) break;
      fixed.push(s);
    }
    const base = fixed.length === 0 ? '.' : fixed.join('/') || '/';
    const found = await walk([base]);
    // A file is selected when it, or one of the folders above it, matches the glob.
    const matched = found.files.filter((f) => {
      const p = normalizePath(f);
      if (matchesAnyGlob(p, [glob])) return true;
      for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) if (matchesAnyGlob(p.slice(0, i), [glob])) return true;
      return false;
    });
    if (matched.length === 0) problems.push({ path: a, message: 'no such file or folder, and no file matches it as a glob' });
    files.push(...matched);
  }
  const walked = await walk(plain);
  for (const e of walked.errors) problems.push({ path: e.path, message: e.message });
  return { files: [...walked.files, ...files], problems };
}

export async function loadInputs(opts: {
  paths: string[];
  stdin?: { filename: string; bytes: Buffer };
  resolver: SettingsResolver;
  service: EceLanguageService;
}): Promise<LoadedInputs> {
  const { resolver, service } = opts;
  const settingsOf = new Map<string, Settings>();
  const model = new WorkspaceModel((uri, text) => {
    const s = settingsOf.get(canonicalUri(uri));
    return s ? service.kindOf(uri, text, s) : undefined;
  });
  const problems: InputProblem[] = [];
  const files: InputFile[] = [];

  let roots = opts.paths;
  const stdinAbs = opts.stdin ? path.resolve(opts.stdin.filename) : undefined;
  if (opts.stdin && roots.length === 0) {
    // The tree around the standard-input file: its workspace folder, or the folder its settings file belongs to.
    const dir = path.dirname(stdinAbs!);
    const wsFolder = resolver.workspace?.folders.find((f) => dir === f || dir.startsWith(f + path.sep));
    const root = wsFolder ?? (await resolver.settingsRoot(dir));
    roots = root && (await exists(root)) ? [root] : [];
  }
  const found = await findFiles(roots);
  // The tree found around a standard-input file only feeds the cross-file rules: its problems are not reported
  // (those of a tree given by name are).
  const reportTree = !opts.stdin || opts.paths.length > 0;
  if (reportTree) problems.push(...found.problems);
  const seen = new Set<string>();
  for (const file of found.files) {
    const abs = path.resolve(file);
    if (seen.has(abs) || abs === stdinAbs) continue;
    seen.add(abs);
    const uri = fileUri(file);
    const resolved = await resolver.forFile(abs);
    if (isDeploymentZip(file)) {
      // The copy of the pool file ECE deploys from, checked as a copy (node/deploymentZip.ts).
      const z = await readDeploymentZipPool(file);
      if (z.kind === 'error') {
        if (reportTree) problems.push({ path: file, message: z.message });
      } else if (z.kind === 'entry') {
        resolver.markUsed(resolved.sources);
        settingsOf.set(canonicalUri(z.uri), resolved.settings);
        const f = model.update(z.uri, z.text, undefined, undefined, true);
        if (f && !opts.stdin) {
          files.push({ path: zipEntryDisplay(file, z.entryName), uri: z.uri, kind: f.kind, text: z.text, encoding: 'utf8', settings: resolved.settings, settingsSources: resolved.sources, inZip: { zipPath: file, entryName: z.entryName } });
        }
      }
      continue;
    }
    if (!service.isCandidate(uri, resolved.settings)) continue;
    resolver.markUsed(resolved.sources);
    const r = await readCandidate(file, {});
    if ('error' in r || 'skip' in r) {
      if (reportTree) problems.push({ path: file, message: 'error' in r ? r.error : r.skip });
      continue;
    }
    settingsOf.set(canonicalUri(uri), resolved.settings);
    const f = model.update(uri, r.text);
    if (f && !opts.stdin) files.push({ path: file, uri, kind: f.kind, text: r.text, encoding: r.encoding, settings: resolved.settings, settingsSources: resolved.sources });
  }

  if (opts.stdin) {
    const shown = opts.stdin.filename;
    const uri = fileUri(stdinAbs!);
    const resolved = await resolver.forFile(stdinAbs!);
    resolver.markUsed(resolved.sources);
    const decoded = decodeBytes(opts.stdin.bytes);
    if (decoded.binary) problems.push({ path: shown, message: 'not read: standard input has binary content (NUL bytes; UTF-16 needs a byte-order mark)' });
    else {
      settingsOf.set(canonicalUri(uri), resolved.settings);
      const f = model.update(uri, decoded.text);
      if (f) files.push({ path: shown, uri, kind: f.kind, text: decoded.text, encoding: decoded.encoding, settings: resolved.settings, settingsSources: resolved.sources });
      else problems.push({ path: shown, message: 'is not the name (or content) of an ECE file the settings select (ece.files.*), so there is nothing to check' });
    }
  }
  return { model, files, problems };
}
