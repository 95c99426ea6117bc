/** The properties snippets expand (with their default values) to files that load right and get no diagnostic. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexstatsKind } from '../../server/src/service/kinds/indexstats/kind';
import { reportsdbKind } from '../../server/src/service/kinds/reportsdb/kind';
import { parseProperties } from '../../server/src/service/parse/properties';
import { ids } from '../fixtures/properties/harness';

/** Expands VS Code snippet syntax with the default of every placeholder (`\` escapes `$`, `}` and `\`). */
function expand(body: string): string {
  let out = '';
  let i = 0;
  const read = (stopAtBrace: boolean): string => {
    let s = '';
    while (i < body.length) {
      const c = body[i]!;
      if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
        s += body[i + 1];
        i += 2;
      } else if (c === '}' && stopAtBrace) {
        i++;
        return s;
      } else if (c === '$') {
        const m = /^\$(\d+)|^\$\{(\d+):/.exec(body.slice(i));
        if (!m) { s += c; i++; continue; }
        i += m[0].length;
        if (m[2] !== undefined) s += read(true);
      } else {
        s += c;
        i++;
      }
    }
    return s;
  };
  out = read(false);
  return out;
}

const snippets = JSON.parse(readFileSync(join(__dirname, '../../snippets/properties.code-snippets'), 'utf8')) as Record<string, { body: string[]; scope: string }>;

/** The path-like values each snippet sets, as Java must load them (the snippets' backslashes are doubled). */
const PATHS = { EGAIN_HOME_DIR: true, ECE_HOME_DIR: true, SSIS_USER_ID: true };
const LOADED: Record<string, Record<string, string>> = {
  'ECE reportsdb_utility.properties (12.6)': { EGAIN_HOME_DIR: 'C:\\ECE' },
  'ECE reportsdb_utility.properties (12.5)': { ECE_HOME_DIR: '\\\\example.com\\ECE_Root\\ECE', SSIS_USER_ID: 'DOMAIN\\SQLServerSvc' },
  'ECE input.properties (UpdateDBIndexStats)': {},
};

void describe('properties snippets', () => {
  void test('three complete templates, scoped to properties', () => {
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(LOADED).sort());
    for (const s of Object.values(snippets)) assert.match(s.scope, /properties/);
  });
  for (const [name, s] of Object.entries(snippets)) {
    void test(`${name}: no diagnostic, backslashes load as meant`, () => {
      const text = s.body.map(expand).join('\r\n') + '\r\n';
      const kind = name.includes('input.properties') ? indexstatsKind : reportsdbKind;
      assert.deepEqual(ids(kind, text), []);
      const table = parseProperties(text).table;
      const loaded = Object.fromEntries(Object.entries(PATHS).filter(([k]) => table.has(k)).map(([k]) => [k, table.get(k)!.value]));
      assert.deepEqual(loaded, LOADED[name]);
    });
  }
});
