/**
 * The `connpool` file kind: `eService/installation/dataaccess/egpl_ds_connpool_map.xml` (and its copy in
 * `deployment.zip`), the JDBC connection pools of ECE.
 */
import { jdbcUrlSecrets, rawXmlPasswords } from '../shared/secrets';
import type { FileKind } from '../../core/types';
import { parseXml } from '../../parse/xml';
import { connpoolCompletions, connpoolHover, connpoolSymbols } from './features';
import { buildConnpoolModel, type ConnpoolModel } from './model';
import { connpoolRules } from './rules';
import { planPoolFile } from './convert';

export const connpoolKind: FileKind<ConnpoolModel> = {
  id: 'connpool',
  label: 'connection pool file',
  commentStyle: 'xml',
  parse(doc) {
    const { model: xml, problems } = parseXml(doc.getText());
    return { model: buildConnpoolModel(xml), problems };
  },
  rules: connpoolRules,
  jdbcUrls: (model) => model.pools.flatMap((p) => (p.url ? [p.url.site] : [])),
  windowsAuth: planPoolFile,
  // Passwords, their raw text (a `<` inside one splits it for the XML parser), the secrets inside the URLs, and the
  // content of anything in the raw text that reads as a <Password> element (a broken file puts it elsewhere in the tree).
  secrets: (model) => [
    ...model.pools.flatMap((p) => [
      ...(p.password ? [p.password.text.text, model.xml.text.slice(p.password.element.contentStart, p.password.element.contentEnd)] : []),
      ...(p.url ? jdbcUrlSecrets(p.url.jdbc) : []),
    ]),
    ...rawXmlPasswords(model.xml.text),
  ],
  hover: (model, offset) => connpoolHover(model, offset),
  symbols: (model, doc) => connpoolSymbols(model, doc),
  completions: (model, offset) => connpoolCompletions(model, offset),
};
