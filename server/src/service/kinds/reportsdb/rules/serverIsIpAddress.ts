import { isIpLiteral } from '../../../core/text';
import type { Rule } from '../../../core/types';
import { quoted } from '../../properties/escaping';
import { loadedEntry, valueOrKeyRange, type PropertiesFileModel } from '../../properties/model';

const SERVER_KEYS = ['REPORTS_DB_SERVER_NAME', 'ACT_DB_SERVER_NAME'];

/** `reportsdb/server-is-ip-address`: a `*_SERVER_NAME` is an IP address; ECE wants the secondary replica's DNS name. */
export const serverIsIpAddress: Rule<PropertiesFileModel> = {
  id: 'reportsdb/server-is-ip-address',
  defaultSeverity: 'warning',
  description: 'A *_SERVER_NAME is an IP address instead of the secondary replica\'s fully qualified name.',
  check(model, ctx) {
    for (const key of SERVER_KEYS) {
      const e = loadedEntry(model, key);
      if (!e || !isIpLiteral(e.value)) continue;
      ctx.report({
        ...valueOrKeyRange(e),
        message: `${key} is the IP address ${quoted(e.value.trim())}. ECE expects DNS names: give the fully qualified name of the server that was the secondary replica at install time.`,
      });
    }
  },
};
