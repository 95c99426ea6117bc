import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, type Settings } from '../../server/src/service/core/settings';
import { EMPTY_WORKSPACE, type FixProposal } from '../../server/src/service/core/types';
import { applyEdits } from '../../server/src/service/core/text';
import { findingsOf, makeService } from './helpers';
import { eceJsKind } from '../../server/src/service/kinds/ecejs/kind';
import { parseJavaScript } from '../../server/src/service/parse/javascript';

interface Diag {
  id: string;
  start: number;
  end: number;
  message: string;
  fixes: FixProposal[];
}

const URI = 'file:///C:/ECE/eService/templates/finesse/gadget/agent/ece_config.js';
const SPOG_URI = 'file:///C:/ECE/eService/templates/finesse/gadget/spog/spog_config.js';

function settingsWith(over: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...over };
}

/** Runs the language service (kind detection by name and content, parser, rules, settings) on a text. */
function check(text: string, settings: Settings = settingsWith(), uri = URI): Diag[] {
  return findingsOf(text, uri, settings, 'javascript');
}


function ids(d: Diag[]): string[] {
  return d.map((x) => x.id);
}

function only(d: Diag[], id: string): Diag {
  const hits = d.filter((x) => x.id === id);
  assert.equal(hits.length, 1, `expected one ${id}, got ${JSON.stringify(ids(d))}`);
  return hits[0]!;
}

const at = (text: string, needle: string, from = 0): number => {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `needle ${needle} not found`);
  return i;
};

// A realistic file: BOM, header comment, CRLF, tabs, trailing comment.
const GOOD =
  '\uFEFF/* ECE Finesse gadget configuration */\r\n' +
  '// edited by the admin\r\n' +
  'var web_server_protocol = "https";\t// must be https\r\n' +
  'var web_server_name = "ece.massivedynamic.com";\r\n' +
  'var\tother_setting = 42;\r\n';

void describe('parse/javascript', () => {
  void test('finds var, let, const, assignments, window.x, computed and object keys with exact value ranges', () => {
    const text =
      "var web_server_name = 'a.example.com';\n" +
      'let web_server_protocol = `https`;\n' +
      'web_server_name = "b.example.com";\n' +
      'window.web_server_name = "c.example.com";\n' +
      'cfg["web_server_protocol"] = "http";\n' +
      'var o = { web_server_name: "d.example.com" };\n' +
      'const web_server_protocol2 = "x";\n';
    const r = parseJavaScript(text, ['web_server_name', 'web_server_protocol']);
    assert.equal(r.ok, true);
    assert.deepEqual(
      r.bindings.map((b) => [b.name, b.form, b.string?.value, b.string?.quote, text.slice(b.string!.start, b.string!.end)]),
      [
        ['web_server_name', 'var', 'a.example.com', "'", 'a.example.com'],
        ['web_server_protocol', 'let', 'https', '`', 'https'],
        ['web_server_name', 'assign', 'b.example.com', '"', 'b.example.com'],
        ['web_server_name', 'assign', 'c.example.com', '"', 'c.example.com'],
        ['web_server_protocol', 'assign', 'http', '"', 'http'],
        ['web_server_name', 'property', 'd.example.com', '"', 'd.example.com'],
      ],
    );
    const a = r.bindings[0]!;
    assert.equal(a.string!.start, at(text, 'a.example.com'));
    assert.equal(a.string!.literalStart, at(text, "'a.example"));
    assert.equal(a.topLevel, true);
    assert.equal(r.bindings[5]!.topLevel, false);
  });

  void test('a template literal with an expression is not a plain string', () => {
    const r = parseJavaScript('var web_server_name = `${h}.example.com`;', ['web_server_name']);
    assert.equal(r.bindings.length, 1);
    assert.equal(r.bindings[0]!.string, undefined);
  });

  void test('syntax error at acorn\'s exact offset, never a throw', () => {
    const text = 'var web_server_protocol = "https";\r\nvar = ;\r\n';
    const r = parseJavaScript(text, ['web_server_protocol']);
    assert.equal(r.ok, false);
    assert.equal(r.problems.length, 1);
    const p = r.problems[0]!;
    assert.equal(p.ruleId, 'js/syntax-error');
    assert.equal(p.start, at(text, '= ;'));
    assert.equal(p.end, p.start + 1);
    assert.match(p.message, /Unexpected token/);
    assert.doesNotMatch(p.message, /\(\d+:\d+\)/);
    // The tokens before the error still give the binding.
    assert.equal(r.bindings.length, 1);
    assert.equal(r.bindings[0]!.string!.value, 'https');
  });

  void test('unterminated string and unexpected end of input', () => {
    const t1 = 'var web_server_name = "abc\r\n';
    const p1 = parseJavaScript(t1).problems[0]!;
    assert.equal(p1.start, at(t1, '"abc'));
    const t2 = 'function f() {';
    const p2 = parseJavaScript(t2).problems[0]!;
    assert.equal(p2.start, t2.length - 1);
    assert.equal(p2.end, t2.length);
  });

  void test('hash-bang, top-level return and module syntax are tolerated', () => {
    assert.equal(parseJavaScript('#!/usr/bin/env node\nreturn 1;').ok, true);
    assert.equal(parseJavaScript('export var web_server_name = "a.b.c";', ['web_server_name']).bindings.length, 1);
  });

  void test('garbage never throws', () => {
    for (const t of ['', '\uFEFF', '"', '`${', '/*', 'var web_server_name =', 'web_server_name: "x"', '\u0000\u0001', '}}}{{{']) {
      const r = parseJavaScript(t, ['web_server_name']);
      assert.ok(Array.isArray(r.problems));
    }
  });
});

