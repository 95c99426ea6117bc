/**
 * Windows authentication for pools: `integratedSecurity=true` in `Url`, empty `User` and `Password` (native scheme only).
 * Used by the quick fixes of the connpool rules and by the "Convert to Windows Authentication" command
 * (on the file on disk and on the copy inside `deployment.zip`). Minimal edits only; idempotent.
 */
import { applyEdits } from '../../core/text';
import type { OffsetEdit, WindowsAuthPlan } from '../../core/types';
import { integratedLoginMode, setPropertyEdits } from '../../parse/jdbcUrl';
import { parseXml, xmlContentEdit } from '../../parse/xml';
import { planOf } from '../shared/windowsAuth';
import { buildConnpoolModel, poolLabel, type ConnPool, type ConnpoolModel, type PoolValue } from './model';

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

/**
 * "Convert to Windows Authentication" on a pool file: every pool gets `integratedSecurity=true` in `Url` and empty
 * `User` and `Password` values (the credentials are kept when the URL's `authenticationScheme` is NTLM or
 * JavaKerberos, or one the driver refuses: the driver needs or may use them).
 */
export function planPoolFile(model: ConnpoolModel): WindowsAuthPlan {
  const pairs: Array<{ edit: OffsetEdit; what: string }> = [];
  for (const pool of model.pools) {
    const label = `pool ${poolLabel(model, pool)}`;
    for (const edit of poolWindowsAuthEdits(pool)) {
      let what: string;
      if (pool.user && edit.start === pool.user.text.toRaw(0) && edit.newText === '') what = `${label}: User emptied`;
      else if (pool.password && edit.start === pool.password.text.toRaw(0) && edit.newText === '') what = `${label}: Password emptied`;
      else what = `${label}: integratedSecurity=true in Url`;
      pairs.push({ edit, what });
    }
  }
  return planOf(pairs);
}

/**
 * The same conversion on the text of a pool file (used on the copy inside `deployment.zip`). Returns the text
 * unchanged when every pool already uses Windows authentication.
 */
export function windowsAuthPoolText(text: string): string {
  const plan = planPoolFile(buildConnpoolModel(parseXml(text).model));
  return plan.edits.length ? applyEdits(text, plan.edits) : text;
}
