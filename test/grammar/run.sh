#!/usr/bin/env bash
# Grammar tests: the injection grammars of syntaxes/ on VS Code's own XML and ini (properties) grammars.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node node_modules/vscode-tmgrammar-test/dist/unit.js --config test/grammar/grammars.json \
  'test/grammar/*.test.xml' 'test/grammar/*.test.properties'
