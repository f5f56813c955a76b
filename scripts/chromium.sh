#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser tests, idempotently.
#
#   bash scripts/chromium.sh           install chromium when /usr/bin/chromium is missing
#   bash scripts/chromium.sh --quiet   say nothing when there is nothing to do
#
# The browser tests (test/browser/**) drive it through playwright-core with
# executablePath, so no browser build is ever downloaded. On Debian as root
# the `chromium` package (and fonts for readable screenshots) is installed
# with apt-get; anywhere else the script fails, naming what is missing. A
# second run with everything in place takes well under a second.
set -euo pipefail

readonly CHROMIUM="/usr/bin/chromium"
LOCK_FILE="${TMPDIR:-/tmp}/tsd-chromium-$(id -u).lock"
readonly LOCK_FILE
quiet=false

say() { printf 'chromium.sh: %s\n' "$*"; }
fail() {
  printf 'chromium.sh: error: %s\n' "$1" >&2
  shift
  local hint
  for hint in "$@"; do printf '  %s\n' "$hint" >&2; done
  exit 1
}

for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=true ;;
    -h | --help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) fail "unknown option: $arg" ;;
  esac
done

works() { [ -x "$CHROMIUM" ] && timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1; }

if works; then
  $quiet || say "$("$CHROMIUM" --version 2>/dev/null) at $CHROMIUM"
  exit 0
fi

[ "$(id -u)" = 0 ] || fail "$CHROMIUM is missing and this is not root" "install Debian's chromium package (apt-get install chromium)"
command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM is missing and apt-get is not available" "install Chromium so that $CHROMIUM runs"

# Parallel test runs must not run apt-get at the same time (and apt-get waits for
# another package manager holding dpkg's lock rather than failing).
exec 9>"$LOCK_FILE"
flock 9
if ! works; then
  say "installing chromium with apt-get (once per machine)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=900 update -qq || fail "apt-get update failed"
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-liberation >/dev/null || fail "apt-get install chromium failed"
fi
works || fail "$CHROMIUM is installed but does not start" "try: $CHROMIUM --headless --no-sandbox --disable-gpu --version"
$quiet || say "$("$CHROMIUM" --version 2>/dev/null) at $CHROMIUM"
