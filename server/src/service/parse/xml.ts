/**
 * A position-keeping XML scanner: one linear pass, no recursion (deeply nested files are fine), never
 * throws. It builds the element tree with exact raw offsets for every name, attribute value and text
 * span, and reports the first well-formedness error (`xml/not-well-formed`) at its exact offset while
 * still recovering a tree, so a half-typed file keeps its other diagnostics.
 *
 * Why not fast-xml-parser at run time: its `XMLParser` (5.12) keeps no source position of an attribute or a text,
 * which every diagnostic and minimal edit here needs, and by default throws on documents nested deeper than 100
 * levels. Its `XMLValidator` is about as fast as this scan on a 1 MB pool file (ARCHITECTURE.md gives the numbers and
 * the command), so speed is not the reason. fast-xml-parser stays the independent oracle:
 * `test/unit/xml-differential.test.ts` checks our verdict against its validator on generated documents.
 */
import type { OffsetEdit, SyntaxProblem } from '../core/types';
import { DecodedTextBuilder, plainText, rawSpan, type DecodedText, type SegmentedText } from '../core/text';

export interface XmlAttribute {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Raw value range, inside the quotes. */
  valueStart: number;
  valueEnd: number;
  quote: '"' | "'";
  /** Decoded value (entities resolved) with its map back to raw offsets. */
  value: DecodedText;
}

export interface XmlElement {
  name: string;
  /** Local name without a namespace prefix. */
  localName: string;
  start: number;
  nameStart: number;
  nameEnd: number;
  /** Offset just after the start tag's `>` (or `/>`). */
  startTagEnd: number;
  selfClosing: boolean;
  /** Raw content range: from the end of the start tag to the start of the end tag. */
  contentStart: number;
  contentEnd: number;
  /** Offset just after the end tag (or after `/>`); for an unclosed element, where recovery closed it. */
  end: number;
  closed: boolean;
  attributes: XmlAttribute[];
  children: XmlElement[];
  parent: XmlElement | undefined;
}

export interface XmlComment {
  start: number;
  end: number;
  /** The comment's text between `<!--` and `-->`. */
  text: string;
}

export interface XmlDocument {
  text: string;
  hasBom: boolean;
  /** Top-level elements (a well-formed document has exactly one). */
  roots: XmlElement[];
  comments: XmlComment[];
  /** Offsets of `&` characters that do not start a valid reference (recorded for kinds that explain them). */
  bareAmpersands: number[];
  wellFormed: boolean;
}

export const XML_NOT_WELL_FORMED = 'xml/not-well-formed';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Result of reading a reference at `&`: the decoded text and where it ends, or undefined if malformed. */
function readReference(text: string, amp: number, allowAnyNamed: boolean): { value: string; end: number } | undefined {
  const semi = text.indexOf(';', amp + 1);
  if (semi < 0 || semi - amp > 40) return undefined;
  const body = text.slice(amp + 1, semi);
  if (body.startsWith('#x') || body.startsWith('#X')) {
    if (!/^[0-9a-fA-F]{1,8}$/.test(body.slice(2))) return undefined;
    const cp = parseInt(body.slice(2), 16);
    return validCodePoint(cp) ? { value: String.fromCodePoint(cp), end: semi + 1 } : undefined;
  }
  if (body.startsWith('#')) {
    if (!/^[0-9]{1,10}$/.test(body.slice(1))) return undefined;
    const cp = parseInt(body.slice(1), 10);
    return validCodePoint(cp) ? { value: String.fromCodePoint(cp), end: semi + 1 } : undefined;
  }
  if (body.length === 0 || !isNameStart(body.charCodeAt(0))) return undefined;
  for (let i = 1; i < body.length; i++) if (!isNameChar(body.charCodeAt(i))) return undefined;
  const v = PREDEFINED[body];
  if (v !== undefined) return { value: v, end: semi + 1 };
  // A DOCTYPE may declare it: keep the reference text as is (we never expand user entities).
  return allowAnyNamed ? { value: `&${body};`, end: semi + 1 } : undefined;
}

