import type { OffsetEdit, Rule } from '../../../core/types';
import { isPathName, looksLikePath, type BatchFileModel } from '../model';
import { rawIsBlanks, visible } from './util';

/**
 * `batch/blank-around-equals`: `SET JAVA_HOME = C:\jdk`. cmd.exe does not trim around `=`: this sets a variable
 * named `JAVA_HOME ` (with the blank) to ` C:\jdk`, and `%JAVA_HOME%` stays what it was. Reported for a blank at
 * the end of the name (always), and for a blank at the start of a path value.
 */
export const blankAroundEquals: Rule<BatchFileModel> = {
  id: 'batch/blank-around-equals',
  defaultSeverity: 'warning',
  description: 'A blank before or after the = of a SET becomes part of the variable name or of the path value.',
  check(model, ctx) {
    const text = model.text;
    for (const a of model.parsed.assignments) {
      if (a.kind === 'arithmetic' || !a.runs || a.uncertain) continue;
      const name = a.name.trimEnd();
      const nameBlanks = a.name.length - name.length;
      const value = a.value ?? '';
      const lead = /^[ \t]*/.exec(value)![0].length;
      const pathValue = lead > 0 && lead < value.length && (isPathName(name) || looksLikePath(value.slice(lead).replace(/^"/, '')));
      if (name === '' || (nameBlanks === 0 && !pathValue)) continue;
      const writtenName = text.slice(a.nameStart, a.nameEnd) === a.name;
      const nameCut = writtenName ? a.nameStart + name.length : a.nameEnd;
      const valueCut = a.valueText.toRaw(pathValue ? lead : 0);
      const start = nameBlanks > 0 ? nameCut : a.valueStart - 1;
      const end = pathValue ? valueCut : a.valueStart;
      const edits: OffsetEdit[] = [];
      let ok = true;
      if (nameBlanks > 0) {
        if (writtenName && rawIsBlanks(text, nameCut, a.nameEnd)) edits.push({ start: nameCut, end: a.nameEnd, newText: '' });
        else ok = false;
      }
      if (pathValue) {
        if (rawIsBlanks(text, a.valueStart, valueCut)) edits.push({ start: a.valueStart, end: valueCut, newText: '' });
        else ok = false;
      }
      const message = nameBlanks > 0
        ? `cmd.exe keeps blanks around =: this sets a variable named "${visible(a.name)}" (· is a blank), not ${name}, so %${name}% does not get this value.` +
          (pathValue ? ` Its value also starts with a blank: ${visible(value)}.` : '')
        : `cmd.exe keeps the blank after =: ${name} holds ${visible(value)} (· is a blank), so %${name}%\\bin becomes ${visible(value)}\\bin.`;
      ctx.report({
        start,
        end,
        message,
        fixes: ok && edits.length ? [{ title: 'Remove the blanks around =', edits, safe: false, preferred: true }] : [],
      });
    }
  },
};
