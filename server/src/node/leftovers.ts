/**
 * Temporary files of our atomic writes, and what an interrupted run leaves behind.
 *
 * Every file we write goes first to a temporary file in the same folder, named `.<name>.ece-tmp-<pid>-<random>` (the
 * new content) or `.<name>.ece-bak-<pid>-<random>` (a backup being copied), and only a complete, synced file is renamed
 * or linked to its real name. A process killed midway (kill -9, power loss) leaves such a temporary file; it never
 * looks like the real file or a real backup. The next run removes those whose process is gone, and says so.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Names of our temporary files for `file`: new content (`tmp`) or a backup in the making (`bak`). */
export function tempPathFor(file: string, what: 'tmp' | 'bak'): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.ece-${what}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Also the names of earlier versions (`.<name>.tmp-<pid>-<hex>` for zips, `.<name>.ece-tmp-<pid>-<alnum>` for text). */
function leftoverPattern(base: string): RegExp {
  const b = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${b}\\.(?:ece-tmp|ece-bak|tmp)-(\\d+)-[0-9a-z]+$`, 'i');
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files an interrupted write of `file` left in its folder (those of processes that no longer
 * run). Returns what was removed, for the report. Never throws.
 */
export async function removeLeftovers(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const re = leftoverPattern(path.basename(file));
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const m = re.exec(n);
    if (!m || alive(Number(m[1]))) continue;
    const p = path.join(dir, n);
    try {
      await fs.rm(p, { force: true });
      removed.push(p);
    } catch {
      /* left for the next run */
    }
  }
  return removed;
}

/** A sentence for a removed leftover, for reports. */
export function leftoverNote(p: string): string {
  return `removed ${p}, a partial temporary file left by an earlier run that was interrupted (it was never used as the real file or a backup)`;
}
