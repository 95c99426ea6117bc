import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, type Settings } from '../../server/src/service/core/settings';
import { EMPTY_WORKSPACE, type FixProposal, type JdbcUrlSite, type Report, type Rule, type Severity } from '../../server/src/service/core/types';
import { parseJdbcUrl, type Span } from '../../server/src/service/parse/jdbcUrl';
import { jdbcRules, type JdbcRuleInput } from '../../server/src/service/kinds/shared/jdbc';
import { applyEdits, isIpLiteral } from '../../server/src/service/core/text';
import { EceLanguageService } from '../../server/src/service/core/engine';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { POOL_URI as POOL } from './helpers';
import { DRIVER_PROPERTIES } from '../../server/src/service/parse/jdbcDriverFacts';

// ---- tiny helpers (exported for other test files) -------------------------------------------------------------

const settingsWith = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), ...over });

/** Runs one jdbc rule on a URL string (decoded coordinates = string offsets) and returns its reports. */
export function runJdbcRule(rule: Rule<JdbcRuleInput>, text: string, settings: Settings = defaultSettings()): Report[] {
  const site: JdbcUrlSite = { text, span: (start, end) => ({ start, end }), edit: (start, end, newText) => ({ start, end, newText }) };
  const out: Report[] = [];
  rule.check({ url: parseJdbcUrl(text), site }, { uri: 'file:///test/url', settings, workspace: EMPTY_WORKSPACE, report: (r) => out.push(r) });
  return out;
}

/** Runs every jdbc rule; returns id, severity and range of each report. */
export function runAllJdbcRules(text: string, settings: Settings = defaultSettings()): Array<{ id: string; severity: Severity; start: number; end: number }> {
  const out: Array<{ id: string; severity: Severity; start: number; end: number }> = [];
  for (const rule of jdbcRules) {
    for (const r of runJdbcRule(rule, text, settings)) out.push({ id: rule.id, severity: r.severity ?? rule.defaultSeverity, start: r.start, end: r.end });
  }
  return out;
}

/** The text after applying one fix. */
export function applyFix(text: string, fix: FixProposal): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const rule = (id: string): Rule<JdbcRuleInput> => {
  const r = jdbcRules.find((x) => x.id === id);
  assert.ok(r, id);
  return r;
};

function at(text: string, sub: string, nth = 0): Span {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(sub, i + 1);
    assert.ok(i >= 0, `${sub} not found in ${text}`);
  }
  return { start: i, end: i + sub.length };
}

const ranges = (rs: Report[]) => rs.map((r) => ({ start: r.start, end: r.end }));

const GUIDE = 'jdbc:sqlserver://ussuh23:1433;integratedSecurity=false;databaseName=eGActiveDB';

// ---- catalog ------------------------------------------------------------------------------------------------------

