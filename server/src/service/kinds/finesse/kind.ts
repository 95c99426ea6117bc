/**
 * The `finesse` file kind: Finesse desktop layouts (`finesseLayout` in the Finesse namespace) and the
 * fragments ECE ships in `templates/finesse/gadget/layout` (`agent.xml`, `solve.xml`, `cobrowse.xml`:
 * a `tab`, `tabs`, `gadgets` or `gadget` element).
 */
import { addressSecrets, rawAddressSecrets } from '../shared/secrets';
import type { FileKind } from '../../core/types';
import { hoverFinesse } from './hover';
import { buildFinesseModel, FINESSE_NS, FRAGMENT_ROOTS, type FinesseModel } from './model';
import { finesseRules } from './rules';
import { rootElement } from './scan';
import { finesseSymbols } from './symbols';
import { readFinesseTree } from './tree';

const ROOTS = new Set<string>(['finesseLayout', ...FRAGMENT_ROOTS]);

/** True for a Finesse layout or one of ECE's layout fragments. */
function claimsFinesse(text: string): boolean {
  const root = rootElement(text);
  if (!root) return false;
  const local = root.name.slice(root.name.indexOf(':') + 1);
  if (!ROOTS.has(local)) return false;
  return local !== 'finesseLayout' || root.xmlns === undefined || root.xmlns === FINESSE_NS;
}

export const finesseKind: FileKind<FinesseModel> = {
  id: 'finesse',
  label: 'Finesse desktop layout',
  commentStyle: 'xml',
  claims: claimsFinesse,
  parse(doc) {
    const text = doc.getText();
    const tree = readFinesseTree(text);
    return { model: buildFinesseModel(text, tree.roots, tree.bareAmpersands), problems: tree.problems };
  },
  rules: finesseRules,
  secrets: (model) => [...addressSecrets(model.urls.map((u) => u.compact)), ...rawAddressSecrets(model.text)],
  hover: hoverFinesse,
  symbols: finesseSymbols,
};
