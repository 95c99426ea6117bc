import type { Rule } from '../../../../core/types';
import { hostValue } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { isIpLiteral } from '../../../../core/text';

/** `jdbc/server-is-ip-address`: ECE wants DNS names for its database servers, never IP addresses. */
export const serverIsIpAddress: Rule<JdbcRuleInput> = {
  id: 'jdbc/server-is-ip-address',
  defaultSeverity: 'warning',
  description: 'The server is given as an IP address; ECE expects a DNS host name.',
  check({ url }, ctx) {
    const host = hostValue(url);
    if (!host || !isIpLiteral(host.value)) return;
    ctx.report({
      ...host.span,
      message: `"${host.value}" is an IP address. ECE expects its database servers to be named by DNS host name (with Always On, the fully qualified name of the availability group listener); an address ties the pool to one machine (or to one subnet's listener address), so it breaks when the database moves or fails over to another server.`,
    });
  },
};
