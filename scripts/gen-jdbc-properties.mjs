#!/usr/bin/env node
// Generates server/src/service/parse/jdbcDriverFacts.ts from two facts files:
// - ../shared/facts/jdbc-sqlserver-properties.json beside the repository (names, types, defaults, aliases, extracted
//   from Microsoft's mssql-jdbc SQLServerDriver.java);
// - scripts/data/jdbc-boolean-readers.json (how the driver reads each boolean property: strictly through
//   SQLServerConnection.isBooleanPropertyOn, or leniently through Boolean.parseBoolean), made by
//   scripts/extract-jdbc-boolean-readers.mjs from a checkout of mssql-jdbc.
// The product never reads the facts files at run time: run this once when the facts change and commit the output.
//   usage: node scripts/gen-jdbc-properties.mjs [facts.json] [boolean-readers.json]
// The one-line descriptions below are ours (written for hovers); every property in the facts must have one.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const factsPath = process.argv[2] ?? new URL('../../shared/facts/jdbc-sqlserver-properties.json', import.meta.url).pathname;
const readersPath = process.argv[3] ?? join(root, 'scripts/data/jdbc-boolean-readers.json');
const outPath = join(root, 'server/src/service/parse/jdbcDriverFacts.ts');

/**
 * Boolean properties the driver reads only in some configurations (read by hand in SQLServerConnection.connectInternal;
 * the reading mode itself comes from the readers file).
 */
const READ_ONLY_WHEN = {
  useDefaultGSSCredential: 'integratedSecurity=true with authenticationScheme=JavaKerberos, on Windows',
};

/** Aliases that only the newest driver understands (mssql-jdbc #3011, August 2026). */
const NEWEST_ONLY = new Set(['uid', 'trusted_connection', 'app', 'connectTimeout', 'columnEncryption', 'quotedId']);

