import type { Rule } from '../../../core/types';
import { compactRawRange, type FinesseModel } from '../model';

/** `finesse/gadget-url-not-https`: a gadget loaded over plain http. */
export const gadgetUrlNotHttps: Rule<FinesseModel> = {
  id: 'finesse/gadget-url-not-https',
  defaultSeverity: 'warning',
  description: 'A gadget URL uses http instead of https.',
  check(model, ctx) {
    for (const site of model.urls) {
      const scheme = site.info.parts.scheme;
      if (scheme === undefined || scheme.toLowerCase() !== 'http') continue;
      const range = compactRawRange(site, 0, scheme.length);
      ctx.report({
        ...range,
        message:
          'This gadget is loaded over plain http. The Finesse desktop runs over https and browsers block http content inside it, so the gadget stays empty.',
        fixes: [{ title: 'Use https', edits: [{ ...range, newText: 'https' }], safe: false, preferred: true }],
      });
    }
  },
};
