/**
 * The ECE site's `web.config`: every IIS URL Rewrite pattern whose value holds `wsname=` (the
 * clickjacking rules), with its decoded text, the way back to raw offsets, the rule it belongs to,
 * its `patternSyntax` and `ignoreCase`, and the pattern taken apart (`iisRegex.ts`). Built once per parse.
 */
import { rawSpan, type DecodedText } from '../../core/text';
import type { OffsetEdit } from '../../core/types';
import { analyzeWsname, validateIisPattern, type IisPatternProblem, type PatternEdit, type WsnameAnalysis } from '../../parse/iisRegex';
import { allElements, attr, escapeXml, type XmlAttribute, type XmlDocument, type XmlElement } from '../../parse/xml';

/** Where a pattern sits in the URL Rewrite configuration. */
export type WsnameSection = 'outbound' | 'inbound' | 'precondition' | 'other';

export interface WsnameSite {
  /** The `<match>` or `<add>` element. */
  element: XmlElement;
  /** The `pattern` (or inbound `url`) attribute. */
  attribute: XmlAttribute;
  section: WsnameSection;
  /** The `name` of the enclosing `<rule>` or `<preCondition>`, if any. */
  ruleName: string | undefined;
  /** `ECMAScript` (the default), `Wildcard` or `ExactMatch`, as written on the rule. */
  patternSyntax: string;
  /** Only ECMAScript patterns are regular expressions; the others are not checked as such. */
  isRegex: boolean;
  /** `ignoreCase` of the element (default true). */
  ignoreCase: boolean;
  /** The decoded pattern and its map to raw offsets. */
  pattern: DecodedText;
  /** The wsname= part taken apart (always present: the site was selected for holding `wsname=`). */
  wsname: WsnameAnalysis;
  /** IIS dialect problems of the whole pattern (empty when `isRegex` is false). */
  problems: IisPatternProblem[];
}

export interface WebconfigModel {
  xml: XmlDocument;
  /** Outbound rules first, then inbound rules, then preconditions; document order within each. */
  sites: WsnameSite[];
}

const SECTION_ORDER: Record<WsnameSection, number> = { outbound: 0, inbound: 1, precondition: 2, other: 3 };

/** Cheap content test: no `wsname=` anywhere means the file is not an ECE clickjacking config. */
export function hasWsname(text: string): boolean {
  return /wsname=/i.test(text);
}

function sectionOf(el: XmlElement): { section: WsnameSection; owner: XmlElement | undefined } {
  let owner: XmlElement | undefined;
  for (let p = el.parent; p; p = p.parent) {
    const n = p.localName.toLowerCase();
    if (!owner && (n === 'rule' || n === 'precondition')) owner = p;
    if (n === 'outboundrules') return { section: owner?.localName.toLowerCase() === 'precondition' ? 'precondition' : 'outbound', owner };
    if (n === 'preconditions') return { section: 'precondition', owner };
    if (n === 'rules' || n === 'globalrules') return { section: 'inbound', owner };
  }
  return { section: 'other', owner };
}

/**
 * The analysis of one pattern text, shared by every site holding the same text (the guide has the admin paste
 * one pattern into every rule, so most files hold a single distinct text many times). Read-only once built.
 */
interface PatternFacts {
  wsname: WsnameAnalysis | null;
  /** `validateIisPattern` of the text, computed the first time an ECMAScript site needs it. */
  problems?: IisPatternProblem[];
}

