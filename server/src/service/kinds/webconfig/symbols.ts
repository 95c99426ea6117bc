/** Outline of a web.config: one symbol per `wsname=` pattern, named after its rule, with what it allows. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { domainKey, siteLabel, type WebconfigModel } from './model';

export function webconfigSymbols(model: WebconfigModel, doc: TextDocument): DocumentSymbol[] {
  return model.sites.map((site) => {
    const key = domainKey(site);
    const detail = !site.isRegex
      ? `patternSyntax ${site.patternSyntax}`
      : key === '*' ? 'any parent domain' : key === null ? 'wsname= (shape not recognised)' : key.split('|').join(', ');
    const el = site.element;
    return {
      name: `wsname= in ${siteLabel(site)}`,
      detail,
      kind: SymbolKind.Key,
      range: { start: doc.positionAt(el.start), end: doc.positionAt(el.end) },
      selectionRange: { start: doc.positionAt(site.attribute.valueStart), end: doc.positionAt(site.attribute.valueEnd) },
    };
  });
}
