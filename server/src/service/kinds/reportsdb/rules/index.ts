import type { Rule } from '../../../core/types';
import type { PropertiesFileModel } from '../../properties/model';
import { createDblinkMustBeTrue } from './createDblinkMustBeTrue';
import { invalidPort } from './invalidPort';
import { serverIsIpAddress } from './serverIsIpAddress';
import { serverIsListener } from './serverIsListener';
import { windowsAuthenticationRequired } from './windowsAuthenticationRequired';

/** The `reportsdb/*` rules (the cross-file `reportsdb/server-is-listener` comes with the workspace model). */
export const reportsdbRules: ReadonlyArray<Rule<PropertiesFileModel>> = [
  windowsAuthenticationRequired,
  createDblinkMustBeTrue,
  invalidPort,
  serverIsIpAddress,
  serverIsListener,
];