void describe('jdbc rule registry', () => {
  void test('every jdbc/* id of the catalog, with its severity', () => {
    assert.deepEqual(
      jdbcRules.map((r) => [r.id, r.defaultSeverity]),
      [
        ['jdbc/invalid-url', 'error'],
        ['jdbc/unknown-property', 'warning'],
        ['jdbc/duplicate-property', 'warning'],
        ['jdbc/invalid-boolean', 'error'],
        ['jdbc/invalid-authentication-scheme', 'error'],
        ['jdbc/invalid-port', 'error'],
        ['jdbc/instance-ignored', 'warning'],
        ['jdbc/server-is-ip-address', 'warning'],
        ['jdbc/server-not-fully-qualified', 'information'],
        ['jdbc/missing-database-name', 'warning'],
        ['jdbc/multisubnet-with-instance', 'error'],
        ['jdbc/listener-without-multisubnet', 'information'],
        ['jdbc/placeholder-not-replaced', 'error'],
      ],
    );
  });

  void test("the guide's example gives only server-not-fully-qualified (information)", () => {
    assert.deepEqual(runAllJdbcRules(GUIDE), [{ id: 'jdbc/server-not-fully-qualified', severity: 'information', start: 17, end: 24 }]);
  });

  void test("the guide's example URL with its placeholders: two placeholder findings and no host-name advice", () => {
    const t = 'jdbc:sqlserver://<DB server name>:1433;integratedSecurity=true;databaseName=<Database Name>';
    assert.deepEqual(runAllJdbcRules(t), [
      { id: 'jdbc/placeholder-not-replaced', severity: 'error', ...at(t, '<DB server name>') },
      { id: 'jdbc/placeholder-not-replaced', severity: 'error', ...at(t, '<Database Name>') },
    ]);
    const reps = runJdbcRule(rule('jdbc/placeholder-not-replaced'), t);
    assert.match(reps[0]!.message, /placeholder from the installation guide's example.*fully qualified name of the database server/);
    assert.match(reps[1]!.message, /name of the database/);
  });

  void test('a named-instance listener with multiSubnetFailover=true connects: advice only, never an error', () => {
    const t = 'jdbc:sqlserver://aglistener.example.com\\ECE;integratedSecurity=true;databaseName=eGActiveDB;multiSubnetFailover=true';
    assert.deepEqual(runAllJdbcRules(t, settingsWith({ listenerNames: ['aglistener.example.com'] })), [
      { id: 'jdbc/multisubnet-with-instance', severity: 'information', ...at(t, 'multiSubnetFailover=true') },
    ]);
  });

  void test('a bracketed IPv6 literal: invalid-url with the serverName form, no port or host-name advice', () => {
    const t = 'jdbc:sqlserver://[fd00::1]:1433;databaseName=d';
    assert.deepEqual(runAllJdbcRules(t), [{ id: 'jdbc/invalid-url', severity: 'error', ...at(t, '[fd00::1]:1433') }]);
    assert.match(runJdbcRule(rule('jdbc/invalid-url'), t)[0]!.message, /"jdbc:sqlserver:\/\/;serverName=fd00::1;portNumber=1433;\.\.\."/);
    // the working form is only an IP address (ECE's rule), nothing the driver refuses
    const ok = 'jdbc:sqlserver://;serverName=fd00::1;portNumber=1433;databaseName=d';
    assert.deepEqual(runAllJdbcRules(ok).map((x) => x.id), ['jdbc/server-is-ip-address']);
  });

  void test('a good Always On URL gives nothing', () => {
    const t = 'jdbc:sqlserver://aglistener.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB;multiSubnetFailover=true';
    assert.deepEqual(runAllJdbcRules(t, settingsWith({ listenerNames: ['aglistener.example.com'] })), []);
  });
});

// ---- jdbc/invalid-url -------------------------------------------------------------------------------------------

void describe('jdbc/invalid-url', () => {
  const r = rule('jdbc/invalid-url');
  void test('fires on each grammar problem with its span', () => {
    const t = 'jdbc:sqlserver://h=x;foo;=1;password={a} b;databaseName={d';
    const b = t.indexOf('} b') + 2;
    const brace = t.indexOf('{d');
    assert.deepEqual(ranges(runJdbcRule(r, t)), [
      at(t, 'h=x'),
      at(t, 'foo'),
      at(t, '=', 1),
      { start: b, end: b + 1 },
      { start: brace, end: brace + 1 },
    ]);
  });
  void test('fires on another driver and on an empty URL', () => {
    assert.deepEqual(ranges(runJdbcRule(r, 'jdbc:jtds:sqlserver://h/db')), [{ start: 0, end: 26 }]);
    assert.deepEqual(ranges(runJdbcRule(r, '')), [{ start: 0, end: 0 }]);
  });
  void test('a prefix in the wrong case has a safe fix', () => {
    const t = 'JDBC:SQLSERVER://h.example.com;databaseName=d';
    const [rep] = runJdbcRule(r, t);
    assert.deepEqual(ranges([rep!]), [{ start: 0, end: 17 }]);
    assert.equal(rep!.fixes![0]!.safe, true);
    assert.equal(applyFix(t, rep!.fixes![0]!), 'jdbc:sqlserver://h.example.com;databaseName=d');
  });
  void test('silent on good URLs, braces, `}}` and empty segments', () => {
    assert.deepEqual(runJdbcRule(r, GUIDE), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://;serverName=h;;password={a;}}b}  ;databaseName=d;'), []);
  });
});

// ---- jdbc/unknown-property --------------------------------------------------------------------------------------

void describe('jdbc/unknown-property', () => {
  const r = rule('jdbc/unknown-property');
  void test('a typo: warning on the name, did-you-mean fix (not safe)', () => {
    const t = 'jdbc:sqlserver://h;integratedSecuirty=true;databaseName=d';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'integratedSecuirty')]);
    assert.match(reps[0]!.message, /silently ignores/);
    assert.match(reps[0]!.message, /Did you mean "integratedSecurity"\?/);
    const f = reps[0]!.fixes![0]!;
    assert.equal(f.safe, false);
    assert.equal(f.title, 'Replace "integratedSecuirty" with "integratedSecurity"');
    assert.equal(applyFix(t, f), 'jdbc:sqlserver://h;integratedSecurity=true;databaseName=d');
  });
  void test('`instance` suggests `instanceName`; a case typo plus a letter still matches', () => {
    const t = 'jdbc:sqlserver://h;instance=SQLEXPRESS';
    assert.equal(applyFix(t, runJdbcRule(r, t)[0]!.fixes![0]!), 'jdbc:sqlserver://h;instanceName=SQLEXPRESS');
    const u = 'jdbc:sqlserver://h;DATABASENAM=x';
    assert.equal(applyFix(u, runJdbcRule(r, u)[0]!.fixes![0]!), 'jdbc:sqlserver://h;databaseName=x');
  });
  void test('short names: one edit away for names up to 4 characters, two from 5 on; a prefix only from 5', () => {
    const suggested = (name: string) => runJdbcRule(r, `jdbc:sqlserver://h;${name}=x`)[0]?.fixes?.[0]?.edits[0]?.newText;
    // up to 4 characters: one edit (a letter changed, added, dropped or two swapped)
    assert.equal(suggested('usr'), 'user');
    assert.equal(suggested('prot'), 'port');
    assert.equal(suggested('fibs'), 'fips');
    assert.equal(suggested('purk'), undefined, 'two edits from port: too far for a 4-letter name');
    // 5 characters: two edits
    assert.equal(suggested('usexx'), 'user');
    assert.equal(suggested('reslx'), 'realm');
    // a prefix of exactly one canonical name, from 5 characters on
    assert.equal(suggested('insta'), 'instanceName');
    assert.equal(suggested('inst'), undefined);
    const reps = runJdbcRule(r, 'jdbc:sqlserver://h;usr=sa');
    assert.deepEqual(ranges(reps), [{ start: 19, end: 22 }]);
    assert.match(reps[0]!.message, /^"usr" is not a property the SQL Server JDBC driver knows: .* Did you mean "user"\?$/);
  });
  void test('no suggestion when nothing is close', () => {
    const reps = runJdbcRule(r, 'jdbc:sqlserver://h;colour=blue');
    assert.equal(reps.length, 1);
    assert.equal(reps[0]!.fixes, undefined);
  });
  void test('newest-driver aliases: ECE ignores them; fix replaces with the canonical name', () => {
    const t = 'jdbc:sqlserver://h;uid=ece;Trusted_Connection=true';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'uid'), at(t, 'Trusted_Connection')]);
    assert.match(reps[0]!.message, /older drivers, such as the one ECE ships, silently ignore it/);
    assert.equal(applyFix(t, reps[1]!.fixes![0]!), 'jdbc:sqlserver://h;uid=ece;integratedSecurity=true');
  });
  void test('after an unbraced password, the unknown name is not quoted (it may be the rest of the password)', () => {
    const t = 'jdbc:sqlserver://h;password=Abc;Xyz7=1;databaseName=d';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'Xyz7')]);
    assert.ok(!reps[0]!.message.includes('Xyz7'));
    assert.equal(reps[0]!.fixes, undefined);
  });
  void test('silent on known names in any case and on the aliases every driver knows', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h;DATABASE=x;userName=u;Server=s;PORT=1;domainName=d;ENCRYPT=false'), []);
  });
});

