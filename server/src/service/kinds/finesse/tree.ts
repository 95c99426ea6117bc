/**
 * Reads a Finesse layout with the shared XML parser and turns its tree into the small element view
 * the rules use. Two things are special here:
 *
 * - A bare `&` (common in gadget URLs) gets its own rule with an `&amp;` fix. The shared parser reports
 *   only the first well-formedness error, so when the file has bare ampersands they are masked with a
 *   same-length character and the text is parsed again: the generic error for those offsets disappears
 *   and the first *other* error (if any) is still reported at its exact offset. Texts and attribute
 *   values are decoded from the original text, so rules see the real `&`.
 * - ECE's layout files may be fragments meant to be pasted (several `<tab>` elements side by side):
 *   the "only one root element" error is dropped when every top-level element is a fragment.
 */
import type { SyntaxProblem } from '../../core/types';
import { decodeXml, parseXml, type XmlDocument, type XmlElement } from '../../parse/xml';
import { FRAGMENT_ROOTS, type FAttr, type FEl, type FText } from './model';

export interface FinesseTree {
  roots: FEl[];
  bareAmpersands: number[];
  problems: SyntaxProblem[];
}

const FRAGMENTS = new Set<string>(FRAGMENT_ROOTS);

export function readFinesseTree(text: string): FinesseTree {
  const first = parseXml(text);
  const bare = [...first.model.bareAmpersands].sort((a, b) => a - b);
  let xml: XmlDocument = first.model;
  let problems = first.problems;
  if (bare.length > 0) {
    const chars = text.split('');
    for (const at of bare) chars[at] = '_';
    const again = parseXml(chars.join(''));
    xml = { ...again.model, text };
    problems = again.problems;
  }
  if (xml.roots.length > 1 && xml.roots.every((r) => FRAGMENTS.has(r.localName))) {
    const extra = new Set(xml.roots.slice(1).map((r) => `${r.start}:${r.nameEnd}`));
    problems = problems.filter((p) => !extra.has(`${p.start}:${p.end}`));
  }
  return { roots: xml.roots.map((r) => toFEl(xml, r)), bareAmpersands: bare, problems };
}

/** Elements whose text the rules and hovers read (decoding every element's text would be wasted work). */
const TEXT_ELEMENTS = new Set(['gadget', 'url', 'id', 'role']);

/** Decoded text of a raw span; identity mapping when the span holds no reference, CDATA or comment. */
function textOf(xml: XmlDocument, start: number, end: number, content: boolean): FText {
  const raw = xml.text.slice(start, end);
  if (!raw.includes('&') && !(content && raw.includes('<'))) {
    const at = (o: number) => start + Math.max(0, Math.min(o, raw.length));
    return { text: raw, toRaw: at, toRawEnd: at, start, end };
  }
  const d = decodeXml(xml.text, start, end, content);
  return { text: d.text, toRaw: d.toRaw, toRawEnd: d.toRawEnd, start, end };
}

function toFEl(xml: XmlDocument, root: XmlElement): FEl {
  // Iterative conversion (deep documents must not overflow the stack).
  const convert = (el: XmlElement): FEl => {
    const attrs: FAttr[] = el.attributes.map((a) => ({
      name: a.name,
      nameStart: a.nameStart,
      nameEnd: a.nameEnd,
      value: textOf(xml, a.valueStart, a.valueEnd, false),
    }));
    let content: FText | undefined;
    if (!el.selfClosing && el.children.length === 0 && TEXT_ELEMENTS.has(el.localName)) {
      content = textOf(xml, el.contentStart, el.contentEnd, true);
    }
    const fel: FEl = {
      name: el.localName,
      nameStart: el.nameStart,
      nameEnd: el.nameEnd,
      start: el.start,
      end: el.end,
      attrs,
      children: [],
    };
    if (content) fel.content = content;
    return fel;
  };
  const top = convert(root);
  const stack: Array<[XmlElement, FEl]> = [[root, top]];
  while (stack.length > 0) {
    const [x, f] = stack.pop()!;
    for (const c of x.children) {
      const fc = convert(c);
      f.children.push(fc);
      stack.push([c, fc]);
    }
  }
  return top;
}