const DESCRIPTIONS = {
  applicationIntent: 'ReadOnly or ReadWrite: tells an Always On listener whether the session only reads (it may then be routed to a readable secondary).',
  applicationName: 'A name for the application, shown by SQL Server in sessions and traces.',
  prepareMethod: 'How prepared statements are sent to the server (prepexec, prepare, or none in newer drivers).',
  databaseName: 'The database to open after logging in; without it the login\'s default database is used.',
  failoverPartner: 'The mirror server to try when the principal of a database mirroring pair does not answer.',
  hostNameInCertificate: 'The host name expected in the server\'s TLS certificate, when it differs from the server name.',
  instanceName: 'The named SQL Server instance; without a port (or with port 0) the driver asks SQL Browser for its port, with a port it connects to that port directly.',
  jaasConfigurationName: 'The JAAS login configuration entry used for Kerberos authentication.',
  password: 'The password of the login: a SQL Server login, or the Windows account with authenticationScheme=NTLM or JavaKerberos (not used with integratedSecurity=true and the native scheme).',
  responseBuffering: 'adaptive or full: whether result sets are streamed as read or loaded completely into memory.',
  selectMethod: 'direct or cursor: whether queries use server-side cursors.',
  domain: 'The Windows domain used with NTLM authentication.',
  serverName: 'The host name of the SQL Server (or of the availability group listener).',
  iPAddressPreference: 'Which address family to try first when the host name resolves to several addresses.',
  serverSpn: 'The service principal name used for Kerberos authentication, when the default is not right.',
  realm: 'The Kerberos realm of the server.',
  socketFactoryClass: 'A custom Java class that creates the network sockets.',
  socketFactoryConstructorArg: 'An argument passed to the custom socket factory\'s constructor.',
  trustStoreType: 'The format of the trust store file (JKS, PKCS12, ...).',
  trustStore: 'The path of the trust store holding the certificates used to check the server\'s TLS certificate.',
  trustStorePassword: 'The password that opens the trust store.',
  trustManagerClass: 'A custom Java class that decides whether the server\'s certificate is trusted.',
  trustManagerConstructorArg: 'An argument passed to the custom trust manager\'s constructor.',
  user: 'The login name: a SQL Server login, or the Windows account with authenticationScheme=NTLM or JavaKerberos (not used with integratedSecurity=true and the native scheme).',
  workstationID: 'The client computer name reported to SQL Server.',
  authenticationScheme: 'How Windows authentication is done: NativeAuthentication (the DLL), JavaKerberos or NTLM.',
  authentication: 'The authentication method, e.g. SqlPassword or one of the Microsoft Entra (Azure AD) methods.',
  accessToken: 'A ready-made Microsoft Entra access token used to log in.',
  columnEncryptionSetting: 'Enabled or Disabled: turns Always Encrypted on for this connection.',
  enclaveAttestationUrl: 'The attestation service URL for Always Encrypted with secure enclaves.',
  enclaveAttestationProtocol: 'The attestation protocol for Always Encrypted with secure enclaves.',
  keyStoreAuthentication: 'How the driver reaches the key store that holds Always Encrypted column master keys.',
  keyStoreSecret: 'The secret (password or client secret) that opens the Always Encrypted key store.',
  keyStoreLocation: 'The path of the Java key store that holds Always Encrypted column master keys.',
  sslProtocol: 'The TLS protocol version to use (TLS, TLSv1.2, TLSv1.3, ...).',
  msiClientId: 'The client id of the managed identity used for Microsoft Entra authentication.',
  keyVaultProviderClientId: 'The application id used to reach Azure Key Vault for Always Encrypted keys.',
  keyVaultProviderClientKey: 'The application secret used to reach Azure Key Vault for Always Encrypted keys.',
  keyStorePrincipalId: 'The principal id used to reach the Always Encrypted key store.',
  clientCertificate: 'The client certificate file used to authenticate to the server.',
  clientKey: 'The private key file that goes with the client certificate.',
  clientKeyPassword: 'The password of the client certificate\'s private key.',
  AADSecurePrincipalId: 'The application id for Microsoft Entra service principal login (older name).',
  AADSecurePrincipalSecret: 'The secret for Microsoft Entra service principal login (older name).',
  maxResultBuffer: 'Caps how much result data the driver reads into memory (bytes or a percentage of the heap); -1 means no cap.',
  encrypt: 'true, false or strict: whether traffic to the server is encrypted with TLS (true by default in driver 10.2 and later).',
  serverCertificate: 'The path of the server\'s certificate, to pin it with encrypt=strict.',
  datetimeParameterType: 'The SQL type used to send java.sql.Timestamp parameters (datetime2, datetime or datetimeoffset).',
  accessTokenCallbackClass: 'A Java class that supplies Microsoft Entra access tokens on demand.',
  retryExec: 'Rules for automatically retrying statements that fail with given error codes.',
  retryConn: 'Rules for automatically retrying connections that fail with given error codes.',
  quotedIdentifier: 'ON or OFF: the QUOTED_IDENTIFIER session setting.',
  concatNullYieldsNull: 'ON or OFF: the CONCAT_NULL_YIELDS_NULL session setting.',
  vectorTypeSupport: 'How the driver handles the SQL Server vector data type.',
  defaultTransactionIsolation: 'The transaction isolation level new connections start with.',
  packetSize: 'The network packet size in bytes (-1 lets the server choose).',
  lockTimeout: 'How long, in milliseconds, a statement waits for a lock (-1 waits without limit).',
  loginTimeout: 'How long, in seconds, to wait for the connection and login to succeed.',
  queryTimeout: 'How long, in seconds, a statement may run before it is cancelled (-1 means no limit).',
  portNumber: 'The TCP port of SQL Server. Absent or 0: 1433, or with an instance name the port SQL Browser reports; any other port is used as given, without looking the instance up.',
  socketTimeout: 'How long, in milliseconds, a read on the network may wait (0 means no limit).',
  serverPreparedStatementDiscardThreshold: 'How many discarded prepared statements are collected before they are freed on the server in one batch.',
  statementPoolingCacheSize: 'How many prepared statements are kept per connection for reuse (0 turns the cache off).',
  cancelQueryTimeout: 'Extra seconds to wait for a cancelled query before the connection is dropped (-1 means no limit).',
  connectRetryCount: 'How many times an idle connection that broke is reconnected automatically (0 to 255).',
  connectRetryInterval: 'Seconds between those reconnection attempts (1 to 60).',
  bulkCopyForBatchInsertBatchSize: 'Rows per batch when batch inserts are sent through bulk copy (0 means all at once).',
  disableStatementPooling: 'true turns off the reuse of prepared statements.',
  integratedSecurity: 'true logs in with the Windows account the service runs as (Windows authentication) instead of user and password.',
  lastUpdateCount: 'true returns only the update count of the last statement in a batch.',
  multiSubnetFailover: 'true tries all IP addresses of an availability group listener in parallel, so failover to another subnet is quick; Microsoft asks for it with every listener.',
  replication: 'true marks the connection as a replication agent\'s.',
  serverNameAsACE: 'true converts an international server name to its ASCII (Punycode) form before connecting.',
  sendStringParametersAsUnicode: 'true sends string parameters as Unicode (nvarchar); false sends them as varchar.',
  sendTimeAsDatetime: 'true sends java.sql.Time values as datetime rather than time.',
  TransparentNetworkIPResolution: 'true tries the first resolved address quickly, then the others in parallel.',
  trustServerCertificate: 'true accepts the server\'s TLS certificate without checking it (convenient, but open to impersonation).',
  xopenStates: 'true returns X/Open SQL state codes instead of SQL:1999 ones.',
  fips: 'true requires FIPS-approved cryptography (needs encryption and a FIPS-configured JVM).',
  enablePrepareOnFirstPreparedStatementCall: 'true prepares a statement on the server the first time it runs instead of the second.',
  cacheBulkCopyMetadata: 'true caches table metadata between bulk copy batch inserts.',
  useBulkCopyForBatchInsert: 'true sends batch inserts through the bulk copy API, which is faster for large batches.',
  bulkCopyForBatchInsertCheckConstraints: 'true checks constraints during bulk copy batch inserts.',
  bulkCopyForBatchInsertFireTriggers: 'true fires insert triggers during bulk copy batch inserts.',
  bulkCopyForBatchInsertKeepIdentity: 'true keeps the identity values given in bulk copy batch inserts.',
  bulkCopyForBatchInsertKeepNulls: 'true keeps nulls instead of column defaults in bulk copy batch inserts.',
  bulkCopyForBatchInsertTableLock: 'true locks the whole table during bulk copy batch inserts.',
  bulkCopyForBatchInsertAllowEncryptedValueModifications: 'true lets bulk copy batch inserts copy Always Encrypted data without decrypting it.',
  useFmtOnly: 'true asks for parameter metadata with SET FMTONLY instead of the newer procedure.',
  sendTemporalDataTypesAsStringForBulkCopy: 'true sends date and time values as strings during bulk copy.',
  delayLoadingLobs: 'true streams large objects (text, images) only when they are read.',
  ignoreOffsetOnDateTimeOffsetConversion: 'true drops the time zone offset when converting datetimeoffset values to local dates.',
  useDefaultJaasConfig: 'true uses the JVM\'s default JAAS configuration for Kerberos.',
  useDefaultGSSCredential: 'true uses the current Kerberos credentials of the JVM.',
  calcBigDecimalPrecision: 'true computes the precision of BigDecimal parameters instead of sending the maximum.',
  gsscredential: 'A Kerberos credential object; can only be given in code, not in the URL.',
  accessTokenCallback: 'A callback object that supplies access tokens; can only be given in code, not in the URL.',
};

