import type { Rule } from '../../../core/types';
import { isFullyQualified } from '../../../core/names';
import { isIpLiteral } from '../../../core/text';
import { serverNameValues, type EceJsModel } from '../model';
import { valueRange } from './valueRange';

/** `ecejs/server-name-not-fully-qualified`: a short name or `localhost` only works on some machines. */
export const serverNameNotFullyQualified: Rule<EceJsModel> = {
  id: 'ecejs/server-name-not-fully-qualified',
  defaultSeverity: 'warning',
  description: 'web_server_name has no domain part (no dot), is localhost, or is empty.',
  check(model, ctx) {
    for (const hv of serverNameValues(model)) {
      const host = hv.parts.host.trim();
      if (hv.parts.relative) continue;
      if (host !== '' && (isIpLiteral(host) || isFullyQualified(host))) continue;
      let message: string;
      if (host === '') {
        message = 'web_server_name is empty. Set it to the fully qualified host name agents use to reach ECE (the load balancer in a load-balanced install).';
      } else if (host.toLowerCase() === 'localhost' || host.toLowerCase().startsWith('localhost.')) {
        message = `web_server_name is "${host}": every agent's browser would look for ECE on the agent's own PC. Use the fully qualified host name of the ECE web server or load balancer.`;
      } else {
        message = `web_server_name "${host}" is not fully qualified (it has no domain part). Agents' browsers may not resolve it and the certificate will not match; write the full name, e.g. ${host}.example.com.`;
      }
      ctx.report({ ...valueRange(hv.binding.string!), message });
    }
  },
};
