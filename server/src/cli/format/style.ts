/** Terminal styling for the text format: ANSI colours on a terminal, nothing when piped; NO_COLOR / FORCE_COLOR. */

export interface Style {
  color: boolean;
  /** OSC 8 hyperlinks (rule ids open their page): only on a real terminal with colours. */
  links: boolean;
}

/**
 * Colours on a terminal unless NO_COLOR is set (non-empty, https://no-color.org); FORCE_COLOR wins over both
 * (`0` or `false` turns colours off), as in Node itself. TERM=dumb means no colours.
 */
export function styleFor(env: NodeJS.ProcessEnv, isTTY: boolean): Style {
  const force = env.FORCE_COLOR;
  let color: boolean;
  if (force !== undefined) color = force !== '0' && force.toLowerCase() !== 'false';
  else if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') color = false;
  else color = isTTY && env.TERM !== 'dumb';
  return { color, links: color && isTTY };
}

const sgr = (open: number, close: number) => (s: Style, text: string) => (s.color && text ? `\x1b[${open}m${text}\x1b[${close}m` : text);

export const paint = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  underline: sgr(4, 24),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  cyan: sgr(36, 39),
  link: (s: Style, text: string, url: string | undefined) => (s.links && url ? `\x1b]8;;${url}\x1b\\${text}\x1b]8;;\x1b\\` : text),
};

