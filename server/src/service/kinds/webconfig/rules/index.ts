import type { Rule } from '../../../core/types';
import type { WebconfigModel } from '../model';
import { domainListNotTerminated } from './domainListNotTerminated';
import { escapedLetterInDomain } from './escapedLetterInDomain';
import { framingAllowedFromAnyDomain } from './framingAllowedFromAnyDomain';
import { inconsistentWsnameRules } from './inconsistentWsnameRules';
import { invalidPattern } from './invalidPattern';
import { unescapedDotInDomain } from './unescapedDotInDomain';

export const webconfigRules: Rule<WebconfigModel>[] = [
  invalidPattern,
  framingAllowedFromAnyDomain,
  escapedLetterInDomain,
  unescapedDotInDomain,
  domainListNotTerminated,
  inconsistentWsnameRules,
];