void describe('ecejs rules', () => {
  void test('a correct CRLF file with BOM, comments and tabs gives no diagnostic', () => {
    assert.deepEqual(check(GOOD), []);
    assert.deepEqual(check(GOOD, settingsWith({ loadBalancerHost: 'ECE.MassiveDynamic.com' })), []);
    assert.deepEqual(check(GOOD.replace('agent', 'x'), settingsWith(), SPOG_URI), []);
  });

  void test('js/syntax-error is reported with its exact range', () => {
    const text = GOOD + 'var web_server_name = ;\r\n';
    const d = check(text);
    const e = only(d, 'js/syntax-error');
    assert.equal(e.start, at(text, ';', at(text, 'web_server_name = ;')));
    assert.equal(e.end, e.start + 1);
    // no missing-setting noise on a file that does not parse
    assert.ok(!ids(d).includes('ecejs/missing-setting'));
  });

  void test('ecejs/protocol-not-https: range inside the quotes and byte-exact fix on CRLF + BOM', () => {
    const text = GOOD.replace('"https"', '"http"');
    const d = only(check(text), 'ecejs/protocol-not-https');
    assert.equal(d.start, at(text, 'http"'));
    assert.equal(d.end, d.start + 4);
    assert.equal(d.fixes.length, 1);
    assert.equal(applyEdits(text, d.fixes[0]!.edits), GOOD);
    assert.equal(d.fixes[0]!.safe, false);
  });

  void test('ecejs/protocol-not-https: "https://" is fixed safely, single quotes kept, HTTPS accepted', () => {
    const text = "var web_server_protocol = 'https://';\r\nvar web_server_name = 'a.example.com';\r\n";
    const d = only(check(text), 'ecejs/protocol-not-https');
    assert.equal(d.fixes[0]!.safe, true);
    assert.equal(applyEdits(text, d.fixes[0]!.edits), text.replace("'https://'", "'https'"));
    assert.deepEqual(check(text.replace('https://', 'HTTPS')), []);
  });

  void test('ecejs/server-name-has-scheme-or-path: scheme, path and port; fix keeps the host only', () => {
    const text = GOOD.replace('ece.massivedynamic.com', 'https://ece.massivedynamic.com:443/system/');
    const d = only(check(text), 'ecejs/server-name-has-scheme-or-path');
    assert.equal(d.start, at(text, 'https://ece'));
    assert.equal(d.end, at(text, '";', d.start));
    assert.match(d.message, /scheme \(https:\/\/\)/);
    assert.match(d.message, /port \(:443\)/);
    assert.match(d.message, /path \(\/system\/\)/);
    assert.equal(applyEdits(text, d.fixes[0]!.edits), GOOD);
    const onlyPort = GOOD.replace('ece.massivedynamic.com', 'ece.massivedynamic.com:8443');
    assert.deepEqual(ids(check(onlyPort)), ['ecejs/server-name-has-scheme-or-path']);
  });

  void test('ecejs/server-name-is-ip-address (IPv4 and IPv6), not also "not fully qualified"', () => {
    const text = GOOD.replace('ece.massivedynamic.com', '10.10.29.81');
    const d = check(text);
    assert.deepEqual(ids(d), ['ecejs/server-name-is-ip-address']);
    assert.equal(d[0]!.start, at(text, '10.10'));
    assert.equal(d[0]!.end, d[0]!.start + '10.10.29.81'.length);
    assert.deepEqual(ids(check(GOOD.replace('ece.massivedynamic.com', '[fe80::1]'))), ['ecejs/server-name-is-ip-address']);
  });

  void test('ecejs/server-name-not-fully-qualified: short name, localhost, empty', () => {
    for (const v of ['ECEWEB01', 'localhost']) {
      const text = GOOD.replace('ece.massivedynamic.com', v);
      const d = check(text);
      assert.deepEqual(ids(d), ['ecejs/server-name-not-fully-qualified']);
      assert.equal(d[0]!.start, at(text, v));
      assert.equal(d[0]!.end, at(text, v) + v.length);
    }
    const empty = GOOD.replace('"ece.massivedynamic.com"', '""');
    const d = only(check(empty), 'ecejs/server-name-not-fully-qualified');
    assert.equal(d.start, at(empty, '""'));
    assert.equal(d.end, d.start + 2);
  });

  void test('ecejs/server-name-not-load-balancer: case-insensitive compare and fix', () => {
    const lb = settingsWith({ loadBalancerHost: 'ecelb.massivedynamic.com' });
    const d = only(check(GOOD, lb), 'ecejs/server-name-not-load-balancer');
    assert.equal(d.start, at(GOOD, 'ece.massive'));
    assert.equal(d.end, d.start + 'ece.massivedynamic.com'.length);
    assert.equal(applyEdits(GOOD, d.fixes[0]!.edits), GOOD.replace('ece.massivedynamic.com', 'ecelb.massivedynamic.com'));
    assert.deepEqual(check(GOOD.replace('ece.massivedynamic.com', 'ECELB.MassiveDynamic.com'), lb), []);
    // silent without the setting
    assert.deepEqual(check(GOOD), []);
  });

  void test('ecejs/missing-setting: web_server_name inserted after the protocol line, in the file\'s style', () => {
    const text = "\uFEFF// config\r\n\tlet web_server_protocol = 'https'\t// keep\r\n\tlet x = 1\r\n";
    const d = only(check(text, settingsWith({ loadBalancerHost: 'ecelb.example.com' })), 'ecejs/missing-setting');
    assert.equal(d.start, 1);
    assert.equal(d.end, at(text, '\r\n'));
    assert.match(d.message, /web_server_name/);
    assert.equal(
      applyEdits(text, d.fixes[0]!.edits),
      "\uFEFF// config\r\n\tlet web_server_protocol = 'https'\t// keep\r\n\tlet web_server_name = 'ecelb.example.com'\r\n\tlet x = 1\r\n",
    );
  });

  void test('ecejs/missing-setting: web_server_protocol inserted before the name line; at end of file without EOL', () => {
    const text = '/* c */\nvar web_server_name = "a.example.com";';
    const d = only(check(text), 'ecejs/missing-setting');
    assert.equal(applyEdits(text, d.fixes[0]!.edits), '/* c */\nvar web_server_protocol = "https";\nvar web_server_name = "a.example.com";');
    const text2 = 'var web_server_protocol = "https";';
    const d2 = only(check(text2), 'ecejs/missing-setting');
    assert.equal(applyEdits(text2, d2.fixes[0]!.edits), 'var web_server_protocol = "https";\r\nvar web_server_name = "";');
  });

  void test('ecejs/missing-setting: both missing, inserted after the header comments; empty file', () => {
    const text = '// header\r\n// more\r\nvar a = 1;\r\n';
    const d = check(text).filter((x) => x.id === 'ecejs/missing-setting');
    assert.equal(d.length, 2);
    assert.equal(
      applyEdits(text, d[0]!.fixes[0]!.edits).replace(/\r\n/g, '|'),
      '// header|// more|var web_server_protocol = "https";|var a = 1;|',
    );
    assert.equal(
      applyEdits(text, d[1]!.fixes[0]!.edits).replace(/\r\n/g, '|'),
      '// header|// more|var web_server_name = "";|var a = 1;|',
    );
    const empty = check('');
    assert.deepEqual(ids(empty), ['ecejs/missing-setting', 'ecejs/missing-setting']);
    assert.equal(applyEdits('', empty[0]!.fixes[0]!.edits), 'var web_server_protocol = "https";\r\n');
  });

  void test('ecejs/missing-setting: spog_config.js needs only web_server_name', () => {
    assert.deepEqual(check('var web_server_name = "ece.example.com";\r\n', settingsWith(), SPOG_URI), []);
    assert.deepEqual(ids(check('// SPOG\r\n', settingsWith(), SPOG_URI)), ['ecejs/missing-setting']);
  });

  void test('rules still run on bindings seen before a syntax error', () => {
    const text = 'var web_server_protocol = "http";\r\nvar web_server_name = "ece.example.com";\r\nif (\r\n';
    assert.deepEqual(ids(check(text)), ['ecejs/protocol-not-https', 'js/syntax-error']);
  });

  void test('assignments to window.x are checked too', () => {
    const text = 'window.web_server_protocol = "https";\nwindow.web_server_name = "http://a.example.com";\n';
    const d = only(check(text), 'ecejs/server-name-has-scheme-or-path');
    assert.equal(applyEdits(text, d.fixes[0]!.edits), text.replace('http://a', 'a'));
  });

  void test('hover on web_server_name', async () => {
    const doc = TextDocument.create(URI, 'javascript', 1, GOOD);
    const parsed = eceJsKind.parse(doc);
    const off = at(GOOD, 'web_server_name') + 3;
    const h = await eceJsKind.hover!(parsed.model, off, {
      uri: URI,
      settings: settingsWith({ loadBalancerHost: 'lb.example.com' }),
      workspace: EMPTY_WORKSPACE,
      host: { log: () => undefined },
    });
    assert.ok(h);
    assert.equal(h.start, at(GOOD, 'web_server_name'));
    assert.match(h.contents.value, /lb\.example\.com/);
  });
});