/**
 * The pseudo-attributes of `<?xml ...?>` between `from` (after `<?xml`) and `close` (at `?>`):
 * `version` first and required, then optional `encoding` and `standalone`, in that order, quoted,
 * separated by white space. Returns the first problem, or undefined.
 */
function checkXmlDeclaration(text: string, from: number, close: number): { start: number; end: number; message: string } | undefined {
  const order = ['version', 'encoding', 'standalone'];
  let next = 0;
  let k = from;
  for (;;) {
    const ws = k;
    while (k < close && isSpace(text.charCodeAt(k))) k++;
    if (k >= close) return next === 0 ? { start: from - 5, end: from, message: 'The XML declaration needs a version: write <?xml version="1.0"?>.' } : undefined;
    if (k === ws) return { start: k, end: k + 1, message: 'The parts of the XML declaration must be separated by white space.' };
    const nameStart = k;
    while (k < close && isNameChar(text.charCodeAt(k))) k++;
    const name = text.slice(nameStart, k);
    const idx = order.indexOf(name, next);
    if (idx < 0 || (next === 0 && idx !== 0)) {
      const what = next === 0 ? '"version"' : order.slice(next).map((o) => `"${o}"`).join(' or ');
      return { start: nameStart, end: Math.max(k, nameStart + 1), message: `Unexpected "${name || text[nameStart]}" in the XML declaration: expected ${what}.` };
    }
    while (k < close && isSpace(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) !== 61) return { start: nameStart, end: nameStart + name.length, message: `"${name}" in the XML declaration needs a value: ${name}="...".` };
    k++;
    while (k < close && isSpace(text.charCodeAt(k))) k++;
    const q = text.charCodeAt(k);
    const end = q === 34 || q === 39 ? text.indexOf(q === 34 ? '"' : "'", k + 1) : -1;
    if (end < 0 || end > close) return { start: nameStart, end: Math.min(k + 1, close), message: `The value of "${name}" in the XML declaration must be in quotes.` };
    const v = text.slice(k + 1, end);
    const ok = name === 'version' ? /^1\.[0-9]+$/.test(v) : name === 'encoding' ? /^[A-Za-z][A-Za-z0-9._-]*$/.test(v) : v === 'yes' || v === 'no';
    if (!ok) return { start: k + 1, end: Math.max(end, k + 2), message: `"${v}" is not a valid ${name} in the XML declaration.` };
    next = idx + 1;
    k = end + 1;
  }
}

function controlMessage(c: number): string {
  return `Control character U+${c.toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML.`;
}

function validCodePoint(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Segment tags of decoded XML text (see `DecodedSegment.tag`). */
const TEXT = 0;
const REF = 1;
const CDATA = 2;

/**
 * Decodes a raw XML text or attribute span (entities, character references; CDATA sections and
 * comments when `content` is true). Never throws: a malformed reference is kept literally.
 */
export function decodeXml(text: string, start: number, end: number, content: boolean): DecodedText {
  // Fast path (most values: egid numbers, names, URLs): nothing to decode, so no per-piece map.
  // (A bounded scan: indexOf could run past `end` to the end of a large file on every call.)
  let plain = true;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 38 || (content && c === 60)) {
      plain = false;
      break;
    }
  }
  if (plain) return plainText(text.slice(start, end), start);
  const b = new DecodedTextBuilder();
  let i = start;
  let runStart = start;
  const flush = (upTo: number) => {
    if (upTo > runStart) b.push(text.slice(runStart, upTo), runStart, upTo, true, TEXT);
  };
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 38 /* & */) {
      const ref = readReference(text, i, true);
      if (ref && ref.end <= end) {
        flush(i);
        b.push(ref.value, i, ref.end, false, REF);
        i = ref.end;
        runStart = i;
        continue;
      }
    } else if (content && c === 60 /* < */) {
      if (text.startsWith('<![CDATA[', i)) {
        const close = text.indexOf(']]>', i + 9);
        const stop = close < 0 || close > end ? end : close;
        const after = close < 0 || close > end ? end : close + 3;
        flush(i);
        b.push(text.slice(i + 9, stop), i + 9, stop, true, CDATA, i, after);
        i = after;
        runStart = i;
        continue;
      }
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        flush(i);
        i = close < 0 || close > end ? end : close + 3;
        runStart = i;
        continue;
      }
    }
    i++;
  }
  flush(end);
  return b.finish(end);
}

