import type { Rule } from '../../../core/types';
import { hostKey } from '../../../core/names';
import { serverNameValues, type EceJsModel } from '../model';
import { valueRange } from './valueRange';

/**
 * `ecejs/hosts-differ` (cross-file): `web_server_name` here names another host than the other gadget config
 * script and the ECE gadget URLs of the Finesse layouts of the same ECE home. Silent when those files are absent.
 */
export const hostsDiffer: Rule<EceJsModel> = {
  id: 'ecejs/hosts-differ',
  defaultSeverity: 'warning',
  reads: ['ecejs', 'finesse'],
  description: 'ece_config.js, spog_config.js and the Finesse layout gadget URLs name different web server hosts.',
  check(model, ctx) {
    const mine = serverNameValues(model).filter((v) => !v.parts.relative && v.parts.host.trim() !== '');
    if (mine.length === 0) return;
    const others = ctx.workspace.gadgetHosts(ctx.uri);
    if (others.length === 0) return;
    for (const v of mine) {
      const host = v.parts.host.trim();
      const differing = others.filter((o) => hostKey(o.host) !== hostKey(host));
      if (differing.length === 0) continue;
      const seen = new Set<string>();
      const list: string[] = [];
      for (const o of differing) {
        const k = `${o.source}|${hostKey(o.host)}`;
        if (seen.has(k)) continue;
        seen.add(k);
        list.push(`${o.source} names "${o.host}"`);
      }
      const shown = list.length > 3 ? [...list.slice(0, 3), `${list.length - 3} more`] : list;
      ctx.report({
        ...valueRange(v.binding.string!),
        message: `web_server_name is "${host}", but ${shown.join(', ')}. The gadget scripts and the layouts must all name the same ECE web server (the load balancer in a load-balanced install), or agents load ECE from different places.`,
      });
    }
  },
};
