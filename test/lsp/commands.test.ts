/** The custom requests behind the client's commands, over a real stdio connection. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/service/core/text';
import type { OffsetEdit } from '../../server/src/service/core/types';
import { webconfigKind, restrictFramingEdits } from '../../server/src/service/kinds/webconfig/kind';
import { parseXml } from '../../server/src/service/parse/xml';
import { startClient, type TestClient } from './client';

const WEB_CONFIG = readFileSync(path.resolve(__dirname, '../fixtures/webconfig/ece-site-web.config'), 'utf8');

describe('command requests', () => {
  let c: TestClient;
  before(async () => {
    c = await startClient({});
  });
  after(async () => {
    await c.close();
  });

  test('gadget tab: validation refuses a scheme, a path and an IP; build matches indentation and CRLF', async () => {
    for (const bad of ['https://ece.example.com', 'ece.example.com/system', '10.1.2.3']) {
      const msg = await c.conn.sendRequest('ece/gadgetTab/validate', { host: bad });
      assert.equal(typeof msg, 'string', bad);
    }
    assert.equal(await c.conn.sendRequest('ece/gadgetTab/validate', { host: 'ece.example.com' }), null);
    const text = '<tabs>\r\n\t\t<tab>\r\n\t\t\t<id>x</id>\r\n\t\t</tab>\r\n\t\t\r\n</tabs>\r\n';
    const offset = text.indexOf('\t\t\r\n</tabs>') + 2;
    const r = (await c.conn.sendRequest('ece/gadgetTab/build', { kind: 'ece', host: 'ece.example.com', text, offset })) as { edit: { start: number; end: number; newText: string } };
    assert.equal(
      text.slice(0, r.edit.start) + r.edit.newText + text.slice(r.edit.end),
      '<tabs>\r\n\t\t<tab>\r\n\t\t\t<id>x</id>\r\n\t\t</tab>\r\n\t\t<tab>\r\n\t\t\t<id>ece</id>\r\n\t\t\t<label>ECE</label>\r\n\t\t\t<gadgets>\r\n\t\t\t\t<gadget>https://ece.example.com/system/templates/finesse/gadget/agent/ece.xml</gadget>\r\n\t\t\t</gadgets>\r\n\t\t</tab>\r\n</tabs>\r\n',
    );
    const bad = (await c.conn.sendRequest('ece/gadgetTab/build', { kind: 'solve', host: 'ece.example.com', text, offset })) as { error?: string };
    assert.match(bad.error ?? '', /context root/i);
  });

  test('restrict framing: one edit for every wsname= occurrence, nothing else touched', async () => {
    const uri = 'file:///C:/inetpub/ece/web.config';
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: WEB_CONFIG } });
    await c.waitForDiagnostics(uri, (x) => x.version === 1);
    assert.match((await c.conn.sendRequest('ece/restrictFraming/validate', { domains: 'https://x.com/' })) as string, /./);
    const r = (await c.conn.sendRequest('ece/restrictFraming', { uri, domains: 'domain1.com, domain2.com' })) as { edit: WorkspaceEdit; count: number };
    // The fixture has four wsname= patterns (the fifth wsname= is the rewrite's value, not a pattern).
    assert.equal(r.count, 4);
    const edits = (r.edit.documentChanges![0] as TextDocumentEdit).edits;
    assert.equal(edits.length, 4);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, WEB_CONFIG), edits);
    // The same text the service computes, and inside an attribute the terminator's & is written &amp;: a raw & would
    // make web.config ill-formed XML, which IIS refuses to load.
    const expected = applyEdits(WEB_CONFIG, restrictFramingEdits(webconfigKind.parse(TextDocument.create(uri, 'xml', 1, WEB_CONFIG)).model, 'domain1.com, domain2.com') as OffsetEdit[]);
    assert.equal(after, expected);
    assert.equal(after.split('([a-z0-9-]+\\.)*(domain1\\.com|domain2\\.com)(&amp;|%26|\\$)').length - 1, 4);
    assert.deepEqual(parseXml(after).problems, []);
    // Outside the edited spans, every byte is the same.
    let rest = after;
    for (const e of edits) rest = rest.replace(e.newText, '');
    const doc = TextDocument.create(uri, 'xml', 1, WEB_CONFIG);
    let orig = WEB_CONFIG;
    for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
      orig = orig.slice(0, doc.offsetAt(e.range.start)) + orig.slice(doc.offsetAt(e.range.end));
    }
    assert.equal(rest, orig);
  });
});
