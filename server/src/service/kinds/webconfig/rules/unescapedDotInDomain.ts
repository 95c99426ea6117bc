import type { Rule } from '../../../core/types';
import { rawEdit, rawRange, framingSites, type WebconfigModel } from '../model';

/**
 * A bare `.` in an allowed domain matches any character. Where that lets somebody else's host name through depends
 * on the dot: before a registrable label (`partner.co.uk` also accepts `partnerxco.uk`, a name anybody can register
 * under `.uk`) it is a real hole; in a two-label domain (`domain1.com`) the look-alike would need a top-level domain
 * ending in that label, so the message says so instead of claiming an easy exploit.
 */
export const unescapedDotInDomain: Rule<WebconfigModel> = {
  id: 'webconfig/unescaped-dot-in-domain',
  defaultSeverity: 'warning',
  description: 'A domain of a wsname= pattern has a bare dot, which matches any character.',
  check(model, ctx) {
    for (const site of framingSites(model)) {
      for (const d of site.wsname.domains) {
        const text = site.pattern.text;
        // Dots of the domain as written (escaped or not), to tell the last one (before the top-level label) apart.
        const lastDot = Math.max(text.lastIndexOf('.', d.end - 1), d.start - 1);
        for (const at of d.bareDots) {
          const example = (text.slice(d.start, at) + 'x' + text.slice(at + 1, d.end)).replace(/\\\./g, '.');
          const risk =
            at < lastDot
              ? `so a different registrable name such as "${example}" is allowed too`
              : `so "${example}" would pass as well; as a host name that needs a top-level domain of that name, so the risk is small, but the pattern does not say what you meant`;
          ctx.report({
            ...rawRange(site, at, at + 1),
            message: `The "." in the allowed domain "${d.source}" matches any character, ${risk}. Write "\\." for a literal dot.`,
            fixes: [{ title: 'Replace "." with "\\."', edits: [rawEdit(site, { start: at, end: at + 1, newText: '\\.' })], safe: true, preferred: true }],
          });
        }
      }
    }
  },
};
