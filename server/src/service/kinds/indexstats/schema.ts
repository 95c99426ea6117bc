/**
 * The keys of `input.properties`, read by the UpdateDBIndexStats utility with `java.util.Properties`.
 */
import type { PropertiesSchema } from '../properties/schema';

export const INDEXSTATS_SCHEMA: PropertiesSchema = {
  kind: 'indexstats',
  fileName: 'input.properties',
  reader: 'the UpdateDBIndexStats utility',
  keys: [
    {
      key: 'ACTIVE_DATABASE_URL',
      valueClass: 'url',
      doc: 'JDBC URL of the active database: copy the `Url` of the `Platform_MSSQL_Pool` connection pool from `egpl_ds_connpool_map.xml`. A backslash before an instance name must be written twice here.',
      example: 'jdbc:sqlserver://dbserver.example.com:1433;integratedSecurity=true;databaseName=eGActiveDB',
    },
    {
      key: 'ACTIVE_USER',
      valueClass: 'user',
      doc: 'SQL login for the active database. Leave it blank with Windows authentication (`integratedSecurity=true`).',
      example: '',
    },
    { key: 'ACTIVE_PASS', valueClass: 'secret', doc: 'Password of `ACTIVE_USER`. Leave it blank with Windows authentication.', example: '' },
    {
      key: 'REPORTS_DATABASE_URL',
      valueClass: 'url',
      doc: 'JDBC URL of the reports database: copy the `Url` of the `ReportsDB_MSSQL_Pool` connection pool from `egpl_ds_connpool_map.xml`.',
      example: 'jdbc:sqlserver://dbserver.example.com:1433;integratedSecurity=true;databaseName=eGReportsDB',
    },
    {
      key: 'REPORTS_USER',
      valueClass: 'user',
      doc: 'SQL login for the reports database. Leave it blank with Windows authentication (`integratedSecurity=true`).',
      example: '',
    },
    { key: 'REPORTS_PASS', valueClass: 'secret', doc: 'Password of `REPORTS_USER`. Leave it blank with Windows authentication.', example: '' },
  ],
  required: [['ACTIVE_DATABASE_URL'], ['REPORTS_DATABASE_URL']],
};

/** The URL key and its user/password keys, per database. */
export const INDEXSTATS_DATABASES = [
  { url: 'ACTIVE_DATABASE_URL', user: 'ACTIVE_USER', pass: 'ACTIVE_PASS', label: 'active database' },
  { url: 'REPORTS_DATABASE_URL', user: 'REPORTS_USER', pass: 'REPORTS_PASS', label: 'reports database' },
] as const;
