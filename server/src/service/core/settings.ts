/**
 * The `ece.*` settings, declared once: this type, its defaults and `normalizeSettings` are the only
 * place that knows their shape. `package.json` declares the same keys for VS Code (a unit test keeps
 * the two in step).
 */
import { editDistance } from './text';
import { globProblems } from './glob';
import type { KindId, RuleLevel } from './types';

export interface Settings {
  /** Rule id → level; a missing id keeps the rule's default severity. */
  rules: Record<string, RuleLevel>;
  /** The load balancer's (or single web server's) fully qualified host name. */
  loadBalancerHost: string;
  /** Always On availability-group listener host names (fully qualified), case-insensitive. */
  listenerNames: string[];
  /** The databases are in an Always On availability group. */
  alwaysOn: boolean;
  solve: { contextRoot: string };
  clickjacking: { allowedDomains: string[] };
  /** Glob patterns (case-insensitive) that select the files of each kind. */
  files: Record<KindId, string[]>;
  /** The most diagnostics published for one file in the editor (the CLI reports all). */
  maxProblems: number;
}

export const DEFAULT_FILE_GLOBS: Record<KindId, string[]> = {
  connpool: ['**/egpl_ds_connpool_map.xml'],
  reportsdb: ['**/reportsdb_utility.properties'],
  indexstats: ['**/input.properties'],
  ecejs: ['**/ece_config.js', '**/spog_config.js'],
  finesse: ['**/finesse/gadget/layout/*.xml', '**/finesselayout*.xml', '**/*finesse*layout*.xml'],
  webconfig: ['**/web.config'],
  // Only the four batch files the guides have an admin edit: never every .bat.
  batch: ['**/egainstart.bat', '**/egainstop.bat', '**/reportsdb_utility.bat', '**/UpdateDBIndexStats.bat'],
};

export function defaultSettings(): Settings {
  return {
    rules: {},
    loadBalancerHost: '',
    listenerNames: [],
    alwaysOn: false,
    solve: { contextRoot: '' },
    clickjacking: { allowedDomains: [] },
    files: structuredClone(DEFAULT_FILE_GLOBS),
    maxProblems: DEFAULT_MAX_PROBLEMS,
  };
}

const DEFAULT_MAX_PROBLEMS = 1000;

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

const str = (v: unknown, d: string): string => (typeof v === 'string' ? v.trim() : d);
const strList = (v: unknown, d: string[]): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean) : d;

/**
 * Accepts whatever the client or a settings file sends (the `ece` section as an object, possibly
 * partial or wrong) and returns complete settings. Bad values fall back to defaults; nothing throws.
 */
export function normalizeSettings(raw: unknown): Settings {
  const d = defaultSettings();
  if (!raw || typeof raw !== 'object') return d;
  const r = raw as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      const l = typeof level === 'string' ? level.toLowerCase() : '';
      if (LEVELS.has(l)) rules[id] = l as RuleLevel;
      else if (l === 'info') rules[id] = 'information';
    }
  }
  const solve = (r.solve && typeof r.solve === 'object' ? r.solve : {}) as Record<string, unknown>;
  const cj = (r.clickjacking && typeof r.clickjacking === 'object' ? r.clickjacking : {}) as Record<string, unknown>;
  const files = (r.files && typeof r.files === 'object' ? r.files : {}) as Record<string, unknown>;
  const outFiles = { ...d.files };
  for (const k of Object.keys(outFiles) as KindId[]) outFiles[k] = strList(files[k], d.files[k]);
  return {
    rules,
    loadBalancerHost: str(r.loadBalancerHost, ''),
    listenerNames: strList(r.listenerNames, []),
    alwaysOn: r.alwaysOn === true,
    solve: { contextRoot: str(solve.contextRoot, '').replace(/^\/+|\/+$/g, '') },
    clickjacking: { allowedDomains: strList(cj.allowedDomains, []) },
    files: outFiles,
    maxProblems: typeof r.maxProblems === 'number' && Number.isInteger(r.maxProblems) && r.maxProblems >= 1 ? r.maxProblems : DEFAULT_MAX_PROBLEMS,
  };
}

/** Reads dotted VS Code-style keys (`{"ece.rules": {...}, "ece.alwaysOn": true}`) into the nested shape. */
export function fromDottedSettings(flat: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (!key.startsWith('ece.')) continue;
    const parts = key.slice(4).split('.');
    let cur = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      if (!cur[p] || typeof cur[p] !== 'object') cur[p] = {};
      cur = cur[p] as Record<string, unknown>;
    }
    cur[parts[parts.length - 1]!] = value;
  }
  if (flat.ece && typeof flat.ece === 'object') Object.assign(out, flat.ece);
  return out;
}

