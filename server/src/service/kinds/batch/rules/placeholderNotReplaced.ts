import type { Rule } from '../../../core/types';
import type { BatchFileModel } from '../model';

/** `<JAVA_HOME>`, `<ECE Home>`: a word in angle brackets standing alone between path or value boundaries. */
const PLACEHOLDER = /<([A-Za-z](?:[A-Za-z0-9_ .-]*[A-Za-z0-9_])?)>/g;
const BEFORE = /[\s="\\/;]/;
const AFTER = /[\s"\\/;]/;

/**
 * `batch/placeholder-not-replaced`: a SET line still holds a placeholder of the guides (`SET JAVA_HOME=<JAVA_HOME>`).
 * Outside quotes cmd.exe reads `<` and `>` as redirections, so such a line does not set the variable to a folder at
 * all; inside quotes the variable holds the placeholder text itself.
 */
export const placeholderNotReplaced: Rule<BatchFileModel> = {
  id: 'batch/placeholder-not-replaced',
  defaultSeverity: 'error',
  description: 'A SET line still holds a placeholder of the installation guide, like <JAVA_HOME>.',
  check(model, ctx) {
    const text = model.text;
    for (const a of model.parsed.assignments) {
      if (a.kind !== 'plain') continue;
      const region = text.slice(a.valueStart, a.end);
      PLACEHOLDER.lastIndex = 0;
      for (let m = PLACEHOLDER.exec(region); m; m = PLACEHOLDER.exec(region)) {
        const start = a.valueStart + m.index;
        const end = start + m[0].length;
        const prev = m.index === 0 ? '' : region[m.index - 1]!;
        const next = end - a.valueStart >= region.length ? '' : region[end - a.valueStart]!;
        if ((prev && !BEFORE.test(prev)) || (next && !AFTER.test(next))) continue;
        const name = a.name.trim();
        const what = /(?:^|_)java_home$/i.test(name) ? 'the JDK folder (for example C:\\ECE\\jdk)' : 'the value the guide asks for';
        const literal = a.value?.includes(m[0]);
        ctx.report({
          start,
          end,
          message: literal
            ? `${m[0]} is the installation guide's placeholder: ${name} is set to that text itself. Replace it with ${what}.`
            : `${m[0]} is the installation guide's placeholder. Outside quotes cmd.exe reads < and > as redirections, so this line does not set ${name} to a folder at all. Replace it with ${what}.`,
        });
      }
    }
  },
};
