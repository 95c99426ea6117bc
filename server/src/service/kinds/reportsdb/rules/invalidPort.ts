import type { Rule } from '../../../core/types';
import { quoted } from '../../properties/escaping';
import { loadedEntry, valueOrKeyRange, type PropertiesFileModel } from '../../properties/model';

const PORT_KEYS = ['REPORTS_DB_LST_PORT', 'ACT_DB_LST_PORT'];

/** `reportsdb/invalid-port`: a `*_LST_PORT` that is not a whole number from 1 to 65535. */
export const invalidPort: Rule<PropertiesFileModel> = {
  id: 'reportsdb/invalid-port',
  defaultSeverity: 'error',
  description: 'A listener port (*_LST_PORT) is not a number from 1 to 65535.',
  check(model, ctx) {
    for (const key of PORT_KEYS) {
      const e = loadedEntry(model, key);
      if (!e) continue;
      const v = e.value.trim();
      if (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535) continue;
      ctx.report({
        ...valueOrKeyRange(e),
        message: v === ''
          ? `${key} is empty: give the availability group listener's port (usually 1433).`
          : `${key} loads as ${quoted(e.value)}, which is not a port: it must be a whole number from 1 to 65535 (the listener port is usually 1433).`,
      });
    }
  },
};
