import type { Rule } from '../../../core/types';
import { authMode, hasCredential, poolLabel, type ConnpoolModel } from '../model';
import { poolWindowsAuthEdits } from '../convert';
import { integratedLoginMode } from '../../../parse/jdbcUrl';

/**
 * SQL authentication with no user or no password, neither in `<User>`/`<Password>` nor as `user=`/`password=` in
 * the URL: the pool cannot log in. Silent when the pool is not on SQL authentication (see `authMode`: a refused
 * `integratedSecurity` value is reported by `jdbc/invalid-boolean`).
 */
export const missingCredentials: Rule<ConnpoolModel> = {
  id: 'connpool/missing-credentials',
  defaultSeverity: 'error',
  description: 'A pool on SQL authentication has an empty (or missing) User or Password.',
  check(model, ctx) {
    for (const pool of model.pools) {
      if (authMode(pool) !== 'sql') continue;
      const missing: string[] = [];
      if (!hasCredential(pool, 'user')) missing.push('User');
      if (!hasCredential(pool, 'password')) missing.push('Password');
      if (missing.length === 0) continue;
      const at = (missing[0] === 'User' ? pool.user : pool.password)?.element ?? pool.element;
      // The switch empties nothing and helps only when the driver would then use the native scheme.
      const edits = pool.url && integratedLoginMode(pool.url.jdbc) === 'native' ? poolWindowsAuthEdits(pool) : [];
      ctx.report({
        start: at.start,
        end: at === pool.element ? pool.element.nameEnd : at.end,
        message: `Pool ${poolLabel(model, pool)} uses SQL authentication (integratedSecurity is absent or false) but its ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} empty: ECE cannot log in to the database. Fill ${missing.length > 1 ? 'them' : 'it'} in, or switch the pool to Windows authentication.`,
        ...(edits.length > 0 ? { fixes: [{ title: 'Switch this pool to Windows authentication (integratedSecurity=true, empty User and Password)', edits, safe: false }] } : {}),
      });
    }
  },
};
