/**
 * The `webconfig` file kind: the ECE site's IIS `web.config` and its clickjacking (`wsname=`) URL
 * Rewrite rules. A `web.config` without `wsname=` is a generic IIS file and not ours: it is not
 * claimed, and even when parsed it yields no diagnostic at all.
 */
import type { FileKind } from '../../core/types';
import { parseXml } from '../../parse/xml';
import { webconfigHover } from './hover';
import { buildWebconfigModel, hasWsname, type WebconfigModel } from './model';
import { webconfigRules } from './rules';
import { webconfigSymbols } from './symbols';

export const webconfigKind: FileKind<WebconfigModel> = {
  id: 'webconfig',
  label: 'IIS web.config (clickjacking rules)',
  commentStyle: 'xml',
  claims: hasWsname,
  parse(doc) {
    const text = doc.getText();
    const { model: xml, problems } = parseXml(text);
    const model = buildWebconfigModel(xml);
    return { model, problems: model.sites.length ? problems : [] };
  },
  rules: webconfigRules,
  hover: (model, offset, ctx) => webconfigHover(model, offset, ctx),
  symbols: (model, doc) => webconfigSymbols(model, doc),
};

export { restrictFramingEdits } from './restrict';
