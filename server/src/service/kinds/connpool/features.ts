/** Hover, symbols and completions of the connection-pool file. */
import { SymbolKind, CompletionItemKind, MarkupKind, type CompletionItem, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HoverResult } from '../../core/types';
import { databaseName, describeJdbcProperty, effectiveHost, jdbcHoverAt, knownPropertyNames } from '../../parse/jdbcUrl';
import { poolLoginMode, type ConnpoolModel } from './model';

/** Decoded offset for a raw offset inside a decoded text (the last decoded char starting at or before it). */
function toDecoded(toRaw: (i: number) => number, length: number, raw: number): number | undefined {
  if (raw < toRaw(0) || raw > toRaw(length)) return undefined;
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (toRaw(mid) <= raw) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function connpoolHover(model: ConnpoolModel, offset: number): HoverResult | null {
  for (const pool of model.pools) {
    const url = pool.url;
    if (!url || offset < url.element.start || offset > url.element.end) continue;
    const d = toDecoded(url.text.toRaw, url.text.text.length, offset) ?? 0;
    const h = jdbcHoverAt(url.jdbc, Math.min(d, Math.max(0, url.text.text.length - 1)));
    if (!h) continue;
    const title = pool.name ? `**Connection pool \`${pool.name}\`**\n\n` : '';
    return {
      contents: { kind: MarkupKind.Markdown, value: title + h.markdown },
      start: url.text.toRaw(h.span.start),
      end: url.text.toRaw(h.span.end),
    };
  }
  for (const pool of model.pools) {
    const pw = pool.password;
    if (pw && offset >= pw.element.start && offset <= pw.element.end) {
      const mode = poolLoginMode(pool);
      const state = pw.trimmed.length ? 'set (the value is never shown)' : 'empty';
      const note =
        mode === 'native'
          ? 'With Windows authentication (native scheme) the driver does not use it: leave it empty.'
          : mode === 'ntlm'
            ? 'With NTLM (authenticationScheme=NTLM) the driver requires it: the password of the Windows account.'
            : mode === 'kerberos'
              ? 'With JavaKerberos the driver may use it to log in to Kerberos.'
              : mode === 'sql'
                ? 'With SQL authentication it must hold the (encrypted) password of the User.'
                : mode === 'other'
                  ? 'The Url names another authentication method (authentication=...); whether it uses the password depends on that method.'
                  : "The pool's Url does not say how to log in in a way the driver accepts; see the findings on the Url.";
      return { contents: { kind: MarkupKind.Markdown, value: `**Password** of the pool: ${state}.\n\n${note}` }, start: pw.element.start, end: pw.element.end };
    }
  }
  return null;
}

export function connpoolSymbols(model: ConnpoolModel, doc: TextDocument): DocumentSymbol[] {
  return model.pools.map((pool, i) => {
    const host = pool.url ? effectiveHost(pool.url.jdbc) : undefined;
    const db = pool.url ? databaseName(pool.url.jdbc) : undefined;
    const range = { start: doc.positionAt(pool.element.start), end: doc.positionAt(pool.element.end) };
    return {
      name: pool.name || `connpool #${i + 1}`,
      detail: [host ?? '(no host)', db ?? '(no database)'].join(' / '),
      kind: SymbolKind.Object,
      range,
      selectionRange: { start: doc.positionAt(pool.element.nameStart), end: doc.positionAt(pool.element.nameEnd) },
    };
  });
}

/** Inside a `Url`, after `;`: the driver's property names with one line on each. */
export function connpoolCompletions(model: ConnpoolModel, offset: number): CompletionItem[] {
  for (const pool of model.pools) {
    const url = pool.url;
    if (!url || offset < url.text.toRaw(0) || offset > url.text.toRaw(url.text.text.length)) continue;
    const d = toDecoded(url.text.toRaw, url.text.text.length, offset);
    if (d === undefined) return [];
    const before = url.text.text.slice(0, d);
    const semi = before.lastIndexOf(';');
    if (semi < 0 || before.slice(semi).includes('=')) return [];
    return knownPropertyNames()
      .filter((n) => !n.newestDriverOnly)
      .map((n) => ({
        label: n.name,
        kind: CompletionItemKind.Property,
        detail: n.name === n.canonical ? 'SQL Server JDBC property' : `alias of ${n.canonical}`,
        documentation: { kind: MarkupKind.Markdown, value: describeJdbcProperty(n.name) },
        insertText: `${n.name}=`,
      }));
  }
  return [];
}
