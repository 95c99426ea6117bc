import type { Rule } from '../../../core/types';
import { quoted } from '../escaping';
import type { PropertiesFileModel } from '../model';
import { valueClassOf } from '../schema';

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0c;

/**
 * `properties/trailing-blanks`: blanks after a true/false or port value. `Properties.load` keeps them (only blanks
 * BEFORE a value are skipped), and Java's own readers do not trim: `Boolean.parseBoolean("true  ")` is false and
 * `Integer.parseInt("1433 ")` throws NumberFormatException (both verified on Java 17). Whether the utility trims
 * first is not documented, so the message says what happens if it does not. Escaped blanks (`\ `) are deliberate
 * and left alone; so are blank values (`properties/missing-key`, `reportsdb/*`).
 */
export const trailingBlanks: Rule<PropertiesFileModel> = {
  id: 'properties/trailing-blanks',
  defaultSeverity: 'warning',
  description: 'A true/false or port value ends in blanks, which Java keeps in the value.',
  check(model, ctx) {
    const text = model.text;
    for (const e of model.parsed.table.values()) {
      const cls = valueClassOf(model.schema, e.key);
      if (cls !== 'boolean' && cls !== 'port') continue;
      let b = e.valueEnd;
      while (b > e.valueStart && isBlank(text.charCodeAt(b - 1))) b--;
      if (b === e.valueEnd || b === e.valueStart) continue;
      // An odd run of backslashes before the blanks escapes the first of them: that blank is meant.
      let k = b;
      while (k > e.valueStart && text.charCodeAt(k - 1) === 0x5c) k--;
      if ((b - k) % 2 === 1) b++;
      if (b >= e.valueEnd) continue;
      const trimmed = e.value.replace(/[ \t\f]+$/, '');
      const consequence =
        cls === 'boolean'
          ? `\`Boolean.parseBoolean\` reads ${quoted(e.value)} as false, so unless ${model.schema.reader} trims the value first it does not see \`${trimmed}\``
          : `\`Integer.parseInt\` refuses ${quoted(e.value)} (NumberFormatException), so unless ${model.schema.reader} trims the value first it cannot read the port`;
      ctx.report({
        start: b,
        end: e.valueEnd,
        message: `${e.key} loads as ${quoted(e.value)}: Java keeps the blanks at the end of a value. ${consequence}. Remove the blanks.`,
        fixes: [{ title: `Remove the blanks after the value of ${e.key}`, edits: [{ start: b, end: e.valueEnd, newText: '' }], safe: true, preferred: true }],
      });
    }
  },
};
