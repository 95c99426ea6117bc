import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../../properties/model';
import { createDblinkMustBeTrue } from './createDblinkMustBeTrue';
import { differsFromConnpool } from './differsFromConnpool';
import { forbiddenPathCharacter } from './forbiddenPathCharacter';
import { invalidPort } from './invalidPort';
import { serverIsIpAddress } from './serverIsIpAddress';
import { serverIsListener } from './serverIsListener';
import { serverNotFullyQualified } from './serverNotFullyQualified';
import { ssisUserNotDomainAccount } from './ssisUserNotDomainAccount';
import { windowsAuthenticationRequired } from './windowsAuthenticationRequired';

/** The `reportsdb/*` rules (the cross-file `reportsdb/server-is-listener` comes with the workspace model). */
export const reportsdbRules: ReadonlyArray<Rule<PropertiesFileModel>> = [
  windowsAuthenticationRequired,
  createDblinkMustBeTrue,
  invalidPort,
  serverIsIpAddress,
  serverIsListener,
  serverNotFullyQualified,
  differsFromConnpool,
  forbiddenPathCharacter,
  ssisUserNotDomainAccount,
];
