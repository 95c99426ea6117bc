import type { Rule } from '../../../core/types';
import { bomEffect } from '../../../parse/properties';
import type { PropertiesFileModel } from '../model';

/**
 * `properties/byte-order-mark`: the file starts with a UTF-8 byte order mark right before a key. Java's
 * `Properties.load` does not skip it (its LineReader skips only spaces, tabs and form feeds), so the mark becomes
 * part of the first key (or a key of its own, before leading blanks) and the utility never sees that key. Silent
 * when the mark is followed by a comment or a blank line: Java then only loads a junk key nobody reads.
 * Editors hide the mark (VS Code shows "UTF-8 with BOM"): then the host says it was removed from the text
 * (`ctx.byteOrderMarkRemoved`) and the finding comes without a text edit.
 */
export const byteOrderMark: Rule<PropertiesFileModel> = {
  id: 'properties/byte-order-mark',
  defaultSeverity: 'error',
  description: 'The file starts with a UTF-8 byte order mark, which Java reads as part of the first key.',
  check(model, ctx) {
    const inText = model.parsed.bom;
    const effect = bomEffect(model.parsed, ctx.byteOrderMarkRemoved === true);
    if (!effect) return;
    const e = effect.entry;
    const name = e.key === '' ? 'the first line' : `"${e.key}"`;
    const what =
      effect.how === 'glued'
        ? `so the key of this line is read as U+FEFF followed by ${e.key === '' ? 'nothing' : name}`
        : 'and the blanks after it make Java read a key made of the mark alone, with this whole line as its value';
    const range = e.keyEnd > e.keyStart ? { start: e.keyStart, end: e.keyEnd } : { start: e.contentStart, end: e.lineEnd };
    // When the editor hides the mark (it is on disk, not in the text), no text edit can remove it: the editor's
    // encoding setting decides whether it is written back, so the message says how to change that instead.
    const how = inText
      ? 'Save the file without the byte order mark (in VS Code: "Save with Encoding" > "UTF-8").'
      : 'The editor hides the mark and writes it back on every save: save the file with the encoding "UTF-8" instead of "UTF-8 with BOM" (in VS Code: click "UTF-8 with BOM" in the status bar, then "Save with Encoding" > "UTF-8").';
    ctx.report({
      ...range,
      message: `The file starts with a UTF-8 byte order mark. Java's Properties.load does not skip it, ${what}: ${e.key === '' ? 'this line sets nothing the utility reads' : `${model.schema.reader} never finds ${name}`}. ${how}`,
      fixes: inText ? [{ title: 'Remove the byte order mark', edits: [{ start: 0, end: 1, newText: '' }], safe: true, preferred: true }] : [],
    });
  },
};
