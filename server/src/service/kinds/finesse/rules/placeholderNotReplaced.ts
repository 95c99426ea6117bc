import type { FixProposal, Rule } from '../../../core/types';
import { escapeXml } from '../../../parse/xml';
import { compactRawRange, type FinesseModel } from '../model';
import { HOST_PLACEHOLDER } from '../../shared/gadgetUrl';

/** `finesse/placeholder-not-replaced`: `EGAIN_WEBSERVER_OR_LOADBALANCER` or `CONTEXT_ROOT` left in a gadget URL. */
export const placeholderNotReplaced: Rule<FinesseModel> = {
  id: 'finesse/placeholder-not-replaced',
  defaultSeverity: 'error',
  description: 'A shipped placeholder (EGAIN_WEBSERVER_OR_LOADBALANCER, CONTEXT_ROOT) is still in a gadget URL.',
  check(model, ctx) {
    const lb = ctx.settings.loadBalancerHost.trim();
    const root = ctx.settings.solve.contextRoot.trim();
    for (const site of model.urls) {
      for (const p of site.info.placeholders) {
        const range = compactRawRange(site, p.start, p.end);
        const isHost = p.name === HOST_PLACEHOLDER;
        const value = isHost ? lb : root;
        const fixes: FixProposal[] = value
          ? [
              {
                title: `Replace ${p.name} with "${value}"`,
                edits: [{ ...range, newText: escapeXml(value) }],
                safe: false,
                preferred: true,
              },
            ]
          : [];
        const what = isHost
          ? 'the fully qualified name of the eGain Solve web server, or of the load balancer when there are several web servers'
          : "eGain Solve's context root";
        const hint = value ? '' : isHost ? ' Set ece.loadBalancerHost to get a quick fix.' : ' Set ece.solve.contextRoot to get a quick fix.';
        ctx.report({
          ...range,
          message: `${p.name} is a placeholder from the shipped file: replace it with ${what}. As it is, the gadget cannot load.${hint}`,
          fixes,
        });
      }
    }
  },
};
