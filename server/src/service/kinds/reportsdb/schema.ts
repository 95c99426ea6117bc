/**
 * The keys of `reportsdb_utility.properties`, read by the Reports DB utility (SQL Server Always On) with
 * `java.util.Properties`. Two key sets exist: the 12.6 guide's (`EGAIN_HOME_DIR`) and the 12.5 HA tech note's
 * (`ECE_HOME_DIR`, `MAST_DB_NAME` and the SSIS keys); both are known.
 */
import type { PropertiesSchema } from '../properties/schema';

export const REPORTSDB_SCHEMA: PropertiesSchema = {
  kind: 'reportsdb',
  fileName: 'reportsdb_utility.properties',
  reader: 'the Reports DB utility',
  keys: [
    {
      key: 'EGAIN_HOME_DIR',
      valueClass: 'path',
      doc: 'The ECE home folder (or the DFS share that holds it). Every backslash must be written twice: `C:\\\\ECE`, `\\\\\\\\domain\\\\ECE_Root\\\\ECE`; forward slashes also work.',
      example: 'C:\\\\ECE',
      version: '12.6',
    },
    {
      key: 'ECE_HOME_DIR',
      valueClass: 'path',
      doc: 'The ECE home folder, as named in the 12.5 HA tech note (12.6 calls it `EGAIN_HOME_DIR`). Write every backslash twice.',
      example: '\\\\\\\\domain.com\\\\ECE_Root\\\\ECE',
      version: '12.5',
    },
    {
      key: 'IS_WINDOWS_AUTHENTICATION',
      valueClass: 'boolean',
      doc: 'Must be `true`: with Always On the utility connects with Windows authentication.',
      example: 'true',
    },
    {
      key: 'CREATE_DBLINK_FROM_CONNPOOLMAP',
      valueClass: 'boolean',
      doc: 'Ships as `true` and must stay `true`: the utility builds its database links from the connection pool file.',
      example: 'true',
    },
    {
      key: 'REPORTS_DB_SERVER_NAME',
      valueClass: 'host',
      doc: 'Fully qualified name of the server that was the **secondary replica** of the reports database at install time (not the listener).',
      example: 'sqlnode2.example.com',
    },
    { key: 'REPORTS_DB_LST_PORT', valueClass: 'port', doc: 'Port of the availability group listener for the reports database, usually 1433.', example: '1433' },
    {
      key: 'REPORTS_DB_INSTANCE_NAME',
      valueClass: 'host',
      doc: 'SQL Server instance name of the reports database when the listener is on a named instance; leave it blank for the default instance.',
      example: '',
    },
    { key: 'REPORTS_DB_NAME', valueClass: 'name', doc: 'Name of the reports database, e.g. `eGReportsDB`.', example: 'eGReportsDB' },
    {
      key: 'ACT_DB_SERVER_NAME',
      valueClass: 'host',
      doc: 'Fully qualified name of the server that was the **secondary replica** of the active database at install time (not the listener).',
      example: 'sqlnode2.example.com',
    },
    { key: 'ACT_DB_LST_PORT', valueClass: 'port', doc: 'Port of the availability group listener for the active database, usually 1433.', example: '1433' },
    {
      key: 'ACT_DB_INSTANCE_NAME',
      valueClass: 'host',
      doc: 'SQL Server instance name of the active database when the listener is on a named instance; leave it blank for the default instance.',
      example: '',
    },
    { key: 'ACT_DB_NAME', valueClass: 'name', doc: 'Name of the active database, e.g. `eGActiveDB`.', example: 'eGActiveDB' },
    { key: 'MAST_DB_NAME', valueClass: 'name', doc: 'Name of the master database, e.g. `eGMasterDB` (12.5 tech note).', example: 'eGMasterDB', version: '12.5' },
    {
      key: 'SSIS_INSTALL_PATH',
      valueClass: 'path',
      doc: 'Folder for SSIS data created on the secondary server (12.5 tech note). Write every backslash twice: `E:\\\\ssis_data`.',
      example: 'E:\\\\ssis_data',
      version: '12.5',
    },
    {
      key: 'SSIS_USER_ID',
      valueClass: 'user',
      doc: 'The SSIS account given when ECE was set up, as `DOMAIN\\\\user` with the backslash written twice (12.5 tech note).',
      example: 'DOMAIN\\\\SQLServerSvc',
      version: '12.5',
    },
    { key: 'SSIS_USER_PASSWORD', valueClass: 'secret', doc: 'Active Directory password of the SSIS account (12.5 tech note). Backslashes in it must be written twice.', example: '', version: '12.5' },
    { key: 'SSIS_CATALOG_PASSWORD', valueClass: 'secret', doc: 'The SSIS catalog password chosen when ECE was installed (12.5 tech note).', example: '', version: '12.5' },
  ],
  required: [
    ['EGAIN_HOME_DIR', 'ECE_HOME_DIR'],
    ['IS_WINDOWS_AUTHENTICATION'],
    ['REPORTS_DB_SERVER_NAME'],
    ['REPORTS_DB_NAME'],
    ['ACT_DB_SERVER_NAME'],
    ['ACT_DB_NAME'],
  ],
};
