import type { Rule } from '../../../core/types';
import { escapeXml } from '../../../parse/xml';
import { compactRawRange, type FinesseModel } from '../model';
import { sameHost } from '../../../core/names';
import { HOST_PLACEHOLDER } from '../../shared/gadgetUrl';

/** `finesse/ece-gadget-host`: the ECE agent gadget is not loaded from `ece.loadBalancerHost`. */
export const eceGadgetHost: Rule<FinesseModel> = {
  id: 'finesse/ece-gadget-host',
  defaultSeverity: 'warning',
  description: 'The ECE gadget URL names another host than ece.loadBalancerHost.',
  check(model, ctx) {
    const lb = ctx.settings.loadBalancerHost.trim();
    if (lb === '') return;
    for (const site of model.urls) {
      if (site.info.kind !== 'ece-agent') continue;
      const p = site.info.parts;
      if (p.relative || p.host === '' || p.host.includes(HOST_PLACEHOLDER) || sameHost(p.host, lb)) continue;
      const range = compactRawRange(site, p.hostStart, p.hostEnd);
      ctx.report({
        ...range,
        message: `The ECE gadget is loaded from "${p.host}" but the load balancer (ece.loadBalancerHost) is "${lb}". Agents are tied to that one web server and lose ECE when it is down.`,
        fixes: [{ title: `Load the ECE gadget from "${lb}"`, edits: [{ ...range, newText: escapeXml(lb) }], safe: false, preferred: true }],
      });
    }
  },
};
