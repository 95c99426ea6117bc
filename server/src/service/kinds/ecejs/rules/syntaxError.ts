import type { Rule } from '../../../core/types';
import type { EceJsModel } from '../model';

/**
 * `js/syntax-error`: the script does not parse. The parser already produced the problem with
 * acorn's exact position; this rule hands it to the engine as a report.
 */
export const syntaxError: Rule<EceJsModel> = {
  id: 'js/syntax-error',
  defaultSeverity: 'error',
  description: 'The script does not parse, so the browser ignores all of its settings.',
  check(model, ctx) {
    for (const p of model.js.problems) if (p.ruleId === 'js/syntax-error') ctx.report({ start: p.start, end: p.end, message: p.message });
  },
};

