/**
 * The `reportsdb` file kind: `reportsdb_utility.properties`, the settings of the Reports DB utility
 * (SQL Server Always On), read with `java.util.Properties`.
 */
import { parseJdbcUrl } from '../../parse/jdbcUrl';
import { keyInfo, valueClassOf } from '../properties/schema';
import { propertiesSecrets } from '../shared/secrets';
import type { FileKind } from '../../core/types';
import { propertiesCompletions, propertiesHover, propertiesSymbols } from '../properties/features';
import { buildPropertiesModel, type PropertiesFileModel } from '../properties/model';
import { propertiesRules } from '../properties/rules';
import { reportsdbRules } from './rules';
import { REPORTSDB_SCHEMA } from './schema';
import { planReportsdb } from './convert';

export const reportsdbKind: FileKind<PropertiesFileModel> = {
  id: 'reportsdb',
  label: 'Reports DB utility properties',
  commentStyle: 'hash',
  parse(doc) {
    return { model: buildPropertiesModel(doc.getText(), doc.uri, REPORTSDB_SCHEMA), problems: [] };
  },
  rules: [...propertiesRules, ...reportsdbRules],
  windowsAuth: planReportsdb,
  secrets: (model) => propertiesSecrets(model.parsed, (k) => valueClassOf(model.schema, k) === 'url', parseJdbcUrl, (k) => keyInfo(model.schema, k) !== undefined),
  hover: (model, offset) => propertiesHover(model, offset),
  completions: (model, offset) => propertiesCompletions(model, offset),
  symbols: (model, doc) => propertiesSymbols(model, doc),
};
