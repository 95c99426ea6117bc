/**
 * Raw-text scans of a Finesse layout that need no XML tree: where a bare `&` sits (one that does not
 * start a character or entity reference), and what the root element is (for `claims`). Both are
 * single linear passes over the text.
 */

/** Offsets of every `&` in markup or text that does not start `&name;`, `&#digits;` or `&#xhex;`. */
export function findBareAmpersands(text: string): number[] {
  const out: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 60 /* < */) {
      if (text.startsWith('<!--', i)) {
        const e = text.indexOf('-->', i + 4);
        i = e < 0 ? n : e + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', i)) {
        const e = text.indexOf(']]>', i + 9);
        i = e < 0 ? n : e + 3;
        continue;
      }
      if (text.startsWith('<?', i)) {
        const e = text.indexOf('?>', i + 2);
        i = e < 0 ? n : e + 2;
        continue;
      }
      if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!doctype', i)) {
        i = skipDoctype(text, i);
        continue;
      }
      i++;
      continue;
    }
    if (c === 38 /* & */) {
      const len = referenceLength(text, i);
      if (len === 0) {
        out.push(i);
        i++;
      } else i += len;
      continue;
    }
    i++;
  }
  return out;
}

/** Length of a well-formed reference starting at `&` (0 when it is not one). */
export function referenceLength(text: string, at: number): number {
  let j = at + 1;
  if (text[j] === '#') {
    j++;
    if (text[j] === 'x') {
      j++;
      const s = j;
      while (j < text.length && /[0-9A-Fa-f]/.test(text[j]!)) j++;
      if (j === s) return 0;
    } else {
      const s = j;
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (j === s) return 0;
    }
    return text[j] === ';' ? j + 1 - at : 0;
  }
  if (j >= text.length || !isNameStart(text[j]!)) return 0;
  j++;
  while (j < text.length && isNameChar(text[j]!)) j++;
  return text[j] === ';' ? j + 1 - at : 0;
}

function isNameStart(c: string): boolean {
  return /[A-Za-z_:]/.test(c) || c.charCodeAt(0) > 127;
}
function isNameChar(c: string): boolean {
  return /[A-Za-z0-9_:.-]/.test(c) || c.charCodeAt(0) > 127;
}

function skipDoctype(text: string, i: number): number {
  let depth = 0;
  let quote = '';
  for (let j = i + 2; j < text.length; j++) {
    const c = text[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return j + 1;
  }
  return text.length;
}

/**
 * The name of the first element (prefix kept) and the value of its `xmlns` attribute, found by
 * skipping a BOM, white space, the XML declaration, processing instructions, comments and a DOCTYPE.
 */
export function rootElement(text: string): { name: string; xmlns?: string } | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c !== '<') return undefined;
    if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      if (e < 0) return undefined;
      i = e + 3;
      continue;
    }
    if (text.startsWith('<?', i)) {
      const e = text.indexOf('?>', i + 2);
      if (e < 0) return undefined;
      i = e + 2;
      continue;
    }
    if (text.startsWith('<!', i)) {
      i = skipDoctype(text, i);
      continue;
    }
    let j = i + 1;
    while (j < n && /[^\s/>]/.test(text[j]!)) j++;
    const name = text.slice(i + 1, j);
    if (name === '') return undefined;
    // Read the start tag up to its end to find xmlns="…" (bounded by the tag's length).
    let end = j;
    let quote = '';
    for (; end < n; end++) {
      const ch = text[end]!;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    const tag = text.slice(j, end);
    const m = /(?:^|\s)xmlns\s*=\s*("([^"]*)"|'([^']*)')/.exec(tag);
    const xmlns = m ? (m[2] ?? m[3]) : undefined;
    return xmlns !== undefined ? { name, xmlns } : { name };
  }
  return undefined;
}