/** The decoded text content of an element (text, references and CDATA; comments dropped; child elements' text included). */
export function elementText(doc: XmlDocument, el: XmlElement): DecodedText {
  if (el.children.length === 0) return decodeXml(doc.text, el.contentStart, el.contentEnd, true);
  // Mixed content: decode the text between children only (child elements are skipped).
  const b = new DecodedTextBuilder();
  let pos = el.contentStart;
  for (const ch of el.children) {
    if (ch.start > pos) b.append(decodeXml(doc.text, pos, ch.start, true));
    pos = ch.end;
  }
  if (el.contentEnd > pos) b.append(decodeXml(doc.text, pos, el.contentEnd, true));
  return b.finish(el.contentEnd);
}

/**
 * XML-escapes replacement text for where it lands: element content (`&`, `<` and `>`), or the value of an attribute
 * delimited by `quote` (`&`, `<` and that quote). The product's one XML escaper.
 */
export function escapeXml(s: string, quote?: '"' | "'"): string {
  const out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (quote === '"') return out.replace(/"/g, '&quot;');
  if (quote === "'") return out.replace(/'/g, '&apos;');
  return out.replace(/>/g, '&gt;');
}

/** Text for inside a CDATA section: everything is literal there except `]]>`, which is split across two sections. */
function escapeCdata(s: string): string {
  return s.replaceAll(']]>', ']]]]><![CDATA[>');
}

/**
 * The raw edit that replaces decoded [start, end) of an element's content with `newText` (decoded): exactly the raw
 * characters of that range, whatever mix of text, references and CDATA sections holds it, with the new text written
 * for where it lands (XML-escaped in text, literal inside one CDATA section). A range that starts or ends inside a
 * CDATA section but does not stay in it takes that section whole and writes its kept part back as escaped text, so
 * the result is always well formed and decodes to the intended value.
 */
export function xmlContentEdit(value: DecodedText, start: number, end: number, newText: string): OffsetEdit {
  const segs = (value as Partial<SegmentedText>).segments;
  const segmentAt = (value as Partial<SegmentedText>).segmentAt;
  if (!segs || !segmentAt) {
    const r = rawSpan(value, start, end);
    return { ...r, newText: escapeXml(newText) };
  }
  const len = value.text.length;
  if (start >= end) {
    // An insertion: inside a CDATA section only when strictly inside one; at a boundary, outside the markup.
    const at = segmentAt(start);
    if (at && at.tag === CDATA && start > at.d) return { start: value.toRaw(start), end: value.toRaw(start), newText: escapeCdata(newText) };
    const pos = at ? (at.tag === CDATA ? at.outerStart : value.toRaw(start)) : value.toRaw(len);
    return { start: pos, end: pos, newText: escapeXml(newText) };
  }
  const first = segmentAt(start)!;
  const last = segmentAt(end - 1)!;
  if (first === last && first.tag === CDATA) {
    return { start: value.toRaw(start), end: value.toRawEnd(end), newText: escapeCdata(newText) };
  }
  let rawStart = value.toRaw(start);
  let rawEnd = value.toRawEnd(end);
  let text = newText;
  if (first.tag === CDATA) {
    rawStart = first.outerStart;
    text = value.text.slice(first.d, start) + text;
  }
  if (last.tag === CDATA) {
    rawEnd = last.outerEnd;
    text += value.text.slice(end, last.dEnd);
  }
  return { start: rawStart, end: rawEnd, newText: escapeXml(text) };
}

export function attr(el: XmlElement, name: string): XmlAttribute | undefined {
  const lower = name.toLowerCase();
  return el.attributes.find((a) => a.name.toLowerCase() === lower);
}

export function childNamed(el: XmlElement, localName: string): XmlElement | undefined {
  const lower = localName.toLowerCase();
  return el.children.find((c) => c.localName.toLowerCase() === lower);
}

/** Every element in document order, without recursion. */
export function* allElements(doc: XmlDocument): Generator<XmlElement> {
  const stack: XmlElement[] = [...doc.roots].reverse();
  while (stack.length) {
    const el = stack.pop()!;
    yield el;
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
}

/** The innermost element whose range holds `offset`. */
export function elementAt(doc: XmlDocument, offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  let level: XmlElement[] = doc.roots;
  for (;;) {
    const hit = level.find((e) => e.start <= offset && offset <= e.end);
    if (!hit) return found;
    found = hit;
    level = hit.children;
  }
}

function localNameOf(name: string): string {
  const c = name.indexOf(':');
  return c >= 0 ? name.slice(c + 1) : name;
}

export function parseXml(text: string): { model: XmlDocument; problems: SyntaxProblem[] } {
  return new XmlScanner(text).scan();
}

/**
 * The scan of one document: `scan` walks the text once, hands every text run to `textRun` and every `<` to the
 * method of the construct it opens (comment, CDATA section, DOCTYPE, processing instruction, end tag, start tag),
 * which returns where the scan goes on. State lives in fields, so each construct reads as its own function.
 */
class XmlScanner {
  private readonly n: number;
  private readonly doc: XmlDocument;
  private readonly problems: SyntaxProblem[] = [];
  /** The open elements, innermost last. */
  private readonly stack: XmlElement[] = [];
  private hasDoctype = false;
  private sawRoot = false;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.doc = { text, hasBom: text.charCodeAt(0) === 0xfeff, roots: [], comments: [], bareAmpersands: [], wellFormed: true };
  }

  scan(): { model: XmlDocument; problems: SyntaxProblem[] } {
    const { text, n, doc } = this;
    let i = doc.hasBom ? 1 : 0;
    while (i < n) {
      const lt = text.indexOf('<', i);
      const runEnd = lt < 0 ? n : lt;
      if (runEnd > i) this.textRun(i, runEnd);
      if (lt < 0) break;
      i = this.markup(lt);
    }
    const stack = this.stack;
    if (stack.length) {
      const top = stack[stack.length - 1]!;
      this.fail(top.start, top.nameEnd, `The element "<${top.name}>" is never closed.`);
      for (const e of stack) {
        e.contentEnd = n;
        e.end = n;
      }
    }
    if (!this.sawRoot && this.problems.length === 0) {
      const s = doc.hasBom ? 1 : 0;
      this.fail(s, s, 'The file holds no XML element.');
    }
    return { model: doc, problems: this.problems };
  }

  /** Only the first problem is reported; any problem makes the document not well formed. */
  private fail(start: number, end: number, message: string): void {
    if (this.problems.length === 0) this.problems.push({ ruleId: XML_NOT_WELL_FORMED, start, end: Math.max(end, start), message });
    this.doc.wellFormed = false;
  }

  /** The construct that starts with the `<` at `lt`; returns the offset after it. */
  private markup(lt: number): number {
    const text = this.text;
    if (text.startsWith('<!--', lt)) return this.comment(lt);
    if (text.startsWith('<![CDATA[', lt)) return this.cdata(lt);
    if (text.startsWith('<!DOCTYPE', lt) || text.startsWith('<!doctype', lt)) return this.doctype(lt);
    const next = text.charCodeAt(lt + 1);
    if (next === 63 /* ? */) return this.processingInstruction(lt);
    if (next === 47 /* / */) return this.endTag(lt);
    return this.startTag(lt);
  }

  /** Text: references must be well formed; outside the root only whitespace is allowed. */
  private textRun(s: number, e: number): void {
    const text = this.text;
    for (let k = s; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c === 38) {
        const ref = readReference(text, k, this.hasDoctype);
        if (!ref || ref.end > e) {
          this.doc.bareAmpersands.push(k);
          this.fail(k, k + 1, 'A bare "&" is not allowed in XML: write "&amp;" (or use a character reference).');
        } else k = ref.end - 1;
      } else if (this.stack.length === 0 && !isSpace(c)) {
        let t = k + 1;
        while (t < e && !isSpace(text.charCodeAt(t))) t++;
        this.fail(k, t, this.sawRoot ? 'Text after the root element is not allowed.' : 'Text before the root element is not allowed.');
        k = t;
      } else if (c === 62 && k >= 2 && text.charCodeAt(k - 1) === 93 && text.charCodeAt(k - 2) === 93) {
        this.fail(k - 2, k + 1, 'The sequence "]]>" is not allowed in text.');
      } else if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
        this.fail(k, k + 1, controlMessage(c));
      }
    }
  }

  /** Comments, CDATA sections and processing instructions: only XML characters (no control characters but tab, CR, LF). */
  private checkChars(s: number, e: number): void {
    const text = this.text;
    for (let k = s; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
        this.fail(k, k + 1, controlMessage(c));
        return;
      }
    }
  }

  private comment(i: number): number {
    const { text, n } = this;
    const close = text.indexOf('-->', i + 4);
    if (close < 0) {
      this.fail(i, i + 4, 'This comment is never closed (missing -->).');
      this.doc.comments.push({ start: i, end: n, text: text.slice(i + 4) });
      return n;
    }
    const body = text.slice(i + 4, close);
    const dd = body.indexOf('--');
    if (dd >= 0) this.fail(i + 4 + dd, i + 6 + dd, '"--" is not allowed inside a comment.');
    else if (body.endsWith('-')) this.fail(close - 1, close + 1, '"--" is not allowed inside a comment (it cannot end with "--->").');
    this.checkChars(i + 4, close);
    this.doc.comments.push({ start: i, end: close + 3, text: body });
    return close + 3;
  }

  private cdata(i: number): number {
    if (this.stack.length === 0) this.fail(i, i + 9, 'A CDATA section is only allowed inside an element.');
    const close = this.text.indexOf(']]>', i + 9);
    if (close < 0) {
      this.fail(i, i + 9, 'This CDATA section is never closed (missing ]]>).');
      return this.n;
    }
    this.checkChars(i + 9, close);
    return close + 3;
  }

  /** Skipped to the matching `>`, honouring an internal subset in `[...]` and quoted strings. */
  private doctype(i: number): number {
    const { text, n } = this;
    if (this.sawRoot || this.stack.length) this.fail(i, i + 9, 'A DOCTYPE is only allowed before the root element.');
    this.hasDoctype = true;
    let k = i + 9;
    let depth = 0;
    let quote = 0;
    for (; k < n; k++) {
      const c = text.charCodeAt(k);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 91) depth++;
      else if (c === 93) depth--;
      else if (c === 62 && depth <= 0) break;
    }
    if (k >= n) {
      this.fail(i, i + 9, 'This DOCTYPE is never closed.');
      return n;
    }
    return k + 1;
  }

  /** `<?target ...?>`; the XML declaration only at the very start, and checked. */
  private processingInstruction(i: number): number {
    const text = this.text;
    const close = text.indexOf('?>', i + 2);
    if (close < 0) {
      this.fail(i, i + 2, 'This processing instruction is never closed (missing "?>").');
      return this.n;
    }
    const target = /^[^\s?]*/.exec(text.slice(i + 2, Math.min(close, i + 40)))![0];
    let validTarget = target.length > 0 && isNameStart(target.charCodeAt(0));
    for (let t = 1; validTarget && t < target.length; t++) validTarget = isNameChar(target.charCodeAt(t));
    if (!validTarget) {
      this.fail(i, i + 2 + Math.max(1, target.length), '"<?" must be followed by a name (a processing instruction such as <?xml ...?>).');
    } else if (target.toLowerCase() === 'xml' && (i !== (this.doc.hasBom ? 1 : 0) || target !== 'xml')) {
      this.fail(i, i + 5, 'The XML declaration must be at the very start of the file.');
    } else if (target === 'xml') {
      const bad = checkXmlDeclaration(text, i + 5, close);
      if (bad) this.fail(bad.start, bad.end, bad.message);
    }
    this.checkChars(i + 2, close);
    return close + 2;
  }

  /** `</name>`: closes the innermost element, or (recovering) the elements inside the one it names. */
  private endTag(i: number): number {
    const { text, n, stack } = this;
    let k = i + 2;
    const nameStart = k;
    while (k < n && isNameChar(text.charCodeAt(k))) k++;
    const name = text.slice(nameStart, k);
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) !== 62) {
      this.fail(i, Math.max(k, i + 2), name ? `The end tag "</${name}" is not closed with ">".` : '"</" must be followed by an element name.');
      // Recover: treat up to the next '<' or '>' as consumed.
      const gt = text.indexOf('>', k);
      const nextLt = text.indexOf('<', k);
      if (gt >= 0 && (nextLt < 0 || gt < nextLt)) k = gt;
      else return nextLt < 0 ? n : nextLt;
    }
    const tagEnd = k + 1;
    const top = stack[stack.length - 1];
    if (!top) {
      this.fail(i, tagEnd, `The end tag "</${name}>" has no matching start tag.`);
    } else if (top.name === name) {
      stack.pop();
      top.contentEnd = i;
      top.end = tagEnd;
      top.closed = true;
    } else {
      const idx = stack.map((e) => e.name).lastIndexOf(name);
      if (idx < 0) {
        this.fail(i, tagEnd, `The end tag "</${name}>" does not match the open element "<${top.name}>".`);
      } else {
        this.fail(top.start, top.nameEnd, `The element "<${top.name}>" is not closed before "</${name}>".`);
        // Close the unclosed elements at this point.
        while (stack.length > idx + 1) {
          const e = stack.pop()!;
          e.contentEnd = i;
          e.end = i;
        }
        const e = stack.pop()!;
        e.contentEnd = i;
        e.end = tagEnd;
        e.closed = true;
      }
    }
    return tagEnd;
  }

  /** `<name attr="value" ...>` or `.../>`: the element joins the tree (one root only) and, unless self-closing, the stack. */
  private startTag(i: number): number {
    const { text, n, stack } = this;
    const nameStart = i + 1;
    let k = nameStart;
    if (!isNameStart(text.charCodeAt(k))) {
      this.fail(i, i + 1, '"<" must start a tag: write "&lt;" for a literal "<".');
      return i + 1;
    }
    while (k < n && isNameChar(text.charCodeAt(k))) k++;
    const name = text.slice(nameStart, k);
    const el: XmlElement = {
      name, localName: localNameOf(name), start: i, nameStart, nameEnd: k, startTagEnd: k, selfClosing: false,
      contentStart: k, contentEnd: k, end: k, closed: false, attributes: [], children: [], parent: stack[stack.length - 1],
    };
    k = this.attributes(el, k);
    el.startTagEnd = k;
    el.contentStart = k;
    el.contentEnd = k;
    el.end = k;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else {
      if (this.sawRoot) this.fail(i, el.nameEnd, `Only one root element is allowed; "<${name}>" is a second one.`);
      this.sawRoot = true;
      this.doc.roots.push(el);
    }
    if (el.selfClosing) el.closed = true;
    else stack.push(el);
    return k;
  }

  /**
   * The attributes of a start tag from `k` (just after its name) to its `>` or `/>`; returns the offset after the
   * tag. A broken tag is skipped up to the next `>` before the next `<`.
   */
  private attributes(el: XmlElement, k: number): number {
    const { text, n } = this;
    const name = el.name;
    let names: Set<string> | undefined;
    for (;;) {
      const wsStart = k;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      const c = text.charCodeAt(k);
      if (c === 62) return k + 1;
      if (c === 47 && text.charCodeAt(k + 1) === 62) {
        el.selfClosing = true;
        return k + 2;
      }
      if (k >= n) {
        this.fail(el.start, el.nameEnd, `The start tag "<${name}" is not closed with ">".`);
        break;
      }
      if (!isNameStart(c)) {
        this.fail(k, k + 1, `Unexpected "${text[k]}" in the start tag of "<${name}>".`);
        break;
      }
      if (k === wsStart) this.fail(k, k + 1, `Attributes of "<${name}>" must be separated by white space.`);
      const aStart = k;
      while (k < n && isNameChar(text.charCodeAt(k))) k++;
      const aName = text.slice(aStart, k);
      const aEnd = k;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== 61 /* = */) {
        this.fail(aStart, aEnd, `The attribute "${aName}" has no value: write ${aName}="...".`);
        break;
      }
      k++;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      const q = text.charCodeAt(k);
      if (q !== 34 && q !== 39) {
        this.fail(aStart, Math.min(k + 1, n), `The value of the attribute "${aName}" must be in quotes.`);
        break;
      }
      const vStart = k + 1;
      const close = text.indexOf(q === 34 ? '"' : "'", vStart);
      if (close < 0) {
        this.fail(aStart, vStart, `The value of the attribute "${aName}" is never closed.`);
        break;
      }
      this.attributeValue(aName, vStart, close);
      // Duplicates: a short scan for the usual handful of attributes, a set past that (100,000 attributes on one
      // element must not cost 10^10 comparisons).
      if (el.attributes.length < 16) {
        for (let ai = 0; ai < el.attributes.length; ai++) {
          if (el.attributes[ai]!.name === aName) {
            this.fail(aStart, aEnd, `The attribute "${aName}" appears twice in "<${name}>".`);
            break;
          }
        }
      } else {
        if (!names) {
          names = new Set();
          for (const a of el.attributes) names.add(a.name);
        }
        if (names.has(aName)) this.fail(aStart, aEnd, `The attribute "${aName}" appears twice in "<${name}>".`);
        names.add(aName);
      }
      el.attributes.push({
        name: aName, nameStart: aStart, nameEnd: aEnd, valueStart: vStart, valueEnd: close,
        quote: q === 34 ? '"' : "'", value: decodeXml(text, vStart, close, false),
      });
      k = close + 1;
    }
    // Recover: skip to the next '>' before the next '<'.
    const gt = text.indexOf('>', k);
    const nextLt = text.indexOf('<', k);
    if (gt >= 0 && (nextLt < 0 || gt < nextLt)) {
      el.selfClosing = text.charCodeAt(gt - 1) === 47;
      return gt + 1;
    }
    return nextLt < 0 ? n : nextLt;
  }

  /** Inside an attribute value: no `<`, no control characters, references well formed. */
  private attributeValue(aName: string, vStart: number, close: number): void {
    const text = this.text;
    for (let t = vStart; t < close; t++) {
      const vc = text.charCodeAt(t);
      if (vc === 60) this.fail(t, t + 1, `"<" is not allowed in the value of "${aName}": write "&lt;".`);
      else if (vc < 32 && vc !== 9 && vc !== 10 && vc !== 13) this.fail(t, t + 1, controlMessage(vc));
      else if (vc === 38) {
        const ref = readReference(text, t, this.hasDoctype);
        if (!ref || ref.end > close) {
          this.doc.bareAmpersands.push(t);
          this.fail(t, t + 1, `A bare "&" is not allowed in the value of "${aName}": write "&amp;".`);
        } else t = ref.end - 1;
      }
    }
  }
}
