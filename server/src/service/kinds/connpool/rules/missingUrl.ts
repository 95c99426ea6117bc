import type { Rule } from '../../../core/types';
import { poolLabel, type ConnpoolModel } from '../model';

/** A `<connpool>` without a `Url` cannot connect to anything. */
export const missingUrl: Rule<ConnpoolModel> = {
  id: 'connpool/missing-url',
  defaultSeverity: 'error',
  description: 'A <connpool> has no <Url> element.',
  check(model, ctx) {
    for (const pool of model.pools) {
      if (pool.url) continue;
      ctx.report({
        start: pool.element.start,
        end: pool.element.nameEnd,
        message: `Pool ${poolLabel(model, pool)} has no <Url> element, so it has no database to connect to. Add <Url>jdbc:sqlserver://HOST:1433;databaseName=DB;...</Url>.`,
      });
    }
  },
};
