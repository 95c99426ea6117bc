// reportsdb_utility.properties: a Windows path written with single backslashes.
'use strict';
const { kindSuite } = require('../kind-suite');

kindSuite({
  kind: 'reportsdb',
  title: 'Reports DB utility properties',
  file: ['cases', 'reportsdb', 'reportsdb_utility.properties'],
  diagnostics: [
    { rule: 'properties/unknown-escape', text: '\\E', severity: 'error' },
    { rule: 'properties/unknown-escape', text: '\\e', severity: 'error' },
  ],
  ignore: ['reportsdb/server-is-listener'],
  fix: {
    rule: 'properties/unknown-escape',
    title: /Escape the backslashes/,
    apply: (t) => t.replace('EGAIN_HOME_DIR=C:\\ECE\\eService', 'EGAIN_HOME_DIR=C:\\\\ECE\\\\eService'),
    after: [],
  },
  off: { rule: 'properties/unknown-escape' },
  hover: { text: 'EGAIN_HOME_DIR', expect: /EGAIN_HOME_DIR[\s\S]*Java loads/ },
});