void describe('ecejs through the service', () => {
  const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'ecejs', name), 'utf8');

  void test('fixture files: correct ece_config.js and spog_config.js give nothing, even with the load balancer set', () => {
    const lb = settingsWith({ loadBalancerHost: 'ece.example.com' });
    assert.deepEqual(check(fixture('ece_config.js'), lb), []);
    assert.deepEqual(check(fixture('spog_config.js'), lb, SPOG_URI), []);
  });

  void test('fixture file with the usual mistakes: exact diagnostics and fixes', () => {
    const text = fixture('ece_config.broken.js');
    const d = check(text, settingsWith({ loadBalancerHost: 'ece.example.com' }));
    assert.deepEqual(ids(d), ['ecejs/protocol-not-https', 'ecejs/server-name-has-scheme-or-path', 'ecejs/server-name-not-load-balancer']);
    assert.equal(d[1]!.start, at(text, 'https://eceweb01'));
    const fixedHost = applyEdits(text, d[2]!.fixes[0]!.edits);
    const fixedAll = applyEdits(fixedHost, check(fixedHost).find((x) => x.id === 'ecejs/protocol-not-https')!.fixes[0]!.edits);
    assert.equal(
      fixedAll,
      '/* broken copy: protocol left at http, host pasted as a URL */\r\nvar web_server_protocol = "https";\r\nvar web_server_name = "ece.example.com";\r\n',
    );
  });

  void test('suppression comment and rule settings', () => {
    const text = GOOD.replace('"https"', '"http"');
    const suppressed = text.replace('var web_server_protocol', '// ece-disable-next-line ecejs/protocol-not-https\r\nvar web_server_protocol');
    assert.deepEqual(check(suppressed), []);
    assert.deepEqual(check(text, settingsWith({ rules: { 'ecejs/protocol-not-https': 'off' } })), []);
  });

  void test('fix-all applies only the safe fix (keep host only), byte for byte on CRLF + BOM', () => {
    const text = GOOD.replace('"https"', '"http"').replace('ece.massivedynamic.com', 'https://ece.massivedynamic.com/');
    const { service } = makeService();
    const doc = TextDocument.create(URI, 'javascript', 1, text);
    const fixed = applyEdits(text, service.fixAllEdits(doc, settingsWith()));
    assert.equal(fixed, GOOD.replace('"https"', '"http"'));
  });

  void test('spog_config.js is recognised and its load-balancer note is information only', () => {
    const { service } = makeService();
    const a = service.analyze(TextDocument.create(SPOG_URI, 'javascript', 1, GOOD), settingsWith({ loadBalancerHost: 'lb.example.com' }))!;
    assert.deepEqual(a.findings.map((f) => [f.ruleId, f.severity]), [['ecejs/server-name-not-load-balancer', 'information']]);
  });
});
