/**
 * Windows authentication for pools: `integratedSecurity=true` in `Url`, empty `User` and `Password` (native scheme only).
 * Used by the quick fixes of the connpool rules and by the "Convert to Windows Authentication" command
 * (on the file on disk and on the copy inside `deployment.zip`). Minimal edits only; idempotent.
 */
import type { OffsetEdit } from '../../core/types';
import { integratedLoginMode, setPropertyEdits } from '../../parse/jdbcUrl';
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

/**
 * Edits that put one pool on Windows authentication. Empty when it already is. The credentials are emptied only
 * when the driver will then use the native scheme (no `authenticationScheme`, or `NativeAuthentication`): with NTLM
 * it requires them and with JavaKerberos it may use them, and a scheme it refuses is left for the admin to mend.
 */
export function poolWindowsAuthEdits(pool: ConnPool): OffsetEdit[] {
  const url = pool.url;
  const native = !url || !url.jdbc.isSqlServer || integratedLoginMode(url.jdbc) === 'native';
  const edits = native ? emptyCredentialsEdits(pool) : [];
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
