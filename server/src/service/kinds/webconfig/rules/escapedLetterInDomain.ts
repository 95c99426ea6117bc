import type { Rule } from '../../../core/types';
import { rawEdit, rawRange, framingSites, type WebconfigModel } from '../model';

const MEANING: Record<string, string> = {
  c: 'a control character',
  d: 'any digit',
  D: 'any character except a digit',
  w: 'any letter, digit or underscore',
  W: 'any character except a letter, digit or underscore',
  s: 'any white space',
  S: 'any character except white space',
  b: 'a word boundary (no character at all)',
  B: 'a position that is not a word boundary',
  n: 'a line feed',
  r: 'a carriage return',
  t: 'a tab',
  f: 'a form feed',
  v: 'a vertical tab',
};

/** `domain1\com`: a backslash before a letter is an escape, not a dot (the printed guide lost the dots). */
export const escapedLetterInDomain: Rule<WebconfigModel> = {
  id: 'webconfig/escaped-letter-in-domain',
  defaultSeverity: 'error',
  description: 'A domain of a wsname= pattern has a backslash before a letter (like domain1\\com) where a dot was meant.',
  check(model, ctx) {
    for (const site of framingSites(model)) {
      for (const d of site.wsname.domains) {
        for (const e of d.escapedLetters) {
          const esc = site.pattern.text.slice(e.start, e.end);
          const letter = esc.slice(1);
          const meaning = MEANING[letter] ?? 'an escape sequence';
          ctx.report({
            ...rawRange(site, e.start, e.end),
            message: `"${esc}" in the allowed domain "${d.source}" is not a dot: in a regular expression it means ${meaning}, so this domain never matches a real host name and the rule does not apply to parents in it. Write "\\.${letter}".`,
            fixes: [{ title: `Replace "${esc}" with "\\.${letter}"`, edits: [rawEdit(site, { start: e.start, end: e.end, newText: `\\.${letter}` })], safe: true, preferred: true }],
          });
        }
      }
    }
  },
};
