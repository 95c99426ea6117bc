import type { FileSystemProbe, Rule } from '../../../core/types';
import { literalValue, SHARED_LOCATION, type BatchFileModel } from '../model';

/**
 * `batch/path-not-found`: a `*_HOME` variable (`JAVA_HOME`) or `env.fs.shared.location` names a folder that does not
 * exist on the machine the check runs on; for `JAVA_HOME`, also a folder without `bin\java.exe`. Only through the
 * host's file-system probe, and only when:
 * - the host has one (the CLI and the language server; never a browser or a test without one);
 * - the batch file itself is a file on this machine (so the check runs where the files are);
 * - the value is a plain absolute path this machine spells (`C:\...` on Windows, `/...` elsewhere): never a UNC
 *   share (a network round trip), never a value with `%VAR%`, quotes or trailing blanks (other rules speak to those);
 * - the folder above it exists and is not a drive root, so a copy of the files on another machine, where the whole
 *   tree is missing, does not report every path.
 */
export const pathNotFound: Rule<BatchFileModel> = {
  id: 'batch/path-not-found',
  defaultSeverity: 'warning',
  description: 'JAVA_HOME (or another *_HOME, or env.fs.shared.location) names a folder that does not exist on this machine.',
  check(model, ctx) {
    const fs = ctx.fileSystem;
    if (!fs) return;
    const self = localPathOf(ctx.uri, fs.platform);
    if (!self || fs.exists(self) !== true) return;
    for (const a of model.parsed.assignments) {
      const name = a.name.trim();
      if (a.kind !== 'plain' || !a.runs || !(/(?:^|_)HOME$/i.test(name) || a.key === SHARED_LOCATION)) continue;
      const v = literalValue(a);
      if (v === undefined || v !== v.trim() || /["*?<>|]/.test(v)) continue;
      const parent = parentFolder(v, fs.platform);
      if (!parent) continue;
      const exists = fs.exists(v);
      const range = { start: a.valueStart, end: a.valueEnd };
      if (exists === false) {
        if (fs.exists(parent) !== true) continue;
        const last = v.replace(/[\\/]+$/, '').slice(parent.length).replace(/^[\\/]+/, '');
        ctx.report({ ...range, message: `${name} names ${v}, which does not exist on this machine: ${parent} is there, but it holds no ${last}.` });
      } else if (exists === true && name.toUpperCase() === 'JAVA_HOME') {
        const java = join(v, fs.platform === 'win32' ? ['bin', 'java.exe'] : ['bin', 'java'], fs.platform);
        if (fs.exists(java) === false) {
          ctx.report({ ...range, message: `JAVA_HOME names ${v}, which exists on this machine but has no ${fs.platform === 'win32' ? 'bin\\java.exe' : 'bin/java'}: it is not a JDK or Java runtime folder.` });
        }
      }
    }
  },
};

/** The folder above an absolute path of this platform; undefined for other paths, UNC shares and drive roots. */
function parentFolder(path: string, platform: FileSystemProbe['platform']): string | undefined {
  if (platform === 'win32') {
    if (!/^[A-Za-z]:[\\/]/.test(path)) return undefined;
    const p = path.replace(/[\\/]+$/, '');
    const cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
    return cut > 2 ? p.slice(0, cut) : undefined;
  }
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  const p = path.replace(/\/+$/, '');
  const cut = p.lastIndexOf('/');
  return cut > 0 ? p.slice(0, cut) : undefined;
}

function join(base: string, parts: string[], platform: FileSystemProbe['platform']): string {
  const sep = platform === 'win32' ? '\\' : '/';
  return [base.replace(/[\\/]+$/, ''), ...parts].join(sep);
}

/** The local path of a `file:` URI on this platform; undefined for other URIs and for UNC (`file://host/...`). */
function localPathOf(uri: string, platform: FileSystemProbe['platform']): string | undefined {
  const m = /^file:\/\/([^/]*)(\/.*)$/i.exec(uri);
  if (!m || m[1] !== '') return undefined;
  let p: string;
  try {
    p = decodeURIComponent(m[2]!);
  } catch {
    return undefined;
  }
  const drive = /^\/([A-Za-z]:)(\/.*)?$/.exec(p);
  if (platform === 'win32') return drive ? `${drive[1]}${(drive[2] ?? '\\').replace(/\//g, '\\')}` : undefined;
  return drive ? undefined : p;
}
