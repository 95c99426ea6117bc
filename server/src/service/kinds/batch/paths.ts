/**
 * Windows paths as the batch rules compare them: drive paths (`C:\ECE`) and UNC paths (`\\host\share\ECE`), with
 * `/` read as `\`, repeated separators and a trailing separator ignored, and letters compared without case (NTFS
 * and SMB shares are case-insensitive by default). Anything else (relative paths, `%VAR%\...`) is not a path here.
 */
import { sameMachine } from '../../core/names';

export interface WinPath {
  kind: 'drive' | 'unc';
  /** `c:` for a drive path; the host for a UNC path (as written). */
  root: string;
  /** The folders after the root (after the share's host for UNC: the share is the first), lower-cased. */
  segments: string[];
}

/** Parses an absolute Windows path; undefined for anything else. */
export function parseWinPath(value: string): WinPath | undefined {
  const p = value.replace(/\//g, '\\');
  const drive = /^([A-Za-z]):\\/.exec(p);
  if (drive) return { kind: 'drive', root: `${drive[1]!.toLowerCase()}:`, segments: split(p.slice(3)) };
  const unc = /^\\\\([^\\]+)\\?/.exec(p);
  if (unc && !/^[.?]$/.test(unc[1]!)) {
    const segments = split(p.slice(unc[0].length));
    if (segments.length === 0) return undefined; // a host without a share is not a folder
    return { kind: 'unc', root: unc[1]!, segments };
  }
  return undefined;
}

function split(rest: string): string[] {
  return rest.split('\\').filter((s) => s !== '').map((s) => s.toLowerCase());
}

/** True when both name the same folder (a UNC host also matches its short or fully qualified name). */
export function samePath(a: WinPath, b: WinPath): boolean {
  if (a.kind !== b.kind || a.segments.length !== b.segments.length) return false;
  if (a.kind === 'drive' ? a.root !== b.root : !sameMachine(a.root, b.root)) return false;
  return a.segments.every((s, i) => s === b.segments[i]);
}

/** The parent folder (undefined at a drive root or a bare share). */
function parentOf(p: WinPath): WinPath | undefined {
  const min = p.kind === 'unc' ? 1 : 0;
  return p.segments.length > min ? { ...p, segments: p.segments.slice(0, -1) } : undefined;
}

/** `C:\ECE\eService` without the last folder when it is `eService` (the ECE home of a shared location). */
export function homeOfSharedLocation(p: WinPath): WinPath | undefined {
  return p.segments[p.segments.length - 1] === 'eservice' ? parentOf(p) : undefined;
}
