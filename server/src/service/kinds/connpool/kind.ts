/**
 * The `connpool` file kind: `eService/installation/dataaccess/egpl_ds_connpool_map.xml` (and its copy in
 * `deployment.zip`), the JDBC connection pools of ECE.
 */
import { jdbcUrlSecrets } from '../shared/secrets';
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
  // Passwords, their raw text (a `<` inside one splits it for the XML parser), and the secrets inside the URLs.
  secrets: (model) =>
    model.pools.flatMap((p) => [
      ...(p.password ? [p.password.text.text, model.xml.text.slice(p.password.element.contentStart, p.password.element.contentEnd)] : []),
      ...(p.url ? jdbcUrlSecrets(p.url.jdbc) : []),
    ]),
  hover: (model, offset) => connpoolHover(model, offset),
  symbols: (model, doc) => connpoolSymbols(model, doc),
  completions: (model, offset) => connpoolCompletions(model, offset),
};
