import type { FeatureContext, HoverResult } from '../../core/types';
import { isFullyQualified } from '../../core/names';
import { isIpLiteral } from '../../core/text';
import { PROTOCOL, SERVER_NAME, type EceJsModel } from './model';

/** Hover on `web_server_name` / `web_server_protocol` (name or value): what the setting does. */
export function hoverEceJs(model: EceJsModel, offset: number, ctx: FeatureContext): HoverResult | null {
  for (const b of model.bindings) {
    const inName = offset >= b.nameStart && offset <= b.nameEnd;
    const inValue = b.valueStart !== undefined && b.valueEnd !== undefined && offset >= b.valueStart && offset <= b.valueEnd;
    if (!inName && !inValue) continue;
    const lines: string[] = [];
    if (b.name === PROTOCOL) {
      lines.push('**web_server_protocol**: the scheme the ECE gadget uses to load ECE pages inside Finesse.');
      lines.push('', 'It must be `https`: Finesse itself runs over HTTPS and browsers block plain-http frames inside it.');
    } else if (b.name === SERVER_NAME) {
      lines.push(
        model.spog
          ? '**web_server_name** (SPOG gadget): the fully qualified name the ECE web server was added to the PCCE inventory with.'
          : '**web_server_name**: the fully qualified host name agents\' browsers use to reach ECE.',
      );
      lines.push('', 'Write the bare host name only (no `https://`, no path, no port). In a load-balanced install, use the load balancer\'s name.');
      const v = b.string?.value.trim();
      if (v !== undefined && v !== '') {
        const kind = isIpLiteral(v) ? 'an IP address' : isFullyQualified(v) ? 'a fully qualified name' : 'a short name';
        lines.push('', `Current value \`${v}\` is ${kind}.`);
      }
      const lb = ctx.settings.loadBalancerHost.trim();
      if (lb !== '') lines.push('', `Load balancer (ece.loadBalancerHost): \`${lb}\``);
    }
    const start = inName ? b.nameStart : b.valueStart!;
    const end = inName ? b.nameEnd : b.valueEnd!;
    return { contents: { kind: 'markdown', value: lines.join('\n') }, start, end };
  }
  return null;
}
