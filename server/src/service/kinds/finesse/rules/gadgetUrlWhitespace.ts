import { rawSpan } from '../../../core/text';
import type { OffsetEdit, Rule } from '../../../core/types';
import type { FinesseModel } from '../model';

/** `finesse/gadget-url-whitespace`: spaces or line breaks inside a gadget URL (a URL wrapped for display). */
export const gadgetUrlWhitespace: Rule<FinesseModel> = {
  id: 'finesse/gadget-url-whitespace',
  defaultSeverity: 'warning',
  description: 'A gadget URL contains spaces or line breaks.',
  check(model, ctx) {
    for (const site of model.urls) {
      const t = site.content.text;
      const edits: OffsetEdit[] = [];
      let breaks = false;
      let i = site.trimStart;
      while (i < site.trimEnd) {
        if (!isWs(t[i]!)) {
          i++;
          continue;
        }
        const s = i;
        while (i < site.trimEnd && isWs(t[i]!)) {
          if (t[i] === '\n' || t[i] === '\r') breaks = true;
          i++;
        }
        edits.push({ ...rawSpan(site.content, s, i), newText: '' });
      }
      if (edits.length === 0) continue;
      const what = site.element === 'gadget' ? 'gadget URL' : 'component URL';
      ctx.report({
        ...rawSpan(site.content, site.trimStart, site.trimEnd),
        message: breaks
          ? `This ${what} is wrapped over several lines. A URL must be one unbroken line: the line break becomes part of the address and the gadget does not load.`
          : `This ${what} contains spaces. A URL must not contain white space: the gadget does not load.`,
        fixes: [{ title: 'Remove the white space from the URL', edits, safe: true, preferred: true }],
      });
    }
  },
};

function isWs(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0';
}
