/**
 * A cheap look at the first element of a file (for `claims`), without building a tree: one linear
 * pass over the prolog and the first start tag.
 */

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
