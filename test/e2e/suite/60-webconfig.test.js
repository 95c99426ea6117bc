// IIS web.config of the ECE site: a wsname= pattern copied from the printed guide (possessive ++, \c for a dot).
'use strict';
const { kindSuite } = require('../kind-suite');

kindSuite({
  kind: 'webconfig',
  title: 'IIS web.config clickjacking rules',
  file: ['cases', 'webconfig', 'web.config'],
  diagnostics: [
    { rule: 'webconfig/invalid-pattern', text: '++', severity: 'error' },
    { rule: 'webconfig/escaped-letter-in-domain', text: '\\c', severity: 'error' },
  ],
  fix: {
    rule: 'webconfig/invalid-pattern',
    title: /"\+\+" with "\+"/,
    apply: (t) => t.replace('([a-z0-9.]++)', '([a-z0-9.]+)'),
    after: [{ rule: 'webconfig/escaped-letter-in-domain', text: '\\c', severity: 'error' }],
  },
  off: { rule: 'webconfig/escaped-letter-in-domain' },
  hover: { text: 'wsname=', delta: 2, expect: /wsname= pattern[\s\S]*example\\+com/ },
});