// ---- jdbc/duplicate-property ------------------------------------------------------------------------------------

void describe('jdbc/duplicate-property', () => {
  const r = rule('jdbc/duplicate-property');
  void test('aliases and case folded; reports each earlier one; safe fix removes it', () => {
    const t = 'jdbc:sqlserver://h;databaseName=a;integratedSecurity=true;DATABASE=b;database=c';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'databaseName=a'), at(t, 'DATABASE=b')]);
    assert.equal(reps[0]!.fixes![0]!.safe, true);
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), 'jdbc:sqlserver://h;integratedSecurity=true;DATABASE=b;database=c');
    assert.equal(applyFix(t, reps[1]!.fixes![0]!), 'jdbc:sqlserver://h;databaseName=a;integratedSecurity=true;database=c');
  });
  void test('removing a braced earlier value with `;` inside', () => {
    const t = 'jdbc:sqlserver://;password={x;y} ;databaseName=d;password=z';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'password={x;y}')]);
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), 'jdbc:sqlserver://;databaseName=d;password=z');
  });
  void test('a server part or port overridden by a later property (no fix)', () => {
    const t = 'jdbc:sqlserver://a.example.com:1433;serverName=b.example.com;port=1444';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'a.example.com'), at(t, '1433')]);
    assert.equal(reps[0]!.fixes, undefined);
  });
  void test('silent on unknown names twice and on a newest-driver alias beside its property', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h;foo=1;foo=2;user=a;uid=b'), []);
    assert.deepEqual(runJdbcRule(r, GUIDE), []);
  });
});

