import type { OffsetEdit, Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../../properties/model';
import { databasesOf } from './urls';

/**
 * `indexstats/credentials-with-integrated-security`: the URL says `integratedSecurity=true` with the native scheme
 * but the matching user or password is set. The driver then logs in as the Windows account and does not use them
 * (SQLServerConnection.logon/sendLogon), and the guide says to leave both blank. Never with NTLM (the driver requires
 * them) or JavaKerberos (it may use them).
 */
export const credentialsWithIntegratedSecurity: Rule<PropertiesFileModel> = {
  id: 'indexstats/credentials-with-integrated-security',
  defaultSeverity: 'warning',
  description: 'A user or password is set although the URL uses Windows authentication (integratedSecurity=true, native scheme).',
  check(model, ctx) {
    for (const db of databasesOf(model)) {
      if (db.mode !== 'native') continue;
      const set = [db.user, db.pass].filter((e) => e !== undefined && e.value !== '');
      if (set.length === 0) continue;
      const edits: OffsetEdit[] = set.map((e) => ({ start: e!.valueStart, end: e!.valueEnd, newText: '' }));
      for (const e of set) {
        ctx.report({
          start: e!.keyStart,
          end: e!.keyEnd,
          message: `${e!.key} is set, but ${db.urlKey} uses Windows authentication (integratedSecurity=true, native scheme), with which the driver does not use a user or password: leave ${db.userKey} and ${db.passKey} blank.`,
          fixes: [{ title: `Blank ${set.map((x) => x!.key).join(' and ')}`, edits, safe: false, preferred: true }],
        });
      }
    }
  },
};
