import type { FixProposal, Rule } from '../../../core/types';
import { parseDomainList } from '../../../parse/iisRegex';
import { rawRange, framingSites, siteLabel, type WebconfigModel } from '../model';
import { restrictFramingEdits } from '../restrict';

/** A `wsname=` pattern with no domain list lets any web site show ECE in a frame. */
export const framingAllowedFromAnyDomain: Rule<WebconfigModel> = {
  id: 'webconfig/framing-allowed-from-any-domain',
  defaultSeverity: 'warning',
  description: 'A wsname= pattern still allows any parent domain to frame ECE (clickjacking).',
  check(model, ctx) {
    const configured = ctx.settings.clickjacking.allowedDomains;
    const parsed = configured.length ? parseDomainList(configured) : null;
    let fixes: FixProposal[] = [];
    let hint = ' Set ece.clickjacking.allowedDomains for a quick fix, or run "ECE: Restrict Framing to Domains...".';
    if (parsed && 'domains' in parsed) {
      const edits = restrictFramingEdits(model, parsed.domains);
      const all = framingSites(model).length;
      if (Array.isArray(edits) && edits.length) {
        fixes = [{
          title: `Allow framing only from ${parsed.domains.join(', ')} (${all === 1 ? 'the wsname= pattern' : `all ${all} wsname= patterns`})`,
          edits,
          safe: false,
          preferred: true,
        }];
        hint = '';
      }
    } else if (parsed && 'error' in parsed) {
      hint = ` The setting ece.clickjacking.allowedDomains cannot be used: ${parsed.error}`;
    }
    for (const site of framingSites(model)) {
      const w = site.wsname;
      if (w.shape !== 'permissive') continue;
      const what = w.isShipped ? 'is still the one ECE ships: it' : 'has no list of domains after the host part, so it';
      ctx.report({
        ...rawRange(site, w.start, w.end),
        message: `The wsname= pattern of ${siteLabel(site)} ${what} lets any web site show ECE inside a frame, which exposes agents to clickjacking. Allow only your Finesse domains, in every wsname= pattern of the file.${hint}`,
        fixes,
      });
    }
  },
};