/** One thing `normalizeSettings` would ignore or replace by its default, with the dotted key it is under. */
export interface SettingsProblem {
  /** Dotted VS Code key, e.g. `ece.listenerNames` or `ece.rules`. */
  key: string;
  message: string;
}

type Shape = 'string' | 'strings' | 'boolean' | 'rules' | 'positive-integer' | { enum: readonly string[] } | { [key: string]: Shape };

/**
 * The shape of the `ece` section as `normalizeSettings` reads it. `trace.server` is read by the VS Code client,
 * not by the service, but it is a contributed `ece.*` setting, so it is known here too.
 */
const SHAPE: { [key: string]: Shape } = {
  rules: 'rules',
  loadBalancerHost: 'string',
  listenerNames: 'strings',
  alwaysOn: 'boolean',
  solve: { contextRoot: 'string' },
  clickjacking: { allowedDomains: 'strings' },
  files: Object.fromEntries(Object.keys(DEFAULT_FILE_GLOBS).map((k) => [k, 'strings' as const])),
  trace: { server: { enum: ['off', 'messages', 'verbose'] } },
  maxProblems: 'positive-integer',
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** The closest of `names` to `name` (at most a third of its length away), for "did you mean". */
function closest(name: string, names: Iterable<string>): string | undefined {
  const max = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestD = max + 1;
  for (const n of names) {
    const d = editDistance(name.toLowerCase(), n.toLowerCase(), max);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

const didYouMean = (name: string, names: Iterable<string>, prefix = ''): string => {
  const c = closest(name, names);
  return c ? ` (did you mean "${prefix}${c}"?)` : '';
};

/**
 * Everything in a raw `ece` section (the nested shape `normalizeSettings` takes, e.g. from `fromDottedSettings`)
 * that `normalizeSettings` would not use as written: unknown keys, unknown rule ids (`ruleIds`: the ids of
 * `allRules()`), unknown levels and wrong types. Empty when the section is used exactly as written. Never throws.
 */
export function validateSettings(raw: unknown, ruleIds: ReadonlySet<string>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (raw === undefined) return problems;
  if (!isPlainObject(raw)) return [{ key: 'ece', message: `must be an object, not ${typeName(raw)}; the defaults are used` }];
  const visit = (obj: Record<string, unknown>, shape: { [key: string]: Shape }, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const key = `${prefix}.${k}`;
      const s = shape[k];
      if (s === undefined) {
        problems.push({ key, message: `unknown setting${didYouMean(k, Object.keys(shape), `${prefix}.`)}; it is ignored` });
        continue;
      }
      const wrong = (what: string) => problems.push({ key, message: `must be ${what}, not ${typeName(v)}; the default is used` });
      if (s === 'string') {
        if (typeof v !== 'string') wrong('a string');
      } else if (s === 'boolean') {
        if (typeof v !== 'boolean') wrong('true or false');
      } else if (s === 'positive-integer') {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) wrong('a whole number of at least 1');
      } else if (s === 'strings') {
        if (!Array.isArray(v)) wrong('an array of strings');
        else {
          v.forEach((x, i) => {
            if (typeof x !== 'string') problems.push({ key, message: `item ${i + 1} must be a string, not ${typeName(x)}; it is ignored` });
          });
          // Globs that cannot be used are reported (matching skips them) instead of failing later.
          if (prefix === 'ece.files') for (const g of globProblems(v.filter((x): x is string => typeof x === 'string'))) problems.push({ key, message: `the pattern "${g.pattern}" cannot be used: ${g.message}; it is ignored` });
        }
      } else if (s === 'rules') {
        if (!isPlainObject(v)) {
          wrong('an object of rule id to level');
          continue;
        }
        for (const [id, level] of Object.entries(v)) {
          if (!ruleIds.has(id)) problems.push({ key, message: `unknown rule id "${id}"${didYouMean(id, ruleIds)}; it is ignored` });
          const l = typeof level === 'string' ? level.toLowerCase() : undefined;
          if (l === undefined || !(LEVELS.has(l) || l === 'info'))
            problems.push({ key, message: `the level of "${id}" must be one of error, warning, information, hint, off, not ${typeof level === 'string' ? `"${level}"` : typeName(level)}; it is ignored` });
        }
      } else if ('enum' in s && Array.isArray(s.enum)) {
        const values = s.enum as readonly string[];
        if (typeof v !== 'string') wrong(`one of ${values.join(', ')}`);
        else if (!values.includes(v)) problems.push({ key, message: `must be one of ${values.join(', ')}, not "${v}"; the default is used` });
      } else if (!isPlainObject(v)) wrong('an object');
      else visit(v, s as { [key: string]: Shape }, key);
    }
  };
  visit(raw, SHAPE, 'ece');
  return problems;
}

/** A stable key of the settings that change rule results, for caches. */
export function settingsKey(s: Settings): string {
  return JSON.stringify(s);
}
