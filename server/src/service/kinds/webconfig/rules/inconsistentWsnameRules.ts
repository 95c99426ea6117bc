import type { FixProposal, OffsetEdit, Rule } from '../../../core/types';
import { domainKey, isCleanRestricted, lineOf, rawRange, framingSites, replaceWsnameEdit, siteLabel, wsnameText, type WebconfigModel, type WsnameSite } from '../model';

function describe(site: WsnameSite): string {
  const key = domainKey(site);
  return key === '*' ? 'any domain' : (key ?? '').split('|').join(', ');
}

/** Every wsname= rule must allow the same parents: one that was missed leaves the site open. */
export const inconsistentWsnameRules: Rule<WebconfigModel> = {
  id: 'webconfig/inconsistent-wsname-rules',
  defaultSeverity: 'warning',
  description: 'The wsname= patterns of the file do not all allow the same parent domains.',
  check(model, ctx) {
    const sites = framingSites(model).filter((s) => domainKey(s) !== null);
    const keys = new Set(sites.map(domainKey));
    if (keys.size < 2) return;
    const reference = sites.find(isCleanRestricted) ?? sites.find((s) => s.wsname.shape === 'restricted');
    if (!reference) return;
    const refKey = domainKey(reference);
    const refLine = lineOf(model.xml.text, reference.attribute.valueStart);
    const differing = sites.filter((s) => domainKey(s) !== refKey);
    let fixes: FixProposal[] = [];
    if (isCleanRestricted(reference)) {
      const text = wsnameText(reference);
      const edits = differing.map((s) => replaceWsnameEdit(s, text)).filter((e): e is OffsetEdit => e !== null);
      if (edits.length) {
        fixes = [{
          title: `Use the pattern of line ${refLine} (${describe(reference)}) in ${edits.length === 1 ? 'this wsname= pattern' : `all ${edits.length} differing wsname= patterns`}`,
          edits,
          safe: false,
          preferred: true,
        }];
      }
    }
    for (const s of differing) {
      ctx.report({
        ...rawRange(s, s.wsname.start, s.wsname.end),
        message: `The wsname= pattern of ${siteLabel(s)} allows ${describe(s)}, but the one on line ${refLine} allows ${describe(reference)}. Every wsname= rule must allow the same parent domains; the rule that differs decides for the responses it applies to.`,
        fixes,
      });
    }
  },
};
