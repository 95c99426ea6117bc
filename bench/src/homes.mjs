// Many-homes workspaces (issue 14): N ECE homes side by side, each a small but complete home with its own hosts
// and names: the pool file, reportsdb_utility.properties, input.properties, ece_config.js and spog_config.js,
// three Finesse layouts and a web.config. Every home has the same planted mistakes, cross-file ones included, so
// the findings of a workspace are N times those of one home: `HOME_EXPECT` says how many of each rule per home,
// and the bench checks the totals (a home compared with the wrong neighbour shows up as a wrong count).
import fs from 'node:fs';
import path from 'node:path';

const CRLF = '\r\n';

/** The files of home `i` (paths relative to the home). */
export function homeFiles(i) {
  const d = `corp${i}.example.com`;
  const listener = `ece${i}-aglsn.${d}`;
  const web = `ece${i}-web01.${d}`;
  const lb = `ece${i}-lb.${d}`;
  const f = {};
  f['eService/installation/dataaccess/egpl_ds_connpool_map.xml'] = [
    '\ufeff<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- home ${i}: half-way through the move to Windows authentication and the listener -->`,
    '<conn_pool_list egid="3000">',
    '\t<connpool egid="3020">',
    '\t\t<name egid="3021">Platform_MSSQL_Pool</name>',
    '\t\t<DriverClass egid="3022">com.microsoft.sqlserver.jdbc.SQLServerDriver</DriverClass>',
    '\t\t<User egid="3026"></User>', '\t\t<Password egid="3027"></Password>',
    `\t\t<Url egid="3028">jdbc:sqlserver://${listener}:1433;integratedSecurity=true;databaseName=eGActiveDB${i};multiSubnetFailover=true</Url>`,
    '\t</connpool>',
    '\t<connpool egid="3030">',
    '\t\t<name egid="3031">Platform_MSSQL_Pool_Batch</name>',
    `\t\t<User egid="3036">egbatch${i}</User>`, `\t\t<Password egid="3037">${36423441363 + i}</Password>`,
    // SQL authentication (mixed-authentication) on the old host (hosts-differ)
    `\t\t<Url egid="3038">jdbc:sqlserver://ecedb${i}-old.${d}:1433;integratedSecurity=false;databaseName=eGActiveDB${i}</Url>`,
    '\t</connpool>',
    '\t<connpool egid="3040" name="ReportsDB_MSSQL_Pool">',
    '\t\t<User egid="3046"></User>', '\t\t<Password egid="3047"></Password>',
    `\t\t<Url egid="3048">jdbc:sqlserver://${listener}:1433;integratedSecurity=true;databaseName=eGReportsDB${i};multiSubnetFailover=true</Url>`,
    '\t</connpool>',
    '</conn_pool_list>', '',
  ].join(CRLF);
  f['ReportsDB Utility/reportsdb_utility.properties'] = [
    `# Reports DB utility of home ${i}`,
    `EGAIN_HOME_DIR=C:\\ECE${i}\\eService`, // unknown-escape (x2)
    'IS_WINDOWS_AUTHENTICATION=true',
    'CREATE_DBLINK_FROM_CONNPOOLMAP=true',
    `REPORTS_DB_SERVER_NAME=${listener}`, // server-is-listener (cross-file: the pool file connects to it)
    'REPORTS_DB_LST_PORT=1433',
    'REPORTS_DB_INSTANCE_NAME=',
    `REPORTS_DB_NAME=eGReportsDB${i}`,
    `ACT_DB_SERVER_NAME=sqlnode2.${d}`,
    'ACT_DB_LST_PORT=1433',
    'ACT_DB_INSTANCE_NAME=',
    `ACT_DB_NAME=eGActiveDB${i}`, '',
  ].join(CRLF);
  f['UpdateDBIndexStats/input.properties'] = [
    `# UpdateDBIndexStats of home ${i}`,
    // not the pool's URL (url-differs-from-connpool, cross-file)
    `ACTIVE_DATABASE_URL=jdbc:sqlserver://ecedb${i}-old.${d}:1433;integratedSecurity=true;databaseName=eGActiveDB${i}`,
    'ACTIVE_USER=', 'ACTIVE_PASS=',
    `REPORTS_DATABASE_URL=jdbc:sqlserver://${listener}:1433;integratedSecurity=true;databaseName=eGReportsDB${i};multiSubnetFailover=true`,
    'REPORTS_USER=', 'REPORTS_PASS=', '',
  ].join(CRLF);
  f['eService/templates/finesse/gadget/agent/ece_config.js'] = [
    `/* ECE agent gadget configuration, home ${i} */`,
    'var web_server_protocol = "https";',
    `var web_server_name = "${web}";\t// hosts-differ: the layouts and spog_config.js name the load balancer`, '',
  ].join(CRLF);
  f['eService/templates/finesse/gadget/spog/spog_config.js'] = [
    '// SPOG gadget configuration', `var web_server_name = "${lb}";`, '',
  ].join(CRLF);
  f['eService/templates/finesse/gadget/layout/agent.xml'] = [
    '<tab>', `\t<id>ece${i}</id>`, '\t<label>ECE</label>', '\t<gadgets>',
    `\t\t<gadget id="ece${i}">https://${lb}/system/templates/finesse/gadget/agent/ece.xml?home=${i}&amp;mode=agent</gadget>`,
    '\t</gadgets>', '</tab>', '',
  ].join(CRLF);
  f['eService/templates/finesse/gadget/layout/solve.xml'] = [
    '<tab>', '\t<id>solve</id>', '\t<label>Solve</label>', '\t<gadgets>',
    // placeholder-not-replaced (x2: host and context root)
    '\t\t<gadget>https://EGAIN_WEBSERVER_OR_LOADBALANCER/CONTEXT_ROOT/finesse/gadget/solve.xml</gadget>',
    '\t</gadgets>', '</tab>', '',
  ].join(CRLF);
  f['eService/templates/finesse/gadget/layout/cobrowse.xml'] = [
    '<tab>', '\t<id>cobrowse</id>', '\t<label>Cobrowse</label>', '\t<gadgets>',
    `\t\t<gadget>https://${lb}/system/templates/finesse/gadget/cobrowse/cobrowse.xml?id=${i}&amp;x=1</gadget>`,
    '\t</gadgets>', '</tab>', '',
  ].join(CRLF);
  const dom = (s) => s.replace(/\./g, '\\.');
  const restricted = (a, b) => `^(.*)wsname=((http[s]?)(:|%3A)(/|%2F)(/|%2F)([a-z0-9.]+)(${dom(a)}|${dom(b)})(&amp;|%26|\\$))(.*)$`;
  f['inetpub/ece/web.config'] = [
    '<?xml version="1.0" encoding="UTF-8"?>', '<configuration>', '  <system.webServer>', '    <rewrite>', '      <outboundRules>',
    `        <rule name="ece-frame-agent-${i}" preCondition="IsHTML">`,
    `          <match serverVariable="RESPONSE_Content_Security_Policy" pattern="${restricted(`finesse.${d}`, `cce.${d}`)}" />`,
    '          <action type="Rewrite" value="frame-ancestors {R:2}" />', '        </rule>',
    `        <rule name="ece-frame-spog-${i}" preCondition="IsHTML">`,
    // a second rule that allows other domains (inconsistent-wsname-rules)
    `          <match serverVariable="RESPONSE_Content_Security_Policy" pattern="${restricted(`finesse.${d}`, `pcce.${d}`)}" />`,
    '          <action type="Rewrite" value="frame-ancestors {R:2}" />', '        </rule>',
    '        <preConditions>', '          <preCondition name="IsHTML">',
    '            <add input="{RESPONSE_CONTENT_TYPE}" pattern="^text/html" />', '          </preCondition>', '        </preConditions>',
    '      </outboundRules>', '    </rewrite>', '  </system.webServer>', '</configuration>', '',
  ].join(CRLF);
  return f;
}

