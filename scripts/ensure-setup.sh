#!/usr/bin/env bash
# Installs whatever a fresh clone is missing before `npm start` / `npm test`; fast when nothing is.
#  1. npm packages, from the lock file, when node_modules is absent or older than the lock. `npm install`
#     rather than `npm ci`: it installs the locked versions too, and npm ci rejects locks written with
#     omit-lockfile-registry-resolved (set on this project's machines) for other platforms' optional packages.
#  2. The Temporal CLI (dev server): TEMPORAL_CLI_PATH, else `temporal` on PATH, else .tools/bin/temporal,
#     built here with Go from the module proxy when none is found (v1.6+ cannot be `go install`ed).
#  3. Chromium for the browser tests: CHROMIUM_PATH, else /usr/bin/chromium, else Debian's package
#     installed with apt-get when running as root (nothing downloads a browser of its own).
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION=v1.5.1

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages from package-lock.json"
  npm install --no-audit --no-fund
fi

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then return 0; fi
  if [ -x /usr/bin/chromium ]; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests (once)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  else
    echo "setup: no Chromium at /usr/bin/chromium; install Debian's package 'chromium' or set CHROMIUM_PATH (browser tests need it)"
  fi
}
ensure_chromium

if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "${TEMPORAL_CLI_PATH}" ]; then
  exit 0
fi
if command -v temporal >/dev/null 2>&1 || [ -x .tools/bin/temporal ]; then
  exit 0
fi
if command -v go >/dev/null 2>&1; then
  echo "setup: building the Temporal CLI ${TEMPORAL_CLI_VERSION} into .tools/bin (a few minutes, once)"
  mkdir -p .tools/bin
  GOBIN="$PWD/.tools/bin" CGO_ENABLED=0 go install "github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}"
else
  echo "setup: no Temporal CLI and no Go; the SDK's ephemeral dev server will be downloaded on first use (needs internet)"
fi
