import type { Rule } from '../../../core/types';
import { placeholderSpans } from '../../../parse/jdbcUrl';
import { quoted } from '../../properties/escaping';
import { loadedEntry, type PropertiesFileModel } from '../../properties/model';

const HOME_KEYS = ['EGAIN_HOME_DIR', 'ECE_HOME_DIR'];

/**
 * The characters the ECE 12.6 installation guide says the ECE home directory and the file server / DFS path must
 * not contain (installer field notes; the lists differ slightly per server role, this is their union):
 * `* ? < > ^ ! % " \` ' , @ +` and the space.
 */
const FORBIDDEN_PATH_CHARACTERS = '*?<> ^!%"`\',@+';

const describeChar = (c: string): string => (c === ' ' ? 'a space' : c === '`' ? 'a backtick' : c === '"' ? 'a double quote' : `"${c}"`);

/**
 * `reportsdb/forbidden-path-character`: `EGAIN_HOME_DIR` / `ECE_HOME_DIR`, as Java loads it, contains a character
 * the installation guide forbids in the ECE home and share paths, so it is unlikely to name the folder ECE was
 * installed in (the guide's rule; whether the installer enforces it is not documented). A `<...>` placeholder is left to
 * `properties/placeholder-not-replaced`.
 */
export const forbiddenPathCharacter: Rule<PropertiesFileModel> = {
  id: 'reportsdb/forbidden-path-character',
  defaultSeverity: 'warning',
  description: 'The ECE home path holds a character the installation guide forbids in ECE home and share paths.',
  check(model, ctx) {
    for (const key of HOME_KEYS) {
      const e = loadedEntry(model, key);
      if (!e) continue;
      const value = e.value;
      const skip = placeholderSpans(value);
      const found = new Map<string, number>();
      for (let i = 0; i < value.length; i++) {
        const c = value[i]!;
        if (!FORBIDDEN_PATH_CHARACTERS.includes(c) || found.has(c)) continue;
        if (skip.some((s) => i >= s.start && i < s.end)) continue;
        found.set(c, i);
      }
      if (found.size === 0) continue;
      let first = Infinity;
      for (const v of found.values()) if (v < first) first = v;
      const chars = [...found.keys()].map(describeChar).join(', ');
      ctx.report({
        start: e.valueText.toRaw(first),
        end: e.valueText.toRaw(first + 1),
        message: `${key} loads as ${quoted(value)}, which holds ${chars}. The installation guide says the ECE home directory and the file server path must not contain ${found.size > 1 ? 'these characters' : 'this character'}, so this is unlikely to be the folder ECE was installed in: check the path.`,
      });
    }
  },
};
