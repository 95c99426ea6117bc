import type { Rule } from '../../../core/types';
import { lineIndex } from '../../../core/text';
import type { FinesseModel, TabSite } from '../model';

/** The tab's trimmed `<id>` text and its raw range, or undefined when it has none. */
function tabId(tab: TabSite): { id: string; start: number; end: number } | undefined {
  const c = tab.idEl?.content;
  if (!c) return undefined;
  const raw = c.text;
  const id = raw.trim();
  if (id === '') return undefined;
  const s = raw.indexOf(id);
  return { id, start: c.toRaw(s), end: c.toRawEnd(s + id.length) };
}

/**
 * `finesse/duplicate-tab-id`: two tabs of one layout have the same `<id>` (inserting the ECE tab snippet twice
 * gives two `<id>ece</id>`). Tabs of different role layouts may share ids; in a fragment file every tab counts
 * together, since the fragment is pasted into one layout.
 */
export const duplicateTabId: Rule<FinesseModel> = {
  id: 'finesse/duplicate-tab-id',
  defaultSeverity: 'warning',
  description: 'Two tabs of one layout have the same id.',
  check(model, ctx) {
    const first = new Map<string, number>();
    let line: ((offset: number) => number) | undefined;
    for (const tab of model.tabs) {
      const t = tabId(tab);
      if (!t) continue;
      const key = `${tab.scope}|${t.id}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, t.start);
        continue;
      }
      ctx.report({
        start: t.start,
        end: t.end,
        message: `Another tab of this layout already has the id "${t.id}" (line ${(line ??= lineIndex(model.text))(earlier) + 1}). Tab ids name the tabs of a layout (a gadget that switches tabs asks for one by its id), so two tabs with one id cannot be told apart: give this tab its own id, or remove it if it was inserted twice.`,
      });
    }
  },
};
