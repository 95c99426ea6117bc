/** Walks files and folders given on a command line, skipping VCS and dependency folders and link loops. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const SKIP_DIRS = new Set(['.git', '.svn', '.hg', 'node_modules', '.vscode-test', '.e2e']);

export interface WalkResult {
  files: string[];
  /** Paths that could not be read, with the reason. */
  errors: Array<{ path: string; message: string }>;
  /** True when the walk stopped at `maxFiles`. */
  truncated: boolean;
}

export async function walk(paths: string[], maxFiles = 200_000, onProgress?: (filesSeen: number) => void): Promise<WalkResult> {
  const files: string[] = [];
  const errors: WalkResult['errors'] = [];
  const seen = new Set<string>();
  let truncated = false;
  const visit = async (p: string, explicit: boolean): Promise<void> => {
    if (files.length >= maxFiles) {
      truncated = true;
      return;
    }
    let st;
    try {
      st = await fs.stat(p);
    } catch (e) {
      if (explicit) errors.push({ path: p, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String((e as Error).message) });
      return;
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = await fs.realpath(p);
      } catch {
        real = p;
      }
      if (seen.has(real)) return;
      seen.add(real);
      let names: string[];
      try {
        names = (await fs.readdir(p)).sort();
      } catch (e) {
        errors.push({ path: p, message: `cannot list folder: ${(e as Error).message}` });
        return;
      }
      for (const n of names) {
        if (SKIP_DIRS.has(n)) continue;
        await visit(path.join(p, n), false);
      }
    } else if (st.isFile()) {
      files.push(p);
      if (onProgress && files.length % 500 === 0) onProgress(files.length);
    }
  };
  for (const p of paths) await visit(p, true);
  return { files, errors, truncated };
}
