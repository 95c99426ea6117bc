import type { Rule } from '../../../core/types';
import type { ConnpoolModel } from '../model';
import { credentialsWithIntegratedSecurity } from './credentialsWithIntegratedSecurity';
import { deploymentZipDiffers } from './deploymentZipDiffers';
import { hostsDiffer } from './hostsDiffer';
import { missingCredentials } from './missingCredentials';
import { missingUrl } from './missingUrl';
import { mixedAuthentication } from './mixedAuthentication';
import { ntlmWithoutCredentials } from './ntlmWithoutCredentials';
import { sqlAuthWithAlwaysOn } from './sqlAuthWithAlwaysOn';

export const connpoolRules: Rule<ConnpoolModel>[] = [
  credentialsWithIntegratedSecurity,
  missingCredentials,
  ntlmWithoutCredentials,
  mixedAuthentication,
  sqlAuthWithAlwaysOn,
  hostsDiffer,
  missingUrl,
  deploymentZipDiffers,
];
