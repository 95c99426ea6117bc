import type { FixProposal, Rule } from '../../../core/types';
import { rawEdit, rawRange, regexSites, siteLabel, type WebconfigModel } from '../model';

/** The pattern is not valid in IIS URL Rewrite's ECMAScript dialect: IIS refuses or misreads the rule. */
export const invalidPattern: Rule<WebconfigModel> = {
  id: 'webconfig/invalid-pattern',
  defaultSeverity: 'error',
  description: 'A wsname= pattern is not a valid IIS (ECMAScript syntax) regular expression.',
  check(model, ctx) {
    for (const site of regexSites(model)) {
      for (const p of site.problems) {
        const fixes: FixProposal[] = p.fix
          ? [{ title: p.fix.title, edits: [rawEdit(site, p.fix.edit)], safe: p.kind === 'possessive-quantifier', preferred: p.kind === 'possessive-quantifier' }]
          : [];
        const range = rawRange(site, p.start, p.end);
        if (range.end <= range.start) range.end = Math.min(site.attribute.valueEnd, range.start + 1);
        ctx.report({ ...range, message: `${p.message} (pattern of ${siteLabel(site)})`, fixes });
      }
    }
  },
};
