import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildGadgetTab,
  detectIndentUnit,
  gadgetUrl,
  validateContextRoot,
  validateHost,
} from '../../server/src/service/kinds/finesse/insertTab';
import {
  analyzeGadgetUrl,
  findPlaceholders,
  isValidTabId,
  splitUrl,
} from '../../server/src/service/kinds/shared/gadgetUrl';
import { isFullyQualified } from '../../server/src/service/core/names';
import { isIpLiteral } from '../../server/src/service/core/text';

void describe('gadget URL helpers', () => {
  void test('splitUrl: scheme, host, port, path, relative, IPv6', () => {
    const a = splitUrl('https://ece.example.com:8443/system/x.xml?a=1#f');
    assert.equal(a.scheme, 'https');
    assert.equal(a.host, 'ece.example.com');
    assert.equal(a.hostStart, 8);
    assert.equal(a.hostEnd, 23);
    assert.equal(a.port, '8443');
    assert.equal(a.path, '/system/x.xml');
    assert.equal(a.rest, '/system/x.xml?a=1#f');
    const r = splitUrl('/desktop/scripts/js/callcontrol.js');
    assert.equal(r.relative, true);
    assert.equal(r.host, '');
    assert.equal(r.path, '/desktop/scripts/js/callcontrol.js');
    const v6 = splitUrl('https://[fe80::1]:443/x');
    assert.equal(v6.host, '[fe80::1]');
    assert.equal(v6.port, '443');
    assert.equal(splitUrl('fe80::1').host, 'fe80::1');
    const bare = splitUrl('ece.example.com/system');
    assert.equal(bare.scheme, undefined);
    assert.equal(bare.host, 'ece.example.com');
    assert.equal(bare.rest, '/system');
  });

  void test('analyzeGadgetUrl classifies ECE, Solve, Cobrowse, Finesse and other gadgets', () => {
    assert.equal(analyzeGadgetUrl('https://lb.example.com/system/templates/finesse/gadget/agent/ece.xml').kind, 'ece-agent');
    assert.equal(analyzeGadgetUrl('https://LB.example.com/System/Templates/Finesse/Gadget/Agent/ECE.xml').kind, 'ece-agent');
    assert.equal(analyzeGadgetUrl('https://EGAIN_WEBSERVER_OR_LOADBALANCER/CONTEXT_ROOT/finesse/gadget/solve.xml').kind, 'solve');
    assert.equal(analyzeGadgetUrl('https://h.example.com/kb/finesse/gadget/cobrowse.xml').kind, 'cobrowse');
    assert.equal(analyzeGadgetUrl('/desktop/scripts/js/callcontrol.js').kind, 'finesse');
    assert.equal(analyzeGadgetUrl('/3rdpartygadget/files/x.xml').kind, 'third-party');
    assert.equal(analyzeGadgetUrl('https://cuic.example.com:8444/cuic/gadget/LiveData/LiveDataGadget.jsp?a=1').kind, 'other');
  });

  void test('placeholders, IPs, FQDN, tab ids', () => {
    assert.deepEqual(findPlaceholders('https://EGAIN_WEBSERVER_OR_LOADBALANCER/CONTEXT_ROOT/x'), [
      { name: 'EGAIN_WEBSERVER_OR_LOADBALANCER', start: 8, end: 39 },
      { name: 'CONTEXT_ROOT', start: 40, end: 52 },
    ]);
    assert.deepEqual(findPlaceholders('MY_CONTEXT_ROOT_2'), []);
    assert.equal(isIpLiteral('10.0.0.1'), true);
    assert.equal(isIpLiteral('[::1]'), true);
    assert.equal(isIpLiteral('ece.example.com'), false);
    assert.equal(isFullyQualified('ece'), false);
    assert.equal(isFullyQualified('localhost'), false);
    assert.equal(isFullyQualified('ece.example.com'), true);
    for (const ok of ['ece', 'myStatistics', 'a-b_c:d.e9']) assert.equal(isValidTabId(ok), true, ok);
    for (const bad of ['', '1tab', 'my tab', '-x', 'tab/1', 'é']) assert.equal(isValidTabId(bad), false, bad);
  });
});

