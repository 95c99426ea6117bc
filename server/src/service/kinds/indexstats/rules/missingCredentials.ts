import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../../properties/model';
import { databasesOf } from './urls';

/**
 * `indexstats/missing-credentials`: the URL uses SQL authentication (no `integratedSecurity=true`) but the matching
 * user or password is blank, so the utility cannot log in.
 */
export const missingCredentials: Rule<PropertiesFileModel> = {
  id: 'indexstats/missing-credentials',
  defaultSeverity: 'error',
  description: 'The URL uses SQL authentication but the user or password is blank.',
  check(model, ctx) {
    for (const db of databasesOf(model)) {
      if (db.integrated || !db.url.isSqlServer) continue;
      const blank = ([[db.userKey, db.user], [db.passKey, db.pass]] as const).filter(([, e]) => !e || e.value.trim() === '');
      const absent = blank.filter(([, e]) => !e).map(([k]) => k);
      const why = `${db.urlKey} uses SQL authentication (no integratedSecurity=true), so the utility cannot log in to the ${db.label}.`;
      const how = 'Fill in the SQL login and password, or add integratedSecurity=true to the URL to use Windows authentication.';
      if (absent.length) {
        ctx.report({
          start: db.urlEntry.keyStart,
          end: db.urlEntry.keyEnd,
          message: `${absent.join(' and ')} ${absent.length > 1 ? 'are' : 'is'} missing, but ${why} ${how}`,
        });
      }
      for (const [key, e] of blank) {
        if (!e) continue;
        ctx.report({ start: e.keyStart, end: e.keyEnd, message: `${key} is blank, but ${why} ${how}` });
      }
    }
  },
};
