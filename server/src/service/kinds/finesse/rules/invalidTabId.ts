import type { Rule } from '../../../core/types';
import type { FinesseModel } from '../model';
import { isValidTabId } from '../../shared/gadgetUrl';

/** `finesse/invalid-tab-id`: a tab id breaks Finesse's pattern `[a-zA-Z]([-_:.a-zA-Z0-9])*`. */
export const invalidTabId: Rule<FinesseModel> = {
  id: 'finesse/invalid-tab-id',
  defaultSeverity: 'error',
  description: 'A tab id must start with a letter and use only letters, digits, -, _, : and .',
  check(model, ctx) {
    for (const tab of model.tabs) {
      const idEl = tab.idEl;
      if (!idEl) continue;
      const c = idEl.content;
      const raw = c?.text ?? '';
      const id = raw.trim();
      if (isValidTabId(id)) continue;
      let start = idEl.nameStart;
      let end = idEl.nameEnd;
      if (c && id !== '') {
        const s = raw.indexOf(id);
        start = c.toRaw(s);
        end = c.toRawEnd(s + id.length);
      }
      const why =
        id === ''
          ? 'The tab id is empty.'
          : /^[A-Za-z]/.test(id)
            ? `The tab id "${id}" contains characters Finesse does not allow (only letters, digits, "-", "_", ":" and "." may follow the first letter; no spaces).`
            : `The tab id "${id}" must start with a letter.`;
      ctx.report({ start, end, message: `${why} Finesse refuses to save the layout. Put display text in <label> instead.` });
    }
  },
};
