import type { Rule } from '../../../core/types';
import { WSNAME_TERMINATOR } from '../../../parse/iisRegex';
import { rawEdit, rawRange, framingSites, type WebconfigModel } from '../model';

/** Without `(&|%26|\$)` after the domains, `domain1.com.evil.example` matches `domain1\.com`. */
export const domainListNotTerminated: Rule<WebconfigModel> = {
  id: 'webconfig/domain-list-not-terminated',
  defaultSeverity: 'error',
  description: 'The domain list of a wsname= pattern is not followed by (&|%26|\\$), so longer look-alike host names pass.',
  check(model, ctx) {
    for (const site of framingSites(model)) {
      const w = site.wsname;
      if (w.shape !== 'restricted' || !w.domainGroup || w.terminatorInsertAt === null) continue;
      const first = w.domains.find((d) => !d.complex && d.escapedLetters.length === 0)?.domain ?? 'domain1.com';
      ctx.report({
        ...rawRange(site, w.domainGroup.start, w.domainGroup.end),
        message: `Nothing has to follow the allowed domains, so a parent address that only contains one of them passes: "https://www.${first}.evil.example" may frame ECE. Add "${WSNAME_TERMINATOR}" right after the domain list.`,
        fixes: [{
          title: `Append "${WSNAME_TERMINATOR}" after the domain list`,
          edits: [rawEdit(site, { start: w.terminatorInsertAt, end: w.terminatorInsertAt, newText: WSNAME_TERMINATOR })],
          safe: false,
          preferred: true,
        }],
      });
    }
  },
};