export function buildWebconfigModel(xml: XmlDocument): WebconfigModel {
  const sites: WsnameSite[] = [];
  const facts = new Map<string, PatternFacts>();
  for (const el of allElements(xml)) {
    const n = el.localName.toLowerCase();
    if (n !== 'match' && n !== 'add') continue;
    const attrs = n === 'match' ? [attr(el, 'pattern'), attr(el, 'url')] : [attr(el, 'pattern')];
    for (const a of attrs) {
      if (!a || !hasWsname(a.value.text)) continue;
      const text = a.value.text;
      let f = facts.get(text);
      if (f === undefined) {
        f = { wsname: analyzeWsname(text) };
        facts.set(text, f);
      }
      const wsname = f.wsname;
      if (!wsname) continue;
      const { section, owner } = sectionOf(el);
      const syntax = (owner && attr(owner, 'patternSyntax')?.value.text.trim()) || 'ECMAScript';
      const isRegex = syntax.toLowerCase() === 'ecmascript';
      const ic = attr(el, 'ignoreCase')?.value.text.trim().toLowerCase();
      sites.push({
        element: el,
        attribute: a,
        section,
        ruleName: owner ? attr(owner, 'name')?.value.text : undefined,
        patternSyntax: syntax,
        isRegex,
        ignoreCase: ic !== 'false',
        pattern: a.value,
        wsname,
        problems: isRegex ? (f.problems ??= validateIisPattern(text)) : [],
      });
    }
  }
  sites.sort((x, y) => SECTION_ORDER[x.section] - SECTION_ORDER[y.section] || x.attribute.valueStart - y.attribute.valueStart);
  return { xml, sites };
}

/** Raw document range of a decoded pattern range. */
export function rawRange(site: WsnameSite, start: number, end: number): { start: number; end: number } {
  return rawSpan(site.pattern, start, end);
}

/** A pattern edit (decoded offsets, decoded text) as a raw document edit, the new text XML-escaped. */
export function rawEdit(site: WsnameSite, e: PatternEdit): OffsetEdit {
  return { ...rawRange(site, e.start, e.end), newText: escapeXml(e.newText, site.attribute.quote) };
}

/** The decoded text of the site's wsname= part. */
export function wsnameText(site: WsnameSite): string {
  return site.pattern.text.slice(site.wsname.start, site.wsname.end);
}

/** Replaces the site's whole wsname= part with `decoded` (XML-escaped); null when nothing changes. */
export function replaceWsnameEdit(site: WsnameSite, decoded: string): OffsetEdit | null {
  if (wsnameText(site) === decoded) return null;
  return rawEdit(site, { start: site.wsname.start, end: site.wsname.end, newText: decoded });
}

/** Sites whose pattern is a regular expression (ECMAScript syntax): the ones `webconfig/invalid-pattern` looks at. */
export function regexSites(model: WebconfigModel): WsnameSite[] {
  return model.sites.filter((s) => s.isRegex);
}

/**
 * The framing policy: regex sites in the rules of `<outboundRules>`, which rewrite the framing header of ECE's
 * responses. A `wsname=` in an inbound rule or a precondition does not write that header (and one in a comment is
 * no site at all), so the framing rules and the restrict command leave them alone.
 */
export function framingSites(model: WebconfigModel): WsnameSite[] {
  return model.sites.filter((s) => s.isRegex && s.section === 'outbound');
}

const domainKeys = new WeakMap<WsnameAnalysis, string>();

/** The allowed domains as a comparable key: `*` for any domain, else the sorted, de-duplicated list. */
export function domainKey(site: WsnameSite): string | null {
  const w = site.wsname;
  if (w.shape === 'permissive') return '*';
  if (w.shape !== 'restricted') return null;
  // Computed once per analysis (sites with the same pattern text share theirs).
  let key = domainKeys.get(w);
  if (key === undefined) {
    key = [...new Set(w.domains.map((d) => d.domain))].sort().join('|');
    domainKeys.set(w, key);
  }
  return key;
}

/** True when the restricted pattern has none of the domain problems and is a valid IIS pattern. */
export function isCleanRestricted(site: WsnameSite): boolean {
  const w = site.wsname;
  return site.isRegex && w.shape === 'restricted' && site.problems.length === 0 && w.terminator !== null &&
    w.domains.length > 0 && w.domains.every((d) => !d.complex && d.escapedLetters.length === 0 && d.bareDots.length === 0 && d.source.length > 0);
}

/** 1-based line number of a raw offset (for messages that point at another occurrence). */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** How a site is named in messages: `outbound rule "X"`. */
export function siteLabel(site: WsnameSite): string {
  const what = site.section === 'outbound' ? 'outbound rule' : site.section === 'inbound' ? 'inbound rule' : site.section === 'precondition' ? 'precondition' : 'rule';
  return site.ruleName ? `${what} "${site.ruleName}"` : what;
}
