import type { Rule } from '../../../core/types';
import { JS_NESTING_TOO_DEEP } from '../../../parse/javascript';
import type { EceJsModel } from '../model';

/** `js/nesting-too-deep`: the script nests too deeply to be read safely; it was read up to that point. */
export const nestingTooDeep: Rule<EceJsModel> = {
  id: JS_NESTING_TOO_DEEP,
  defaultSeverity: 'warning',
  description: 'The script nests more than 1,500 levels deep; it is checked only up to that point.',
  check(model, ctx) {
    for (const p of model.js.problems) if (p.ruleId === JS_NESTING_TOO_DEEP) ctx.report({ start: p.start, end: p.end, message: p.message });
  },
};
