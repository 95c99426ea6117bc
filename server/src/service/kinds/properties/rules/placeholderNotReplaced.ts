import type { Rule } from '../../../core/types';
import { placeholderSpans } from '../../../parse/jdbcUrl';
import type { PropertiesFileModel } from '../model';
import { valueClassOf } from '../schema';

/**
 * `properties/placeholder-not-replaced`: a value that still holds a `<...>` placeholder copied from a guide
 * (`<ECE File Server Install Directory>`, `<DB server name>`). JDBC URL values are left to
 * `jdbc/placeholder-not-replaced`; secret values are never looked at (nothing of them may be shown).
 */
export const placeholderNotReplaced: Rule<PropertiesFileModel> = {
  id: 'properties/placeholder-not-replaced',
  defaultSeverity: 'warning',
  description: 'A value still holds a <...> placeholder copied from the guide.',
  check(model, ctx) {
    for (const e of model.parsed.table.values()) {
      const cls = valueClassOf(model.schema, e.key);
      if (cls === 'secret' || cls === 'url') continue;
      for (const s of placeholderSpans(e.value)) {
        const shown = e.value.slice(s.start, s.end);
        ctx.report({
          start: e.valueText.toRaw(s.start),
          end: e.valueText.toRaw(s.end),
          message: `${e.key} still holds "${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}", a placeholder from the guide: replace it with the real value. ${model.schema.reader} reads the text as written.`,
        });
      }
    }
  },
};
