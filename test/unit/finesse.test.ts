import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, type Settings } from '../../server/src/service/core/settings';
import { EMPTY_WORKSPACE, type FixProposal } from '../../server/src/service/core/types';
import { applyEdits } from '../../server/src/service/core/text';
import { findingsOf, makeService } from './helpers';
import { finesseKind } from '../../server/src/service/kinds/finesse/kind';
import { buildGadgetTab, detectIndentUnit, gadgetTabInsertion } from '../../server/src/service/kinds/finesse/insertTab';
import { rootElement } from '../../server/src/service/kinds/finesse/scan';
import { readFinesseTree } from '../../server/src/service/kinds/finesse/tree';

interface Diag {
  id: string;
  start: number;
  end: number;
  message: string;
  fixes: FixProposal[];
}

const FIX = join(__dirname, '..', 'fixtures', 'finesse');
const URI = 'file:///C:/ECE/eService/templates/finesse/gadget/layout/agent.xml';
const LB = 'ecelb.example.com';

function settingsWith(over: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...over };
}

/** Runs the language service (kind detection by name and content, parser, rules, settings) on a text. */
function check(text: string, settings: Settings = settingsWith(), uri = URI): Diag[] {
  return findingsOf(text, uri, settings, 'xml');
}


const ids = (d: Diag[]): string[] => d.map((x) => x.id);

function only(d: Diag[], id: string): Diag {
  const hits = d.filter((x) => x.id === id);
  assert.equal(hits.length, 1, `expected one ${id}, got ${JSON.stringify(d.map((x) => [x.id, x.start, x.message]))}`);
  return hits[0]!;
}

const at = (text: string, needle: string, from = 0): number => {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `needle ${needle} not found`);
  return i;
};

const LAYOUT = readFileSync(join(FIX, 'default-layout.xml'), 'utf8');
const ECE_URL = 'https://ece.example.com/system/templates/finesse/gadget/agent/ece.xml';

/** A small CRLF fragment with a comment, as ECE ships `agent.xml`. */
const TAB = (url: string, id = 'ece'): string =>
  '<!-- ECE tab for the Finesse desktop layout -->\r\n' +
  '<tab>\r\n' +
  `\t<id>${id}</id>\r\n` +
  '\t<label>ECE</label>\r\n' +
  '\t<!-- one gadget -->\r\n' +
  '\t<gadgets>\r\n' +
  `\t\t<gadget>${url}</gadget>\r\n` +
  '\t</gadgets>\r\n' +
  '</tab>\r\n';

void describe('finesse scans', () => {
  void test('bare ampersands are masked for the XML parser: the first other error still shows, values keep "&"', () => {
    const t = '<gadgets x="1&2">a&amp;b&#38;c&#x26;d&e &lt;<!-- & --><![CDATA[ & ]]>&<gadget>/a?b&c</gadget><oops></gadgets>';
    const tree = readFinesseTree(t);
    assert.deepEqual(tree.bareAmpersands, [13, at(t, '&e'), at(t, '&<gadget'), at(t, '&c<')]);
    assert.equal(tree.problems.length, 1);
    assert.equal(tree.problems[0]!.ruleId, 'xml/not-well-formed');
    assert.equal(tree.problems[0]!.start, at(t, '<oops>'));
    assert.equal(tree.roots[0]!.attrs[0]!.value.text, '1&2');
    assert.equal(tree.roots[0]!.children[0]!.content!.text, '/a?b&c');
  });

  void test('several fragment roots side by side are accepted', () => {
    const t = '<tab><id>a</id></tab>\r\n<tab><id>b</id></tab>\r\n';
    assert.deepEqual(readFinesseTree(t).problems, []);
    assert.equal(readFinesseTree('<tab/><other/>').problems.length, 1);
  });

  void test('root element and namespace', () => {
    assert.deepEqual(rootElement(LAYOUT), { name: 'finesseLayout', xmlns: 'http://www.cisco.com/vtg/finesse' });
    assert.deepEqual(rootElement('\uFEFF<!-- c -->\r\n<tab>'), { name: 'tab' });
    assert.equal(rootElement('hello'), undefined);
  });

  void test('claims Finesse layouts and fragments, not other XML', () => {
    const claims = finesseKind.claims!;
    assert.equal(claims(LAYOUT), true);
    assert.equal(claims(TAB(ECE_URL)), true);
    assert.equal(claims('<gadgets><gadget>/x</gadget></gadgets>'), true);
    assert.equal(claims('<configuration><system.webServer/></configuration>'), false);
    assert.equal(claims('<finesseLayout xmlns="urn:other"/>'), false);
  });
});

