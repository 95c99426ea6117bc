import type { Rule } from '../../../core/types';
import { bindingsOf, PROTOCOL, rawForQuote, type EceJsModel } from '../model';
import { valueRange } from './valueRange';

/** `ecejs/protocol-not-https`: `web_server_protocol` must be exactly `https`. */
export const protocolNotHttps: Rule<EceJsModel> = {
  id: 'ecejs/protocol-not-https',
  defaultSeverity: 'error',
  description: 'web_server_protocol must be "https".',
  check(model, ctx) {
    for (const b of bindingsOf(model, PROTOCOL)) {
      const s = b.string;
      if (!s) continue;
      const v = s.value.trim().toLowerCase();
      if (v === 'https') continue;
      let why: string;
      if (v === 'http') {
        why = 'Finesse runs over HTTPS, and browsers block an http gadget inside an https page, so agents get an empty ECE tab.';
      } else if (v.startsWith('https')) {
        why = 'Write only the word https: the script adds "://" itself, so anything more breaks the gadget URL.';
      } else if (v === '') {
        why = 'It is empty, so the gadget URL has no scheme and does not load.';
      } else {
        why = 'The gadget URL is built from it, and only https works inside the Finesse desktop.';
      }
      ctx.report({
        ...valueRange(s),
        message: `web_server_protocol is "${s.value}" but must be "https". ${why}`,
        fixes: [
          {
            title: 'Set web_server_protocol to "https"',
            edits: [{ start: s.start, end: s.end, newText: rawForQuote('https', s.quote) }],
            safe: v.startsWith('https'),
            preferred: true,
          },
        ],
      });
    }
  },
};
