#!/usr/bin/env bash
# setup.sh: installs what `make test` needs besides Go, so that the README's
# test command works by itself on a fresh Debian or Ubuntu machine. `make test`
# and .ci/run both call it; running it again changes nothing.
#
#   nodejs, npm   the DuckDB and polars check of the Parquet tables (make interop)
#   chromium      the HTML reports in a headless browser (make browser-test)
#   time          /usr/bin/time, for make bench's peak memory
#   make          for .ci/run, which calls this before make
#   @duckdb/node-api, nodejs-polars   the npm modules of that check, from its lock file
#
# Prints nothing when everything is present. When something is missing it
# says what it installs (apt-get needs root, or sudo without a password);
# when it cannot install it says what to do and exits 2.
#
# GO names the Go command (default go); TIME_BIN the time program to look
# for (default /usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
TIME_BIN=${TIME_BIN:-/usr/bin/time}
INTEROP=pipeline/tables/interop

fail() {
  printf 'setup: %s\n' "$@" >&2
  exit 2
}

has() { command -v "$1" >/dev/null 2>&1; }

# Go is not installed here: Debian's golang package is older than the Go this
# module needs.
has "$GO" || fail "Go (1.26 or later) is not on PATH; install it from https://go.dev/dl/ and run again."

missing=()
has node || missing+=(nodejs)
has npm || missing+=(npm)
has chromium || missing+=(chromium)
[ -x "$TIME_BIN" ] || missing+=(time)
has make || missing+=(make)

if [ ${#missing[@]} -gt 0 ]; then
  what="missing: ${missing[*]} (Debian/Ubuntu package names)"
  has apt-get || fail "$what" \
    "there is no apt-get here: install them with this system's package manager, then run again;" \
    "or use make test-short, which needs only Go."
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if has sudo && sudo -n true >/dev/null 2>&1; then
      sudo=(sudo -n)
    else
      fail "$what" \
        "installing them needs root: run  sudo apt-get install ${missing[*]}  once, then run again;" \
        "or use make test-short, which needs only Go."
    fi
  fi
  printf 'setup: installing %s with apt-get (once; a minute or two)\n' "${missing[*]}" >&2
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if ! { "${sudo[@]}" apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    fail "apt-get could not install ${missing[*]} (its last lines are above)."
  fi
  has node && has npm && has chromium && [ -x "$TIME_BIN" ] && has make ||
    fail "apt-get ran, but one of node, npm, chromium, $TIME_BIN, make is still missing."
fi

if [ ! -d "$INTEROP/node_modules/@duckdb/node-api" ] || [ ! -d "$INTEROP/node_modules/nodejs-polars" ]; then
  printf 'setup: installing the DuckDB and polars modules for Node (npm ci, once)\n' >&2
  (cd "$INTEROP" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    fail "npm could not install $INTEROP's modules (see above)."
fi

# Module downloads are quiet when the module cache already has them.
"$GO" mod download || fail "go mod download failed (see above)."
