#!/usr/bin/env bash
# The real-editor tests, end to end (called by .ci/run after the unit tests; runnable by hand):
#   1. set up the host (code-server + Chromium + Neovim), idempotently  -> scripts/e2e/setup-host.sh
#   2. package the extension (npm run package -> dist/ece-config.vsix)
#   3. install the .vsix into a fresh per-run extensions dir of code-server
#   4. extension tests (mocha, test/e2e/suite) in code-server's extension host, against the INSTALLED extension
#   5. UI checks with Playwright + Chromium: the Problems panel lists a pool-file mistake with its rule id; on a copy of
#      the example home: Problems panel, hover, quick-fix menu, conversion preview (screenshots checked for their text)
#   6. grammar tests (vscode-tmgrammar-test, test/grammar)
#   7. Neovim's built-in LSP client against dist/server.js --stdio (test/nvim)
# Every process it starts is killed on exit; state lives in fresh per-run dirs (.e2e/run, TMPDIR inside it);
# output (logs, screenshot) goes to .test-output/e2e/. Prints "N passed, N failed"; exits non-zero on any failure.
# Env: ECE_E2E_VSIX=<path> tests that .vsix instead of running `npm run package`; ECE_E2E_ONLY="ext ui grammar nvim".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export E2E_ROOT=$ROOT
# shellcheck source=lib.sh
source "$ROOT/scripts/e2e/lib.sh"

RUN=$ROOT/.e2e/run
OUT=$ROOT/.test-output/e2e
ONLY=${ECE_E2E_ONLY:-ext ui grammar nvim}
PASSED=0; FAILED=0; SKIPPED=0; FAILED_STEPS=()
T0=$(date +%s)

cleanup() { stop_started; }
trap cleanup EXIT
trap 'echo "run-all: interrupted" >&2; exit 130' INT TERM

step() { echo; echo "### $* ($(( $(date +%s) - T0 )) s)"; }
# record NAME PASSED FAILED
record() {
  PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3))
  [ "$3" -eq 0 ] || FAILED_STEPS+=("$1")
  echo "--- $1: $2 passed, $3 failed"
}
want() { case " $ONLY " in *" $1 "*) return 0;; *) return 1;; esac; }

step "setup host"
if ! bash "$ROOT/scripts/e2e/setup-host.sh"; then
  echo "run-all: the test host could not be set up; failing (the real-editor tests are never skipped)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

rm -rf "$RUN" "$OUT"
mkdir -p "$RUN/tmp" "$OUT"
export TMPDIR=$RUN/tmp

step "package the extension"
if [ -n "${ECE_E2E_VSIX:-}" ]; then
  VSIX=$(cd "$(dirname "$ECE_E2E_VSIX")" && pwd)/$(basename "$ECE_E2E_VSIX")
else
  npm run package --silent </dev/null > "$OUT/package.log" 2>&1 || { cat "$OUT/package.log" >&2; echo "run-all: npm run package failed" >&2; echo "0 passed, 1 failed"; exit 1; }
  tail -n 3 "$OUT/package.log"
  VSIX=$ROOT/dist/ece-config.vsix
fi
[ -f "$VSIX" ] || { echo "run-all: no .vsix at $VSIX" >&2; echo "0 passed, 1 failed"; exit 1; }
echo "vsix: $VSIX ($(stat -c %s "$VSIX") bytes)"
step "package contents"
ECE_VSIX=$VSIX run_group node --test test/e2e/vsix.test.mjs > "$OUT/vsix.log" 2>&1; vrc=$?
grep -E "^# (/|pass|fail)|^not ok" "$OUT/vsix.log"
vp=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$OUT/vsix.log"); vf=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$OUT/vsix.log")
vp=${vp:-0}; vf=${vf:-0}; [ "$vrc" -ne 0 ] && [ "$vf" -eq 0 ] && vf=1
record "package contents" "$vp" "$vf"

# The test workspace: a copy of examples/ece-home plus the test cases; e2e-run.json beside it tells the tests
# where the extensions dir and the output dir are.
STATE=$RUN/code-server
cs_prepare_state "$STATE"
read -r WS HOME_WS < <(node test/e2e/prepare-workspace.js "$RUN" "$STATE/ext" "$OUT") && [ -d "$HOME_WS" ] \
  || { echo "run-all: could not prepare the workspaces" >&2; echo "0 passed, 1 failed"; exit 1; }

