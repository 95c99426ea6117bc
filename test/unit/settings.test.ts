/**
 * The settings contract and package.json stay in step: every key of `Settings` is contributed with the
 * same default, every kind's `ece.files.<kind>` with its default globs, and the foundation's rules
 * (`xml/*`, `jdbc/*`, `connpool/*`) are listed under `ece.rules` with their default level and have a
 * doc page (diagnostics link to it).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../server/src/service/core/engine';
import { DEFAULT_FILE_GLOBS, defaultSettings, fromDottedSettings, normalizeSettings } from '../../server/src/service/core/settings';

const ROOT = join(__dirname, '..', '..');
interface Prop {
  type?: string;
  default?: unknown;
  enum?: string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, Prop>;
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Prop> } } };
const props = pkg.contributes.configuration.properties;
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

/** `ece.*` dotted keys and values of the default settings (rules as one object). */
function flatten(o: Record<string, unknown>, prefix = 'ece.'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && k !== 'rules') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[prefix + k] = v;
  }
  return out;
}

void describe('settings and package.json', () => {
  void test('every settings key is contributed with the same default (and nothing else but ece.trace.server)', () => {
    const flat = flatten(defaultSettings() as unknown as Record<string, unknown>);
    assert.deepEqual(Object.keys(props).filter((k) => k !== 'ece.trace.server').sort(), Object.keys(flat).sort());
    for (const [k, v] of Object.entries(flat)) assert.deepEqual(props[k]!.default, v, k);
    for (const [kind, globs] of Object.entries(DEFAULT_FILE_GLOBS)) assert.deepEqual(props[`ece.files.${kind}`]!.default, globs);
  });

  void test('the contributed defaults read back through fromDottedSettings give the defaults', () => {
    const dotted: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(props)) dotted[k] = p.default;
    assert.deepEqual(normalizeSettings(fromDottedSettings(dotted)), defaultSettings());
  });

  void test('ece.rules lists the foundation rules with their default level; each has a doc page', () => {
    const rules = props['ece.rules']!;
    assert.equal(rules.type, 'object');
    const mine = allRules().filter((r) => /^(xml|jdbc|connpool)\//.test(r.id));
    assert.deepEqual(
      mine.map((r) => r.id).filter((id) => id.startsWith('connpool/')).sort(),
      [
        'connpool/credentials-with-integrated-security',
        'connpool/hosts-differ',
        'connpool/missing-credentials',
        'connpool/missing-url',
        'connpool/mixed-authentication',
        'connpool/ntlm-without-credentials',
        'connpool/sql-auth-with-always-on',
      ],
    );
    for (const r of [...mine, { id: 'xml/not-well-formed', defaultSeverity: 'error' }]) {
      const p = rules.properties?.[r.id];
      assert.ok(p, `ece.rules.${r.id} is not contributed`);
      assert.deepEqual(p.enum, LEVELS, r.id);
      assert.ok((p.description ?? p.markdownDescription ?? '').includes(`(default: ${r.defaultSeverity})`), `${r.id}: ${p.description}`);
      const page = join(ROOT, 'docs', 'rules', `${r.id}.md`);
      assert.ok(existsSync(page), `missing doc page ${page}`);
      const md = readFileSync(page, 'utf8');
      assert.ok(md.startsWith(`# ${r.id}\n`), `${r.id}: title`);
      for (const h of ['## What it checks', '## Why it matters', '## Example', '## How to fix']) assert.ok(md.includes(h), `${r.id}: ${h}`);
    }
  });
});
