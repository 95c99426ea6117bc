/**
 * Passwords never leave the service: planted in every way a password reaches a file by mistake (misspelt secret keys,
 * an unbraced `;` inside a JDBC password, other names for a password, `<` inside <Password>, `user:password@` before a
 * host, a password typed on the line after its key), they appear in no diagnostic message, related information, fix
 * title, hover, symbol, completion or log line, whatever the rest of the file looks like (seeded mutations).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { isSecretName, SecretMask } from '../../server/src/service/core/secrets';
import { normalizeSettings } from '../../server/src/service/core/settings';
import { WorkspaceModel } from '../../server/src/service/workspace/model';
import { seededRandom } from './random';

const S = normalizeSettings({ listenerNames: ['db.example.com'], loadBalancerHost: 'lb.example.com' });

interface Plant {
  uri: string;
  text: (pw: string) => string;
}

const POOL = 'file:///h/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
const RDB = 'file:///h/ReportsDB/reportsdb_utility.properties';
const INP = 'file:///h/UpdateDBIndexStats/input.properties';
const JS = 'file:///h/eService/templates/finesse/gadget/agent/ece_config.js';
const LAYOUT = 'file:///h/eService/templates/finesse/gadget/layout/agent.xml';
const pool = (user: string, pw: string, url: string) =>
  `<?xml version="1.0"?>\r\n<conn_pool_list>\r\n<connpool name="Platform_MSSQL_Pool">\r\n<User>${user}</User>\r\n<Password>${pw}</Password>\r\n<Url>${url}</Url>\r\n</connpool>\r\n</conn_pool_list>\r\n`;

const PLANTS: Plant[] = [
  { uri: INP, text: (pw) => `ACTIVE_DATABASE_URL=jdbc:sqlserver://db:1433;databaseName=eGActiveDB\r\nACTIVE_USER=sa\r\nACTIVE_PAS=${pw}\r\n` },
  { uri: RDB, text: (pw) => `IS_WINDOWS_AUTHENTICATION=true\r\nSSIS_USER_ID=CORP\\\\svc\r\nSSIS_USER_PASWORD=${pw}\r\n` },
  { uri: POOL, text: (pw) => pool('sa', 'x', `jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB;password=ab;${pw};user=sa`) },
  { uri: INP, text: (pw) => `REPORTS_DATABASE_URL=jdbc:sqlserver://db:1433;databaseName=R;password=ab;${pw}\r\nREPORTS_USER=sa\r\nREPORTS_PASS=\r\n` },
  { uri: POOL, text: (pw) => pool('sa', 'x', `jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB;pwd=${pw};passwd=${pw}1;pasword=${pw}2`) },
  { uri: POOL, text: (pw) => pool('sa', `ab<${pw}`, 'jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB') },
  { uri: POOL, text: (pw) => pool('sa', `${pw}&amp;<x`, 'jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB') },
  { uri: POOL, text: (pw) => pool('', '', `jdbc:sqlserver://sa:${pw}@db.example.com:1433;databaseName=eGActiveDB`) },
  { uri: JS, text: (pw) => `var web_server_protocol = "https";\r\nvar web_server_name = "admin:${pw}@web.example.com";\r\n` },
  { uri: LAYOUT, text: (pw) => `<gadgets><gadget>https://u:${pw}@web.example.com/system/templates/finesse/gadget/agent/ece.xml</gadget></gadgets>\r\n` },
  { uri: RDB, text: (pw) => `IS_WINDOWS_AUTHENTICATION=true\r\nSSIS_USER_PASSWORD=\r\n${pw}\r\n` },
  { uri: INP, text: (pw) => `ACTIVE_DATABASE_URL=jdbc:sqlserver://db:1433;databaseName=A;password={${pw}\r\nACTIVE_PASS=${pw}\\\r\n` },
];

/** Every text the service gives out for a document, with the logs written meanwhile. */
async function outgoing(uri: string, text: string): Promise<string[]> {
  const logs: string[] = [];
  const svc = new EceLanguageService({ log: (m) => logs.push(m) });
  const doc = TextDocument.create(uri, 'plaintext', 1, text);
  const out: string[] = [];
  const diags = svc.diagnostics(doc, S);
  for (const d of diags) {
    out.push(d.message, ...(d.relatedInformation ?? []).map((r) => r.message));
    for (const a of svc.codeActions(doc, d.range, [d], undefined, S)) out.push(a.title);
  }
  for (const a of svc.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.ece'], S)) out.push(a.title);
  const sym = (list: ReturnType<typeof svc.symbols>): void => {
    for (const x of list) {
      out.push(x.name, x.detail ?? '');
      if (x.children) sym(x.children);
    }
  };
  sym(svc.symbols(doc, S));
  const step = Math.max(1, Math.floor(text.length / 80));
  for (let o = 0; o <= text.length; o += step) {
    const p = doc.positionAt(o);
    const h = await svc.hover(doc, p, S);
    if (h && typeof h.contents === 'object' && 'value' in h.contents) out.push(h.contents.value);
    for (const c of svc.completions(doc, p, S)) out.push(c.label, c.detail ?? '', typeof c.documentation === 'string' ? c.documentation : c.documentation?.value ?? '');
  }
  return [...out, ...logs];
}

void describe('secrets', () => {
  void test('names that denote a secret, by meaning: misspellings and other names too; ordinary names are not', () => {
    for (const n of ['password', 'Password', 'passwd', 'pwd', 'pasword', 'ACTIVE_PASS', 'ACTIVE_PAS', 'REPORTS_PASS', 'SSIS_USER_PASWORD', 'SSIS_CATALOG_PASSWORD', 'keyStoreSecret', 'accessToken', 'trustStorePassword', 'clientKeyPassword', 'AADSecurePrincipalSecret']) {
      assert.equal(isSecretName(n), true, n);
    }
    for (const n of ['user', 'userName', 'ACTIVE_USER', 'databaseName', 'portNumber', 'serverName', 'IS_WINDOWS_AUTHENTICATION', 'EGAIN_HOME_DIR', 'multiSubnetFailover', 'SSIS_USER_ID', 'compass']) {
      assert.equal(isSecretName(n), false, n);
    }
  });

  void test('the mask hides whole values and their pieces, short pieces only as words', () => {
    const m = new SecretMask(['ab<Xq7zZk', 'pw']);
    assert.equal(m.mask("'<Xq7zZk' in ab<Xq7zZk, pw here, pwd stays"), "'<••••' in ••••, •••• here, pwd stays");
  });

  void test('the mask: the longest value at a position wins, in any case; values that start alike are all found', () => {
    const values = Array.from({ length: 2000 }, (_, i) => `value${i}`);
    const m = new SecretMask([...values, 'Ab']);
    assert.equal(m.mask('value1 value12 VALUE1999 value2000 valu'), '•••• •••• •••• ••••0 valu');
    assert.equal(m.mask('Ab ab xAb Ab.'), '•••• ab xAb ••••.', 'a short value: its own case, as a word');
    assert.equal(new SecretMask(['x', ' ']).empty, true, 'values under 2 characters are not masked');
  });

  void test('planted passwords in 12 shapes × 25 seeded mutations: never in any outgoing text', async () => {
    const rnd = seededRandom(0x5ec7e7);
    let tried = 0;
    for (const plant of PLANTS) {
      for (let n = 0; n < 25; n++) {
        const pw = `Zq${Math.floor(rnd() * 1e9).toString(36)}Xw`;
        let text = plant.text(pw);
        // Mutations around (never inside) the password: cut the file short, duplicate a line, add junk.
        const at = text.indexOf(pw);
        const r = rnd();
        if (r < 0.25) text = text.slice(0, at + pw.length + Math.floor(rnd() * (text.length - at - pw.length)));
        else if (r < 0.5) text = text + text.slice(0, at + pw.length);
        else if (r < 0.75) text = text.replace('\r\n', `\r\n${['<', '&', '\\', ';', '{', '"', '`'][Math.floor(rnd() * 7)]}\r\n`);
        for (const s of await outgoing(plant.uri, text)) {
          assert.ok(!s.includes(pw), `${plant.uri}: "${pw}" leaked in:\n${s}\n--- file:\n${text}`);
        }
        tried++;
      }
    }
    assert.equal(tried, PLANTS.length * 25);
  });
});

void describe('secrets: shapes the secrets fuzzer found (test/fuzz/jobs/secrets.ts)', () => {
  const pw = 'Zq7Kd2MxW9pLe';
  const gone = async (uri: string, text: string) => {
    for (const s of await outgoing(uri, text)) assert.ok(!s.toLowerCase().includes(pw.toLowerCase()), `leaked in:\n${s}`);
  };

  void test('a web_server_name with user:password and no host yet: the "port" is not shown', async () => {
    await gone(JS, `var web_server_protocol = "https";\r\nvar web_server_name = "admin:${pw}";\r\n`);
    await gone(JS, `var web_server_protocol = "https";\r\nvar web_server_name = "https://admin:${pw}/system";\r\n`);
  });

  void test('a gadget address with a stray character before its scheme: the user:password after "//" is still not shown', async () => {
    // The URL then has no scheme: its "host" ends at the first '/', and the hover's Path starts with //u:password@.
    for (const stray of ['\uD800', '1', '"']) {
      const layout = `<tab>\r\n<id>ece</id>\r\n<gadgets>\r\n<gadget>${stray}https://u:${pw}@lb.example.com/system/templates/finesse/gadget/agent/ece.xml</gadget>\r\n</gadgets>\r\n</tab>\r\n`;
      const texts = await outgoing(LAYOUT, layout);
      assert.ok(texts.some((t) => t.includes('- Path: `//')), `the hover shows the path as read:\n${texts.join('\n---\n')}`);
      await gone(LAYOUT, layout);
    }
  });

  void test('a gadget URL swallowed by an unclosed CDATA section before it: its user:password is masked where the text is quoted', async () => {
    await gone(LAYOUT, `<tab>\r\n<id>ece</id<![CDATA[>\r\n<gadgets>\r\n<gadget>https://:${pw}@lb.example.com/system/templates/finesse/gadget/agent/ece.xml</gadget>\r\n</gadgets>\r\n</tab>\r\n`);
  });

  void test('a JDBC URL split by a separator Java sees in "jdbc:" (a key glued to it): its password is masked in the value Java loads', async () => {
    await gone(INP, `ACTIVE_DATABASE_URL\u000bjdbc:sqlserver://ece:${pw}@sql.example.com:1433;databaseName=eGActiveDB\r\nACTIVE_USER=sa\r\nACTIVE_PASS=\r\n`);
    await gone(INP, `ACTIVE_DATABASE_URL\\-->\\=jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB;trustStorePassword=${pw}\r\nACTIVE_USER=\r\n`);
  });

  void test('a password typed on the line after its empty key, run into the next line: the unknown key it makes is masked', async () => {
    await gone(INP, `ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB\r\nREPORTS_PASS=\r\n${pw}\fEPORTS_USER=\r\nREPORTS_PASS=\r\n`);
  });

  void test('a secret line glued to the value before it (its line break lost): masked decoded and in its raw lines (the CLI diff shows those)', async () => {
    const text = `SSIS_INSTALL_PATH=D:\\utility\\ssis_data\\\r\nSSIS_USER_ID=\u000bMASSIVE\\\\SQLServerSvcACTIVE_PASS=${pw.slice(0, 4)}\\\r\n    ${pw.slice(4)}\r\nSSIS_USER_PASSWORD=\r\n`;
    await gone(RDB, text);
    const svc = new EceLanguageService({ log: () => undefined });
    const masked = svc.maskFor(TextDocument.create(RDB, 'plaintext', 1, text), S)(text);
    assert.equal(masked, text.replace(pw.slice(0, 4), '••••').replace(pw.slice(4), '••••'));
  });

  void test('a secret line glued into the last value of a JDBC URL (its line break lost): masked in the URL Java loads', async () => {
    await gone(INP, `ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;databaseName=SSIS_CATALOG_PAS:${pw}\r\nACTIVE_USER=\r\nACTIVE_PASS=\r\n`);
    await gone(POOL, pool('sa', 'x', `jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDBACTIVE_PASS=${pw}`));
  });

  void test('text without "=" in a URL is masked only after an unbraced password, not elsewhere (its words would be masked everywhere)', () => {
    const svc = new EceLanguageService({ log: () => undefined });
    const text = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://db.example.com:1433;integrver://<DB server name>:1433;databaseName=eGActiveDB\r\nACTIVE_USER=\r\nACTIVE_PASS=\r\n';
    const mask = svc.maskFor(TextDocument.create(INP, 'plaintext', 1, text), S);
    assert.equal(mask('jdbc:sqlserver://db.example.com:1433 names a server'), 'jdbc:sqlserver://db.example.com:1433 names a server');
    const after = text.replace(';integrver', `;password=ab;${pw};integrver`);
    assert.equal(svc.maskFor(TextDocument.create(INP, 'plaintext', 2, after), S)(`x ${pw} y`), 'x •••• y');
  });

  void test('user:password@ with the user left out: the driver reads ":password" as the server name', async () => {
    await gone(POOL, pool('sa', 'x', `jdbc:sqlserver://:${pw};databaseName=eGActiveDB`));
    await gone(INP, `ACTIVE_DATABASE_URL=jdbc:sqlserver://:${pw};databaseName=eGActiveDB\r\nACTIVE_USER=\r\nACTIVE_PASS=\r\n`);
  });

  void test('a host shown lower-cased (connpool/hosts-differ) is masked in any case', async () => {
    const two = pool('sa', 'x', `jdbc:sqlserver://:${pw}@db.example.com:1433;databaseName=eGActiveDB`).replace(
      '</conn_pool_list>',
      '<connpool name="eGMasterDB"><User>sa</User><Password>y</Password><Url>jdbc:sqlserver://other.example.com:1433;databaseName=eGMasterDB</Url></connpool>\r\n</conn_pool_list>',
    );
    const texts = await outgoing(POOL, two);
    assert.ok(texts.some((t) => t.includes('connects to')), 'connpool/hosts-differ reports the pools');
    await gone(POOL, two);
  });

  void test('a JDBC URL further inside a value (its key mistyped into the value) still has its password masked', async () => {
    await gone(INP, `ACTIVE_USER=\r\nX=ACTIVE_DATABASE_URL=jdbc:sqlserver://db:1433;databaseName=A;password=ab;${pw}\r\n`);
  });

  void test('a <Password> element swallowed by an unclosed CDATA section before it: its text is masked where it is quoted', async () => {
    await gone(POOL, pool('sa', pw, 'jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB').replace('name="Platform_MSSQL_Pool">', '>\r\n<name>Platform<![CDATA[ pool</name>'));
    await gone(POOL, pool('sa', `<![CDATA[${pw}`, 'jdbc:sqlserver://db.example.com:1433;databaseName=eGActiveDB'));
  });

  void test("a partner's password quoted by a cross-file finding (input.properties against the pool file) is masked", () => {
    const logs: string[] = [];
    const svc = new EceLanguageService({ log: (m) => logs.push(m) });
    const model = new WorkspaceModel((uri, text) => svc.kindOf(uri, text, S));
    const poolUri = 'file:///h/eService/installation/dataaccess/egpl_ds_connpool_map.xml';
    const inpUri = 'file:///h/UpdateDBIndexStats/input.properties';
    model.update(poolUri, pool('sa', 'x', `jdbc:sqlserver://sa:${pw}@db.example.com:1433;databaseName=eGActiveDB`));
    const inp = 'ACTIVE_DATABASE_URL=jdbc:sqlserver://other.example.com:1433;databaseName=eGActiveDB\r\nACTIVE_USER=sa\r\nACTIVE_PASS=p\r\n';
    model.update(inpUri, inp);
    svc.setWorkspace(model);
    const diags = svc.diagnostics(TextDocument.create(inpUri, 'plaintext', 1, inp), S);
    assert.ok(diags.some((d) => d.code === 'indexstats/url-differs-from-connpool'), diags.map((d) => String(d.code)).join(', '));
    for (const d of diags) assert.ok(!d.message.includes(pw), d.message);
  });
});

void describe('client trace redaction', () => {
  void test('document text and edits are replaced by their length; passwords elsewhere are masked', async () => {
    const { redactTrace } = await import('../../client/src/redact');
    const didOpen = JSON.stringify({ textDocument: { uri: 'file:///x/input.properties', version: 1, text: 'ACTIVE_PASS=Hunter2Xq\r\nA=1' } }, null, 4);
    const out = redactTrace(`Params: ${didOpen}`);
    assert.doesNotMatch(out, /Hunter2Xq/);
    assert.match(out, /"text": "<26 characters not shown>"/);
    assert.match(out, /"uri": "file:\/\/\/x\/input\.properties"/);
    const edit = redactTrace('{"range":{},"newText":"jdbc:sqlserver://db;password=Hunter2Xq"}');
    assert.doesNotMatch(edit, /Hunter2Xq/);
    for (const s of ['jdbc:sqlserver://db;password={a;b}};databaseName=x', '<Password egid="1">Hunter2Xq</Password>', 'SSIS_USER_PASSWORD=Hunter2Xq', 'https://admin:Hunter2Xq@web.example.com/x']) {
      assert.doesNotMatch(redactTrace(s), /Hunter2Xq|a;b/, s);
    }
    assert.equal(redactTrace('[Trace - 10:00:00] Received response \'textDocument/hover\' in 3ms.'), "[Trace - 10:00:00] Received response 'textDocument/hover' in 3ms.");
  });
});
