import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../../properties/model';
import { databasesOf, hasCredential } from './urls';

/**
 * `indexstats/missing-credentials`: the URL needs a user and password, and the matching key is blank or missing
 * (and the URL has no non-empty `user=`/`password=` either):
 * - SQL authentication (`integratedSecurity` absent or false): the utility cannot log in;
 * - NTLM (`integratedSecurity=true;authenticationScheme=NTLM`): the driver refuses to connect without both
 *   (SQLServerConnection.connectInternal, R_NtlmNoUserPasswordDomain).
 * Silent for other modes (a refused `integratedSecurity` value is `jdbc/invalid-boolean`'s).
 */
export const missingCredentials: Rule<PropertiesFileModel> = {
  id: 'indexstats/missing-credentials',
  defaultSeverity: 'error',
  description: 'The URL uses SQL authentication (or NTLM) but the user or password is blank.',
  check(model, ctx) {
    for (const db of databasesOf(model)) {
      if (!db.url.isSqlServer || (db.mode !== 'sql' && db.mode !== 'ntlm')) continue;
      const blank = ([[db.userKey, db.user, 'user'], [db.passKey, db.pass, 'password']] as const).filter(([, e, which]) => (!e || e.value.trim() === '') && !hasCredential(db, which));
      const absent = blank.filter(([, e]) => !e).map(([k]) => k);
      const why =
        db.mode === 'sql'
          ? `${db.urlKey} uses SQL authentication (integratedSecurity is absent or false), so the utility cannot log in to the ${db.label}.`
          : `${db.urlKey} uses NTLM (authenticationScheme=NTLM), and the driver refuses to connect to the ${db.label} without a user and password.`;
      const how =
        db.mode === 'sql'
          ? 'Fill in the SQL login and password, or add integratedSecurity=true to the URL to use Windows authentication.'
          : 'Fill in the Windows account and its password, or remove authenticationScheme=NTLM to log in as the account the utility runs as.';
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
