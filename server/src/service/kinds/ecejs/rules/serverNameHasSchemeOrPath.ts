import type { Rule } from '../../../core/types';
import { rawForQuote, serverNameValues, type EceJsModel } from '../model';
import { valueRange } from './valueRange';

/** `ecejs/server-name-has-scheme-or-path`: `web_server_name` must be a bare host name. */
export const serverNameHasSchemeOrPath: Rule<EceJsModel> = {
  id: 'ecejs/server-name-has-scheme-or-path',
  defaultSeverity: 'error',
  description: 'web_server_name must be a bare host name: no http(s)://, no path and no port.',
  check(model, ctx) {
    for (const hv of serverNameValues(model)) {
      const p = hv.parts;
      const extras: string[] = [];
      if (p.scheme !== undefined) extras.push(`a scheme (${p.scheme}://)`);
      else if (hv.value.trimStart().startsWith('//')) extras.push('a leading "//"');
      if (p.userInfo !== undefined) extras.push('a user name before "@"');
      if (p.port !== undefined) extras.push(`a port (:${p.port})`);
      if (p.rest !== '') extras.push(`a path (${p.rest})`);
      if (p.relative) continue; // no host at all: not something "keep the host" can fix; other rules speak.
      if (extras.length === 0) continue;
      const list = extras.length === 1 ? extras[0]! : `${extras.slice(0, -1).join(', ')} and ${extras[extras.length - 1]}`;
      const s = hv.binding.string!;
      const host = p.host;
      ctx.report({
        ...valueRange(s),
        message:
          `web_server_name must hold only the host name, but this value also has ${list}. ` +
          'The script puts the protocol and the path around this name itself, so the gadget URL comes out wrong.',
        fixes:
          host !== ''
            ? [
                {
                  title: `Keep only the host name "${host}"`,
                  edits: [{ start: s.start, end: s.end, newText: rawForQuote(host, s.quote) }],
                  safe: true,
                  preferred: true,
                },
              ]
            : [],
      });
    }
  },
};
