import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../../properties/model';
import { credentialsWithIntegratedSecurity } from './credentialsWithIntegratedSecurity';
import { missingCredentials } from './missingCredentials';
import { urlDiffersFromConnpool } from './urlDiffersFromConnpool';

/** The `indexstats/*` rules (the cross-file `indexstats/url-differs-from-connpool` comes with the workspace model). */
export const indexstatsRules: ReadonlyArray<Rule<PropertiesFileModel>> = [credentialsWithIntegratedSecurity, missingCredentials, urlDiffersFromConnpool];