// ---- jdbc/invalid-boolean ---------------------------------------------------------------------------------------

void describe('jdbc/invalid-boolean', () => {
  const r = rule('jdbc/invalid-boolean');
  const fixed = (t: string) => runJdbcRule(r, t).map((x) => applyFix(t, x.fixes![0]!));
  void test('fires on the value; nearest of true/false', () => {
    const t = 'jdbc:sqlserver://h;integratedSecurity=yes;multiSubnetFailover=flase;trustServerCertificate=Ture';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [at(t, 'yes'), at(t, 'flase'), at(t, 'Ture')]);
    assert.deepEqual(fixed('jdbc:sqlserver://h;integratedSecurity=yes'), ['jdbc:sqlserver://h;integratedSecurity=true']);
    assert.deepEqual(fixed('jdbc:sqlserver://h;integratedSecurity=SSPI'), ['jdbc:sqlserver://h;integratedSecurity=true']);
    assert.deepEqual(fixed('jdbc:sqlserver://h;integratedSecurity=0'), ['jdbc:sqlserver://h;integratedSecurity=false']);
    assert.deepEqual(fixed('jdbc:sqlserver://h;multiSubnetFailover=flase;x=1'), ['jdbc:sqlserver://h;multiSubnetFailover=false;x=1']);
    assert.deepEqual(fixed('jdbc:sqlserver://h;integratedSecurity={tru}'), ['jdbc:sqlserver://h;integratedSecurity=true']);
  });
  void test('unclear value: two fixes, none preferred', () => {
    const reps = runJdbcRule(r, 'jdbc:sqlserver://h;integratedSecurity=maybe');
    assert.deepEqual(reps[0]!.fixes!.map((f) => [f.title, f.preferred ?? false, f.safe]), [
      ['Set integratedSecurity=true', false, false],
      ['Set integratedSecurity=false', false, false],
    ]);
  });
  void test('an empty value is reported on `name=`', () => {
    const t = 'jdbc:sqlserver://h;integratedSecurity=;databaseName=d';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [at(t, 'integratedSecurity=')]);
  });
  void test('silent on true/false in any case, braced, and on string properties', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h;integratedSecurity=TRUE;multiSubnetFailover={false};encrypt=strict;trusted_connection=yes'), []);
  });
  void test('strict properties (isBooleanPropertyOn): the driver refuses to connect; a quoted "true" too', () => {
    const t = 'jdbc:sqlserver://h;integratedSecurity="true";databaseName=d';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, '"true"')]);
    assert.equal(reps[0]!.severity, undefined);
    assert.match(reps[0]!.message, /the driver refuses to connect\. Quotes are not part of a JDBC value/);
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), 'jdbc:sqlserver://h;integratedSecurity=true;databaseName=d');
  });
  void test('lenient properties (Boolean.parseBoolean: fips, useDefaultJaasConfig): read as false, a warning', () => {
    for (const name of ['fips', 'useDefaultJaasConfig']) {
      const t = `jdbc:sqlserver://h;${name}=yes`;
      const reps = runJdbcRule(r, t);
      assert.deepEqual(ranges(reps), [at(t, 'yes')]);
      assert.equal(reps[0]!.severity, 'warning');
      assert.match(reps[0]!.message, /is read with Java's "Boolean\.parseBoolean".*silently read as "false"/);
      assert.doesNotMatch(reps[0]!.message, /refuses/);
    }
  });
  void test('useDefaultGSSCredential: the message says when the driver reads it', () => {
    const reps = runJdbcRule(r, 'jdbc:sqlserver://h;useDefaultGSSCredential=1');
    assert.match(reps[0]!.message, /reads it only with integratedSecurity=true with authenticationScheme=JavaKerberos, on Windows, and then refuses/);
  });
  void test('the reading mode of every boolean property comes from the generated driver facts', () => {
    const lenient = DRIVER_PROPERTIES.filter((p) => p.type === 'boolean' && p.reading === 'lenient').map((p) => p.name);
    assert.deepEqual(lenient.sort(), ['fips', 'useDefaultJaasConfig']);
    assert.ok(DRIVER_PROPERTIES.filter((p) => p.type === 'boolean').every((p) => p.reading !== undefined && /\.java:\d+/.test(p.readAt ?? '')));
    assert.equal(DRIVER_PROPERTIES.find((p) => p.name === 'integratedSecurity')!.reading, 'strict');
  });
});

