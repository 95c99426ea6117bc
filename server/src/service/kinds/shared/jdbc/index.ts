/**
 * The shared `jdbc/*` rules. A kind that holds JDBC URLs lists them through `FileKind.jdbcUrls`; the engine parses
 * each site's decoded text with `parseJdbcUrl` and runs `jdbcRules` on `{ url, site }`. Reports and fix edits are
 * in decoded URL coordinates (see `JdbcRuleInput`).
 */
import type { Rule } from '../../../core/types';
import { duplicateProperty } from './rules/duplicateProperty';
import { instanceIgnored } from './rules/instanceIgnored';
import { invalidAuthenticationScheme } from './rules/invalidAuthenticationScheme';
import { invalidBoolean } from './rules/invalidBoolean';
import { invalidPort } from './rules/invalidPort';
import { invalidUrl } from './rules/invalidUrl';
import { listenerWithoutMultisubnet } from './rules/listenerWithoutMultisubnet';
import { missingDatabaseName } from './rules/missingDatabaseName';
import { multisubnetWithInstance } from './rules/multisubnetWithInstance';
import { placeholderNotReplaced } from './rules/placeholderNotReplaced';
import { serverIsIpAddress } from './rules/serverIsIpAddress';
import { serverNotFullyQualified } from './rules/serverNotFullyQualified';
import { unknownProperty } from './rules/unknownProperty';
import type { JdbcRuleInput } from './types';

export type { JdbcRuleInput } from './types';

export const jdbcRules: Rule<JdbcRuleInput>[] = [
  invalidUrl,
  unknownProperty,
  duplicateProperty,
  invalidBoolean,
  invalidAuthenticationScheme,
  invalidPort,
  instanceIgnored,
  serverIsIpAddress,
  serverNotFullyQualified,
  missingDatabaseName,
  multisubnetWithInstance,
  listenerWithoutMultisubnet,
  placeholderNotReplaced,
];