void describe('finesse layouts: no false alarm', () => {
  void test('the full default-style layout (CRLF, comments, many tabs and attributes) gives no diagnostic', () => {
    assert.ok(LAYOUT.includes('\r\n'));
    assert.deepEqual(check(LAYOUT), []);
    assert.deepEqual(check(LAYOUT, settingsWith({ loadBalancerHost: 'ECE.example.com' })), []);
  });

  void test('the same layout with URLs wrapped for display gives only gadget-url-whitespace, on those URLs', () => {
    const wrapped = LAYOUT.replace(/(gadgetHeight=2[78]\d&amp;)/g, '$1\r\n                                ');
    const d = check(wrapped);
    assert.equal(d.length, 3);
    for (const x of d) {
      assert.equal(x.id, 'finesse/gadget-url-whitespace');
      const url = wrapped.slice(x.start, x.end);
      assert.match(url, /^https:\/\/cuic\.example\.com:8444\/cuic\/gadget\/LiveData\/LiveDataGadget\.jsp\?gadgetHeight=2[78]\d&amp;\r\n +viewId=/);
      assert.equal(wrapped.slice(x.end, x.end + 9), '</gadget>');
    }
    // fixing them all gives back the original bytes
    assert.equal(applyEdits(wrapped, d.flatMap((x) => x.fixes[0]!.edits)), LAYOUT);
  });
});