// ---- jdbc/invalid-authentication-scheme -------------------------------------------------------------------------

void describe('jdbc/invalid-authentication-scheme', () => {
  const r = rule('jdbc/invalid-authentication-scheme');
  void test('with integratedSecurity=true, a scheme other than the three is refused; the fix guesses when clear', () => {
    const t = 'jdbc:sqlserver://h;integratedSecurity=true;authenticationScheme=Kerberos';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'Kerberos')]);
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), 'jdbc:sqlserver://h;integratedSecurity=true;authenticationScheme=JavaKerberos');
    const e = 'jdbc:sqlserver://h;integratedSecurity=true;authenticationScheme=';
    assert.deepEqual(ranges(runJdbcRule(r, e)), [at(e, 'authenticationScheme=')]);
    assert.equal(runJdbcRule(r, 'jdbc:sqlserver://h;integratedSecurity=true;authenticationScheme=sspi')[0]!.fixes, undefined);
  });
  void test('silent for the three schemes in any case, and without integratedSecurity=true (not read then)', () => {
    for (const v of ['NativeAuthentication', 'javakerberos', 'NTLM']) assert.deepEqual(runJdbcRule(r, `jdbc:sqlserver://h;integratedSecurity=true;authenticationScheme=${v}`), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h;authenticationScheme=Kerberos'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h;integratedSecurity=false;authenticationScheme=Kerberos'), []);
  });
});

// ---- jdbc/placeholder-not-replaced ------------------------------------------------------------------------------

void describe('jdbc/placeholder-not-replaced', () => {
  const r = rule('jdbc/placeholder-not-replaced');
  void test('in the instance, the port and serverName/databaseName properties', () => {
    const t = 'jdbc:sqlserver://;serverName=<listener>;instanceName=<instance>;portNumber=<port>;databaseName=x<db>';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [at(t, '<listener>'), at(t, '<instance>'), at(t, '<port>'), at(t, '<db>')]);
  });
  void test('silent on other values (an application name may hold <1>) and on real names', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://db.example.com:1433;applicationName=R&D <1>;databaseName=eGActiveDB'), []);
  });
});

// ---- jdbc/invalid-port ------------------------------------------------------------------------------------------

void describe('jdbc/invalid-port', () => {
  const r = rule('jdbc/invalid-port');
  const fires = (port: string) => runJdbcRule(r, `jdbc:sqlserver://h:${port};databaseName=d`).length > 0;
  void test('edge cases of the port part (0 means no port and is valid)', () => {
    assert.equal(fires('0'), false);
    assert.equal(fires('-1'), true);
    assert.equal(fires('+1433'), false);
    assert.equal(fires('1'), false);
    assert.equal(fires('65535'), false);
    assert.equal(fires('65536'), true);
    assert.equal(fires('14a'), true);
    assert.equal(fires(' 1433 '), false);
  });
  void test('exact ranges: the value, or the `:` when empty', () => {
    const t = 'jdbc:sqlserver://h:14a;databaseName=d';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [at(t, '14a')]);
    const e = 'jdbc:sqlserver://h:;databaseName=d';
    const reps = runJdbcRule(r, e);
    assert.deepEqual(ranges(reps), [{ start: 18, end: 19 }]);
    assert.match(reps[0]!.message, /empty/);
    assert.match(runJdbcRule(r, 'jdbc:sqlserver://h:65536')[0]!.message, /out of range/);
  });
  void test('the portNumber and port properties', () => {
    const t = 'jdbc:sqlserver://h;portNumber=abc;port=;PORT=1433';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [at(t, 'abc'), at(t, 'port=')]);
    // a braced value keeps its blanks, which Integer.parseInt refuses
    const b = 'jdbc:sqlserver://h;portNumber={ 1433 }';
    assert.deepEqual(ranges(runJdbcRule(r, b)), [at(b, '{ 1433 }')]);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h;portNumber=0'), []);
  });
  void test('out-of-range message names the real range 0..65535', () => {
    assert.match(runJdbcRule(r, 'jdbc:sqlserver://h:70000')[0]!.message, /accepts 0 to 65535 \(0 meaning no port\)/);
  });
  void test('silent without a port', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h\\inst;databaseName=d'), []);
  });
});

// ---- jdbc/instance-ignored --------------------------------------------------------------------------------------

