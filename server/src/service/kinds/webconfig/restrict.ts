/**
 * `ECE: Restrict Framing to Domains...` and the quick fix of `webconfig/framing-allowed-from-any-domain`:
 * replace the wsname= part of every ECMAScript `wsname=` pattern of the outbound rules with the restricted pattern built from
 * the given domains, as one set of minimal edits (the rest of each attribute and of the file untouched).
 */
import type { OffsetEdit } from '../../core/types';
import { buildRestrictedWsname, parseDomainList } from '../../parse/iisRegex';
import { framingSites, replaceWsnameEdit, type WebconfigModel } from './model';

/**
 * Edits that restrict every `wsname=` pattern of the file to `domains` (a list, or the text the user
 * typed: comma/semicolon/space separated). Returns `{ error }` with a message for the user when the
 * domains are not valid or the file has no `wsname=` pattern; an empty list when every pattern is
 * already exactly the restricted one.
 */
export function restrictFramingEdits(model: WebconfigModel, domains: string | readonly string[]): OffsetEdit[] | { error: string } {
  const parsed = parseDomainList(domains);
  if ('error' in parsed) return parsed;
  const sites = framingSites(model);
  if (sites.length === 0) {
    if (model.sites.some((x) => x.isRegex)) return { error: 'This file has wsname= patterns only outside outbound rules (inbound rules or preconditions), which do not write the framing header; nothing to restrict.' };
    return { error: model.sites.length ? 'The wsname= patterns of this file do not use the ECMAScript pattern syntax; change them by hand.' : 'This file has no wsname= pattern.' };
  }
  const restricted = buildRestrictedWsname(parsed.domains);
  const edits: OffsetEdit[] = [];
  for (const s of sites) {
    const e = replaceWsnameEdit(s, restricted);
    if (e) edits.push(e);
  }
  return edits.sort((a, b) => a.start - b.start);
}
