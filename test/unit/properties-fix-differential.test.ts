/**
 * Second differential check: admins write the paths they mean in the ways they really do (single backslashes,
 * UNC `\\`, half-escaped, already right, forward slashes). We apply every safe fix and load the FIXED text with
 * Java 17's `Properties.load`: each key must load to exactly the path the admin meant, and files that were
 * already right must get no diagnostic at all.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, mergeEditGroups } from '../../server/src/service/core/text';
import type { FileKind } from '../../server/src/service/core/types';
import { indexstatsKind } from '../../server/src/service/kinds/indexstats/kind';
import type { PropertiesFileModel } from '../../server/src/service/kinds/properties/model';
import { reportsdbKind } from '../../server/src/service/kinds/reportsdb/kind';
import { loadWithJava } from '../java/oracle';
import { run } from '../fixtures/properties/harness';
import { seededRandom as rng } from './random';

const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// Folder names chosen to start with every troublesome letter: t n r f (control escapes), u (unicode), others.
const SEGMENTS = ['ECE', 'eService', 'templates', 'temp', 'new', 'reports', 'files', 'utility', 'users', 'ECE_Root', 'ssis_data',
  'Program Files', 'bin', 'x86', 'a.b', 'data-1', 'Nightly', 'Reports', 'Temp', 'SQLServerSvc', 'u', 'tools', 'fs'];
const HOSTS = ['massivedynamic.com', 'fs01', 'dfs.example.org'];

type Style = 'literal' | 'partial' | 'escaped' | 'forward';

/** An intended Windows path and how an admin writes it in a properties value. */
function path(r: () => number): { meant: string; parts: string[]; unc: boolean } {
  const unc = r() < 0.35;
  const n = 1 + Math.floor(r() * 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pick(r, SEGMENTS));
  if (r() < 0.15) parts.push(''); // trailing backslash
  const head = unc ? `\\\\${pick(r, HOSTS)}` : pick(r, ['C:', 'D:', 'E:']);
  return { meant: [head, ...parts].join('\\'), parts, unc };
}

function write(p: { meant: string; parts: string[]; unc: boolean }, style: Style, r: () => number): string {
  if (style === 'literal') return p.meant;
  if (style === 'forward') return p.meant.replace(/\\/g, '/');
  const [head, ...rest] = p.meant.split('\\').filter((_, i) => !(p.unc && i < 2));
  const start = p.unc ? '\\\\\\\\' + p.meant.slice(2).split('\\')[0] : head!;
  const segs = p.unc ? p.meant.slice(2).split('\\').slice(1) : rest;
  let out = start;
  for (const s of segs) out += (style === 'escaped' || r() < 0.5 ? '\\\\' : '\\') + s;
  return out;
}

interface Case {
  kind: FileKind<PropertiesFileModel>;
  text: string;
  meant: Map<string, string>;
  alreadyRight: boolean;
}

function makeCase(r: () => number): Case {
  const eol = pick(r, ['\r\n', '\n']);
  const bom = r() < 0.2 ? '\uFEFF' : '';
  const reports = r() < 0.75;
  const style = pick(r, ['literal', 'literal', 'partial', 'escaped', 'forward'] as const);
  const meant = new Map<string, string>();
  const lines: string[] = [pick(r, ['# ECE utility settings', '! edited by hand', ''])];
  if (reports) {
    for (const key of ['EGAIN_HOME_DIR', 'SSIS_INSTALL_PATH']) {
      const p = path(r);
      lines.push(`${key}${pick(r, ['=', ' = ', ':'])}${write(p, style, r)}`);
      meant.set(key, style === 'forward' ? p.meant.replace(/\\/g, '/') : p.meant);
    }
    const user = `MASSIVE\\${pick(r, ['SQLServerSvc', 'svc_ece', 'reports', 'tester', 'user1'])}`;
    lines.push(`SSIS_USER_ID=${style === 'literal' ? user : style === 'forward' ? user.replace('\\', '\\\\') : user.replace('\\', '\\\\')}`);
    meant.set('SSIS_USER_ID', user);
    lines.push('IS_WINDOWS_AUTHENTICATION=true', 'REPORTS_DB_SERVER_NAME=sql2.massivedynamic.com', 'REPORTS_DB_NAME=eGReportsDB',
      'ACT_DB_SERVER_NAME=sql2.massivedynamic.com', 'ACT_DB_NAME=eGActiveDB', 'REPORTS_DB_LST_PORT=1433');
  } else {
    const inst = pick(r, ['inst', 'reports', 'test', 'node1', 'ufo', 'SQLEXPRESS']);
    const url = `jdbc:sqlserver://db.example.com\\${inst};integratedSecurity=true;databaseName=eGActiveDB`;
    lines.push(`ACTIVE_DATABASE_URL=${style === 'literal' ? url : url.replace('\\', '\\\\')}`);
    meant.set('ACTIVE_DATABASE_URL', url);
    lines.push('ACTIVE_USER=', 'ACTIVE_PASS=', 'REPORTS_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;integratedSecurity=true;databaseName=eGReportsDB');
  }
  const text = bom + lines.join(eol) + (r() < 0.8 ? eol : '');
  const alreadyRight = style === 'escaped' || style === 'forward';
  return { kind: reports ? reportsdbKind : indexstatsKind, text, meant, alreadyRight };
}

const ESCAPING = new Set(['properties/unknown-escape', 'properties/control-escape-in-path', 'properties/malformed-unicode-escape', 'properties/line-continuation']);

function fixAll(kind: FileKind<PropertiesFileModel>, text: string): string {
  const groups = run(kind, text).flatMap((x) => (ESCAPING.has(x.id) ? (x.fixes ?? []).filter((f) => f.safe).slice(0, 1).map((f) => f.edits) : []));
  return applyEdits(text, mergeEditGroups(groups));
}

void describe('escaping fixes, checked by loading the fixed text in Java', () => {
  void test('600 generated files: after the fixes Java loads the path the admin meant; right files get no diagnostic', () => {
    const r = rng(0xb1);
    const cases: Case[] = [];
    while (cases.length < 600) cases.push(makeCase(r));
    const fixedTexts: string[] = [];
    let fixedSomething = 0;
    for (const c of cases) {
      const found = run(c.kind, c.text);
      if (c.alreadyRight) assert.deepEqual(found.map((f) => f.id).filter((id) => ESCAPING.has(id)), [], `false alarm on ${JSON.stringify(c.text)}`);
      const fixed = fixAll(c.kind, c.text);
      if (fixed !== c.text) fixedSomething++;
      // one pass is enough: nothing left to escape
      assert.deepEqual(run(c.kind, fixed).filter((f) => ESCAPING.has(f.id)).map((f) => f.id), [], `still broken after the fix: ${JSON.stringify(fixed)}`);
      fixedTexts.push(fixed.replace(/^\uFEFF/, '')); // Java's Reader would keep a BOM in the first key; the utility's files have none
    }
    assert.ok(fixedSomething > 250, `only ${fixedSomething} files needed a fix`);
    const java = loadWithJava(fixedTexts);
    for (let i = 0; i < cases.length; i++) {
      const j = java[i]!;
      assert.ok(j.ok, `Java throws on the fixed text ${JSON.stringify(fixedTexts[i])}`);
      for (const [key, meant] of cases[i]!.meant) {
        assert.equal(j.table.get(key), meant, `${key} in ${JSON.stringify(cases[i]!.text)} fixed to ${JSON.stringify(fixedTexts[i])}`);
      }
    }
  });
});
