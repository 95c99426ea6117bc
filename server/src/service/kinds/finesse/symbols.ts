/** Outline of a Finesse layout: layouts by role, their tabs by id, and the gadgets of each tab. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { FEl, FinesseModel, UrlSite } from './model';

export function finesseSymbols(model: FinesseModel, doc: TextDocument): DocumentSymbol[] {
  const range = (s: number, e: number) => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  const urlsByEl = new Map<FEl, UrlSite>(model.urls.map((u) => [u.el, u] as const));
  const gadgetSymbol = (el: FEl): DocumentSymbol | undefined => {
    const u = urlsByEl.get(el);
    if (!u) return undefined;
    return {
      name: u.info.label,
      detail: u.compact,
      kind: SymbolKind.Module,
      range: range(el.start, el.end),
      selectionRange: range(u.content.start, u.content.end),
    };
  };
  /** Gadgets anywhere below `el` (tabs hold them directly or in columns). */
  const gadgetsUnder = (el: FEl): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    const stack = [el];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      if (cur.name === 'gadget') {
        const s = gadgetSymbol(cur);
        if (s) out.push(s);
        continue;
      }
      for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]!);
    }
    return out;
  };
  const tabSymbol = (el: FEl): DocumentSymbol => {
    const idEl = el.children.find((c) => c.name === 'id');
    const id = idEl?.content?.text.trim() || '(no id)';
    return {
      name: id,
      detail: 'tab',
      kind: SymbolKind.Class,
      range: range(el.start, el.end),
      selectionRange: idEl ? range(idEl.start, idEl.end) : range(el.nameStart, el.nameEnd),
      children: gadgetsUnder(el),
    };
  };
  const tabsUnder = (el: FEl): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    const stack = [el];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      if (cur.name === 'tab') {
        out.push(tabSymbol(cur));
        continue;
      }
      for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]!);
    }
    return out;
  };
  if (model.whole) {
    return model.layouts.map((l) => {
      const role = l.children.find((c) => c.name === 'role');
      const roleText = role?.content?.text.trim() || 'layout';
      const page = l.children.find((c) => c.name === 'page');
      return {
        name: `${roleText} layout`,
        kind: SymbolKind.Namespace,
        range: range(l.start, l.end),
        selectionRange: range(l.nameStart, l.nameEnd),
        children: [...(page ? gadgetsUnder(page) : []), ...tabsUnder(l)],
      };
    });
  }
  return model.roots.flatMap((r) => (r.name === 'gadget' || r.name === 'gadgets' ? gadgetsUnder(r) : tabsUnder(r)));
}
