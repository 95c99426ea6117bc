/**
 * The `ece.*` settings, declared once: this type, its defaults and `normalizeSettings` are the only
 * place that knows their shape. `package.json` declares the same keys for VS Code (a unit test keeps
 * the two in step).
 */
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
  };
}

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

/** A stable key of the settings that change rule results, for caches. */
export function settingsKey(s: Settings): string {
  return JSON.stringify(s);
}
