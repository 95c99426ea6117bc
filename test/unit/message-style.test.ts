/**
 * One quoting style in every text the Problems panel and the quick-fix menu show: those are plain text, not Markdown,
 * so a backtick would appear as written. Every rule (the test fails when one does not fire) is made to fire by the benchmark's hard inputs (each kind's input
 * plants every mistake its rules look for, with the cross-file partners) and by the example ECE home; every message,
 * related message and fix title of every finding is checked. Hovers are Markdown and may use code spans.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules, EceLanguageService, FILE_NOT_READ, TOO_MANY_PROBLEMS, type Finding } from '../../server/src/service/core/engine';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { loadWorkspace } from '../../server/src/node/workspace';
import { nodeFileSystemProbe } from '../../server/src/node/fileSystemProbe';

const REPO = path.resolve(__dirname, '../..');

interface HardKind {
  path: string;
  generate(size: string, seed?: number): string;
  expect: string[];
  companions: Array<{ path: string; text: string }>;
}

/** Every finding of every file under `root`, plus what the editor shows in their place (the cap's summary, the
 * note on a file that was not read), as findings. */
async function findingsOf(root: string, raw: Record<string, unknown>): Promise<Finding[]> {
  const settings = normalizeSettings(raw);
  const service = new EceLanguageService({ log: () => undefined, fileSystem: nodeFileSystemProbe() });
  const ws = await loadWorkspace([root], { settings, service });
  service.setWorkspace(ws.model);
  const out: Finding[] = [];
  const capped = normalizeSettings({ ...raw, maxProblems: 1 });
  for (const f of ws.files) {
    const doc = TextDocument.create(f.uri, f.kind, 1, f.text);
    out.push(...(service.analyze(doc, settings)?.findings ?? []));
    for (const d of service.diagnostics(doc, capped)) if (d.code === TOO_MANY_PROBLEMS) out.push({ ruleId: TOO_MANY_PROBLEMS, start: 0, end: 0, severity: 'information', message: d.message, fixes: [], related: [] });
  }
  // What the editor publishes for a file it did not read (publisher.ts words it "This file <reason>.").
  for (const x of [...ws.skipped, ...ws.errors]) out.push({ ruleId: FILE_NOT_READ, start: 0, end: 0, severity: 'warning', message: `This file ${x.message}.`, fixes: [], related: [] });
  return out;
}

function texts(f: Finding): string[] {
  return [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)];
}

