/**
 * Hover, completions and symbols shared by the properties file kinds.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, SymbolKind, type CompletionItem, type DocumentSymbol } from 'vscode-languageserver-types';
import { lastStartingAtOrBefore, lineStartOf } from '../../core/text';
import type { HoverResult } from '../../core/types';
import { describeJdbcUrl, jdbcHoverAt, parseJdbcUrl } from '../../parse/jdbcUrl';
import type { PropertiesEntry } from '../../parse/properties';
import { markdownCode, plainValue, showable } from './escaping';
import type { PropertiesFileModel } from './model';
import { keyInfo, valueClassOf } from './schema';

const LEGEND: Array<[string, string]> = [['⇥', 'tab'], ['↵', 'line feed'], ['␍', 'carriage return'], ['␌', 'form feed']];

/** The entry whose logical line holds `offset` (its line break excluded). */
function entryAt(model: PropertiesFileModel, offset: number): PropertiesEntry | undefined {
  const found = lastStartingAtOrBefore(model.parsed.entries, offset, (e) => e.contentStart);
  return found && offset <= found.lineEnd ? found : undefined;
}

/** Markdown telling what Java loads for an entry (never a secret's value) and what the key is for. */
function describeEntry(model: PropertiesFileModel, e: PropertiesEntry): string {
  const info = keyInfo(model.schema, e.key);
  const lines: string[] = [];
  lines.push(info ? `**${e.key}**: ${info.doc}` : `**${e.key === '' ? '(empty key)' : e.key}**`);
  if (info?.version) lines.push('', `_Listed in the ECE ${info.version} documents._`);
  lines.push('');
  if (model.parsed.malformedUnicode) {
    lines.push(`Java does not load this file at all: it holds a malformed \`\\u\` escape, so ${model.schema.reader} fails at start.`);
  } else if (valueClassOf(model.schema, e.key) === 'secret') {
    lines.push(`Java loads: ${e.value === '' ? '(empty)' : '•••• (set, not shown)'}`);
  } else {
    const shown = markdownCode(showable(model, e.key, e.value), 200);
    lines.push(`Java loads: ${shown}`);
    const used = LEGEND.filter(([sym]) => e.value.includes(sym) === false && shown.includes(sym));
    if (used.length) lines.push('', used.map(([sym, name]) => `${sym} = ${name}`).join(', '));
    const written = model.text.slice(e.valueStart, e.valueEnd);
    if (written !== e.value && e.value !== '') lines.push('', 'This differs from the text as written: escapes and line continuations are applied.');
    if (valueClassOf(model.schema, e.key) === 'url' && e.value.trim() !== '') lines.push('', describeJdbcUrl(parseJdbcUrl(e.value)));
  }
  if (model.parsed.table.get(e.key) !== e) lines.push('', `This line has no effect: ${e.key} is set again later and Java keeps the last value.`);
  return lines.join('\n');
}

/** The decoded offset whose raw position holds `raw` (toRaw is monotonic: binary search). */
function toDecoded(e: PropertiesEntry, raw: number): number {
  let lo = 0;
  let hi = e.value.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (e.valueText.toRaw(mid) <= raw) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function propertiesHover(model: PropertiesFileModel, offset: number): HoverResult | null {
  const e = entryAt(model, offset);
  if (!e) return null;
  const inKey = offset <= e.keyEnd;
  if (!inKey && valueClassOf(model.schema, e.key) === 'url' && offset >= e.valueStart && offset < e.valueEnd) {
    // on a property name inside the URL: what that driver property does
    const url = parseJdbcUrl(e.value);
    const d = toDecoded(e, offset);
    const p = url.properties.find((x) => d >= x.nameSpan.start && d < x.nameSpan.end);
    if (p) {
      const h = jdbcHoverAt(url, d);
      if (h) return { contents: { kind: 'markdown', value: h.markdown }, start: e.valueText.toRaw(h.span.start), end: e.valueText.toRaw(h.span.end) };
    }
  }
  const start = inKey ? e.keyStart : e.valueStart;
  const end = inKey ? e.keyEnd : Math.max(e.valueEnd, e.valueStart);
  return { contents: { kind: 'markdown', value: describeEntry(model, e) }, start, end };
}

/** Known keys, with their docs, where a key can be typed (start of a line, before any separator). */
export function propertiesCompletions(model: PropertiesFileModel, offset: number): CompletionItem[] {
  const text = model.text;
  const ls = lineStartOf(text, offset);
  const before = text.slice(ls, offset);
  if (!/^[ \t\f]*[A-Za-z0-9_.]*$/.test(before)) return [];
  // not inside a logical line that started earlier (continuation) or a comment
  const e = entryAt(model, offset);
  if (e && e.contentStart < ls) return [];
  const current = e?.key;
  const present = new Set(model.parsed.table.keys());
  const items: CompletionItem[] = [];
  for (const k of model.schema.keys) {
    if (present.has(k.key) && k.key !== current) continue;
    items.push({
      label: k.key,
      kind: CompletionItemKind.Property,
      detail: `${model.schema.fileName}${k.version ? ` (ECE ${k.version})` : ''}`,
      documentation: { kind: 'markdown', value: k.doc },
      insertText: e && e.keyEnd < e.lineEnd ? k.key : `${k.key}=${k.example}`,
      filterText: k.key,
    });
  }
  return items;
}

export function propertiesSymbols(model: PropertiesFileModel, doc: TextDocument): DocumentSymbol[] {
  return model.parsed.entries
    .filter((e) => e.key !== '')
    .map((e) => {
      const secret = valueClassOf(model.schema, e.key) === 'secret';
      return {
        name: e.key,
        detail: secret ? (e.value === '' ? '' : '••••') : plainValue(showable(model, e.key, e.value), 60),
        kind: SymbolKind.Property,
        range: { start: doc.positionAt(e.contentStart), end: doc.positionAt(e.lineEnd) },
        selectionRange: { start: doc.positionAt(e.keyStart), end: doc.positionAt(e.keyEnd) },
      };
    });
}
