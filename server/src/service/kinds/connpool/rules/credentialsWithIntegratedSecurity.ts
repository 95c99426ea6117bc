import type { Rule } from '../../../core/types';
import { authMode, poolLabel, type ConnpoolModel } from '../model';
import { emptyCredentialsEdits } from '../convert';

/** `integratedSecurity=true` while `User` or `Password` still hold values: they are ignored and leak a secret. */
export const credentialsWithIntegratedSecurity: Rule<ConnpoolModel> = {
  id: 'connpool/credentials-with-integrated-security',
  defaultSeverity: 'warning',
  description: 'A pool on Windows authentication still has a SQL user or password.',
  check(model, ctx) {
    for (const pool of model.pools) {
      if (authMode(pool) !== 'windows') continue;
      const filled = [pool.user, pool.password].filter((v) => v && v.trimmed.length > 0);
      if (filled.length === 0) continue;
      const first = filled[0]!;
      const which = filled.map((v) => `<${v!.element.name}>`).join(' and ');
      ctx.report({
        start: first.element.start,
        end: filled[filled.length - 1]!.element.end,
        message: `Pool ${poolLabel(model, pool)} uses Windows authentication (integratedSecurity=true), so ${which} ${filled.length > 1 ? 'are' : 'is'} ignored by the driver; leaving a SQL password in the file only exposes it. Empty ${filled.length > 1 ? 'them' : 'it'}.`,
        fixes: [{ title: 'Empty the User and Password values', edits: emptyCredentialsEdits(pool), safe: true, preferred: true }],
      });
    }
  },
};
