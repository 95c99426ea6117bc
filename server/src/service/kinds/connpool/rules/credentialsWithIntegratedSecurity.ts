import type { Rule } from '../../../core/types';
import { poolLabel, poolLoginMode, type ConnpoolModel } from '../model';
import { emptyCredentialsEdits } from '../convert';

/**
 * `integratedSecurity=true` with the native scheme (no `authenticationScheme`, or `NativeAuthentication`) while
 * `User` or `Password` still hold values: the driver logs in through AuthenticationJNI as the service's Windows
 * account and leaves user and password out of the login (SQLServerConnection.logon/sendLogon), so they only expose a
 * secret. Never with NTLM (the driver requires them) or JavaKerberos (it may use them).
 */
export const credentialsWithIntegratedSecurity: Rule<ConnpoolModel> = {
  id: 'connpool/credentials-with-integrated-security',
  defaultSeverity: 'warning',
  description: 'A pool on Windows authentication (native scheme) still has a SQL user or password.',
  check(model, ctx) {
    for (const pool of model.pools) {
      if (poolLoginMode(pool) !== 'native') continue;
      const filled = [pool.user, pool.password].filter((v) => v && v.trimmed.length > 0);
      if (filled.length === 0) continue;
      const first = filled[0]!;
      const which = filled.map((v) => `<${v!.element.name}>`).join(' and ');
      ctx.report({
        start: first.element.start,
        end: filled[filled.length - 1]!.element.end,
        message: `Pool ${poolLabel(model, pool)} uses Windows authentication (integratedSecurity=true, native scheme): the driver logs in as the Windows account of the ECE services and does not use ${which}; leaving a SQL password in the file only exposes it. Empty ${filled.length > 1 ? 'them' : 'it'}.`,
        fixes: [{ title: 'Empty the User and Password values', edits: emptyCredentialsEdits(pool), safe: true, preferred: true }],
      });
    }
  },
};
