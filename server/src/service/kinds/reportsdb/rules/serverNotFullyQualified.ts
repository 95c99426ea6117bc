import { isIpLiteral } from '../../../core/text';
import type { Rule } from '../../../core/types';
import { isNotAHostName } from '../../../parse/jdbcUrl';
import { quoted } from '../../properties/escaping';
import { loadedEntry, valueOrKeyRange, type PropertiesFileModel } from '../../properties/model';

const SERVER_KEYS = ['REPORTS_DB_SERVER_NAME', 'ACT_DB_SERVER_NAME'];

/**
 * `reportsdb/server-not-fully-qualified`: a `*_SERVER_NAME` without a domain. The HA tech note asks for the fully
 * qualified name of the server that was the secondary replica at install time. IP literals
 * (`reportsdb/server-is-ip-address`) and placeholders (`properties/placeholder-not-replaced`) are left to their rules.
 */
export const serverNotFullyQualified: Rule<PropertiesFileModel> = {
  id: 'reportsdb/server-not-fully-qualified',
  defaultSeverity: 'warning',
  description: 'A *_SERVER_NAME is a short host name instead of the secondary replica\'s fully qualified name.',
  check(model, ctx) {
    for (const key of SERVER_KEYS) {
      const e = loadedEntry(model, key);
      if (!e) continue;
      const v = e.value.trim();
      if (v === '' || v.includes('.') || isIpLiteral(v) || isNotAHostName(v)) continue;
      ctx.report({
        ...valueOrKeyRange(e),
        message: `${key} is ${quoted(v)}, a short name without a domain. The guides ask for the fully qualified name of the server that was the secondary replica at install time (e.g. ${quoted(`${v.length > 30 ? v.slice(0, 30) : v}.example.com`)}).`,
      });
    }
  },
};
