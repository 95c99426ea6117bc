/**
 * Tiny helpers for service tests: run the service on a text as a given file, read diagnostics as
 * `id@line:col-line:col` strings, and apply a rule's fix to compare the whole text byte for byte.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { normalizeSettings, type Settings } from '../../server/src/service/core/settings';
import { applyEdits } from '../../server/src/service/core/text';
import type { ServiceHost } from '../../server/src/service/core/types';

export const POOL_URI = 'file:///C:/ECE/eService/installation/dataaccess/egpl_ds_connpool_map.xml';

export function makeService(host: Partial<ServiceHost> = {}): { service: EceLanguageService; logs: string[] } {
  const logs: string[] = [];
  const service = new EceLanguageService({ log: (m) => logs.push(m), ...host });
  return { service, logs };
}

export function settings(raw: Record<string, unknown> = {}): Settings {
  return normalizeSettings(raw);
}

export function doc(text: string, uri = POOL_URI, version = 1): TextDocument {
  return TextDocument.create(uri, 'xml', version, text);
}

/** `rule-id@L:C-L:C` (0-based, as in LSP) for each diagnostic, sorted by position. */
export function fmt(d: Diagnostic): string {
  const r = d.range;
  return `${String(d.code)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function diagnose(text: string, opts: { uri?: string; settings?: Record<string, unknown> } = {}): Diagnostic[] {
  const { service } = makeService();
  return service.diagnostics(doc(text, opts.uri), settings(opts.settings));
}

export function expectDiagnostics(text: string, expected: string[], opts: { uri?: string; settings?: Record<string, unknown> } = {}): Diagnostic[] {
  const d = diagnose(text, opts);
  assert.deepEqual(d.map(fmt), expected);
  return d;
}

/** Diagnostics of one rule only. */
export function ofRule(d: Diagnostic[], id: string): Diagnostic[] {
  return d.filter((x) => x.code === id);
}

/**
 * Applies fix number `which` of the first finding of `ruleId` and returns the whole new text.
 * Asserts the fix exists.
 */
export function applyFix(text: string, ruleId: string, opts: { uri?: string; settings?: Record<string, unknown>; which?: number; nth?: number } = {}): string {
  const { service } = makeService();
  const s = settings(opts.settings);
  const a = service.analyze(doc(text, opts.uri), s);
  assert.ok(a, 'file kind not recognised');
  const findings = a.findings.filter((f) => f.ruleId === ruleId);
  const f = findings[opts.nth ?? 0];
  assert.ok(f, `no ${ruleId} finding`);
  const fix = f.fixes[opts.which ?? 0];
  assert.ok(fix, `${ruleId} has no fix #${opts.which ?? 0}`);
  return applyEdits(text, fix.edits);
}

/** A finding as the kind tests compare it: rule id, raw offsets, message and fixes. */
export interface Found {
  id: string;
  start: number;
  end: number;
  message: string;
  fixes: import('../../server/src/service/core/types').FixProposal[];
}

/** Runs the language service (kind detection by name and content, parser, rules, settings) on a text as `uri`. */
export function findingsOf(text: string, uri: string, s: Settings, languageId = 'plaintext'): Found[] {
  const { service } = makeService();
  const a = service.analyze(TextDocument.create(uri, languageId, 1, text), s);
  assert.ok(a, 'file kind not recognised');
  return a.findings.map((f) => ({ id: f.ruleId, start: f.start, end: f.end, message: f.message, fixes: f.fixes }));
}
