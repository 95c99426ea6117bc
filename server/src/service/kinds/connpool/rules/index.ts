import type { Rule } from '../../../core/types';
import type { ConnpoolModel } from '../model';
import { credentialsWithIntegratedSecurity } from './credentialsWithIntegratedSecurity';
import { hostsDiffer } from './hostsDiffer';
import { missingCredentials } from './missingCredentials';
import { missingUrl } from './missingUrl';
import { mixedAuthentication } from './mixedAuthentication';
import { sqlAuthWithAlwaysOn } from './sqlAuthWithAlwaysOn';

export const connpoolRules: Rule<ConnpoolModel>[] = [
  credentialsWithIntegratedSecurity,
  missingCredentials,
  mixedAuthentication,
  sqlAuthWithAlwaysOn,
  hostsDiffer,
  missingUrl,
];
