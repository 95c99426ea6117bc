import type { Rule } from '../../../../core/types';
import { lastProperty } from '../../../../parse/jdbcUrl';
import type { JdbcRuleInput } from '../types';
import { propertySpan } from '../util';

/** `jdbc/missing-database-name`: without `databaseName` the login's default database is opened. */
export const missingDatabaseName: Rule<JdbcRuleInput> = {
  id: 'jdbc/missing-database-name',
  defaultSeverity: 'warning',
  description: 'The URL names no database (databaseName), so the login\'s default database is used.',
  check({ url }, ctx) {
    if (!url.isSqlServer) return;
    const db = lastProperty(url, 'databaseName');
    if (db) {
      if (db.value.trim() === '') {
        ctx.report({
          ...propertySpan(db),
          message: `"${db.name}" is empty: the driver opens the login's default database instead of the ECE database this pool needs.`,
        });
      }
      return;
    }
    const end = url.port?.fullSpan.end ?? url.instance?.fullSpan.end ?? url.server?.fullSpan.end ?? url.prefix.end;
    ctx.report({
      start: url.prefix.start,
      end,
      message: 'The URL names no database: add ";databaseName=<name>". Without it the driver opens the login\'s default database, which is rarely the ECE database this pool needs.',
    });
  },
};
