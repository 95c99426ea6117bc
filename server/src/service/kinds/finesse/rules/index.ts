import type { Rule } from '../../../core/types';
import type { FinesseModel } from '../model';
import { duplicateGadgetId } from './duplicateGadgetId';
import { eceGadgetHost } from './eceGadgetHost';
import { gadgetUrlNotHttps } from './gadgetUrlNotHttps';
import { gadgetUrlWhitespace } from './gadgetUrlWhitespace';
import { duplicateTabId } from './duplicateTabId';
import { invalidTabId } from './invalidTabId';
import { placeholderNotReplaced } from './placeholderNotReplaced';
import { tooManyLayouts } from './tooManyLayouts';
import { unescapedAmpersand } from './unescapedAmpersand';
import { unknownManagedBy } from './unknownManagedBy';

/** Every rule of Finesse layouts, one file each. */
export const finesseRules: ReadonlyArray<Rule<FinesseModel>> = [
  unescapedAmpersand,
  placeholderNotReplaced,
  gadgetUrlWhitespace,
  gadgetUrlNotHttps,
  eceGadgetHost,
  duplicateGadgetId,
  unknownManagedBy,
  tooManyLayouts,
  invalidTabId,
  duplicateTabId,
];