/**
 * Findings per home by rule id, with default settings. The cross-file ones (server-is-listener,
 * url-differs-from-connpool, ecejs/hosts-differ) only appear when each file is compared with its own home.
 * Checked by the bench against the CLI's and the server's totals.
 */
export const HOME_EXPECT = {
  'connpool/mixed-authentication': 1,
  'connpool/hosts-differ': 1,
  'properties/unknown-escape': 2,
  'reportsdb/server-is-listener': 1,
  'indexstats/url-differs-from-connpool': 1,
  'ecejs/hosts-differ': 2, // ece_config.js and spog_config.js name different hosts: each reports the other
  'finesse/placeholder-not-replaced': 2,
  'webconfig/inconsistent-wsname-rules': 1,
};

/** The cross-file rules among HOME_EXPECT: they show whether a file was compared with its own home. */
export const HOME_CROSS_FILE = ['reportsdb/server-is-listener', 'indexstats/url-differs-from-connpool', 'ecejs/hosts-differ'];

/**
 * Writes `count` homes under `root` (replacing what was there). The trees are large (1,200 homes: 10,800 files), so
 * the runs delete them after use (`removeHomes`): left in the repository they slow down every tool that walks it,
 * `vsce package` among them.
 */
export function writeHomes(root, count) {
  fs.rmSync(root, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const home = path.join(root, homeName(i));
    for (const [rel, text] of Object.entries(homeFiles(i))) {
      const file = path.join(home, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
  return root;
}

export const removeHomes = (root) => fs.rmSync(root, { recursive: true, force: true });

export const homeName = (i) => `home${String(i).padStart(4, '0')}`;

/** Totals expected for `count` homes. */
export function expectedTotals(count) {
  return Object.fromEntries(Object.entries(HOME_EXPECT).map(([id, n]) => [id, n * count]));
}
