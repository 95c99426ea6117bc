import type { Rule } from '../../../core/types';
import type { FinesseModel } from '../model';

/** `finesse/unknown-managed-by`: `managedBy` names no gadget or component id of the layout. */
export const unknownManagedBy: Rule<FinesseModel> = {
  id: 'finesse/unknown-managed-by',
  defaultSeverity: 'warning',
  description: 'managedBy names an id that no gadget in the layout has.',
  check(model, ctx) {
    // A fragment may rely on ids of the layout it is pasted into: judge whole layouts only.
    if (!model.whole) return;
    const ids = new Set(model.ids.map((s) => s.id));
    for (const m of model.managedBy) {
      if (ids.has(m.id)) continue;
      ctx.report({
        start: m.attr.value.start,
        end: m.attr.value.end,
        message: `managedBy="${m.id}" names no gadget or component of this layout (ids are case-sensitive), so nothing manages this gadget.`,
      });
    }
  },
};
