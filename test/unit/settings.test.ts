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
import { DEFAULT_FILE_GLOBS, defaultSettings, fromDottedSettings, normalizeSettings, validateSettings } from '../../server/src/service/core/settings';

const ROOT = join(__dirname, '..', '..');
interface Prop {
  type?: string;
  default?: unknown;
  enum?: string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, Prop>;
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: Array<{ title: string; properties: Record<string, Prop> }> } };
/** Every contributed setting, from all the sections of `contributes.configuration`. */
const props: Record<string, Prop> = Object.assign({}, ...pkg.contributes.configuration.map((s) => s.properties));
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

  void test('the settings come in titled sections, each setting in exactly one', () => {
    assert.deepEqual(pkg.contributes.configuration.map((c) => c.title), ['ECE deployment', 'Rules', 'Files', 'Troubleshooting']);
    const keys = pkg.contributes.configuration.flatMap((c) => Object.keys(c.properties));
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(Object.keys(pkg.contributes.configuration[2]!.properties).sort(), Object.keys(DEFAULT_FILE_GLOBS).map((k) => `ece.files.${k}`).sort());
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
        'connpool/deployment-zip-differs',
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
      assert.ok((p.markdownDescription ?? '').includes(`(default: ${r.defaultSeverity})`), `${r.id}: ${p.markdownDescription}`);
      // the link to its page: the settings editor runs ece.showRuleDoc with the id
      assert.ok(p.markdownDescription!.endsWith(`[Rule page](command:ece.showRuleDoc?${encodeURIComponent(JSON.stringify([r.id]))})`), `${r.id}: ${p.markdownDescription}`);
      const page = join(ROOT, 'docs', 'rules', `${r.id}.md`);
      assert.ok(existsSync(page), `missing doc page ${page}`);
      const md = readFileSync(page, 'utf8');
      assert.ok(md.startsWith(`# ${r.id}\n`), `${r.id}: title`);
      for (const h of ['## What it checks', '## Why it matters', '## Example', '## How to fix']) assert.ok(md.includes(h), `${r.id}: ${h}`);
    }
  });
});

void describe('validateSettings: what normalizeSettings would not use as written', () => {
  const ids = new Set(allRules().map((r) => r.id));

  void test('every contributed key with its default, every rule at every level, and nothing at all: no problem', () => {
    const dotted: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(props)) dotted[k] = p.default;
    dotted['ece.trace.server'] = 'verbose';
    dotted['ece.rules'] = Object.fromEntries([...ids].map((id, i) => [id, [...LEVELS, 'Info', 'WARNING'][i % 7]]));
    assert.deepEqual(validateSettings(fromDottedSettings(dotted), ids), []);
    assert.deepEqual(validateSettings(undefined, ids), []);
    assert.deepEqual(validateSettings({}, ids), []);
  });

  void test('unknown keys (with the closest known one), unknown rule ids, bad levels and wrong types, each with its key', () => {
    const problems = validateSettings(
      fromDottedSettings({
        'ece.rules': { 'jdbc/invalid-prot': 'off', 'jdbc/invalid-port': 7, 'xml/not-well-formed': 'fatal' },
        'ece.loadBalancerHost': ['lb'],
        'ece.listenerNames': ['ag1', 2],
        'ece.alwaysOn': 'true',
        'ece.solve.contextroot': 'x',
        'ece.clickjacking': 'example.com',
        'ece.files.connpool': 'pool.xml',
        'ece.files.iis': ['web.config'],
        'ece.trace.server': 'loud',
        'ece.zzz': 1,
        'other.setting': 1,
      }),
      ids,
    );
    assert.deepEqual(problems, [
      { key: 'ece.rules', message: 'unknown rule id "jdbc/invalid-prot" (did you mean "jdbc/invalid-port"?); it is ignored' },
      { key: 'ece.rules', message: 'the level of "jdbc/invalid-port" must be one of error, warning, information, hint, off, not a number; it is ignored' },
      { key: 'ece.rules', message: 'the level of "xml/not-well-formed" must be one of error, warning, information, hint, off, not "fatal"; it is ignored' },
      { key: 'ece.loadBalancerHost', message: 'must be a string, not an array; the default is used' },
      { key: 'ece.listenerNames', message: 'item 2 must be a string, not a number; it is ignored' },
      { key: 'ece.alwaysOn', message: 'must be true or false, not a string; the default is used' },
      { key: 'ece.solve.contextroot', message: 'unknown setting (did you mean "ece.solve.contextRoot"?); it is ignored' },
      { key: 'ece.clickjacking', message: 'must be an object, not a string; the default is used' },
      { key: 'ece.files.connpool', message: 'must be an array of strings, not a string; the default is used' },
      { key: 'ece.files.iis', message: 'unknown setting; it is ignored' },
      { key: 'ece.trace.server', message: 'must be one of off, messages, verbose, not "loud"; the default is used' },
      { key: 'ece.zzz', message: 'unknown setting; it is ignored' },
    ]);
    assert.deepEqual(validateSettings('ece', ids), [{ key: 'ece', message: 'must be an object, not a string; the defaults are used' }]);
    assert.deepEqual(validateSettings({ rules: [] }, ids), [{ key: 'ece.rules', message: 'must be an object of rule id to level, not an array; the default is used' }]);
  });

  void test('the values it reports are those normalizeSettings drops or replaces by the default', () => {
    const raw = { rules: { 'jdbc/invalid-port': 'fatal', 'jdbc/instance-ignored': 'off' }, listenerNames: ['a', 1], alwaysOn: 'yes' };
    assert.equal(validateSettings(raw, ids).length, 3);
    const n = normalizeSettings(raw);
    assert.deepEqual(n.rules, { 'jdbc/instance-ignored': 'off' });
    assert.deepEqual(n.listenerNames, ['a']);
    assert.equal(n.alwaysOn, false);
  });

  void test('globs that cannot be used and a wrong ece.maxProblems are reported, never thrown', () => {
    const ids = new Set(allRules().map((r) => r.id));
    assert.deepEqual(validateSettings({ files: { connpool: ['**/egpl_ds_connpool_map.xml', '**/[x.xml'] }, maxProblems: 0 }, ids), [
      { key: 'ece.files.connpool', message: 'the pattern "**/[x.xml" cannot be used: "[" without a closing "]" in "[x.xml"; it is ignored' },
      { key: 'ece.maxProblems', message: 'must be a whole number of at least 1, not a number; the default is used' },
    ]);
    assert.deepEqual(validateSettings({ maxProblems: 250 }, ids), []);
  });
});

