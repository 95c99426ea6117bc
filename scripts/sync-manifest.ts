/**
 * Keeps package.json's `ece.rules` schema in step with the rule registry (one property per rule id with
 * its description and default), so VS Code completes rule ids in settings.json.
 * usage: node --import tsx scripts/sync-manifest.ts [--check]   (--check: exit 1 when out of date)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { allRules } from '../server/src/service/core/engine';

const file = 'package.json';
const original = readFileSync(file, 'utf8');
const pkg = JSON.parse(original) as { contributes: { configuration: { properties: Record<string, { properties?: unknown }> } } };
const levels = ['error', 'warning', 'information', 'hint', 'off'];
const props: Record<string, unknown> = {};
for (const r of allRules().sort((a, b) => a.id.localeCompare(b.id))) {
  props[r.id] = { type: 'string', enum: levels, description: `${r.description} (default: ${r.defaultSeverity})` };
}
pkg.contributes.configuration.properties['ece.rules']!.properties = props;
const next = JSON.stringify(pkg, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (next !== original) {
    console.error('package.json ece.rules is out of date: run `node --import tsx scripts/sync-manifest.ts`');
    process.exit(1);
  }
} else if (next !== original) writeFileSync(file, next);
