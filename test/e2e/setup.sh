#!/usr/bin/env bash
# Installs what the end-to-end tests need to run the packaged extension in a
# real VS Code (code-server) driven by Debian's Chromium. Idempotent: a second
# run finds everything in place and only re-checks it.
#
#   Debian packages : chromium ripgrep libkrb5-dev (+ make g++ python3 if missing)
#   code-server     : $CACHE/code-server-$CODE_SERVER_VERSION/   (npm --prefix)
#   playwright-core : $CACHE/playwright-core-$PLAYWRIGHT_CORE_VERSION/ (npm --prefix)
#   paths file      : $CACHE/paths.json  (read by test/e2e/*.mjs)
#
# with CACHE=${SEEDLINT_E2E_CACHE:-$HOME/.cache/seedlint-e2e}.
#
# Progress goes to stderr; stdout gets exactly one line: the path of the
# code-server binary. So `CODE_SERVER=$(bash test/e2e/setup.sh)` works.
#
# The only network it needs is the npm registry and Debian's apt repositories.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3          # VS Code 1.100.3; the last line that runs on Node 20
PLAYWRIGHT_CORE_VERSION=1.65.1
# code-server@4.100.3 pins @vscode/ripgrep in lib/vscode/npm-shrinkwrap.json;
# its lib/postinstall.js asks for ripgrep VERSION 'v13.0.0-10' and, on x64
# Linux, the target 'x86_64-unknown-linux-musl'.
VSCODE_RIPGREP_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

CACHE="${SEEDLINT_E2E_CACHE:-$HOME/.cache/seedlint-e2e}"
CS_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
PW_PREFIX="$CACHE/playwright-core-$PLAYWRIGHT_CORE_VERSION"
CS_BIN="$CS_PREFIX/node_modules/.bin/code-server"
PW_DIR="$PW_PREFIX/node_modules/playwright-core"
CHROMIUM=/usr/bin/chromium
OK_MARK=.seedlint-e2e-ok

