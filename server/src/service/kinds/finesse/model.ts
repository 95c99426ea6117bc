/**
 * The model of a Finesse desktop layout (a whole `finesseLayout` or the fragments ECE ships: `tab`,
 * `tabs`, `gadgets`, `gadget`). Built from a small element view (`FEl`) that `tree.ts` makes out of
 * the shared XML parser's tree, so the rules only see what they need.
 */
import { rawSpan } from '../../core/text';
import { analyzeGadgetUrl, type GadgetUrlInfo } from '../shared/gadgetUrl';

/** Decoded text of an element's content or an attribute value, with the way back to raw offsets. */
export interface FText {
  /** Decoded text (entities resolved; bare `&` kept as `&`). */
  text: string;
  /** Decoded offset (0..text.length) to raw document offset (where that character starts). */
  toRaw(offset: number): number;
  /** Where decoded character offset - 1 ends in the raw text (see `DecodedText.toRawEnd`). */
  toRawEnd(offset: number): number;
  /** Raw range of the content / value (without quotes). */
  start: number;
  end: number;
}

export interface FAttr {
  name: string;
  nameStart: number;
  nameEnd: number;
  value: FText;
}

export interface FEl {
  /** Local name (prefix removed). */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Raw range of the whole element. */
  start: number;
  end: number;
  attrs: FAttr[];
  children: FEl[];
  /**
   * Text content when the element holds text only (absent for empty elements and when children
   * exist). Only read for `gadget`, `url`, `id` and `role` elements.
   */
  content?: FText;
}

export const FINESSE_NS = 'http://www.cisco.com/vtg/finesse';
export const FRAGMENT_ROOTS = ['tab', 'tabs', 'gadgets', 'gadget'] as const;

/** A URL-bearing element: `<gadget>` or a header component's `<url>`. */
export interface UrlSite {
  element: 'gadget' | 'url';
  el: FEl;
  content: FText;
  /** Decoded offsets of the URL without leading/trailing white space. */
  trimStart: number;
  trimEnd: number;
  /** The URL with every white-space character removed (what the admin meant). */
  compact: string;
  /** compact index (0..compact.length) → decoded index. */
  toDecoded(compactOffset: number): number;
  info: GadgetUrlInfo;
  /** Index of the `layout` (or -1 for header/fragment) holding this element. */
  scope: number;
}

export interface IdSite {
  id: string;
  el: FEl;
  attr: FAttr;
  scope: number;
}

export interface TabSite {
  el: FEl;
  /** The `<id>` child element, if present. */
  idEl?: FEl;
  /** Index of the `layout` holding the tab, or -1 in a fragment file (its tabs go into one layout together). */
  scope: number;
}

export interface FinesseModel {
  text: string;
  /** Top-level elements (one in a well-formed file; a pasted fragment file may hold several). */
  roots: FEl[];
  /** True for a whole `finesseLayout` document. */
  whole: boolean;
  urls: UrlSite[];
  /** `id` attributes of `gadget` and `component` elements. */
  ids: IdSite[];
  managedBy: IdSite[];
  tabs: TabSite[];
  /** `layout` children of the root. */
  layouts: FEl[];
  /** Raw offsets of bare `&` characters (found on the raw text, outside comments and CDATA). */
  bareAmpersands: number[];
}

function isWs(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0';
}

function urlSite(element: 'gadget' | 'url', el: FEl, scope: number): UrlSite | undefined {
  const content = el.content;
  if (!content) return undefined;
  const t = content.text;
  let s = 0;
  let e = t.length;
  while (s < e && isWs(t[s]!)) s++;
  while (e > s && isWs(t[e - 1]!)) e--;
  let inner = false;
  for (let i = s; i < e && !inner; i++) inner = isWs(t[i]!);
  if (!inner) {
    const compact = t.slice(s, e);
    const toDecoded = (o: number) => s + Math.max(0, Math.min(o, compact.length));
    return { element, el, content, trimStart: s, trimEnd: e, compact, toDecoded, info: analyzeGadgetUrl(compact), scope };
  }
  const parts: string[] = [];
  const map: number[] = [];
  for (let i = s; i < e; i++) {
    if (isWs(t[i]!)) continue;
    parts.push(t[i]!);
    map.push(i);
  }
  map.push(e);
  const compact = parts.join('');
  const toDecoded = (o: number) => map[Math.max(0, Math.min(o, map.length - 1))]!;
  return { element, el, content, trimStart: s, trimEnd: e, compact, toDecoded, info: analyzeGadgetUrl(compact), scope };
}

/** Raw range of a [start, end) range of a site's compact URL. */
export function compactRawRange(site: UrlSite, start: number, end: number): { start: number; end: number } {
  const ds = site.toDecoded(start);
  const de = end > start ? site.toDecoded(end - 1) + 1 : ds;
  return rawSpan(site.content, ds, de);
}

/** Builds the model from the element view of the document's top-level elements. */
export function buildFinesseModel(text: string, roots: FEl[], bareAmpersands: number[]): FinesseModel {
  const model: FinesseModel = { text, roots, whole: false, urls: [], ids: [], managedBy: [], tabs: [], layouts: [], bareAmpersands };
  const root = roots.find((r) => r.name === 'finesseLayout');
  model.whole = root !== undefined;
  if (root) model.layouts = root.children.filter((c) => c.name === 'layout');
  const layoutIndex = new Map(model.layouts.map((l, i) => [l, i] as const));
  // Iterative walk with the scope (index of the enclosing layout) carried along.
  const stack: Array<{ el: FEl; scope: number; parent?: FEl }> = [...roots].reverse().map((el) => ({ el, scope: -1 }));
  while (stack.length > 0) {
    const { el, scope, parent } = stack.pop()!;
    if (el.name === 'gadget') {
      const site = urlSite('gadget', el, scope);
      if (site) model.urls.push(site);
    } else if (el.name === 'url' && parent?.name === 'component') {
      const site = urlSite('url', el, scope);
      if (site) model.urls.push(site);
    } else if (el.name === 'tab') {
      const idEl = el.children.find((c) => c.name === 'id');
      model.tabs.push(idEl ? { el, idEl, scope } : { el, scope });
    }
    if (el.name === 'gadget' || el.name === 'component') {
      for (const a of el.attrs) {
        if (a.name === 'id') model.ids.push({ id: a.value.text, el, attr: a, scope });
        else if (a.name === 'managedBy') model.managedBy.push({ id: a.value.text, el, attr: a, scope });
      }
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      const childScope = el === root && c.name === 'layout' ? (layoutIndex.get(c) ?? scope) : scope;
      stack.push({ el: c, scope: childScope, parent: el });
    }
  }
  const byStart = (a: { el: FEl }, b: { el: FEl }) => a.el.start - b.el.start;
  model.urls.sort(byStart);
  model.tabs.sort(byStart);
  model.ids.sort((a, b) => a.attr.nameStart - b.attr.nameStart);
  model.managedBy.sort((a, b) => a.attr.nameStart - b.attr.nameStart);
  return model;
}
