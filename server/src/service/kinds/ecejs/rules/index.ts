import type { Rule } from '../../../core/types';
import type { EceJsModel } from '../model';
import { missingSetting } from './missingSetting';
import { hostsDiffer } from './hostsDiffer';
import { protocolNotHttps } from './protocolNotHttps';
import { serverNameHasSchemeOrPath } from './serverNameHasSchemeOrPath';
import { serverNameIsIpAddress } from './serverNameIsIpAddress';
import { serverNameNotFullyQualified } from './serverNameNotFullyQualified';
import { serverNameNotLoadBalancer } from './serverNameNotLoadBalancer';
import { syntaxError } from './syntaxError';
import { nestingTooDeep } from './nestingTooDeep';

/** Every rule of `ece_config.js` / `spog_config.js`, one file each. */
export const eceJsRules: ReadonlyArray<Rule<EceJsModel>> = [
  syntaxError,
  nestingTooDeep,
  protocolNotHttps,
  serverNameHasSchemeOrPath,
  serverNameIsIpAddress,
  serverNameNotFullyQualified,
  serverNameNotLoadBalancer,
  missingSetting,
  hostsDiffer,
];