void describe('finesse rules', () => {
  void test('finesse/unescaped-ampersand replaces the generic XML error, with an exact &amp; fix', () => {
    const url = 'https://cuic.example.com:8444/cuic/gadget/LiveData/LiveDataGadget.jsp?gadgetHeight=310&viewId=1&filterId=2';
    const text = TAB(url);
    const d = check(text);
    assert.deepEqual(ids(d), ['finesse/unescaped-ampersand', 'finesse/unescaped-ampersand']);
    assert.equal(d[0]!.start, at(text, '&viewId'));
    assert.equal(d[0]!.end, d[0]!.start + 1);
    assert.equal(d[1]!.start, at(text, '&filterId'));
    assert.equal(applyEdits(text, d[0]!.fixes[0]!.edits), TAB(url.replace('&viewId', '&amp;viewId')));
    assert.equal(applyEdits(text, d.flatMap((x) => x.fixes[0]!.edits)), TAB(url.replace(/&/g, '&amp;')));
    assert.equal(d[0]!.fixes[0]!.safe, true);
  });

  void test('finesse/unescaped-ampersand in an attribute value; other rules still see the rest of the file', () => {
    const text = LAYOUT.replace('value="Contact Center Desktop"', 'value="Sales & Service"').replace(
      '<id>queueData</id>',
      '<id>queue Data</id>',
    );
    const d = check(text);
    assert.deepEqual(ids(d), ['finesse/unescaped-ampersand', 'finesse/invalid-tab-id']);
    assert.equal(d[0]!.start, at(text, '& Service'));
  });

  void test('finesse/placeholder-not-replaced: exact ranges; fixes from settings only when set', () => {
    const url = 'https://EGAIN_WEBSERVER_OR_LOADBALANCER/CONTEXT_ROOT/finesse/gadget/solve.xml';
    const text = TAB(url, 'solve');
    const none = check(text);
    assert.deepEqual(ids(none), ['finesse/placeholder-not-replaced', 'finesse/placeholder-not-replaced']);
    assert.equal(none[0]!.start, at(text, 'EGAIN_'));
    assert.equal(none[0]!.end, none[0]!.start + 'EGAIN_WEBSERVER_OR_LOADBALANCER'.length);
    assert.equal(none[1]!.start, at(text, 'CONTEXT_ROOT'));
    assert.deepEqual(none[0]!.fixes, []);
    const d = check(text, settingsWith({ loadBalancerHost: LB, solve: { contextRoot: 'kb' } }));
    assert.equal(
      applyEdits(text, d.flatMap((x) => x.fixes[0]!.edits)),
      TAB(`https://${LB}/kb/finesse/gadget/solve.xml`, 'solve'),
    );
  });

  void test('finesse/gadget-url-whitespace: spaces and a CRLF line break; fix removes only them', () => {
    const text = TAB('https://ece.example.com/system/templates/finesse/\r\n\t\t\tgadget/agent/ ece.xml');
    const d = only(check(text), 'finesse/gadget-url-whitespace');
    assert.equal(d.start, at(text, 'https://'));
    assert.equal(d.end, at(text, '</gadget>'));
    assert.match(d.message, /wrapped/);
    assert.equal(d.fixes[0]!.edits.length, 2);
    assert.equal(applyEdits(text, d.fixes[0]!.edits), TAB(ECE_URL));
    // leading and trailing white space around the URL is not reported
    assert.deepEqual(check(TAB(`\r\n\t\t\t${ECE_URL}\r\n\t\t`)), []);
  });

  void test('finesse/gadget-url-not-https', () => {
    const text = TAB(ECE_URL.replace('https', 'http'));
    const d = only(check(text), 'finesse/gadget-url-not-https');
    assert.equal(d.start, at(text, 'http://'));
    assert.equal(d.end, d.start + 4);
    assert.equal(applyEdits(text, d.fixes[0]!.edits), TAB(ECE_URL));
  });

  void test('finesse/ece-gadget-host: only with the setting; case-insensitive; fix sets the host', () => {
    const text = TAB(ECE_URL);
    assert.deepEqual(check(text), []);
    assert.deepEqual(check(text, settingsWith({ loadBalancerHost: 'ECE.EXAMPLE.COM' })), []);
    const d = only(check(text, settingsWith({ loadBalancerHost: LB })), 'finesse/ece-gadget-host');
    assert.equal(d.start, at(text, 'ece.example.com'));
    assert.equal(d.end, d.start + 'ece.example.com'.length);
    assert.equal(applyEdits(text, d.fixes[0]!.edits), TAB(ECE_URL.replace('ece.example.com', LB)));
    // other gadgets are not concerned
    assert.deepEqual(check(LAYOUT.replace(/ece\.example\.com/g, LB), settingsWith({ loadBalancerHost: LB })), []);
  });

  void test('finesse/duplicate-gadget-id within one layout (not across roles)', () => {
    const text = LAYOUT.replace('<gadget hidden="true">', '<gadget hidden="true" id="agent-stats">');
    const d = only(check(text), 'finesse/duplicate-gadget-id');
    const second = at(text, 'id="agent-stats">/desktop');
    assert.equal(d.start, second + 4);
    assert.equal(d.end, second + 4 + 'agent-stats'.length);
    // the same id in the Agent and the Supervisor layout is fine
    const across = LAYOUT.replace('<gadget id="agent-stats" maxRows="10">', '<gadget id="team-performance" maxRows="10">');
    assert.deepEqual(check(across), []);
  });

  void test('finesse/unknown-managed-by (whole layouts only)', () => {
    const text = LAYOUT.replace('managedBy="team-performance"', 'managedBy="team-perfomance"');
    const d = only(check(text), 'finesse/unknown-managed-by');
    assert.equal(d.start, at(text, 'team-perfomance'));
    assert.equal(d.end, d.start + 'team-perfomance'.length);
    assert.deepEqual(check('<gadgets>\r\n<gadget managedBy="x">/desktop/a.js</gadget>\r\n</gadgets>'), []);
  });

  void test('finesse/too-many-layouts flags the fourth layout', () => {
    const block = LAYOUT.slice(at(LAYOUT, '    <layout>'), at(LAYOUT, '</finesseLayout>'));
    const text = LAYOUT.replace('</finesseLayout>', block + '</finesseLayout>');
    const d = only(check(text), 'finesse/too-many-layouts');
    let pos = -1;
    for (let k = 0; k < 4; k++) pos = at(text, '<layout>', pos + 1);
    assert.equal(d.start, pos + 1);
    assert.equal(d.end, pos + 1 + 'layout'.length);
  });

  void test('finesse/invalid-tab-id: exact range of the id text', () => {
    for (const bad of ['my tab', '1ece', 'ece/tab']) {
      const text = TAB(ECE_URL, bad);
      const d = only(check(text), 'finesse/invalid-tab-id');
      assert.equal(d.start, at(text, bad));
      assert.equal(d.end, d.start + bad.length);
    }
    const empty = TAB(ECE_URL, '');
    const d = only(check(empty), 'finesse/invalid-tab-id');
    assert.equal(empty.slice(d.start, d.end), 'id');
  });

  void test('finesse/duplicate-tab-id: the second tab with the same id in one layout; other role layouts may share it', () => {
    // a fragment with the ECE tab pasted twice (blanks around the id ignored)
    const text = TAB(ECE_URL) + '\r\n' + TAB(ECE_URL, ' ece ');
    const d = only(check(text), 'finesse/duplicate-tab-id');
    const second = text.indexOf('ece', text.indexOf('<id>', text.indexOf('<id>') + 1));
    assert.deepEqual([d.start, d.end], [second, second + 3]);
    assert.match(d.message, /^Another tab of this layout already has the id "ece" \(line 3\)/);
    // the shipped layout has <id>ece</id> in the Agent and in the Supervisor layout: no finding
    assert.deepEqual(check(LAYOUT).filter((x) => x.id === 'finesse/duplicate-tab-id'), []);
    // different ids: no finding
    assert.deepEqual(check(TAB(ECE_URL) + '\r\n' + TAB(ECE_URL, 'ece2')).filter((x) => x.id === 'finesse/duplicate-tab-id'), []);
  });

  void test('hover on a gadget URL: what it is, host and path', async () => {
    const text = TAB(ECE_URL);
    const parsed = finesseKind.parse(TextDocument.create(URI, 'xml', 1, text));
    const off = at(text, 'finesse/gadget');
    const h = await finesseKind.hover!(parsed.model, off, {
      uri: URI,
      settings: settingsWith({ loadBalancerHost: LB }),
      workspace: EMPTY_WORKSPACE,
      host: { log: () => undefined },
    });
    assert.ok(h);
    assert.equal(h.start, at(text, ECE_URL));
    assert.equal(h.end, h.start + ECE_URL.length);
    assert.match(h.contents.value, /ECE agent gadget/);
    assert.match(h.contents.value, /Host: `ece\.example\.com`/);
    assert.match(h.contents.value, /Path: `\/system\/templates\/finesse\/gadget\/agent\/ece\.xml`/);
    assert.match(h.contents.value, /ecelb\.example\.com/);
  });
});

