import type { Rule } from '../../../core/types';
import { bomEffect } from '../../../parse/properties';
import type { PropertiesFileModel } from '../model';

/**
 * `properties/byte-order-mark`: the file starts with a UTF-8 byte order mark right before a key. Java's
 * `Properties.load` does not skip it (its LineReader skips only spaces, tabs and form feeds), so the mark becomes
 * part of the first key (or a key of its own, before leading blanks) and the utility never sees that key. Silent
 * when the mark is followed by a comment or a blank line: Java then only loads a junk key nobody reads.
 * Editors usually hide the mark (VS Code shows "UTF-8 with BOM"); `ece-config check` sees it.
 */
export const byteOrderMark: Rule<PropertiesFileModel> = {
  id: 'properties/byte-order-mark',
  defaultSeverity: 'error',
  description: 'The file starts with a UTF-8 byte order mark, which Java reads as part of the first key.',
  check(model, ctx) {
    const effect = bomEffect(model.parsed);
    if (!effect) return;
    const e = effect.entry;
    const name = e.key === '' ? 'the first line' : `"${e.key}"`;
    const what =
      effect.how === 'glued'
        ? `so the key of this line is read as U+FEFF followed by ${e.key === '' ? 'nothing' : name}`
        : 'and the blanks after it make Java read a key made of the mark alone, with this whole line as its value';
    const range = e.keyEnd > e.keyStart ? { start: e.keyStart, end: e.keyEnd } : { start: e.contentStart, end: e.lineEnd };
    ctx.report({
      ...range,
      message: `The file starts with a UTF-8 byte order mark. Java's Properties.load does not skip it, ${what}: ${e.key === '' ? 'this line sets nothing the utility reads' : `${model.schema.reader} never finds ${name}`}. Save the file without the byte order mark (in VS Code: "Save with Encoding" > "UTF-8").`,
      fixes: [{ title: 'Remove the byte order mark', edits: [{ start: 0, end: 1, newText: '' }], safe: true, preferred: true }],
    });
  },
};
