/**
 * Windows authentication for pools: `integratedSecurity=true` in `Url`, empty `User` and `Password`.
 * Used by the quick fixes of the connpool rules and by the "Convert to Windows Authentication" command
 * (on the file on disk and on the copy inside `deployment.zip`). Minimal edits only; idempotent.
 */
import type { OffsetEdit } from '../../core/types';
import { setPropertyEdits } from '../../parse/jdbcUrl';
import { xmlContentEdit } from '../../parse/xml';
import type { ConnPool, ConnpoolModel, PoolValue } from './model';

function emptyValue(v: PoolValue | undefined): OffsetEdit[] {
  if (!v || v.text.text.length === 0 || v.trimmed.length === 0) return [];
  return [xmlContentEdit(v.text, 0, v.text.text.length, '')];
}

/** Edits that empty a pool's credentials (for pools already on Windows authentication). */
export function emptyCredentialsEdits(pool: ConnPool): OffsetEdit[] {
  return [...emptyValue(pool.user), ...emptyValue(pool.password)];
}

/** Edits that put one pool on Windows authentication. Empty when it already is. */
export function poolWindowsAuthEdits(pool: ConnPool): OffsetEdit[] {
  const edits = emptyCredentialsEdits(pool);
  const url = pool.url;
  if (url && url.jdbc.isSqlServer) {
    for (const e of setPropertyEdits(url.jdbc, 'integratedSecurity', 'true')) {
      edits.push(url.site.edit(e.start, e.end, e.newText));
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** Edits that put every pool of the file on Windows authentication. */
export function windowsAuthEdits(model: ConnpoolModel): OffsetEdit[] {
  return model.pools.flatMap(poolWindowsAuthEdits);
}