if want ext || want ui; then
  step "install the .vsix into code-server"
  if ! cs_install_vsix "$STATE" "$VSIX"; then
    echo "run-all: code-server --install-extension failed" >&2; echo "0 passed, 1 failed"; exit 1
  fi
  grep -h -i -E "installed|success" "$STATE/install.log" | head -2
  ls "$STATE/ext"
  PORT=$(free_port)
  if ! start_code_server "$STATE" "$PORT"; then echo "run-all: code-server did not start" >&2; echo "0 passed, 1 failed"; exit 1; fi
  echo "code-server up on 127.0.0.1:$PORT (pid $CS_PID)"
fi

if want ext; then
  mkdir -p "$RUN/empty-dev-extension"     # loads no extension: the one under test is the installed .vsix
  for pair in "cases:$WS" "home:$HOME_WS"; do
    name=${pair%%:*}; dir=${pair#*:}
    step "extension tests in code-server's extension host: workspace '$name'"
    run_group node scripts/e2e/run-ext-tests.js "http://127.0.0.1:$PORT" "$dir" "$RUN/empty-dev-extension" "$ROOT/test/e2e/index.js" "$OUT/$name"
    rc=$?
    read -r p f sk < <(node -e 'try{const r=require(process.argv[1]);console.log(r.passed.length, r.failed.length, r.pending.length)}catch{console.log("0 0 0")}' "$OUT/ext-results-$name.json")
    SKIPPED=$((SKIPPED + sk))
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1     # the run failed before or outside mocha
    record "extension tests ($name)" "$p" "$f"
  done
fi

if want ui; then
  step "UI check (Playwright + Chromium): Problems panel"
  UIWS=$RUN/ui-ws
  mkdir -p "$UIWS"
  cp test/e2e/fixtures/ui/egpl_ds_connpool_map.xml "$UIWS/"
  if run_group node test/e2e/ui-problems.js "http://127.0.0.1:$PORT" "$UIWS" "$OUT"; then record "UI check" 1 0; else record "UI check" 0 1; fi
  step "UI check (Playwright + Chromium): the example home (Problems panel, hover, quick fixes, conversion preview)"
  UIHOME=$RUN/ui-home
  rm -rf "$UIHOME"; cp -r examples/ece-home "$UIHOME"
  if run_group node test/e2e/ui-home.js "http://127.0.0.1:$PORT" "$UIHOME" "$OUT"; then record "UI check (example home)" 1 0; else record "UI check (example home)" 0 1; fi
fi
stop_started

if want grammar; then
  step "grammar tests (vscode-tmgrammar-test)"
  if run_group bash test/grammar/run.sh > "$OUT/grammar.log" 2>&1; then gf=0; else gf=1; fi
  cat "$OUT/grammar.log"
  gp=$(grep -c -E '^✓|^\s*✓' "$OUT/grammar.log" || true); gx=$(grep -c -E '^✖|^\s*✖' "$OUT/grammar.log" || true)
  [ "$gf" -ne 0 ] && [ "$gx" -eq 0 ] && gx=1
  record "grammar tests" "$gp" "$gx"
fi

if want nvim; then
  step "Neovim LSP client test"
  run_group node --test test/nvim/nvim.test.mjs > "$OUT/nvim.log" 2>&1; nrc=$?
  cat "$OUT/nvim.log"
  np=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$OUT/nvim.log"); nf=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$OUT/nvim.log")
  np=${np:-0}; nf=${nf:-0}; [ "$nrc" -ne 0 ] && [ "$nf" -eq 0 ] && nf=1
  record "Neovim test" "$np" "$nf"
fi

echo
echo "real-editor tests took $(( $(date +%s) - T0 )) s; output in $OUT"
[ ${#FAILED_STEPS[@]} -eq 0 ] || echo "failed: ${FAILED_STEPS[*]}"
if [ "$SKIPPED" -gt 0 ]; then echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; else echo "$PASSED passed, $FAILED failed"; fi
[ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
