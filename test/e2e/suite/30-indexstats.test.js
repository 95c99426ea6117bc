// input.properties (index statistics utility): a user and password left set next to a Windows-authentication URL.
'use strict';
const { kindSuite } = require('../kind-suite');

kindSuite({
  kind: 'indexstats',
  title: 'index statistics utility properties',
  file: ['cases', 'indexstats', 'input.properties'],
  diagnostics: [
    { rule: 'indexstats/credentials-with-integrated-security', text: 'ACTIVE_USER', severity: 'warning' },
    { rule: 'indexstats/credentials-with-integrated-security', text: 'ACTIVE_PASS', severity: 'warning' },
  ],
  // cross-file: compares with whichever pool file the workspace model finds (the test cases hold several)
  ignore: ['indexstats/url-differs-from-connpool'],
  fix: {
    rule: 'indexstats/credentials-with-integrated-security',
    title: /Blank ACTIVE_USER and ACTIVE_PASS/,
    apply: (t) => t.replace('ACTIVE_USER=sa', 'ACTIVE_USER=').replace('ACTIVE_PASS=Secr3t!', 'ACTIVE_PASS='),
    after: [],
  },
  off: { rule: 'indexstats/credentials-with-integrated-security' },
  hover: { text: 'ACTIVE_DATABASE_URL', expect: /ACTIVE_DATABASE_URL/ },
});
