# Shared shell helpers for the real-editor tests; sourced by run-all.sh (and handy by hand:
#   source scripts/e2e/lib.sh; start_code_server DIR; ... ; stop_started).
# Every process started here runs in its own session/process group (setsid); its id is recorded in STARTED_PIDS
# and stop_started kills the whole group (code-server's extension host, file watcher and language server,
# Chromium's helpers, Neovim and its language server), TERM first, KILL after 5 s.

E2E_ROOT=${E2E_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
E2E_HOST=${E2E_HOST_DIR:-$E2E_ROOT/.e2e/host}
CODE_SERVER="$E2E_HOST/node_modules/.bin/code-server"
STARTED_PIDS=()

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Writes fresh user settings for a code-server state dir.
cs_prepare_state() {
  local state=$1
  mkdir -p "$state/ud/User" "$state/ext"
  node -e 'const { TEST_USER_SETTINGS } = require(process.argv[1]); require("fs").writeFileSync(process.argv[2], JSON.stringify({ ...TEST_USER_SETTINGS, "workbench.colorTheme": "Default Light Modern" }, null, 2))' \
    "$E2E_ROOT/test/e2e/prepare-workspace.js" "$state/ud/User/settings.json"
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$state/config.yaml"
}

# cs_install_vsix STATE VSIX: installs the packaged extension into STATE/ext (the per-run extensions dir).
cs_install_vsix() {
  local state=$1 vsix=$2
  "$CODE_SERVER" --config "$state/config.yaml" --user-data-dir "$state/ud" --extensions-dir "$state/ext" \
    --install-extension "$vsix" </dev/null > "$state/install.log" 2>&1 || { cat "$state/install.log" >&2; return 1; }
}

# start_code_server STATE PORT: starts code-server in the background, waits for /healthz; sets CS_PID.
start_code_server() {
  local state=$1 port=$2 i
  setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$port" --auth none --config "$state/config.yaml" \
    --user-data-dir "$state/ud" --extensions-dir "$state/ext" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override > "$state/server.log" 2>&1 </dev/null &
  CS_PID=$!
  STARTED_PIDS+=("$CS_PID")
  for i in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; then return 0; fi
    if ! kill -0 "$CS_PID" 2>/dev/null; then echo "code-server exited early:" >&2; cat "$state/server.log" >&2; return 1; fi
    sleep 0.2
  done
  echo "code-server did not answer /healthz within 60 s" >&2; return 1
}

# run_group CMD...: runs CMD in a new process group in the foreground (killable as a group on exit); returns its status.
run_group() {
  local pid rc
  setsid "$@" &
  pid=$!
  STARTED_PIDS+=("$pid")
  wait "$pid"; rc=$?
  # the command is done: end whatever it left behind in its group, and forget the id
  if group_alive "$pid"; then kill -TERM -- "-$pid" 2>/dev/null || true; fi
  local keep=() p
  for p in "${STARTED_PIDS[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
  STARTED_PIDS=("${keep[@]}")
  return $rc
}

# Is any process of group $1 still alive?
group_alive() { [ -n "$(ps -o pid= -g "$1" 2>/dev/null)" ]; }

stop_started() {
  local pid i
  for pid in "${STARTED_PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for i in $(seq 1 50); do group_alive "$pid" || break; sleep 0.1; done
    if group_alive "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  done
  STARTED_PIDS=()
}
