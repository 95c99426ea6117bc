import type { Rule } from '../../../core/types';
import { sameHost } from '../../../core/names';
import { rawForQuote, serverNameValues, type EceJsModel } from '../model';
import { valueRange } from './valueRange';

/** `ecejs/server-name-not-load-balancer`: `ece.loadBalancerHost` is set and the file names another host. */
export const serverNameNotLoadBalancer: Rule<EceJsModel> = {
  id: 'ecejs/server-name-not-load-balancer',
  defaultSeverity: 'warning',
  description: 'web_server_name differs from the load balancer host set in ece.loadBalancerHost.',
  check(model, ctx) {
    const lb = ctx.settings.loadBalancerHost.trim();
    if (lb === '') return;
    for (const hv of serverNameValues(model)) {
      if (hv.parts.relative) continue;
      const host = hv.parts.host.trim();
      if (host !== '' && sameHost(host, lb)) continue;
      const s = hv.binding.string!;
      const where = model.spog
        ? 'In a load-balanced install the SPOG gadget should use the same name you added to the PCCE inventory, normally the load balancer.'
        : 'In a load-balanced install every web server must send agents to the load balancer, or agents stick to one server and lose ECE when it goes down.';
      ctx.report({
        ...valueRange(s),
        ...(model.spog ? { severity: 'information' as const } : {}),
        message: `web_server_name is "${host}" but the load balancer (ece.loadBalancerHost) is "${lb}". ${where}`,
        fixes: [
          {
            title: `Set web_server_name to "${lb}"`,
            edits: [{ start: s.start, end: s.end, newText: rawForQuote(lb, s.quote) }],
            safe: false,
            preferred: true,
          },
        ],
      });
    }
  },
};