void describe('message style', () => {
  void test('no backtick in any message, related message or fix title, with every rule firing', async () => {
    // (a plain .mjs module of the benchmark, imported by URL)
    const { HARD, HARD_SETTINGS } = (await import(pathToFileURL(path.join(REPO, 'bench', 'src', 'hard.mjs')).href)) as {
      HARD: Record<string, HardKind>;
      HARD_SETTINGS: Record<string, unknown>;
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ece-style-'));
    try {
      const fired = new Set<string>();
      const bad: string[] = [];
      const check = (list: Finding[]) => {
        for (const f of list) {
          fired.add(f.ruleId);
          for (const t of texts(f)) if (t.includes('`')) bad.push(`${f.ruleId}: ${t}`);
        }
      };
      for (const [kind, spec] of Object.entries(HARD)) {
        const home = path.join(dir, kind);
        for (const [rel, text] of [[spec.path, spec.generate('100KB')], ...spec.companions.map((c) => [c.path, c.text])] as Array<[string, string]>) {
          fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
          fs.writeFileSync(path.join(home, rel), text);
        }
        const found = await findingsOf(home, HARD_SETTINGS);
        check(found);
        const ids = new Set(found.map((f) => f.ruleId));
        assert.deepEqual(spec.expect.filter((id) => !ids.has(id)), [], `${kind}: the hard input no longer makes these rules fire`);
      }
      // The rules the hard inputs leave out (each stops or replaces others, or needs a file of its own).
      const RDB = 'ReportsDB Utility/reportsdb_utility.properties';
      const POOL = 'eService/installation/dataaccess/egpl_ds_connpool_map.xml';
      const JS = 'eService/templates/finesse/gadget/agent/ece_config.js';
      const BAT = 'eService/bin/platform/windows/';
      const base = ['EGAIN_HOME_DIR=C:/ECE', 'IS_WINDOWS_AUTHENTICATION=true', 'CREATE_DBLINK_FROM_CONNPOOLMAP=true', 'REPORTS_DB_SERVER_NAME=sql2.example.com',
        'REPORTS_DB_LST_PORT=1433', 'REPORTS_DB_NAME=eGReportsDB', 'ACT_DB_SERVER_NAME=sql2.example.com', 'ACT_DB_LST_PORT=1444', 'ACT_DB_NAME=eGActiveDB'].join('\r\n') + '\r\n';
      const pool = (url: string, name = 'P') => `<connpool name="${name}" egid="1"><User egid="2"></User><Password egid="3"></Password><Url egid="4">${url}</Url></connpool>`;
      const extra: Array<Record<string, string>> = [
        { [POOL]: '<?xml version="1.0"?>\r\n<conn_pool_list>\r\n  <connpool name="a">\r\n' },
        {
          [POOL]: `<conn_pool_list>${pool('jdbc:sqlserver://sql2.example.com:1433;integratedSecurity=true;authenticationScheme=NTLM;databaseName=eGActiveDB')}${pool('jdbc:sqlserver://sql2.example.com:1433;integratedSecurity=true;authenticationScheme=Kerberos;databaseName=eGActiveDB', 'Q')}</conn_pool_list>`,
          [RDB]: '\uFEFF' + base.replace('ACT_DB_SERVER_NAME=sql2.example.com', 'ACT_DB_SERVER_NAME=<secondary server>').replace('EGAIN_HOME_DIR=C:/ECE', 'EGAIN_HOME_DIR=\\\\\\\\massive.example.com\\\\ECE Root\\\\ECE@1') + 'SSIS_USER_ID=SQLServerSvc\r\n',
          [JS]: 'var web_server_name = ;\r\n',
          [BAT + 'egainstart.bat']: '@echo off\r\nSET env.fs.shared.location=C:\\ECE\\eService\r\n',
          [BAT + 'egainstop.bat']: '@echo off\r\nSET env.fs.shared.location=D:\\ECE\\eService\r\n',
        },
        { [JS]: `var web_server_name = ${'['.repeat(2000)};\r\n`, [RDB]: base + '#'.repeat(16 * 1024 * 1024) },
        { [JS]: 'var unrelated = 1;\r\n' },
      ];
      for (const [i, files] of extra.entries()) {
        const home = path.join(dir, `extra-${i}`);
        for (const [rel, text] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
          fs.writeFileSync(path.join(home, rel), text);
        }
        check(await findingsOf(home, {}));
      }
      // A text over the parse limit, handed over directly (the loaders skip such a file before reading it).
      const huge = new EceLanguageService({ log: () => undefined });
      check(huge.analyze(TextDocument.create('file:///x/ReportsDB%20Utility/reportsdb_utility.properties', 'properties', 1, '#'.repeat(17 * 1024 * 1024)), normalizeSettings({}))?.findings ?? []);
      const exampleSettings = JSON.parse(fs.readFileSync(path.join(REPO, 'examples/ece-home/.vscode/settings.json'), 'utf8').replace(/\/\/.*$/gm, '')) as Record<string, unknown>;
      const ece: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(exampleSettings)) if (k.startsWith('ece.')) ece[k.slice(4)] = v;
      check(await findingsOf(path.join(REPO, 'examples', 'ece-home'), ece));
      assert.deepEqual(bad, []);
      // every rule has had its say: a new rule needs an input here (or in its kind's hard input)
      assert.deepEqual(allRules().map((r) => r.id).filter((id) => !fired.has(id)), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
