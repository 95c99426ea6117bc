/**
 * Settings like the editor's: each checked file uses the nearest `.vscode/settings.json` above it (walking up its
 * folders), on top of the `settings` of a multi-root `.code-workspace` when one is given; `--settings FILE` replaces
 * both for every file; `--rule` wins over all. Files are JSON with comments and trailing commas (VS Code's JSONC),
 * read with `jsonc-parser`. Object values merge across the levels (as VS Code merges `ece.rules`), others replace.
 * Every problem is a notice: unreadable or broken files are errors, unknown keys, rule ids and wrong types
 * (`validateSettings`) warnings.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { allRules } from '../service/core/engine';
import { fromDottedSettings, normalizeSettings, validateSettings, type Settings } from '../service/core/settings';
import { lineIndex, lineStartOf } from '../service/core/text';
import type { RuleLevel } from '../service/core/types';
import { FatalError } from './errors';

export interface SettingsNotice {
  /** `error`: the file could not be used as written (exit 2); `warning`: exit 2 only with `--strict`. */
  severity: 'error' | 'warning';
  /** The settings file, or `--rule`. */
  source: string;
  message: string;
}

/** The stderr line of a notice. */
export function noticeLine(n: SettingsNotice): string {
  return `ece-config: ${n.severity === 'warning' ? 'warning: ' : ''}${n.source}: ${n.message}`;
}

export interface ResolvedSettings {
  settings: Settings;
  /** The files the settings came from, lowest precedence first (empty: defaults). */
  sources: string[];
}

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);

