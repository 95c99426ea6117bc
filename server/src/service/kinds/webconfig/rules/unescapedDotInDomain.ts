import type { Rule } from '../../../core/types';
import { rawEdit, rawRange, regexSites, type WebconfigModel } from '../model';

/** A bare `.` in a domain matches any character: `domain1.com` also lets `domain1xcom` through. */
export const unescapedDotInDomain: Rule<WebconfigModel> = {
  id: 'webconfig/unescaped-dot-in-domain',
  defaultSeverity: 'warning',
  description: 'A domain of a wsname= pattern has a bare dot, which matches any character.',
  check(model, ctx) {
    for (const site of regexSites(model)) {
      for (const d of site.wsname.domains) {
        for (const at of d.bareDots) {
          const example = site.pattern.text.slice(d.start, at) + 'x' + site.pattern.text.slice(at + 1, d.end);
          ctx.report({
            ...rawRange(site, at, at + 1),
            message: `The "." in the allowed domain "${d.source}" matches any character, so a look-alike such as "${example.replace(/\\\./g, '.')}" is allowed too. Write "\\." for a literal dot.`,
            fixes: [{ title: 'Replace "." with "\\."', edits: [rawEdit(site, { start: at, end: at + 1, newText: '\\.' })], safe: true, preferred: true }],
          });
        }
      }
    }
  },
};
