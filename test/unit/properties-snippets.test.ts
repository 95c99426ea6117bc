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

void describe('properties snippets', () => {
  void test('three complete templates, scoped to properties', () => {
    assert.equal(Object.keys(snippets).length, 3);
    for (const s of Object.values(snippets)) assert.match(s.scope, /properties/);
  });
  for (const [name, s] of Object.entries(snippets)) {
    void test(`${name}: no diagnostic, backslashes load as meant`, () => {
      const text = s.body.map(expand).join('\r\n') + '\r\n';
      const kind = name.includes('input.properties') ? indexstatsKind : reportsdbKind;
      assert.deepEqual(ids(kind, text), []);
      const table = parseProperties(text).table;
      if (table.has('EGAIN_HOME_DIR')) assert.equal(table.get('EGAIN_HOME_DIR')!.value, 'C:\\ECE');
      if (table.has('ECE_HOME_DIR')) assert.equal(table.get('ECE_HOME_DIR')!.value, '\\\\example.com\\ECE_Root\\ECE');
      if (table.has('SSIS_USER_ID')) assert.equal(table.get('SSIS_USER_ID')!.value, 'DOMAIN\\SQLServerSvc');
    });
  }
});
