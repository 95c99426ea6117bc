// ece_config.js (Finesse agent gadget settings, CRLF line ends): http instead of https, a URL instead of a host name.
'use strict';
const { kindSuite } = require('../kind-suite');

kindSuite({
  kind: 'ecejs',
  title: 'Finesse gadget config script',
  file: ['cases', 'ecejs', 'ece_config.js'],
  diagnostics: [
    { rule: 'ecejs/protocol-not-https', text: 'http', severity: 'error' },
    { rule: 'ecejs/server-name-has-scheme-or-path', text: 'https://ece.example.com/system', severity: 'error' },
  ],
  ignore: ['ecejs/hosts-differ'],
  fix: {
    rule: 'ecejs/server-name-has-scheme-or-path',
    title: /Keep only the host name/,
    apply: (t) => t.replace('"https://ece.example.com/system"', '"ece.example.com"'),
    after: [{ rule: 'ecejs/protocol-not-https', text: 'http', severity: 'error' }],
  },
  off: { rule: 'ecejs/protocol-not-https' },
  hover: { text: 'web_server_name', expect: /web_server_name/ },
});
