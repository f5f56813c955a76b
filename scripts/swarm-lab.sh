#!/usr/bin/env bash
# A real N-node Docker Swarm on this one machine, for tests and by hand.
#
#   scripts/swarm-lab.sh up [N]    make an N-node swarm (default 3: 1 manager, N-1 workers; N ≤ 9);
#                                  the LAST line printed is DOCKER_HOST=unix://… of the manager
#   scripts/swarm-lab.sh down      remove the lab and everything it left (also after a crash)
#   scripts/swarm-lab.sh status    nodes, their dockerd, RSS and swarm state (exit 1 unless all Ready)
#   scripts/swarm-lab.sh --help
#
#   export "$(scripts/swarm-lab.sh up | tail -1)" && docker node ls
#
# Each node is its own dockerd (and containerd) in its own network namespace,
# 10.213.77.N/24 on a bridge in a separate "switch" namespace; nothing has a
# route out. Images come from the main engine (docker save | docker load):
# tsd-test/busybox:1 (scripts/engine.sh builds it) and SWARM_LAB_IMAGES.
# Both commands are idempotent, and both first sweep what an earlier crashed
# run left. Needs root. The main engine is only read from, never changed.
#
#   TSD_SWARM_LAB_DIR=/tmp/tsd-swarm-lab   the lab's folder (≤ 50 bytes): roots, sockets, logs
#   TSD_SWARM_LAB_PREFIX=tsdlab            names: netns tsdlab-sw, tsdlab-nN; cgroups, hostnames tsdlab-nN
#   SWARM_LAB_IMAGES="a:1 b:2"             more images to copy to every node
#   TSD_SWARM_LAB_START_TIMEOUT=60, TSD_SWARM_LAB_READY_TIMEOUT=60   seconds
# Node N: DOCKER_HOST=unix://$TSD_SWARM_LAB_DIR/nN/docker.sock, log nN/dockerd.log,
#         a shell in its network: nsenter --net=/run/netns/tsdlab-nN sh.
# See docs/swarm-lab.md.

# shellcheck source-path=SCRIPTDIR
set -euo pipefail

LAB_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/swarm-lab"
readonly LAB_SCRIPTS
# shellcheck source=swarm-lab/common.sh
. "$LAB_SCRIPTS/common.sh"
# shellcheck source=swarm-lab/network.sh
. "$LAB_SCRIPTS/network.sh"
# shellcheck source=swarm-lab/daemons.sh
. "$LAB_SCRIPTS/daemons.sh"
# shellcheck source=swarm-lab/swarm.sh
. "$LAB_SCRIPTS/swarm.sh"
# shellcheck source=swarm-lab/sweep.sh
. "$LAB_SCRIPTS/sweep.sh"

usage() { sed -n '2,26s/^# \{0,1\}//p' "$0"; }

# Seconds since `start` (an EPOCHREALTIME), with one decimal.
elapsed_since() {
  awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.1f", now - start }'
}

# Removes the lab, then fails if anything of it is left.
down_lab() {
  stop_lab_dockerds
  sweep_lab
  local leftovers
  leftovers="$(lab_leftovers)"
  [ -z "$leftovers" ] || fail "down left parts of the lab behind:" "$leftovers"
}

# A failed `up` shows why (each node's log) and then removes the half-made
# lab, so a test run or a shell is never left with stray daemons.
# TSD_SWARM_LAB_KEEP_ON_FAILURE=1 keeps it for a look.
on_up_exit() {
  local status=$?
  [ "$status" -ne 0 ] || return 0
  local dir
  for dir in "$LAB_DIR"/n*; do
    [ -d "$dir" ] && print_log_tail "${dir##*/n}"
  done
  if [ "${TSD_SWARM_LAB_KEEP_ON_FAILURE:-}" = 1 ]; then
    say "up failed; the lab is kept at $LAB_DIR (TSD_SWARM_LAB_KEEP_ON_FAILURE=1): 'swarm-lab.sh down' removes it"
  else
    say "up failed; removing the half-made lab"
    (down_lab) || true
  fi
  exit "$status"
}

up_lab() {
  local count="$1" started="$EPOCHREALTIME"
  ensure_source_images
  if lab_is_healthy "$count"; then
    top_up_images "$count"
    say "the $count-node lab already runs at $LAB_DIR"
    printf 'DOCKER_HOST=%s\n' "$(node_host 1)"
    return
  fi
  trap on_up_exit EXIT
  if [ -e "$LAB_DIR" ] || [ -n "$(lab_leftovers)" ]; then
    say "removing what an earlier lab left"
  fi
  stop_lab_dockerds
  sweep_lab

  mkdir -p "$LAB_DIR"
  : >"$LAB_MARKER"
  create_lab_network "$count"
  say "starting $count dockerds"
  start_lab_dockerds "$count"
  say "copying images: $(lab_images | tr '\n' ' ')"
  copy_images_to_nodes "$count"
  say "swarm init on $(node_name 1); workers join: $((count - 1))"
  init_swarm
  join_workers "$count"
  wait_until_ready "$count"
  printf '%s\n' "$count" >"$NODE_COUNT_FILE"
  trap - EXIT
  say "$count nodes Ready in $(elapsed_since "$started")s; node logs: $LAB_DIR/nN/dockerd.log"
  printf 'DOCKER_HOST=%s\n' "$(node_host 1)"
}

main() {
  local command="${1:-}" count
  case "$command" in
    -h | --help | help) usage; return ;;
    up)
      count="${2:-3}"
      if ! [[ "$count" =~ ^[1-9]$ ]] || [ "$count" -gt "$MAX_NODES" ]; then
        fail "N must be 1 to $MAX_NODES (it is '$count')."
      fi
      [ "$#" -le 2 ] || fail "up takes one argument, N."
      ;;
    down | status) [ "$#" -eq 1 ] || fail "$command takes no argument." ;;
    "") usage >&2; fail "a command is needed: up, down or status." ;;
    *) usage >&2; fail "unknown command: $command" ;;
  esac
  check_settings
  check_host
  case "$command" in
    up) take_lab_lock; up_lab "$count" ;;
    down)
      take_lab_lock
      local started="$EPOCHREALTIME"
      down_lab
      say "the lab is gone ($(elapsed_since "$started")s)"
      ;;
    status) print_status ;;
  esac
}

main "$@"
