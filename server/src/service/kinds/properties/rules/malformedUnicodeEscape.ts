import type { Rule } from '../../../core/types';
import { escapeText, escapingFix, keyName, swallowNote } from '../escaping';
import type { PropertiesFileModel } from '../model';
import { valueClassOf } from '../schema';

/**
 * `properties/malformed-unicode-escape`: `\u` not followed by four hex digits (`D:\utility`). Java's `load`
 * throws "Malformed \uxxxx encoding" and the utility stops before it does anything.
 */
export const malformedUnicodeEscape: Rule<PropertiesFileModel> = {
  id: 'properties/malformed-unicode-escape',
  defaultSeverity: 'error',
  description: '\\u not followed by four hex digits: Java refuses to load the whole file.',
  check(model, ctx) {
    for (const entry of model.parsed.entries) {
      for (const e of entry.escapes) {
        if (e.kind !== 'unicode-malformed') continue;
        const secret = e.part === 'value' && valueClassOf(model.schema, entry.key) === 'secret';
        const what = secret ? `A backslash followed by "u" in the value of ${keyName(entry.key)}` : escapeText(model, entry, e);
        const fix = escapingFix(model, entry, e);
        ctx.report({
          start: e.start,
          end: e.end,
          message: `${what} starts a \\uXXXX unicode escape but is not followed by four hex digits. Java stops reading the file with "Malformed \\uxxxx encoding", so ${model.schema.reader} fails at start. Write \\\\ for a backslash.${swallowNote(model, entry, e)}`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