void describe('Insert Finesse Gadget Tab (pure part)', () => {
  void test('validateHost refuses scheme, path, port, IP, spaces, placeholder, short names', () => {
    assert.equal(validateHost('ece.example.com'), undefined);
    assert.equal(validateHost('  ECE-LB.Example.com '), undefined);
    assert.match(validateHost('https://ece.example.com')!, /without "http:\/\/" or "https:\/\/"/);
    assert.match(validateHost('ece.example.com/system')!, /without a path/);
    assert.match(validateHost('ece.example.com:443')!, /without a port/);
    assert.match(validateHost('10.1.2.3')!, /not an IP address/);
    assert.match(validateHost('fe80::1')!, /not an IP address/);
    assert.match(validateHost('ece example.com')!, /spaces/);
    assert.match(validateHost('EGAIN_WEBSERVER_OR_LOADBALANCER')!, /Replace/);
    assert.match(validateHost('eceweb')!, /fully qualified/);
    assert.match(validateHost('')!, /Enter/);
    assert.match(validateHost('ece&x.com')!, /only letters/);
  });

  void test('validateContextRoot', () => {
    assert.equal(validateContextRoot('/eGainSolve/'), undefined);
    assert.equal(validateContextRoot('kb/app'), undefined);
    assert.match(validateContextRoot('')!, /context root/);
    assert.match(validateContextRoot('CONTEXT_ROOT')!, /Replace/);
    assert.match(validateContextRoot('a b')!, /only letters/);
  });

  void test('gadgetUrl per kind', () => {
    assert.equal(gadgetUrl('ece', 'lb.example.com'), 'https://lb.example.com/system/templates/finesse/gadget/agent/ece.xml');
    assert.equal(gadgetUrl('solve', 'lb.example.com', '/kb/'), 'https://lb.example.com/kb/finesse/gadget/solve.xml');
    assert.equal(gadgetUrl('cobrowse', 'lb.example.com', 'kb'), 'https://lb.example.com/kb/finesse/gadget/cobrowse.xml');
  });

  void test('buildGadgetTab uses the given indentation, base indentation and line ending', () => {
    const t = buildGadgetTab({ kind: 'ece', host: 'lb.example.com', indent: '\t', eol: '\r\n', baseIndent: '\t\t\t' });
    assert.equal(
      t,
      '<tab>\r\n' +
        '\t\t\t\t<id>ece</id>\r\n' +
        '\t\t\t\t<label>ECE</label>\r\n' +
        '\t\t\t\t<gadgets>\r\n' +
        '\t\t\t\t\t<gadget>https://lb.example.com/system/templates/finesse/gadget/agent/ece.xml</gadget>\r\n' +
        '\t\t\t\t</gadgets>\r\n' +
        '\t\t\t</tab>',
    );
    const s = buildGadgetTab({ kind: 'solve', host: 'lb.example.com', contextRoot: 'kb', indent: '  ', eol: '\n', baseIndent: '' });
    assert.equal(
      s,
      '<tab>\n  <id>solve</id>\n  <label>Solve</label>\n  <gadgets>\n    <gadget>https://lb.example.com/kb/finesse/gadget/solve.xml</gadget>\n  </gadgets>\n</tab>',
    );
  });

  void test('detectIndentUnit', () => {
    assert.equal(detectIndentUnit('<a>\r\n\t<b/>\r\n\t\t<c/>\r\n</a>'), '\t');
    assert.equal(detectIndentUnit('<a>\n  <b>\n    <c/>\n  </b>\n</a>'), '  ');
    assert.equal(detectIndentUnit('<a>\n    <b/>\n</a>'), '    ');
    assert.equal(detectIndentUnit('<a/>', '\t'), '\t');
  });
});
