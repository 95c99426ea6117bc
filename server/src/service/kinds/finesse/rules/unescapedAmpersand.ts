import type { Rule } from '../../../core/types';
import type { FinesseModel } from '../model';

/**
 * `finesse/unescaped-ampersand`: a bare `&` in text or an attribute value. The kind's parser hides
 * these offsets from the XML parser, so this rule (with its `&amp;` fix) replaces the generic
 * "not well-formed" error there.
 */
export const unescapedAmpersand: Rule<FinesseModel> = {
  id: 'finesse/unescaped-ampersand',
  defaultSeverity: 'error',
  description: 'A bare & in the layout: XML needs &amp;.',
  check(model, ctx) {
    // Both lists are sorted by offset and URL contents do not overlap: one merged pass.
    let u = 0;
    for (const at of model.bareAmpersands) {
      while (u < model.urls.length && model.urls[u]!.content.end <= at) u++;
      const site = model.urls[u];
      const inUrl = site !== undefined && at >= site.content.start && at < site.content.end;
      ctx.report({
        start: at,
        end: at + 1,
        message: inUrl
          ? 'A bare "&" in a gadget URL: XML requires "&amp;" here. Finesse refuses to save a layout with a bare "&"; it turns "&amp;" back into "&" when it loads the gadget.'
          : 'A bare "&" in the layout: XML requires "&amp;" here, or Finesse refuses to save the layout.',
        fixes: [{ title: 'Write "&amp;"', edits: [{ start: at, end: at + 1, newText: '&amp;' }], safe: true, preferred: true }],
      });
    }
  },
};
