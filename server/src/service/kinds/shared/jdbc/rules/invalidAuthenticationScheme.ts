import type { Rule } from '../../../../core/types';
import { integratedSecurity, lastProperty } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { clip, fix, propertySpan } from '../util';

const SCHEMES = ['NativeAuthentication', 'JavaKerberos', 'NTLM'] as const;

function meant(value: string): (typeof SCHEMES)[number] | undefined {
  const v = value.toLowerCase();
  if (v.includes('kerb')) return 'JavaKerberos';
  if (v.includes('ntlm')) return 'NTLM';
  if (v.includes('native')) return 'NativeAuthentication';
  return undefined;
}

/**
 * `jdbc/invalid-authentication-scheme`: with `integratedSecurity=true` the driver reads `authenticationScheme` with
 * AuthenticationScheme.valueOfString (NativeAuthentication, JavaKerberos or NTLM, any case) and refuses any other
 * value (R_invalidAuthenticationScheme). Without `integratedSecurity=true` the driver does not read it: silent.
 */
export const invalidAuthenticationScheme: Rule<JdbcRuleInput> = {
  id: 'jdbc/invalid-authentication-scheme',
  defaultSeverity: 'error',
  description: 'With integratedSecurity=true, authenticationScheme is not NativeAuthentication, JavaKerberos or NTLM, so the driver refuses to connect.',
  check({ url }, ctx) {
    if (integratedSecurity(url) !== true) return;
    const p = lastProperty(url, 'authenticationScheme');
    if (!p) return;
    if (SCHEMES.some((s) => s.toLowerCase() === p.value.toLowerCase())) return;
    const guess = meant(p.value);
    const shown = p.value === '' ? 'an empty value' : `"${clip(p.value)}"`;
    ctx.report({
      ...(p.valueSpan.start === p.valueSpan.end ? propertySpan(p) : p.valueSpan),
      message: `"authenticationScheme" accepts only "NativeAuthentication" (the default), "JavaKerberos" or "NTLM" (in any case); with ${shown} and "integratedSecurity=true" the driver refuses to connect.`,
      ...(guess ? { fixes: [fix(`Set authenticationScheme=${guess}`, [{ start: p.valueSpan.start, end: p.valueSpan.end, newText: guess }], false, true)] } : {}),
    });
  },
};