/** Parses JSON with comments and trailing commas; `errors` has the 1-based position of each syntax error. */
export function parseJsonc(text: string): { value: unknown; errors: Array<{ line: number; column: number; message: string }> } {
  const raw: ParseError[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const value: unknown = parse(body, raw, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const lineOf = lineIndex(body);
  const errors = raw.map((e) => ({ line: lineOf(e.offset) + 1, column: e.offset - lineStartOf(body, e.offset) + 1, message: printParseErrorCode(e.error) }));
  return { value, errors };
}

/** Deep merge of plain objects (`over` wins); arrays and other values replace. */
export function mergeSettings(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? mergeSettings(out[k], v) : v;
  return out;
}

export interface WorkspaceFileInfo {
  file: string;
  /** The folders it lists, as absolute paths. */
  folders: string[];
  settings: Raw;
}

export class SettingsResolver {
  /** Notices of --rule, --settings and --workspace: always reported. */
  private readonly given: SettingsNotice[] = [];
  /** Notices of each discovered settings file: reported once a checked file uses it (see `markUsed`). */
  private readonly discovered = new Map<string, SettingsNotice[]>();
  private readonly used = new Set<string>();
  private readonly ruleIds = new Set(allRules().map((r) => r.id));
  private readonly nearest = new Map<string, string | null>();
  private readonly files = new Map<string, Promise<Raw>>();
  private readonly resolved = new Map<string, Promise<ResolvedSettings>>();

  private constructor(
    private readonly rules: Record<string, RuleLevel>,
    private readonly explicit: { file: string; raw: Raw } | undefined,
    readonly workspace: WorkspaceFileInfo | undefined,
    private readonly display: (p: string) => string,
  ) {
    for (const p of validateSettings({ rules }, this.ruleIds)) this.given.push({ severity: 'warning', source: '--rule', message: p.message });
  }

  /**
   * The problems of the settings in use. A discovered settings file counts once an ECE file uses it, so a broken
   * `.vscode/settings.json` of some other project in the tree does not fail the check.
   */
  get notices(): SettingsNotice[] {
    return [...this.given, ...[...this.used].flatMap((f) => this.discovered.get(f) ?? [])];
  }

  /** Marks the settings files an ECE file was checked with (their notices are reported). */
  markUsed(sources: readonly string[]): void {
    for (const s of sources) this.used.add(s);
  }

  /** Reads `--settings` and `--workspace` (a file given by name that cannot be read is fatal). */
  static async create(opts: {
    settingsFile?: string;
    workspaceFile?: string;
    rules?: Record<string, RuleLevel>;
    display?: (p: string) => string;
  }): Promise<SettingsResolver> {
    const display = opts.display ?? ((p: string) => p);
    const pending: SettingsNotice[] = [];
    let explicit: { file: string; raw: Raw } | undefined;
    if (opts.settingsFile !== undefined) {
      const file = path.resolve(opts.settingsFile);
      const value = await readJsoncFile(file, display(file), pending, true);
      explicit = { file, raw: toSection(value, display(file), pending) };
    }
    let workspace: WorkspaceFileInfo | undefined;
    if (opts.workspaceFile !== undefined) {
      const file = path.resolve(opts.workspaceFile);
      const value = await readJsoncFile(file, display(file), pending, true);
      const ws = isObject(value) ? value : {};
      if (!isObject(value)) pending.push({ severity: 'error', source: display(file), message: 'is not a workspace file (a JSON object with "folders")' });
      const folders: string[] = [];
      if (ws.folders !== undefined && !Array.isArray(ws.folders)) pending.push({ severity: 'error', source: display(file), message: '"folders" must be an array' });
      for (const f of Array.isArray(ws.folders) ? (ws.folders as unknown[]) : []) {
        if (isObject(f) && typeof f.path === 'string') folders.push(path.resolve(path.dirname(file), f.path));
        else if (isObject(f) && typeof f.uri === 'string') pending.push({ severity: 'warning', source: display(file), message: `folder ${f.uri} is given by URI, which the CLI does not read; it is skipped` });
        else pending.push({ severity: 'error', source: display(file), message: 'a folder entry has no "path"' });
      }
      workspace = { file, folders, settings: ws.settings === undefined ? {} : toSection(ws.settings, `${display(file)} "settings"`, pending) };
    }
    const r = new SettingsResolver(opts.rules ?? {}, explicit, workspace, display);
    r.given.push(...pending);
    if (explicit) r.given.push(...r.validate(explicit.raw, display(explicit.file)));
    if (workspace) r.given.push(...r.validate(workspace.settings, display(workspace.file)));
    return r;
  }

  /** The settings for a file (or, for a folder, as if for a file inside it). */
  forFile(file: string): Promise<ResolvedSettings> {
    return this.forFolder(path.dirname(path.resolve(file)));
  }

  forFolder(folder: string): Promise<ResolvedSettings> {
    if (this.explicit) return this.compose([{ file: this.explicit.file, raw: Promise.resolve(this.explicit.raw) }]);
    return this.nearestSettingsFile(path.resolve(folder)).then((near) => {
      const layers: Array<{ file: string; raw: Promise<Raw> }> = [];
      if (this.workspace) layers.push({ file: this.workspace.file, raw: Promise.resolve(this.workspace.settings) });
      if (near) layers.push({ file: near, raw: this.folderSettings(near) });
      return this.compose(layers);
    });
  }

  /** The folder whose `.vscode/settings.json` applies to `folder` (for the tree of a --stdin file). */
  async settingsRoot(folder: string): Promise<string | undefined> {
    const near = await this.nearestSettingsFile(path.resolve(folder));
    return near ? path.dirname(path.dirname(near)) : undefined;
  }

  private compose(layers: Array<{ file: string; raw: Promise<Raw> }>): Promise<ResolvedSettings> {
    const key = layers.map((l) => l.file).join('\0');
    let hit = this.resolved.get(key);
    if (!hit) {
      hit = Promise.all(layers.map((l) => l.raw)).then((raws) => {
        const merged = raws.reduce((a, b) => mergeSettings(a, b), {} as Raw);
        const rules = { ...(isObject(merged.rules) ? merged.rules : {}), ...this.rules };
        return { settings: normalizeSettings({ ...merged, rules }), sources: layers.map((l) => l.file) };
      });
      this.resolved.set(key, hit);
    }
    return hit;
  }

  private folderSettings(file: string): Promise<Raw> {
    let hit = this.files.get(file);
    if (!hit) {
      const notices: SettingsNotice[] = [];
      this.discovered.set(file, notices);
      hit = readJsoncFile(file, this.display(file), notices, false).then((value) => {
        const raw = toSection(value, this.display(file), notices);
        notices.push(...this.validate(raw, this.display(file)));
        return raw;
      });
      this.files.set(file, hit);
    }
    return hit;
  }

  private validate(raw: Raw, source: string): SettingsNotice[] {
    return validateSettings(raw, this.ruleIds).map((p) => ({ severity: 'warning', source, message: `${p.key}: ${p.message}` }));
  }

  private async nearestSettingsFile(dir: string): Promise<string | undefined> {
    const visited: string[] = [];
    let found: string | null = null;
    for (let d = dir; ; ) {
      const known = this.nearest.get(d);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(d);
      const candidate = path.join(d, '.vscode', 'settings.json');
      if (await isFile(candidate)) {
        found = candidate;
        break;
      }
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    for (const d of visited) this.nearest.set(d, found);
    return found ?? undefined;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Reads a JSONC file; syntax errors become notices (the part that parsed is still used, as VS Code does). */
async function readJsoncFile(file: string, shown: string, notices: SettingsNotice[], fatal: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const message = `cannot read settings file ${shown}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`;
    if (fatal) throw new FatalError(message);
    notices.push({ severity: 'error', source: shown, message: `cannot be read (${(e as Error).message}); the defaults are used for the files under it` });
    return {};
  }
  const { value, errors } = parseJsonc(text);
  for (const e of errors) notices.push({ severity: 'error', source: `${shown}:${e.line}:${e.column}`, message: `not valid JSON with comments (${e.message}); the rest of the file is used` });
  return value;
}

/** The `ece` section (nested shape) of a settings object with dotted VS Code keys. */
function toSection(value: unknown, shown: string, notices: SettingsNotice[]): Raw {
  if (value === undefined) return {};
  if (!isObject(value)) {
    notices.push({ severity: 'error', source: shown, message: 'must hold a JSON object; it is ignored' });
    return {};
  }
  return fromDottedSettings(value) as Raw;
}