const facts = JSON.parse(readFileSync(factsPath, 'utf8'));
const missing = facts.properties.filter((p) => !DESCRIPTIONS[p.name]).map((p) => p.name);
if (missing.length) {
  console.error(`no description for: ${missing.join(', ')}`);
  process.exit(1);
}
const readers = JSON.parse(readFileSync(readersPath, 'utf8'));
const readingOf = new Map(readers.properties.map((r) => [r.name, r]));
const unknownReaders = readers.properties.filter((r) => !facts.properties.some((p) => p.name === r.name && p.type === 'boolean'));
if (unknownReaders.length) {
  console.error(`readers file names properties that are not boolean in the facts: ${unknownReaders.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
const props = facts.properties.map((p) => {
  const o = { name: p.name, type: p.type, default: p.default ?? null };
  if (typeof p.min === 'number') o.min = p.min;
  if (typeof p.max === 'number') o.max = p.max;
  if (p.type === 'boolean') {
    const r = readingOf.get(p.name);
    if (!r) {
      console.error(`no reading mode for the boolean property ${p.name}: run scripts/extract-jdbc-boolean-readers.mjs`);
      process.exit(1);
    }
    o.reading = r.reading;
    o.readAt = r.at.join(', ');
    if (READ_ONLY_WHEN[p.name]) o.readOnlyWhen = READ_ONLY_WHEN[p.name];
  }
  o.description = DESCRIPTIONS[p.name];
  return o;
});
const aliases = facts.aliases.map((a) => ({ alias: a.alias, property: a.property, newestDriverOnly: NEWEST_ONLY.has(a.alias) }));
const q = (v) => JSON.stringify(v);
const lines = [
  '// GENERATED FILE: do not edit by hand.',
  `// Source: ${facts.source}, via the facts file jdbc-sqlserver-properties.json;`,
  `// boolean reading modes: ${readers.source}, via scripts/data/jdbc-boolean-readers.json.`,
  '// Generated by `node scripts/gen-jdbc-properties.mjs [facts.json] [boolean-readers.json]`; the descriptions live in that script.',
  '',
  "export type DriverPropertyType = 'string' | 'int' | 'boolean' | 'object';",
  '',
  '/**',
  ' * How the driver reads a boolean property: `strict` = `SQLServerConnection.isBooleanPropertyOn` (`true`/`false` in any',
  ' * case, anything else throws R_invalidBooleanValue and the connection fails); `lenient` = `Boolean.parseBoolean`',
  ' * (anything but `true` in any case silently means false).',
  ' */',
  "export type BooleanReading = 'strict' | 'lenient';",
  '',
  'export interface DriverProperty {',
  '  /** The canonical name, spelled as the driver spells it. */',
  '  readonly name: string;',
  '  readonly type: DriverPropertyType;',
  '  /** The newest driver\'s default (as text for strings and booleans), or null when it has none. */',
  '  readonly default: string | number | null;',
  '  readonly min?: number;',
  '  readonly max?: number;',
  '  /** Boolean properties only: how the driver reads the value. */',
  '  readonly reading?: BooleanReading;',
  '  /** Boolean properties only: where the driver reads it (file:line at the commit of the readers file). */',
  '  readonly readAt?: string;',
  '  /** Boolean properties the driver reads only in some configurations: which. */',
  '  readonly readOnlyWhen?: string;',
  '  /** One line on what the property does (for hovers). */',
  '  readonly description: string;',
  '}',
  '',
  'export interface DriverAlias {',
  '  readonly alias: string;',
  '  /** The canonical property the alias stands for. */',
  '  readonly property: string;',
  '  /** Added in August 2026 (mssql-jdbc #3011): older drivers, such as the one ECE ships, silently ignore it. */',
  '  readonly newestDriverOnly: boolean;',
  '}',
  '',
  `export const DRIVER_FACTS_SOURCE = ${q(facts.source)};`,
  `export const BOOLEAN_READERS_SOURCE = ${q(readers.source)};`,
  '',
  'export const DRIVER_PROPERTIES: readonly DriverProperty[] = [',
  ...props.map((p) => `  ${JSON.stringify(p)},`),
  '];',
  '',
  'export const DRIVER_ALIASES: readonly DriverAlias[] = [',
  ...aliases.map((a) => `  ${JSON.stringify(a)},`),
  '];',
  '',
];
writeFileSync(outPath, lines.join('\n'));
console.log(`wrote ${outPath}: ${props.length} properties, ${aliases.length} aliases`);
