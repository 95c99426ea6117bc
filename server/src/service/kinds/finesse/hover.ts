import { rawSpan } from '../../core/text';
import type { FeatureContext, HoverResult } from '../../core/types';
import type { FinesseModel } from './model';
import { sameHost } from '../../core/names';

/** Hover on a gadget (or component) URL: what the gadget is, its host and its path. */
export function hoverFinesse(model: FinesseModel, offset: number, ctx: FeatureContext): HoverResult | null {
  const site = model.urls.find((u) => offset >= u.content.start && offset <= u.content.end);
  if (!site) return null;
  const info = site.info;
  const p = info.parts;
  const lines: string[] = [`**${info.label}**`, '', info.description, ''];
  if (p.relative) {
    lines.push('- Host: the Finesse server itself (relative path)');
  } else {
    lines.push(`- Host: \`${p.host || '(none)'}\`${p.port ? ` (port ${p.port})` : ''}`);
    if (p.scheme) lines.push(`- Protocol: \`${p.scheme}\``);
  }
  lines.push(`- Path: \`${p.path || '/'}\``);
  const q = p.rest.slice(p.path.length);
  if (q.startsWith('?')) {
    const params = q.slice(1).split('#')[0]!.split('&').filter(Boolean);
    if (params.length > 0) lines.push(`- Query: ${params.length} parameter${params.length === 1 ? '' : 's'}`);
  }
  if (info.placeholders.length > 0) lines.push(`- Still holds placeholder${info.placeholders.length === 1 ? '' : 's'}: ${[...new Set(info.placeholders.map((x) => x.name))].join(', ')}`);
  const lb = ctx.settings.loadBalancerHost.trim();
  if (info.kind === 'ece-agent' && lb !== '' && !p.relative) {
    lines.push(sameHost(p.host, lb) ? '- Uses the load balancer (ece.loadBalancerHost)' : `- Load balancer (ece.loadBalancerHost) is \`${lb}\``);
  }
  if (site.compact !== site.content.text.slice(site.trimStart, site.trimEnd)) lines.push('', `URL without white space: \`${site.compact}\``);
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    ...rawSpan(site.content, site.trimStart, site.trimEnd),
  };
}