void describe('jdbc/instance-ignored', () => {
  const r = rule('jdbc/instance-ignored');
  void test('instance and port in the server part: safe fix removes `\\instance`', () => {
    const t = 'jdbc:sqlserver://db.example.com\\ECEINST:1433;databaseName=d';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, '\\ECEINST')]);
    assert.equal(reps[0]!.fixes![0]!.safe, true);
    assert.equal(reps[0]!.fixes![0]!.title, "Remove the instance name '\\ECEINST'");
    assert.match(reps[0]!.message, /does not ask SQL Browser where the instance "ECEINST" listens/);
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), 'jdbc:sqlserver://db.example.com:1433;databaseName=d');
  });
  void test('instanceName property with a port property', () => {
    const t = 'jdbc:sqlserver://h;instanceName=X;portNumber=1433;databaseName=d';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'instanceName=X')]);
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), 'jdbc:sqlserver://h;portNumber=1433;databaseName=d');
  });
  void test('silent with only one of them', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h\\inst;databaseName=d'), []);
    assert.deepEqual(runJdbcRule(r, GUIDE), []);
  });
  void test('silent with port 0 (no port: the instance is looked up) and with a port the driver refuses', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h\\inst:0;databaseName=d'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h;instanceName=inst;portNumber=0'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h\\inst:14a;databaseName=d'), []);
  });
});

// ---- jdbc/server-is-ip-address ----------------------------------------------------------------------------------

void describe('jdbc/server-is-ip-address', () => {
  const r = rule('jdbc/server-is-ip-address');
  void test('IPv4 in the server part and IPv6 in serverName', () => {
    const t = 'jdbc:sqlserver://10.20.30.40:1433;databaseName=d';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [at(t, '10.20.30.40')]);
    const u = 'jdbc:sqlserver://;serverName=fe80::1%eth0;databaseName=d';
    assert.deepEqual(ranges(runJdbcRule(r, u)), [at(u, 'fe80::1%eth0')]);
  });
  void test('address forms', () => {
    for (const a of ['127.0.0.1', '255.255.255.255']) assert.equal(isIpLiteral(a), true, a);
    for (const a of ['256.1.1.1', '1.2.3', '1.2.3.4.5', 'a.b.c.d', '1.2.3.04x']) assert.equal(isIpLiteral(a), false, a);
    for (const a of ['::1', '::', '2001:db8::1', '1:2:3:4:5:6:7:8', '::ffff:10.0.0.1', '[2001:db8::5]', 'fe80::1%12']) assert.equal(isIpLiteral(a), true, a);
    for (const a of ['1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '1:2:3:4:5:6:7', 'db.example.com', '12345::1', '::1%']) assert.equal(isIpLiteral(a), false, a);
  });
  void test('silent on host names', () => {
    assert.deepEqual(runJdbcRule(r, GUIDE), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://db1.example.com;databaseName=d'), []);
  });
});

// ---- jdbc/server-not-fully-qualified ----------------------------------------------------------------------------

void describe('jdbc/server-not-fully-qualified', () => {
  const r = rule('jdbc/server-not-fully-qualified');
  void test('a host without a dot, in the server part or in serverName', () => {
    assert.deepEqual(ranges(runJdbcRule(r, GUIDE)), [{ start: 17, end: 24 }]);
    const t = 'jdbc:sqlserver://;serverName= SQL01 ;databaseName=d';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [at(t, 'SQL01')]);
  });
  void test('silent on what is not a host name: a guide placeholder, the broken half of an IPv6 literal', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://<DB server name>:1433;databaseName=d'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://[fd00::1]:1433;databaseName=d'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://;serverName=<DB server name>'), []);
  });
  void test('silent on FQDNs, IP literals and a missing host', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://db.example.com:1433'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://;serverName=::1'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://;databaseName=d'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://  :1433'), []);
  });
});

// ---- jdbc/missing-database-name ---------------------------------------------------------------------------------

void describe('jdbc/missing-database-name', () => {
  const r = rule('jdbc/missing-database-name');
  void test('no database: reported on prefix and server part', () => {
    const t = 'jdbc:sqlserver://db.example.com:1433;integratedSecurity=true';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [{ start: 0, end: t.indexOf(';') }]);
    assert.deepEqual(ranges(runJdbcRule(r, 'jdbc:sqlserver://;serverName=h')), [{ start: 0, end: 17 }]);
  });
  void test('an empty databaseName is reported on `name=`', () => {
    const t = 'jdbc:sqlserver://h;databaseName=;x=1';
    assert.deepEqual(ranges(runJdbcRule(r, t)), [at(t, 'databaseName=')]);
  });
  void test('silent with databaseName or database', () => {
    assert.deepEqual(runJdbcRule(r, GUIDE), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://h;DataBase=x'), []);
  });
});

