/**
 * Fixing with confidence: `--fix` lists every change (rule, position, before -> after) with passwords masked and
 * keeps every other byte of the file (BOM, CRLF, tabs); `--fix-dry-run` shows the same as a unified diff and writes
 * nothing. Also the masking itself (`secretSpans` / `maskSecrets`).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskSecrets, MASK } from '../../server/src/cli/secrets';
import { runCli, spawnCli, tree, type JsonReport } from './helpers';

const POOL = 'h/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
const LAYOUT = 'h/eService/templates/finesse/gadget/layout/agent.xml';
const SECRET = 'Top$ecret1';
const BOM = '\uFEFF';
const POOL_TEXT =
  `${BOM}<?xml version="1.0" encoding="UTF-8"?>\r\n<conn_pool_list>\r\n\t<connpool>\r\n\t\t<name>Platform_MSSQL_Pool</name>\r\n` +
  `\t\t<User>sa</User>\r\n\t\t<Password>${SECRET}</Password>\r\n` +
  `\t\t<Url>jdbc:sqlserver://db01.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB;password=${SECRET}</Url>\r\n` +
  `\t</connpool>\r\n</conn_pool_list>\r\n`;
const LAYOUT_TEXT = `${BOM}<finesseLayout xmlns="http://www.cisco.com/vtg/finesse">\r\n  <layout>\r\n    <role>Agent</role>\r\n    <page/>\r\n    <tabs>\r\n      <tab>\r\n        <id>ece</id>\r\n        <label>ECE</label>\r\n        <gadgets>\r\n          <gadget>https://ece.example.com/system/templates/finesse/gadget/agent/ece.xml?locale=en-US&debug=false</gadget>\r\n        </gadgets>\r\n      </tab>\r\n    </tabs>\r\n  </layout>\r\n</finesseLayout>\r\n`;

function fixture() {
  return tree({ [POOL]: POOL_TEXT, [LAYOUT]: LAYOUT_TEXT, 'h/.vscode/settings.json': '{ "ece.loadBalancerHost": "ece.example.com" }' });
}

void describe('--fix', () => {
  void test('writes the safe fixes, keeps every other byte, and lists each change with the password masked', () => {
    const t = fixture();
    try {
      const r = spawnCli(['check', '--fix', 'h'], { cwd: t.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(
        r.stdout,
        [
          'Fixed: 2 changes in 2 files:',
          '',
          POOL,
          `  5:9  connpool/credentials-with-integrated-security  <User>sa</User>↵\t\t<Password>${MASK}</Password>  ->  <User></User>↵\t\t<Password></Password>`,
          '',
          LAYOUT,
          '  10:101  finesse/unescaped-ampersand  …inesse/gadget/agent/ece.xml?locale=en-US&debug=false</gadget>  ->  …inesse/gadget/agent/ece.xml?locale=en-US&amp;debug=false</gadget>',
          '',
          '✔ 2 ECE files checked: no problems left after fixing.',
          '',
        ].join('\n'),
      );
      assert.ok(!r.stdout.includes(SECRET));
      // Byte for byte: only the edited spans differ (BOM, CRLF and tabs stay).
      assert.equal(fs.readFileSync(path.join(t.dir, POOL), 'utf8'), POOL_TEXT.replace('<User>sa</User>', '<User></User>').replace(`<Password>${SECRET}</Password>`, '<Password></Password>'));
      assert.equal(fs.readFileSync(path.join(t.dir, LAYOUT), 'utf8'), LAYOUT_TEXT.replace('&debug', '&amp;debug'));
      assert.deepEqual(fs.readdirSync(path.join(t.dir, 'h', 'eService', 'installation', 'dataaccess')), ['egpl_ds_connpool_map.xml'], 'no temporary file left');
      // A second run has nothing left to fix.
      const again = spawnCli(['check', '--fix', 'h'], { cwd: t.dir });
      assert.equal(again.code, 0);
      assert.match(again.stdout, /^Fixed: 0 changes in 0 files\.$/m);
    } finally {
      t.remove();
    }
  });

  void test('--format json lists the same changes (masked) with the count per file and in the summary', async () => {
    const t = fixture();
    try {
      const r = await runCli(['check', '--fix', '--format', 'json', 'h'], { cwd: t.dir });
      assert.equal(r.code, 0);
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.equal(json.mode, 'fix');
      assert.equal(json.summary.fixed, 2);
      const pool = json.files.find((f) => f.path === POOL)!;
      assert.equal(pool.fixed, 1);
      assert.deepEqual(pool.fixes, [
        { ruleId: 'connpool/credentials-with-integrated-security', line: 5, column: 9, before: `<User>sa</User>↵\t\t<Password>${MASK}</Password>`, after: '<User></User>↵\t\t<Password></Password>' },
      ]);
      assert.equal(pool.diff, undefined);
      assert.ok(!r.stdout.includes(SECRET));
    } finally {
      t.remove();
    }
  });
});

void describe('--fix-dry-run', () => {
  const diff = [
    `--- a/${POOL}`,
    `+++ b/${POOL}`,
    '@@ -2,8 +2,8 @@',
    ' <conn_pool_list>',
    ' \t<connpool>',
    ' \t\t<name>Platform_MSSQL_Pool</name>',
    '-\t\t<User>sa</User>',
    `-\t\t<Password>${MASK}</Password>`,
    '+\t\t<User></User>',
    '+\t\t<Password></Password>',
    ` \t\t<Url>jdbc:sqlserver://db01.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB;password=${MASK}</Url>`,
    ' \t</connpool>',
    ' </conn_pool_list>',
    '',
  ].join('\n');

  void test('prints the changes and a unified diff with secrets masked, writes nothing, and reports what would be left', () => {
    const t = fixture();
    try {
      const r = spawnCli(['check', '--fix-dry-run', 'h'], { cwd: t.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.startsWith('Would fix (dry run, nothing written): 2 changes in 2 files:\n'));
      assert.ok(r.stdout.includes(`\n${diff}`), r.stdout);
      assert.ok(r.stdout.includes('\n-          <gadget>https://ece.example.com/system/templates/finesse/gadget/agent/ece.xml?locale=en-US&debug=false</gadget>\n+          <gadget>https://ece.example.com/system/templates/finesse/gadget/agent/ece.xml?locale=en-US&amp;debug=false</gadget>\n'));
      assert.match(r.stdout, /✔ 2 ECE files checked: no problems left after these fixes\.\n$/);
      assert.ok(!r.stdout.includes(SECRET));
      assert.equal(fs.readFileSync(path.join(t.dir, POOL), 'utf8'), POOL_TEXT);
      assert.equal(fs.readFileSync(path.join(t.dir, LAYOUT), 'utf8'), LAYOUT_TEXT);
    } finally {
      t.remove();
    }
  });

  void test('--format json carries the changes and the diff', async () => {
    const t = fixture();
    try {
      const r = await runCli(['check', '--fix-dry-run', '--format', 'json', 'h'], { cwd: t.dir });
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.equal(json.mode, 'fix-dry-run');
      assert.equal(json.summary.wouldFix, 2);
      const pool = json.files.find((f) => f.path === POOL)!;
      assert.equal(pool.diff, diff);
      assert.equal(pool.fixes!.length, 1);
      assert.equal(pool.fixed, undefined);
      assert.ok(!r.stdout.includes(SECRET));
      assert.equal(fs.readFileSync(path.join(t.dir, POOL), 'utf8'), POOL_TEXT);
    } finally {
      t.remove();
    }
  });

  void test('reads standard input too (the name decides the kind); --fix with --stdin is refused', async () => {
    const t = fixture();
    try {
      const r = await runCli(['check', '--stdin', '--stdin-filename', LAYOUT, '--fix-dry-run', '--format', 'json'], { cwd: t.dir, stdin: LAYOUT_TEXT.replace('debug=false', 'debug=true') });
      assert.equal(r.code, 0, r.stderr);
      const json = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(json.files.map((f) => [f.path, f.fixes!.map((x) => x.ruleId)]), [[LAYOUT, ['finesse/unescaped-ampersand']]]);
      // The diff is of the text read from standard input (debug=true), not of the file on disk.
      assert.match(json.files[0]!.diff!, /^\+ {10}<gadget>https:\/\/ece\.example\.com\/system\/templates\/finesse\/gadget\/agent\/ece\.xml\?locale=en-US&amp;debug=true<\/gadget>$/m);
      assert.equal(fs.readFileSync(path.join(t.dir, LAYOUT), 'utf8'), LAYOUT_TEXT);
      const refused = await runCli(['check', '--stdin', '--stdin-filename', LAYOUT, '--fix'], { cwd: t.dir });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /^ece-config: --fix writes files, so it cannot take --stdin; use --fix-dry-run to see the changes$/m);
    } finally {
      t.remove();
    }
  });
});

void describe('passwords in the change list and the diff', () => {
  void test('a fix inside a password value: masked on both sides, and the diff says why it shows no line', async () => {
    const t = tree({ 'h/r/reportsdb_utility.properties': 'EGAIN_HOME_DIR=C:/ECE\r\nSSIS_USER_PASSWORD=ab\\cd\r\n' });
    try {
      const r = await runCli(['check', '--fix-dry-run', '--format', 'json', 'h'], { cwd: t.dir });
      const f = (JSON.parse(r.stdout) as JsonReport).files[0]!;
      assert.deepEqual(f.fixes, [{ ruleId: 'properties/unknown-escape', line: 2, column: 22, before: `SSIS_USER_PASSWORD=${MASK}`, after: `SSIS_USER_PASSWORD=${MASK}` }]);
      assert.equal(f.diff, '--- a/h/r/reportsdb_utility.properties\n+++ b/h/r/reportsdb_utility.properties\n# every change is inside a masked value (a password): see the list of changes\n');
      assert.ok(!r.stdout.includes('ab\\\\cd') && !r.stdout.includes('ab\\cd'));
    } finally {
      t.remove();
    }
  });

  void test('a long line cut around the change: a password the cut falls into is still masked', async () => {
    const url = 'jdbc:sqlserver://db01.example.com\\inst;databaseName=x;password=Sup3rSecretValue;loginTimeout=30;applicationName=ece-index-stats-utility-long-name';
    const t = tree({ 'h/UpdateDBIndexStats/input.properties': `ACTIVE_DATABASE_URL=${url}\r\nACTIVE_USER=\r\nACTIVE_PASS=\r\n` });
    try {
      const r = await runCli(['check', '--fix-dry-run', '--format', 'json', 'h'], { cwd: t.dir });
      const f = (JSON.parse(r.stdout) as JsonReport).files[0]!;
      assert.deepEqual(f.fixes, [
        {
          ruleId: 'properties/unknown-escape',
          line: 1,
          column: 54,
          before: `…SE_URL=jdbc:sqlserver://db01.example.com\\inst;databaseName=x;password=${MASK}…`,
          after: `…SE_URL=jdbc:sqlserver://db01.example.com\\\\inst;databaseName=x;password=${MASK}…`,
        },
      ]);
      assert.ok(f.diff!.includes(`\n+ACTIVE_DATABASE_URL=jdbc:sqlserver://db01.example.com\\\\inst;databaseName=x;password=${MASK};loginTimeout=30;`));
      assert.ok(!r.stdout.includes('Sup3'));
    } finally {
      t.remove();
    }
  });
});

void describe('masking secrets', () => {
  const cases: Array<[string, string]> = [
    ['<Password egid="3027">s3cr3t</Password>', `<Password egid="3027">${MASK}</Password>`],
    ['<password></password>', '<password></password>'],
    ['<User>sa</User>', '<User>sa</User>'],
    ['<add key="DbPassword" password="p&amp;w" />', `<add key="DbPassword" password="${MASK}" />`],
    ['ACTIVE_PASS=abc;def', `ACTIVE_PASS=${MASK}`],
    ['  SSIS_USER_PASSWORD : abc \\\n    continued\r\nNEXT=1', `  SSIS_USER_PASSWORD : ${MASK}\n${MASK}\r\nNEXT=1`],
    ['REPORTS_USER=sa\nREPORTS_PASS=\n', 'REPORTS_USER=sa\nREPORTS_PASS=\n'],
    ['jdbc:sqlserver://h;user=sa;password=a&amp;b;databaseName=x', `jdbc:sqlserver://h;user=sa;password=${MASK};databaseName=x`],
    ['jdbc:sqlserver://h;Password={a;b};databaseName=x', `jdbc:sqlserver://h;Password=${MASK};databaseName=x`],
    ['jdbc:sqlserver://h;trustStorePassword=t;databaseName=x', `jdbc:sqlserver://h;trustStorePassword=${MASK};databaseName=x`],
    ['# the password is set below', '# the password is set below'],
  ];
  for (const [input, masked] of cases) {
    void test(JSON.stringify(input), () => {
      assert.equal(maskSecrets(input), masked);
    });
  }
});
