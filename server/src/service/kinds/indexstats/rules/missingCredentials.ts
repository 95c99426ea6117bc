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
      for (const [key, e] of [[db.userKey, db.user], [db.passKey, db.pass]] as const) {
        if (e && e.value.trim() !== '') continue;
        const where = e ? { start: e.keyStart, end: e.keyEnd } : { start: db.urlEntry.keyStart, end: db.urlEntry.keyEnd };
        ctx.report({
          ...where,
          message: `${key} is ${e ? 'blank' : 'missing'}, but ${db.urlKey} uses SQL authentication (no integratedSecurity=true), so the utility cannot log in to the ${db.label}. Fill in ${key}, or add integratedSecurity=true to the URL to use Windows authentication.`,
        });
      }
    }
  },
};
