import type { Rule } from '../../../../core/types';
import { JDBC_SQLSERVER_PREFIX } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { fix } from '../util';

/** `jdbc/invalid-url`: the driver would refuse the URL (wrong prefix or broken grammar). */
export const invalidUrl: Rule<JdbcRuleInput> = {
  id: 'jdbc/invalid-url',
  defaultSeverity: 'error',
  description: 'The URL is not a SQL Server JDBC URL or breaks its grammar, so the connection fails.',
  check({ url }, ctx) {
    for (const p of url.problems) {
      if (p.code === 'prefix-case') {
        ctx.report({
          start: p.start,
          end: p.end,
          message: p.message,
          fixes: [fix(`Write the prefix as ${JDBC_SQLSERVER_PREFIX}`, [{ start: p.start, end: p.end, newText: JDBC_SQLSERVER_PREFIX }], true, true)],
        });
      } else {
        ctx.report({ start: p.start, end: p.end, message: p.message });
      }
    }
  },
};
