import type { Rule } from '../../../core/types';
import type { FinesseModel } from '../model';

/** `finesse/too-many-layouts`: more than three `layout` elements (one per role at most). */
export const tooManyLayouts: Rule<FinesseModel> = {
  id: 'finesse/too-many-layouts',
  defaultSeverity: 'error',
  description: 'The layout has more than three layout elements.',
  check(model, ctx) {
    if (model.layouts.length <= 3) return;
    for (let i = 3; i < model.layouts.length; i++) {
      const extra = model.layouts[i]!;
      ctx.report({
        start: extra.nameStart,
        end: extra.nameEnd,
        message: `This is layout number ${i + 1}: a Finesse desktop layout holds at most three (Agent, Supervisor, Admin). Merge it into the layout of the same role.`,
      });
    }
  },
};