// ---- jdbc/multisubnet-with-instance -----------------------------------------------------------------------------

void describe('jdbc/multisubnet-with-instance', () => {
  const r = rule('jdbc/multisubnet-with-instance');
  void test('instance without port (or port 0): information-level advice, not an error (the driver asks SQL Browser on every address)', () => {
    for (const t of [
      'jdbc:sqlserver://ag.example.com\\inst;databaseName=d;multiSubnetFailover=TRUE',
      'jdbc:sqlserver://ag.example.com\\inst:0;databaseName=d;multiSubnetFailover=TRUE',
      'jdbc:sqlserver://ag.example.com;instanceName=inst;databaseName=d;multiSubnetFailover=TRUE',
    ]) {
      const reps = runJdbcRule(r, t);
      assert.deepEqual(reps.map((x) => ({ start: x.start, end: x.end, severity: x.severity })), [{ ...at(t, 'multiSubnetFailover=TRUE'), severity: 'information' }]);
      assert.match(reps[0]!.message, /asks the SQL Server Browser service \(UDP 1434\) on every address/);
      assert.doesNotMatch(reps[0]!.message, /refuse/);
    }
  });
  void test('with failoverPartner: an error, even when the partner is empty (the property is stored anyway)', () => {
    const t = 'jdbc:sqlserver://ag.example.com:1433;failoverPartner=mirror.example.com;multiSubnetFailover=true';
    const reps = runJdbcRule(r, t);
    assert.deepEqual(ranges(reps), [at(t, 'failoverPartner=mirror.example.com')]);
    assert.equal(reps[0]!.severity, undefined);
    const e = 'jdbc:sqlserver://ag.example.com;multiSubnetFailover=true;failoverPartner=';
    assert.deepEqual(ranges(runJdbcRule(r, e)), [at(e, 'failoverPartner=')]);
    assert.match(runJdbcRule(r, e)[0]!.message, /even with an empty value/);
  });
  void test('silent with a port, with multiSubnetFailover=false, or without an instance and partner', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://ag.example.com\\inst:1433;multiSubnetFailover=true'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://ag.example.com\\inst;multiSubnetFailover=false'), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://ag.example.com;multiSubnetFailover=true'), []);
  });
});

// ---- jdbc/listener-without-multisubnet --------------------------------------------------------------------------

void describe('jdbc/listener-without-multisubnet', () => {
  const r = rule('jdbc/listener-without-multisubnet');
  const s = settingsWith({ listenerNames: ['AGListener.Example.com'] });
  void test('a listener host (case-insensitive) without the property: fix appends it', () => {
    const t = 'jdbc:sqlserver://aglistener.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB';
    const reps = runJdbcRule(r, t, s);
    assert.deepEqual(ranges(reps), [at(t, 'aglistener.example.com')]);
    assert.equal(reps[0]!.fixes![0]!.title, 'Add ;multiSubnetFailover=true');
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), `${t};multiSubnetFailover=true`);
  });
  void test('multiSubnetFailover=false: fix sets it', () => {
    const t = 'jdbc:sqlserver://;serverName=aglistener.example.com;multiSubnetFailover=false;databaseName=d';
    const reps = runJdbcRule(r, t, s);
    assert.deepEqual(ranges(reps), [at(t, 'aglistener.example.com')]);
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), 'jdbc:sqlserver://;serverName=aglistener.example.com;multiSubnetFailover=true;databaseName=d');
  });
  void test('a named instance without a port does not block the fix (the driver accepts it)', () => {
    const t = 'jdbc:sqlserver://aglistener.example.com\\inst;databaseName=d';
    const reps = runJdbcRule(r, t, s);
    assert.equal(reps.length, 1);
    assert.equal(applyFix(t, reps[0]!.fixes![0]!), `${t};multiSubnetFailover=true`);
  });
  void test('no fix where adding it would break the connection (failoverPartner present, even empty)', () => {
    for (const t of ['jdbc:sqlserver://aglistener.example.com:1433;failoverPartner=m.example.com', 'jdbc:sqlserver://aglistener.example.com:1433;failoverPartner=']) {
      const reps = runJdbcRule(r, t, s);
      assert.equal(reps.length, 1);
      assert.equal(reps[0]!.fixes, undefined);
    }
  });
  void test('silent when set, when the host is not a listener, or with no listeners configured', () => {
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://aglistener.example.com;multiSubnetFailover=True', s), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://other.example.com', s), []);
    assert.deepEqual(runJdbcRule(r, 'jdbc:sqlserver://aglistener.example.com'), []);
  });
});