log() { printf '[e2e-setup +%ss] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || die "only Linux x86_64 is supported (got $(uname -s)-$(uname -m))"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || die "code-server@$CODE_SERVER_VERSION needs Node 20 (found $(node -v))"

mkdir -p "$CACHE"
# One setup at a time per cache folder (two test runs may start together).
exec 9>"$CACHE/.lock"
flock 9

# --- 1. Debian packages --------------------------------------------------------
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
for p in ripgrep libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v tar >/dev/null 2>&1 || missing+=(tar)
# Chromium needs at least one font to render text (the image ships DejaVu).
[ -n "$(fc-list 2>/dev/null | head -n 1)" ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update >&2
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >&2
else
  log "Debian packages present"
fi
[ -x "$CHROMIUM" ] || die "$CHROMIUM missing after apt-get install"
command -v rg >/dev/null 2>&1 || die "rg missing after apt-get install ripgrep"

# --- 2. code-server ---------------------------------------------------------------
install_code_server() {
  log "installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX (native builds; several minutes)"
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"

  # @vscode/ripgrep's postinstall downloads rg from GitHub, which is not
  # reachable. It first looks for <os.tmpdir()>/vscode-ripgrep-cache-<its
  # version>/<asset>, and extracts it with `tar xvf <asset> -C bin/`, expecting
  # bin/rg. So seed that cache with Debian's rg at the archive's top level.
  local rg_cache
  rg_cache="$(node -p "require('os').tmpdir()")/vscode-ripgrep-cache-$VSCODE_RIPGREP_VERSION"
  mkdir -p "$rg_cache"
  local rg_tmp
  rg_tmp=$(mktemp -d)
  cp "$(command -v rg)" "$rg_tmp/rg"
  chmod 755 "$rg_tmp/rg"
  tar czf "$rg_cache/$RIPGREP_ASSET.tmp" -C "$rg_tmp" rg
  mv "$rg_cache/$RIPGREP_ASSET.tmp" "$rg_cache/$RIPGREP_ASSET"
  rm -rf "$rg_tmp"
  # shellcheck disable=SC2064
  trap "rm -rf '$rg_cache'" EXIT
  log "seeded ripgrep cache $rg_cache/$RIPGREP_ASSET"

  # unsafe_perm: code-server's postinstall.sh refuses to run as root without it.
  # yes: ~/.npmrc may say yes=false, and a native module's install runs
  #      `npx node-gyp`, which must not stop at a prompt (env beats ~/.npmrc).
  # nodedir: build native modules against the installed Node headers (Debian's
  #      nodejs ships them in /usr/include/node) instead of downloading them.
  local nodedir_env=()
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ] &&
     [ "$(node -p 'process.execPath')" = /usr/bin/node ]; then
    nodedir_env=(npm_config_nodedir=/usr)
  fi
  (
    cd "$CS_PREFIX"
    # allowScripts: npm 11.x warns about unapproved install scripts (and may
    # block them in a later major); approve the two that code-server needs.
    printf '{ "name": "seedlint-e2e-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }\n' > package.json
    env npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false \
        npm_config_audit=false npm_config_update_notifier=false "${nodedir_env[@]}" \
        npm install --prefix "$CS_PREFIX" --save-exact \
        "code-server@$CODE_SERVER_VERSION" >&2
  )

  # The install must have produced the pieces VS Code needs at run time.
  local vs="$CS_PREFIX/node_modules/code-server/lib/vscode/node_modules"
  [ -x "$vs/@vscode/ripgrep/bin/rg" ] || die "ripgrep binary missing in $vs/@vscode/ripgrep/bin"
  for m in node-pty/build/Release/pty.node @vscode/spdlog/build/Release/spdlog.node \
           kerberos/build/Release/kerberos.node native-watchdog/build/Release/watchdog.node; do
    [ -f "$vs/$m" ] || die "native module not built: $vs/$m"
  done
  # (with throw-away XDG dirs: code-server writes a default config on any start)
  local xdg
  xdg=$(mktemp -d)
  XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" "$CS_BIN" --version >&2 || die "code-server --version failed"
  rm -rf "$xdg"
  echo "$CODE_SERVER_VERSION" > "$CS_PREFIX/$OK_MARK"
}

if [ -f "$CS_PREFIX/$OK_MARK" ] && [ -x "$CS_BIN" ]; then
  log "code-server@$CODE_SERVER_VERSION cached in $CS_PREFIX"
else
  install_code_server
fi

# --- 3. playwright-core -----------------------------------------------------------
if [ -f "$PW_PREFIX/$OK_MARK" ] && [ -f "$PW_DIR/package.json" ]; then
  log "playwright-core@$PLAYWRIGHT_CORE_VERSION cached in $PW_PREFIX"
else
  log "installing playwright-core@$PLAYWRIGHT_CORE_VERSION into $PW_PREFIX"
  rm -rf "$PW_PREFIX"
  mkdir -p "$PW_PREFIX"
  printf '{ "name": "seedlint-e2e-playwright", "private": true }\n' > "$PW_PREFIX/package.json"
  # No browser download: playwright-core has no install script; we drive /usr/bin/chromium.
  (cd "$PW_PREFIX" && env npm_config_fund=false npm_config_audit=false \
      npm install --prefix "$PW_PREFIX" --save-exact "playwright-core@$PLAYWRIGHT_CORE_VERSION" >&2)
  [ -f "$PW_DIR/package.json" ] || die "playwright-core missing in $PW_DIR"
  echo "$PLAYWRIGHT_CORE_VERSION" > "$PW_PREFIX/$OK_MARK"
fi

# --- 4. paths for the tests ---------------------------------------------------------
node -e '
const fs = require("fs");
const [file, codeServer, playwrightCore, chromium, csv, pwv] = process.argv.slice(1);
const data = { codeServer, codeServerVersion: csv, playwrightCore, playwrightCoreVersion: pwv, chromium };
fs.writeFileSync(file + ".tmp", JSON.stringify(data, null, 2) + "\n");
fs.renameSync(file + ".tmp", file);
' "$CACHE/paths.json" "$CS_BIN" "$PW_DIR" "$CHROMIUM" "$CODE_SERVER_VERSION" "$PLAYWRIGHT_CORE_VERSION"
log "wrote $CACHE/paths.json; done"

echo "$CS_BIN"
