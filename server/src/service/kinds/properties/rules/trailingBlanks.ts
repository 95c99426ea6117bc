import type { Rule } from '../../../core/types';
import { quoted } from '../escaping';
import type { PropertiesFileModel } from '../model';
import { valueClassOf } from '../schema';

/**
 * `properties/trailing-blanks`: blanks after a true/false or port value. `Properties.load` keeps them (only blanks
 * BEFORE a value are skipped), and Java's own readers do not trim: `Boolean.parseBoolean("true  ")` is false and
 * `Integer.parseInt("1433 ")` throws NumberFormatException (both verified on Java 17). Whether the utility trims
 * first is not documented, so the message says what happens if it does not. Blanks written as escapes (`\ `, `\t`)
 * count too: they load the same. Blank values are left to `properties/missing-key` and `reportsdb/*`.
 */
export const trailingBlanks: Rule<PropertiesFileModel> = {
  id: 'properties/trailing-blanks',
  defaultSeverity: 'warning',
  description: 'A true/false or port value ends in blanks, which Java keeps in the value.',
  check(model, ctx) {
    for (const e of model.parsed.table.values()) {
      const cls = valueClassOf(model.schema, e.key);
      if (cls !== 'boolean' && cls !== 'port') continue;
      const trimmed = e.value.replace(/[ \t\f]+$/, '');
      if (trimmed.length === e.value.length || trimmed.length === 0) continue;
      const b = e.valueText.toRaw(trimmed.length);
      const consequence =
        cls === 'boolean'
          ? `"Boolean.parseBoolean" reads ${quoted(e.value)} as false, so unless ${model.schema.reader} trims the value first it does not see "${trimmed}"`
          : `"Integer.parseInt" refuses ${quoted(e.value)} (NumberFormatException), so unless ${model.schema.reader} trims the value first it cannot read the port`;
      ctx.report({
        start: b,
        end: e.valueEnd,
        message: `${e.key} loads as ${quoted(e.value)}: Java keeps the blanks at the end of a value. ${consequence}. Remove the blanks.`,
        fixes: [{ title: `Remove the blanks after the value of ${e.key}`, edits: [{ start: b, end: e.valueEnd, newText: '' }], safe: true, preferred: true }],
      });
    }
  },
};
