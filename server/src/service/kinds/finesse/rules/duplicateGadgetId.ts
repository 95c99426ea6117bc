import type { Rule } from '../../../core/types';
import type { FinesseModel } from '../model';

/** `finesse/duplicate-gadget-id`: two gadgets or components of one layout share an `id`. */
export const duplicateGadgetId: Rule<FinesseModel> = {
  id: 'finesse/duplicate-gadget-id',
  defaultSeverity: 'error',
  description: 'Two gadgets or components share the same id.',
  check(model, ctx) {
    // Ids are compared within one role's layout; header components (scope -1) count in every layout.
    const seen = new Set<string>();
    const seenInAnyLayout = new Set<string>();
    for (const site of model.ids) {
      if (site.id === '') continue;
      const shared = `*|${site.id}`;
      const dup =
        site.scope < 0 ? seen.has(shared) || seenInAnyLayout.has(site.id) : seen.has(shared) || seen.has(`${site.scope}|${site.id}`);
      if (dup) {
        ctx.report({
          start: site.attr.value.start,
          end: site.attr.value.end,
          message: `The id "${site.id}" is already used by another gadget or component in this layout. Finesse refuses layouts with duplicate ids.`,
        });
      }
      if (site.scope < 0) seen.add(shared);
      else {
        seen.add(`${site.scope}|${site.id}`);
        seenInAnyLayout.add(site.id);
      }
    }
  },
};
