/**
 * The `ecejs` file kind: `ece_config.js` (agent gadget) and `spog_config.js` (SPOG gadget), the two
 * small scripts that tell the ECE Finesse gadget which protocol and host to load ECE from.
 */
import type { FileKind } from '../../core/types';
import { hoverEceJs } from './hover';
import { addressSecrets, rawAddressSecrets } from '../shared/secrets';
import { buildEceJsModel, serverNameValues, type EceJsModel } from './model';
import { eceJsRules } from './rules';

export const eceJsKind: FileKind<EceJsModel> = {
  id: 'ecejs',
  label: 'Finesse gadget config script',
  commentStyle: 'slash',
  parse(doc) {
    const model = buildEceJsModel(doc.getText(), doc.uri);
    return { model, problems: [] };
  },
  rules: eceJsRules,
  secrets: (model) => [...addressSecrets(serverNameValues(model).map((v) => v.value)), ...rawAddressSecrets(model.text)],
  hover: hoverEceJs,
};
