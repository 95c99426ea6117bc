/**
 * Settings as a workspace may really hold them, good and bad: the defaults, the example home's, and garbage (globs that
 * make backtracking matchers explode or do not parse, unknown levels, wrong types, huge lists) added to the defaults so
 * the file is still recognised.
 */
import { defaultSettings, normalizeSettings, type Settings } from '../../../server/src/service/core/settings';
import type { KindId } from '../../../server/src/service/core/types';
import { exampleSettings } from './home';
import { int, pick, type Rnd } from './mutate';

const BAD_GLOBS = [
  '**/'.repeat(40) + '*a*a*a*a*a*a*b.xml',
  '**/*a*a*a*a*a*a*a*a*a*a*a*ab.xml',
  '[',
  '[a-',
  '{a,',
  '{' + Array.from({ length: 200 }, (_, i) => `x${i}`).join(',') + '}',
  '{{{{{{{{{{a}}}}}}}}}}',
  '\\',
  '***',
  '**/?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?z',
  '',
  '/',
  'C:\\ECE\\**\\*.xml',
  '!(**/x)',
  '**/' + 'a'.repeat(5000),
];

export function randomSettings(r: Rnd, kind: KindId, inHome: boolean): Settings {
  const x = r();
  if (x < 0.4) return inHome ? exampleSettings() : defaultSettings();
  if (x < 0.7) return inHome ? defaultSettings() : exampleSettings();
  const d = defaultSettings();
  const files: Record<string, unknown> = { ...d.files };
  const globs = [...(d.files[kind] ?? [])];
  for (let i = int(r, 1, 4); i > 0; i--) globs.splice(int(r, 0, globs.length), 0, pick(r, BAD_GLOBS));
  files[kind] = globs;
  const rules: Record<string, unknown> = {};
  for (let i = int(r, 0, 4); i > 0; i--) rules[pick(r, ['jdbc/unknown-property', 'xml/not-well-formed', 'properties/unknown-escape', 'nonsense/rule', ''])] = pick(r, ['off', 'error', 'info', 'Warning', 'loud', 3, null]);
  return normalizeSettings({
    rules,
    files,
    listenerNames: pick(r, [['ece-ag-listener.massivedynamic.com'], 'not-a-list', ['', ' ', '*'], Array.from({ length: 300 }, (_, i) => `l${i}.example.com`)]),
    loadBalancerHost: pick(r, ['ece.massivedynamic.com', '', 42, 'https://lb/x', '*']),
    alwaysOn: pick(r, [true, false, 'yes']),
    solve: pick(r, [{ contextRoot: '/solve/' }, 'x', { contextRoot: 7 }]),
    clickjacking: { allowedDomains: pick(r, [['massivedynamic.com'], ['*'], [''], 'a.com']) },
    maxProblems: pick(r, [1, 5, 1000, -1, 1.5, 'x']),
  });
}
