import type { Rule } from '../../../../core/types';
import { hostValue, isNotAHostName } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { isIpLiteral } from '../../../../core/text';
import { clip } from '../util';

/**
 * `jdbc/server-not-fully-qualified`: a host name without a dot (a short NetBIOS-style name). Silent for what is not a
 * host name: an IP literal, a guide placeholder (`jdbc/placeholder-not-replaced`), a broken IPv6 literal (`jdbc/invalid-url`).
 */
export const serverNotFullyQualified: Rule<JdbcRuleInput> = {
  id: 'jdbc/server-not-fully-qualified',
  defaultSeverity: 'information',
  description: 'The server is a short host name without a domain.',
  check({ url }, ctx) {
    const host = hostValue(url);
    if (!host || !host.value || host.value.includes('.') || isIpLiteral(host.value) || isNotAHostName(host.value)) return;
    ctx.report({
      ...host.span,
      message: `"${clip(host.value)}" is a short host name without a domain. It works only where the DNS suffix search finds it; a fully qualified name (e.g. "${clip(host.value, 30)}.example.com") resolves the same way on every ECE server.`,
    });
  },
};
