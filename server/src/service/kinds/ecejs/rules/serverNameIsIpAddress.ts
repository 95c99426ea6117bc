import type { Rule } from '../../../core/types';
import { isIpLiteral } from '../../../core/text';
import { serverNameValues, type EceJsModel } from '../model';
import { valueRange } from './valueRange';

/** `ecejs/server-name-is-ip-address`: the gadget host should be a DNS name, not an IP literal. */
export const serverNameIsIpAddress: Rule<EceJsModel> = {
  id: 'ecejs/server-name-is-ip-address',
  defaultSeverity: 'warning',
  description: 'web_server_name is an IP address instead of a fully qualified host name.',
  check(model, ctx) {
    for (const hv of serverNameValues(model)) {
      if (hv.parts.relative || !isIpLiteral(hv.parts.host)) continue;
      ctx.report({
        ...valueRange(hv.binding.string!),
        message:
          `web_server_name is the IP address ${hv.parts.host}. Use the fully qualified host name instead: ` +
          "the web server's certificate is issued for a name, so browsers refuse the gadget over an IP address, " +
          'and the address breaks when the server or the load balancer moves.',
      });
    }
  },
};
