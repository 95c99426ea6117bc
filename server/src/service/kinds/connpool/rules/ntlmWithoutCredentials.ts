import type { Rule } from '../../../core/types';
import { hasCredential, poolLabel, poolLoginMode, type ConnpoolModel } from '../model';

/**
 * `connpool/ntlm-without-credentials`: `integratedSecurity=true;authenticationScheme=NTLM` with no user or no
 * password (neither in `<User>`/`<Password>` nor as `user=`/`password=` in the URL). The driver checks this before
 * it connects (SQLServerConnection.connectInternal) and fails with R_NtlmNoUserPasswordDomain.
 */
export const ntlmWithoutCredentials: Rule<ConnpoolModel> = {
  id: 'connpool/ntlm-without-credentials',
  defaultSeverity: 'error',
  description: 'A pool uses NTLM (authenticationScheme=NTLM) without a user or password: the driver refuses to connect.',
  check(model, ctx) {
    for (const pool of model.pools) {
      if (poolLoginMode(pool) !== 'ntlm') continue;
      const missing: string[] = [];
      if (!hasCredential(pool, 'user')) missing.push('User');
      if (!hasCredential(pool, 'password')) missing.push('Password');
      if (missing.length === 0) continue;
      const at = (missing[0] === 'User' ? pool.user : pool.password)?.element ?? pool.element;
      ctx.report({
        start: at.start,
        end: at === pool.element ? pool.element.nameEnd : at.end,
        message: `Pool ${poolLabel(model, pool)} uses NTLM (integratedSecurity=true;authenticationScheme=NTLM), which logs in with a Windows user name and password, but its ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} empty: the driver refuses to connect without both. Fill in the Windows account (and its domain with domain=), or remove authenticationScheme=NTLM to log in as the account the ECE services run as.`,
      });
    }
  },
};
