#!/usr/bin/env bash
# A private image registry on 127.0.0.1 with basic auth, for push/pull tests.
#
#   bash scripts/registry.sh start USER PASSWORD   start one; prints port=, pid=, dir= lines
#   bash scripts/registry.sh stop DIR              stop the one whose state is in DIR, remove DIR
#   (TSD_REGISTRY_START_TIMEOUT=30 seconds)
#
# Uses Debian's docker-registry (the distribution registry, /usr/bin/docker-registry),
# installed with apt when missing (as root), and a bcrypt htpasswd file made
# with `htpasswd -B` (apache2-utils) or, without it, python3's crypt. Each
# start gets its own temp directory (config, htpasswd, storage, log, pid) and
# a free port, so parallel runs never share a registry. The binary is started
# directly in the background (no systemd here); the package's own service is
# kept from starting during the install. The engine trusts registries on
# 127.0.0.0/8 over plain HTTP, so no TLS and no daemon.json change are needed.
set -euo pipefail

readonly REGISTRY_BIN="/usr/bin/docker-registry"
readonly START_TIMEOUT_SECONDS="${TSD_REGISTRY_START_TIMEOUT:-30}"

# The message, then any detail already printed to stderr by the caller.
fail() {
  printf 'registry.sh: error: %s\n' "$*" >&2
  exit 1
}

usage() { head -n 6 "$0" | tail -n 5 | cut -c 3-; }

# apt-get install, without letting the package start its own service (it would
# take port 5000 with the packaged config): a policy-rc.d refusing every start,
# only when none is in place, removed afterwards.
apt_install() {
  [ "$(id -u)" -eq 0 ] || fail "$* missing and not root: run as root, or: sudo apt-get install $*"
  command -v apt-get >/dev/null 2>&1 || fail "$* missing and no apt-get here: install the distribution registry and apache2-utils by hand"
  local policy="/usr/sbin/policy-rc.d" placed=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    placed=true
  fi
  # apt's chatter (debconf, needrestart) stays in a log, shown only on failure.
  local log status=0
  log="$(mktemp)"
  { DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=l apt-get install -y -qq "$@" >"$log" 2>&1 ||
    { apt-get update -qq >>"$log" 2>&1 && DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=l apt-get install -y -qq "$@" >>"$log" 2>&1; }; } || status=$?
  if [ "$placed" = true ]; then rm -f "$policy"; fi
  if [ "$status" -ne 0 ]; then
    tail -n 20 "$log" >&2
    rm -f "$log"
    fail "apt-get install $* failed (exit $status)"
  fi
  rm -f "$log"
}

ensure_registry() {
  [ -x "$REGISTRY_BIN" ] || apt_install docker-registry
}

# One `user:bcrypt-hash` line. The registry (Go's bcrypt) accepts $2a$, $2b$ and $2y$.
htpasswd_line() {
  local user="$1" password="$2"
  if command -v htpasswd >/dev/null 2>&1; then
    htpasswd -Bbn "$user" "$password" | head -n 1
    return
  fi
  local hash
  hash="$(python3 -W ignore -c 'import crypt, sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))' "$password" 2>/dev/null || true)"
  if [[ "$hash" == '$2'* ]]; then
    printf '%s:%s\n' "$user" "$hash"
    return
  fi
  apt_install apache2-utils
  htpasswd -Bbn "$user" "$password" | head -n 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The HTTP status of /v2/ (401 once the registry answers with auth on), or 000.
probe() {
  curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1/v2/" || true
}

start() {
  [ $# -eq 2 ] || { usage >&2; fail "start needs USER and PASSWORD"; }
  local user="$1" password="$2"
  ensure_registry
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/tsd-registry-XXXXXX")"
  mkdir -p "$dir/storage"
  htpasswd_line "$user" "$password" >"$dir/htpasswd"

  local attempt port pid
  # A free port can be taken between the probe and the registry's bind: try a few.
  for attempt in 1 2 3; do
    port="$(free_port)"
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
auth:
  htpasswd:
    realm: tsd-test-registry
    path: $dir/htpasswd
EOF
    setsid nohup "$REGISTRY_BIN" serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
    pid=$!
    printf '%s\n' "$pid" >"$dir/registry.pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$(probe "$port")" != 401 ] && [ "$waited" -lt $((START_TIMEOUT_SECONDS * 5)) ]; do
      sleep 0.2
      waited=$((waited + 1))
    done
    if [ "$(probe "$port")" = 401 ]; then
      printf 'port=%s\npid=%s\ndir=%s\n' "$port" "$pid" "$dir"
      return
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ "$attempt" -eq 3 ]; then
      tail -n 20 "$dir/registry.log" >&2 2>/dev/null || true
      rm -rf "$dir"
      fail "the registry did not answer on 127.0.0.1:$port within ${START_TIMEOUT_SECONDS}s (its log is above)"
    fi
  done
}

stop() {
  [ $# -eq 1 ] || { usage >&2; fail "stop needs the DIR that start printed"; }
  local dir="$1"
  [ -f "$dir/registry.pid" ] || fail "$dir holds no registry (no registry.pid)"
  local pid
  pid="$(cat "$dir/registry.pid")"
  if kill "$pid" 2>/dev/null; then
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 50 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  -h | --help) usage ;;
  *) usage >&2; fail "expected start or stop" ;;
esac
