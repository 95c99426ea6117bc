#!/usr/bin/env bash
# Installs the real-editor test host into .e2e/host/ (git-ignored), idempotently:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (headers for code-server's
#     kerberos addon), ripgrep (see the cache note below), neovim (the second LSP client under test);
#   - code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) and playwright-core 1,
#     from the npm registry, into .e2e/host/node_modules.
# Works as root on a fresh machine with no stdin. Fails loudly (non-zero exit, a clear message) when the
# host cannot be set up: the tests are never skipped.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOST=${E2E_HOST_DIR:-$ROOT/.e2e/host}
CS_VERSION=4.100.3        # newest code-server whose engines allow Node 20 (4.103 needs Node 22)
PW_RANGE=1                # playwright-core major
RG_PKG_VERSION=1.15.11    # @vscode/ripgrep version pinned in code-server 4.100.3's shrinkwrap
APT_PACKAGES=(chromium libkrb5-dev ripgrep neovim)
export DEBIAN_FRONTEND=noninteractive

die() { echo "setup-host: ERROR: $*" >&2; exit 1; }
log() { echo "setup-host: $*"; }
trap 'rc=$?; [ $rc -eq 0 ] || echo "setup-host: FAILED (exit $rc): the real-editor test host could not be set up" >&2' EXIT

command -v node >/dev/null || die "node is not on PATH"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
  || die "Node >= 20 is required (found $(node -v))"

# 1) Debian packages, only the missing ones.
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# code-server's native addons (node-pty, kerberos) may be compiled by node-gyp on install: it needs these tools.
command -v make >/dev/null && command -v g++ >/dev/null || missing+=(build-essential)
command -v python3 >/dev/null || missing+=(python3)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO="sudo -n"
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq </dev/null || die "apt-get update failed"
  $SUDO apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi
for b in chromium rg nvim; do command -v "$b" >/dev/null || die "$b is not on PATH after installing its package"; done
test -f /usr/include/gssapi/gssapi.h || test -f /usr/include/gssapi.h || die "gssapi.h missing (libkrb5-dev)"

# 2) code-server + playwright-core, unless this exact host is already there.
STAMP="$HOST/.installed-code-server-$CS_VERSION"
if [ -f "$STAMP" ] && [ -x "$HOST/node_modules/.bin/code-server" ] && [ -f "$HOST/node_modules/playwright-core/package.json" ]; then
  log "code-server $CS_VERSION and playwright-core already installed in $HOST"
else
  mkdir -p "$HOST/tmp"
  # Everything below (npm's temp files, the ripgrep cache) lives in the host's own temp dir.
  export TMPDIR="$HOST/tmp"
  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable); it first looks in this cache
  # folder under os.tmpdir(), so a tarball holding Debian's rg at its top level satisfies it.
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
  mkdir -p "$RG_CACHE"
  t=$(mktemp -d); cp "$(command -v rg)" "$t/rg"
  for triple in x86_64-unknown-linux-musl aarch64-unknown-linux-musl aarch64-unknown-linux-gnu; do
    tar czf "$RG_CACHE/ripgrep-v13.0.0-10-$triple.tar.gz" -C "$t" rg
  done
  rm -rf "$t"
  cd "$HOST"
  [ -f package.json ] || echo '{"private":true,"description":"real-editor test host (code-server + playwright-core); not part of the product"}' > package.json
  log "installing code-server@$CS_VERSION and playwright-core@$PW_RANGE with npm (a few minutes on a cold machine)"
  # unsafe_perm: code-server's postinstall refuses to run as root without it.
  # yes: node-pty's postinstall runs `npx node-gyp`, which an npmrc with yes=false would cancel.
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_update_notifier=false \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" "playwright-core@$PW_RANGE" </dev/null \
    || die "npm install of code-server@$CS_VERSION / playwright-core failed (see the npm output above)"
  [ -x node_modules/.bin/code-server ] || die "code-server binary missing after npm install"
  touch "$STAMP"
fi

# 3) Smoke check: the host binaries really run.
mkdir -p "$HOST/tmp"
v=$("$HOST/node_modules/.bin/code-server" --config "$HOST/tmp/version-config.yaml" --user-data-dir "$HOST/tmp/ud" \
  --version </dev/null 2>/dev/null | grep -E '^[0-9]+\.[0-9]+' | head -1) || die "code-server does not start"
case "$v" in "$CS_VERSION"*) ;; *) die "unexpected code-server version: '$v' (want $CS_VERSION)";; esac
node -e "require('$HOST/node_modules/playwright-core')" || die "playwright-core does not load"
chromium --version >/dev/null 2>&1 </dev/null || die "chromium does not start"
log "host ready: code-server $v, $(chromium --version 2>/dev/null | head -1), $(nvim --version | head -1)"