// ---- decoded coordinates mapped back into a document, through the engine ------------------------------------------

/** The text after applying the first fix of the (first) finding of `id` that the engine reports on `doc`. */
function fixDocument(doc: string, id: string, settings: Settings = defaultSettings()): string {
  const f = new EceLanguageService({ log: () => undefined }).analyze(TextDocument.create(POOL, 'xml', 1, doc), settings)!.findings.find((x) => x.ruleId === id);
  assert.ok(f, `no ${id} finding`);
  return applyEdits(doc, f.fixes[0]!.edits);
}

void describe('fixes mapped into an XML document (BOM, CRLF, entities, CDATA)', () => {
  const head = '\uFEFF<conn_pool_list>\r\n  <connpool name="Platform_MSSQL_Pool">\r\n    <Url egid="3028">';
  const tail = '</Url>\r\n    <User egid="3026"></User>\r\n    <Password egid="3027"></Password>\r\n  </connpool>\r\n</conn_pool_list>\r\n';
  const decoded = 'jdbc:sqlserver://AG.example.com\\ECE:1433;integratedSecurity=true;password={a&b;c};databaseName=x;databaseName=eGActiveDB';
  const rawUrl = decoded.replace('&', '&amp;');
  const doc = head + rawUrl + tail;
  const listener = settingsWith({ listenerNames: ['ag.example.com'] });

  void test('the decoded URL holds the entity as one character', () => {
    assert.deepEqual(runAllJdbcRules(decoded).map((r) => r.id), ['jdbc/duplicate-property', 'jdbc/instance-ignored']);
  });

  void test('removing the ignored instance changes only those bytes', () => {
    assert.equal(fixDocument(doc, 'jdbc/instance-ignored'), head + rawUrl.replace('\\ECE', '') + tail);
  });

  void test('removing the earlier duplicate after an entity-bearing value', () => {
    assert.equal(fixDocument(doc, 'jdbc/duplicate-property'), head + rawUrl.replace(';databaseName=x', '') + tail);
  });

  void test('appending multiSubnetFailover at the end of the element text', () => {
    assert.equal(fixDocument(doc, 'jdbc/listener-without-multisubnet', listener), `${head}${rawUrl};multiSubnetFailover=true${tail}`);
  });

  // The same URL held in a CDATA section, alone or with text around it: the edits stay inside the value.
  const cdata = head + '<![CDATA[' + decoded + ']]>' + tail;
  void test('CDATA: an edit inside the section stays inside it, the closing ]]> is kept', () => {
    assert.equal(fixDocument(cdata, 'jdbc/instance-ignored'), head + '<![CDATA[' + decoded.replace('\\ECE', '') + ']]>' + tail);
    assert.equal(fixDocument(cdata, 'jdbc/duplicate-property'), head + '<![CDATA[' + decoded.replace(';databaseName=x', '') + ']]>' + tail);
  });

  void test('CDATA: appending at the end of the value goes after the section, escaped as text', () => {
    assert.equal(fixDocument(cdata, 'jdbc/listener-without-multisubnet', listener), head + '<![CDATA[' + decoded + ']]>;multiSubnetFailover=true' + tail);
  });

  void test('CDATA mixed with text: a removal that crosses the section boundary takes the section and writes its rest as text', () => {
    // `...;password={a&b;c};databaseName=x` in text, `;databaseName=eGActiveDB` in CDATA: the duplicate lies in the text.
    const cut = decoded.indexOf(';databaseName=eGActiveDB');
    const mixed = head + rawUrl.slice(0, rawUrl.indexOf(';databaseName=eGActiveDB')) + '<![CDATA[' + decoded.slice(cut) + ']]>' + tail;
    assert.equal(fixDocument(mixed, 'jdbc/duplicate-property'), head + rawUrl.slice(0, rawUrl.indexOf(';databaseName=x')) + '<![CDATA[' + decoded.slice(cut) + ']]>' + tail);
    // The instance (inside text) goes; text before a section is edited in place.
    const instInCdata = head + '<![CDATA[jdbc:sqlserver://AG.example.com\\ECE]]>:1433;databaseName=eGActiveDB' + tail;
    assert.equal(fixDocument(instInCdata, 'jdbc/instance-ignored'), head + '<![CDATA[jdbc:sqlserver://AG.example.com]]>:1433;databaseName=eGActiveDB' + tail);
  });
});
