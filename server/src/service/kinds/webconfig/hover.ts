/**
 * Hover on a `wsname=` pattern: what it allows, and two sample parent addresses (one allowed, one
 * refused) found by running the pattern in the host's bounded `RegexRunner`.
 */
import { MarkupKind } from 'vscode-languageserver-types';
import type { FeatureContext, HoverResult } from '../../core/types';
import { sampleCandidates, sampleInput, validateIisPattern, WSNAME_HOST_PART } from '../../parse/iisRegex';
import { rawRange, siteLabel, wsnameText, type WebconfigModel, type WsnameSite } from './model';
import type { DomainAlternative } from '../../parse/iisRegex';

/** How long a hover may spend running a pattern. */
const HOVER_REGEX_DEADLINE_MS = 500;

export async function webconfigHover(model: WebconfigModel, offset: number, ctx: FeatureContext): Promise<HoverResult | null> {
  const site = model.sites.find((s) => offset >= s.attribute.valueStart && offset <= s.attribute.valueEnd);
  if (!site) return null;
  const w = site.wsname;
  const lines: string[] = [`**wsname= pattern** of the ${siteLabel(site)}`, ''];
  const part = rawRange(site, w.start, w.end);
  const range = offset >= part.start && offset <= part.end ? part : { start: site.attribute.valueStart, end: site.attribute.valueEnd };
  if (!site.isRegex) {
    lines.push(`The rule uses \`patternSyntax="${site.patternSyntax}"\`, so IIS does not read this value as a regular expression; ECE's clickjacking checks do not apply to it.`);
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, ...range };
  }
  if (w.shape === 'permissive') {
    lines.push(`Allows framing from **any** parent domain${w.isShipped ? ' (this is the pattern ECE ships)' : ''}.`);
  } else if (w.shape === 'restricted') {
    const list = w.domains.map((d) => {
      const notes: string[] = [];
      if (d.escapedLetters.length) notes.push('broken: a backslash before a letter is not a dot');
      if (d.bareDots.length) notes.push('a bare `.` matches any character');
      if (d.complex) notes.push('holds regular-expression syntax');
      return `- \`${d.domain}\`${notes.length ? ` (${notes.join('; ')})` : ''}`;
    });
    const scope = w.hostPart === 'subdomains'
      ? 'each domain itself and every host name under it'
      : w.hostPart === 'unbounded'
        ? 'any host name whose text ends in one of them, dot in front or not'
        : 'any host name ending in one of them';
    lines.push(`Allowed parent domains (${scope}):`, ...list);
    if (!w.terminator) lines.push('', 'The domain list is not followed by `(&|%26|\\$)`: longer look-alike host names pass as well.');
  } else {
    lines.push('The part after `wsname=` does not have the usual shape (protocol, `://`, host part, domain list), so its domains cannot be listed.');
  }
  if (!site.ignoreCase) lines.push('', '`ignoreCase="false"`: upper and lower case differ for this pattern.');
  const run = await samples(site, ctx);
  lines.push('', ...run.lines);
  const glued = run.gluedPrefixPasses ?? (w.hostPart === 'unbounded' && w.domains.some(plainDomain));
  if (w.shape === 'restricted' && glued) lines.push('', hostPartNote(site));
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, ...range };
}

function plainDomain(d: DomainAlternative): boolean {
  return !d.complex && d.escapedLetters.length === 0 && /^[a-z0-9.-]+$/.test(d.domain) && d.domain.includes('.');
}

/** Why a host name that merely ends in the domain passes, and what the command writes instead. */
function hostPartNote(site: WsnameSite): string {
  const w = site.wsname;
  const d = sampleCandidates(w.domains.map((x) => x.domain)).bare.slice('https://'.length);
  const raw = w.hostGroup && w.domainGroup ? site.pattern.text.slice(w.hostGroup.start, w.domainGroup.start) : '';
  const host = raw.length <= 60 && !raw.includes('`') ? raw : '';
  return [
    `**Too wide:** the host part${host ? ` \`${host}\`` : ''} does not require a dot in front of the domain, so \`https://evil${d}\``,
    `(a different domain that anybody can register) may frame ECE too. **ECE: Restrict Framing to Domains...** writes`,
    `\`${WSNAME_HOST_PART}\` there instead: it allows \`${d}\` itself and the host names under it, and nothing else.`,
  ].join(' ');
}

interface SampleRun {
  lines: string[];
  /** Whether `https://evil<first domain>` passed; undefined when the pattern was not run. */
  gluedPrefixPasses?: boolean;
}

async function samples(site: WsnameSite, ctx: FeatureContext): Promise<SampleRun> {
  const source = wsnameText(site);
  if (site.wsname.shape === 'unknown') return { lines: [] };
  if (validateIisPattern(source).length) return { lines: ['_Sample addresses: not computed until the pattern errors are fixed._'] };
  const runner = ctx.host.regexRunner;
  if (!runner) return { lines: ['_Sample addresses: not computed here (no way to run patterns safely in this host)._'] };
  const cands = sampleCandidates(site.wsname.domains.map((d) => d.domain));
  const urls = [...cands.allowed, ...cands.refused, ...cands.lookalikes];
  let res: { timedOut: boolean; cancelled?: boolean; results: boolean[]; error?: string };
  try {
    res = await runner.test(source, site.ignoreCase ? 'i' : '', urls.map(sampleInput), HOVER_REGEX_DEADLINE_MS, ctx.signal);
  } catch (e) {
    ctx.host.log(`[webconfig] running a wsname= pattern failed: ${e instanceof Error ? e.message : String(e)}`);
    return { lines: ['_Sample addresses: the pattern could not be run._'] };
  }
  if (res.cancelled) return { lines: [] };
  if (res.timedOut) {
    return { lines: [`_Sample addresses: running the pattern took longer than ${HOVER_REGEX_DEADLINE_MS} ms and was stopped. A pattern this slow can also stall IIS (catastrophic backtracking); simplify nested repetitions such as \`(a+)+\`._`] };
  }
  if (res.error) return { lines: [`_Sample addresses: the pattern could not be run (${res.error})._`] };
  const passed = (u: string) => res.results[urls.indexOf(u)] === true;
  const allowed = cands.allowed.find(passed);
  const refused = cands.refused.find((u) => !passed(u));
  const out = ['Tested by running the pattern on `wsname=<parent address>&`:'];
  out.push(allowed ? `- allowed: \`${allowed}\`` : `- allowed: none of \`${cands.allowed.slice(0, 3).join('`, `')}\` passes`);
  const restricted = site.wsname.shape === 'restricted';
  if (restricted && allowed && allowed !== cands.bare) {
    out.push(passed(cands.bare)
      ? `- allowed: \`${cands.bare}\` (the domain itself)`
      : `- refused: \`${cands.bare}\` (the domain itself: this pattern wants a host name in front of it)`);
  }
  out.push(refused ? `- refused: \`${refused}\`` : `- refused: none of \`${cands.refused.join('`, `')}\` is refused`);
  const leaks = cands.lookalikes.filter(passed);
  if (restricted && leaks.length) out.push(`- **also allowed, although it is not one of your domains:** \`${leaks.join('`, `')}\``);
  return { lines: out, gluedPrefixPasses: passed(cands.gluedPrefix) };
}
