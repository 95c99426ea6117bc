import type { Rule } from '../../../core/types';
import { escapeText, escapingFix, loadsAs, swallowNote } from '../escaping';
import type { PropertiesFileModel } from '../model';
import { isStrictClass, valueClassOf } from '../schema';

const NAMES: Record<string, string> = { t: 'a tab', n: 'a line feed', r: 'a carriage return', f: 'a form feed' };

/**
 * `properties/control-escape-in-path`: `\t \n \r \f` inside a path, host, user or URL value. `C:\temp` loads as
 * `C:<TAB>emp`: the admin meant a backslash and a letter.
 */
export const controlEscapeInPath: Rule<PropertiesFileModel> = {
  id: 'properties/control-escape-in-path',
  defaultSeverity: 'error',
  description: 'A \\t, \\n, \\r or \\f inside a path, host, user or URL value loads as a control character.',
  check(model, ctx) {
    for (const entry of model.parsed.entries) {
      const cls = valueClassOf(model.schema, entry.key);
      if (!isStrictClass(cls)) continue;
      for (const e of entry.escapes) {
        if (e.kind !== 'control' || e.part !== 'value') continue;
        const fix = escapingFix(model, entry, e);
        ctx.report({
          start: e.start,
          end: e.end,
          message: `${escapeText(model, entry, e)} is Java's escape for ${NAMES[e.char] ?? 'a control character'}, not a backslash followed by "${e.char}": ${loadsAs(model, entry)}. Write \\\\ for each backslash.${swallowNote(model, entry, e)}`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