/** Expands a snippet body: tab stops get real values (host, context root), others keep their defaults. */
function expandSnippet(body: string[], eol: string, indent: string): string {
  const values = new Map<string, string>();
  const real = (def: string): string => (def === 'EGAIN_WEBSERVER_OR_LOADBALANCER' ? LB : def === 'CONTEXT_ROOT' ? 'kb' : def);
  let text = body.join('\n');
  text = text.replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string, def: string) => {
    const v = real(def);
    values.set(n, v);
    return v;
  });
  text = text.replace(/\$(\d+)/g, (_m, n: string) => values.get(n) ?? '');
  return text.replace(/\t/g, indent).replace(/\n/g, eol);
}

void describe('snippets and the Insert Finesse Gadget Tab command produce XML our rules accept', () => {
  const snippets = JSON.parse(readFileSync(join(__dirname, '..', '..', 'snippets', 'finesse.code-snippets'), 'utf8')) as Record<
    string,
    { scope: string; prefix: string[]; body: string[] }
  >;

  void test('the snippet file has the five expected snippets, for xml', () => {
    assert.deepEqual(Object.keys(snippets).sort(), ['Finesse Cobrowse tab', 'Finesse ECE tab', 'Finesse Solve tab', 'Finesse gadget', 'Finesse layout']);
    for (const s of Object.values(snippets)) assert.equal(s.scope, 'xml');
  });

  for (const [name, s] of Object.entries(snippets)) {
    void test(`snippet "${name}" with real values is valid (CRLF and LF)`, () => {
      const settings = settingsWith({ loadBalancerHost: LB, solve: { contextRoot: 'kb' } });
      for (const [eol, indent] of [['\r\n', '    '], ['\n', '\t']] as const) {
        const text = '<!-- inserted -->' + eol + expandSnippet(s.body, eol, indent) + eol;
        assert.deepEqual(check(text, settings), [], text);
      }
    });
    void test(`snippet "${name}" left with its placeholders is caught`, () => {
      const raw = s.body.join('\r\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, 'EGAIN_WEBSERVER_OR_LOADBALANCER');
      assert.ok(check(raw).some((d) => d.id === 'finesse/placeholder-not-replaced'));
    });
  }

  void test('gadgetTabInsertion: at the start of a blank-indented line, mid-line, and between tags', () => {
    const s = settingsWith({ solve: { contextRoot: 'kb' } });
    const tabsOpen = at(LAYOUT, '<tabs>\r\n') + '<tabs>'.length; // right after <tabs>, text follows on the next line
    const cursors = [
      at(LAYOUT, '            <tab>\r\n                <id>ece</id>') + 12, // before <tab>, after its indentation
      tabsOpen,
      at(LAYOUT, '<tab>\r\n                <id>ece</id>'), // same place, but as the start of <tab>
    ];
    for (const cursor of cursors) {
      for (const kind of ['ece', 'solve', 'cobrowse'] as const) {
        const e = gadgetTabInsertion(LAYOUT, cursor, { kind, host: 'ece.example.com', contextRoot: 'kb' });
        const text = LAYOUT.slice(0, e.start) + e.newText + LAYOUT.slice(e.end);
        // This Agent layout already has the ECE tab: inserting it again gives a second <id>ece</id>. The later of the
        // two in the file is reported: the existing one (shifted by the insertion) when the new tab goes before it.
        const existing = LAYOUT.indexOf('<id>ece</id>') + '<id>'.length;
        const inserted = e.start + e.newText.indexOf('<id>ece</id>') + '<id>'.length;
        const later = e.start <= existing ? existing + e.newText.length - (e.end - e.start) : inserted;
        const expected = kind === 'ece' ? [{ id: 'finesse/duplicate-tab-id', start: later, end: later + 3 }] : [];
        assert.deepEqual(check(text, s).map((d) => ({ id: d.id, start: d.start, end: d.end })), expected, text.slice(cursor - 40, cursor + e.newText.length + 40));
        assert.ok(!/\n(?!\r)|[^\r]\n/.test(e.newText.replace(/\r\n/g, '')), 'only CRLF line breaks');
        assert.ok(e.newText.includes('\r\n                <id>'), 'indented like its siblings');
      }
    }
    const lf = '<tabs>\n  <tab><id>a</id><label>A</label><gadgets><gadget>/x.xml</gadget></gadgets></tab>\n</tabs>\n';
    const e = gadgetTabInsertion(lf, lf.indexOf('</tabs>'), { kind: 'ece', host: 'ece.example.com' });
    assert.equal(
      lf.slice(0, e.start) + e.newText + lf.slice(e.end),
      '<tabs>\n  <tab><id>a</id><label>A</label><gadgets><gadget>/x.xml</gadget></gadgets></tab>\n' +
        '<tab>\n  <id>ece</id>\n  <label>ECE</label>\n  <gadgets>\n    <gadget>https://ece.example.com/system/templates/finesse/gadget/agent/ece.xml</gadget>\n  </gadgets>\n</tab>\n</tabs>\n',
    );
  });

  for (const kind of ['ece', 'solve', 'cobrowse'] as const) {
    void test(`buildGadgetTab(${kind}) inserted into a whole CRLF layout is valid`, () => {
      const cursor = at(LAYOUT, '            <tab>\r\n                <id>my.History-2</id>') + 12;
      const built = buildGadgetTab({
        kind,
        host: LB,
        contextRoot: 'kb',
        indent: detectIndentUnit(LAYOUT),
        eol: '\r\n',
        baseIndent: '            ',
      });
      const text = LAYOUT.slice(0, cursor) + built + '\r\n            ' + LAYOUT.slice(cursor);
      assert.deepEqual(check(text, settingsWith({ loadBalancerHost: LB, solve: { contextRoot: 'kb' } })).map((x) => x.id), [
        // the layout's own ECE tabs still point at ece.example.com
        'finesse/ece-gadget-host',
        // the Agent layout already has a tab <id>ece</id>: the second one is a duplicate
        ...(kind === 'ece' ? ['finesse/duplicate-tab-id'] : []),
        'finesse/ece-gadget-host',
      ]);
      assert.deepEqual(check(built), []);
      assert.ok(text.includes('            <tab>\r\n                <id>' + (kind === 'ece' ? 'ece' : kind) + '</id>'));
    });
  }
});

void describe('finesse through the service: BOM, fix-all, suppression, hover', () => {
  void test('a BOM + CRLF file: unescaped & fix is byte-exact and fix-all applies only safe fixes', () => {
    const url = 'https://cuic.example.com:8444/cuic/gadget/LiveData/LiveDataGadget.jsp?a=1&b=2';
    const text = '\uFEFF' + TAB(url);
    const { service } = makeService();
    const s = settingsWith({ loadBalancerHost: LB });
    const d = service.analyze(TextDocument.create(URI, 'xml', 1, text), s)!;
    assert.deepEqual(d.findings.map((f) => f.ruleId), ['finesse/unescaped-ampersand']);
    assert.equal(d.findings[0]!.start, at(text, '&b=2'));
    const fixed = applyEdits(text, service.fixAllEdits(TextDocument.create(URI, 'xml', 1, text), s));
    assert.equal(fixed, '\uFEFF' + TAB(url.replace('&b', '&amp;b')));
  });

  void test('fix-all joins a wrapped URL and escapes its & in one go; unsafe fixes are left alone', () => {
    const text = TAB('http://ece.example.com/system/templates/finesse/\r\n\t\t\tgadget/agent/ece.xml?x=1&y=2');
    const { service } = makeService();
    const doc = TextDocument.create(URI, 'xml', 1, text);
    const s = settingsWith({ loadBalancerHost: LB });
    assert.deepEqual(service.analyze(doc, s)!.findings.map((f) => f.ruleId).sort(), [
      'finesse/ece-gadget-host',
      'finesse/gadget-url-not-https',
      'finesse/gadget-url-whitespace',
      'finesse/unescaped-ampersand',
    ]);
    const fixed = applyEdits(text, service.fixAllEdits(doc, s));
    assert.equal(fixed, TAB('http://ece.example.com/system/templates/finesse/gadget/agent/ece.xml?x=1&amp;y=2'));
  });

  void test('suppression comment silences one rule on the next line', () => {
    const text = TAB(ECE_URL, 'my tab').replace('\t<id>', '\t<!-- ece-disable-next-line finesse/invalid-tab-id -->\r\n\t<id>');
    assert.deepEqual(check(text), []);
  });

  void test('outline: layouts by role, tabs by id, gadgets by kind', () => {
    const { service } = makeService();
    const syms = service.symbols(TextDocument.create(URI, 'xml', 1, LAYOUT), settingsWith());
    assert.deepEqual(syms.map((s) => s.name), ['Agent layout', 'Supervisor layout']);
    assert.deepEqual(syms[0]!.children!.map((s) => s.name), ['Finesse built-in gadget', 'homeTab', 'ece', 'my.History-2']);
    assert.deepEqual(syms[0]!.children![2]!.children!.map((s) => [s.name, s.detail]), [['ECE agent gadget', ECE_URL]]);
    const frag = service.symbols(TextDocument.create(URI, 'xml', 1, TAB(ECE_URL)), settingsWith());
    assert.deepEqual(frag.map((s) => s.name), ['ece']);
  });

  void test('hover through the service', async () => {
    const text = TAB(ECE_URL);
    const { service } = makeService();
    const doc = TextDocument.create(URI, 'xml', 1, text);
    const h = await service.hover(doc, doc.positionAt(at(text, 'agent/ece.xml')), settingsWith());
    assert.ok(h);
    assert.match(JSON.stringify(h.contents), /ECE agent gadget/);
  });

  void test('other XML files and half-typed layouts are handled without a throw', () => {
    for (const t of ['', '<', '<tab>', '<tab><id>x</id><gadgets><gadget>https://a.example.com/&', '<finesseLayout xmlns="http://www.cisco.com/vtg/finesse"><layout>']) {
      const { service } = makeService();
      service.analyze(TextDocument.create(URI, 'xml', 1, t), settingsWith());
    }
    const half = '<tab><id>x</id><gadgets><gadget>https://a.example.com/?a&b</gadget>';
    const d = check(half);
    assert.deepEqual(ids(d).sort(), ['finesse/unescaped-ampersand', 'xml/not-well-formed']);
  });
});
