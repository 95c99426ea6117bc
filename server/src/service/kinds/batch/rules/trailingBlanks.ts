import type { Rule } from '../../../core/types';
import { holdsPath, type BatchFileModel } from '../model';
import { blanks, rawIsBlanks, visible } from './util';

/**
 * `batch/trailing-blanks`: a path value ends in blanks. cmd.exe keeps everything up to the end of the line (or up
 * to `&`, `|`, a redirection), so `SET JAVA_HOME=C:\ECE\jdk ` holds `C:\ECE\jdk ` and `%JAVA_HOME%\bin\java` becomes
 * `C:\ECE\jdk \bin\java`. The fix removes the blanks (safe: a path never means them).
 */
/** An odd run of carets right before `at`: the character there is escaped, and deleting it would leave the caret. */
function escapedByCaret(text: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && text[at - n - 1] === '^') n++;
  return n % 2 === 1;
}

export const trailingBlanks: Rule<BatchFileModel> = {
  id: 'batch/trailing-blanks',
  defaultSeverity: 'warning',
  description: 'A path value ends in blanks, which cmd.exe keeps in the variable.',
  check(model, ctx) {
    for (const a of model.parsed.assignments) {
      if (a.kind !== 'plain' || !a.runs || a.uncertain || a.value === undefined) continue;
      const v = a.value;
      const kept = v.replace(/[ \t]+$/, '');
      if (kept === v || kept.trim() === '' || !holdsPath(a)) continue;
      const start = a.valueText.toRaw(kept.length);
      const end = a.valueEnd;
      const name = a.name.trim();
      const n = v.length - kept.length;
      const where = a.form === 'quoted' ? 'inside the quotes' : 'at the end of the line';
      ctx.report({
        start,
        end,
        message: `${name} ends in ${blanks(n)} ${where}, and cmd.exe keeps ${n === 1 ? 'it' : 'them'}: the variable holds ${visible(v)} (· is a blank), so %${name}%\\bin becomes ${visible(v)}\\bin, a path through a folder whose name ends in ${n === 1 ? 'a blank' : 'blanks'}.`,
        fixes: rawIsBlanks(model.text, start, end) && !escapedByCaret(model.text, start)
          ? [{ title: `Remove the trailing ${blanks(n)}`, edits: [{ start, end, newText: '' }], safe: true, preferred: true }]
          : [],
      });
    }
  },
};
