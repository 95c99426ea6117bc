import type { Rule } from '../../../core/types';
import { authMode, poolLabel, type ConnpoolModel } from '../model';
import { poolWindowsAuthEdits } from '../convert';

/** SQL authentication with an empty `User` or `Password`: the pool cannot log in. */
export const missingCredentials: Rule<ConnpoolModel> = {
  id: 'connpool/missing-credentials',
  defaultSeverity: 'error',
  description: 'A pool on SQL authentication has an empty (or missing) User or Password.',
  check(model, ctx) {
    for (const pool of model.pools) {
      if (authMode(pool) !== 'sql') continue;
      const missing: string[] = [];
      if (!pool.user || pool.user.trimmed.length === 0) missing.push('User');
      if (!pool.password || pool.password.trimmed.length === 0) missing.push('Password');
      if (missing.length === 0) continue;
      const at = (missing[0] === 'User' ? pool.user : pool.password)?.element ?? pool.element;
      ctx.report({
        start: at.start,
        end: at === pool.element ? pool.element.nameEnd : at.end,
        message: `Pool ${poolLabel(model, pool)} uses SQL authentication (integratedSecurity is not true) but its ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} empty: ECE cannot log in to the database. Fill ${missing.length > 1 ? 'them' : 'it'} in, or switch the pool to Windows authentication.`,
        fixes: [{ title: 'Switch this pool to Windows authentication (integratedSecurity=true, empty User and Password)', edits: poolWindowsAuthEdits(pool), safe: false }],
      });
    }
  },
};
