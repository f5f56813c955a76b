# shellcheck shell=bash disable=SC2034 # the constants are read by the parts that source this one
# Part of scripts/swarm-lab.sh (sourced, never run): the lab's names, paths
# and the helpers every other part uses.
#
# One lab is one pair (folder, name prefix). Everything the lab makes is
# named from one of the two, so a sweep can find it after a crash without any
# record of the run that made it:
#   - files, sockets, mounts, logs:      under $LAB_DIR
#   - network namespaces:                $LAB_PREFIX-sw (the switch), $LAB_PREFIX-n1 … (the nodes)
#   - cgroups (--cgroup-parent):         /$LAB_PREFIX-n1 …
#   - containerd namespaces:             $LAB_PREFIX-n1, $LAB_PREFIX-n1-plugins …
#   - swarm node names (hostnames):      $LAB_PREFIX-n1 …

LAB_DIR="${TSD_SWARM_LAB_DIR:-/tmp/tsd-swarm-lab}"
LAB_PREFIX="${TSD_SWARM_LAB_PREFIX:-tsdlab}"
readonly LAB_DIR LAB_PREFIX
# The file that says "this folder is a lab's": down deletes the lab folder
# only when it holds this marker, so a mistyped TSD_SWARM_LAB_DIR never costs
# anyone their files.
readonly LAB_MARKER="$LAB_DIR/.tsd-swarm-lab"
# Written when the lab itself created /run/netns, so down removes it again.
readonly RUN_NETNS_MARKER="$LAB_DIR/.created-run-netns"
# How many nodes the lab was made with (written when `up` succeeded).
readonly NODE_COUNT_FILE="$LAB_DIR/node-count"
readonly SWITCH_NETNS="$LAB_PREFIX-sw"
readonly SWITCH_BRIDGE="br0"
# Node N is 10.213.77.N/24. These addresses exist only inside the lab's own
# namespaces: no route leads there from the host, nor out of them.
readonly NODE_SUBNET_PREFIX="10.213.77"
readonly MAX_NODES=9
# Overlay networks take their subnets from here (swarm init
# --default-addr-pool): clear of the node subnet and of every node's local pool.
readonly SWARM_ADDRESS_POOL="10.96.0.0/12"
readonly START_TIMEOUT_SECONDS="${TSD_SWARM_LAB_START_TIMEOUT:-60}"
readonly READY_TIMEOUT_SECONDS="${TSD_SWARM_LAB_READY_TIMEOUT:-60}"
# A stopping dockerd is done with its own shutdown after about 1 s, then
# sometimes waits seconds more for its containerd. The lab is deleted anyway,
# so past this it is killed and the sweep removes what it leaves.
readonly STOP_TIMEOUT_SECONDS=3
readonly DEFAULT_IMAGES="tsd-test/busybox:1"
readonly EXTRA_IMAGES="${SWARM_LAB_IMAGES:-}"

say() { printf 'swarm-lab.sh: %s\n' "$*" >&2; }
fail() {
  printf 'swarm-lab.sh: error: %s\n' "$1" >&2
  shift
  local hint
  for hint in "$@"; do printf '  %s\n' "$hint" >&2; done
  exit 1
}

# --- names and paths of node N ---------------------------------------------------

node_name() { printf '%s-n%s' "$LAB_PREFIX" "$1"; }
node_netns() { node_name "$1"; }
node_dir() { printf '%s/n%s' "$LAB_DIR" "$1"; }
node_address() { printf '%s.%s' "$NODE_SUBNET_PREFIX" "$1"; }
node_socket() { printf '%s/docker.sock' "$(node_dir "$1")"; }
node_host() { printf 'unix://%s' "$(node_socket "$1")"; }
# Short on purpose: containerd's sockets live under it, and a unix socket
# path may not exceed 108 bytes.
node_exec_root() { printf '%s/run' "$(node_dir "$1")"; }
node_pidfile() { printf '%s/dockerd.pid' "$(node_dir "$1")"; }
node_log() { printf '%s/dockerd.log' "$(node_dir "$1")"; }
# A local pool of its own per node (docker_gwbridge, bridge networks):
# 10.201.0.0/16 for node 1, 10.202.0.0/16 for node 2, …
node_address_pool() { printf 'base=10.%s.0.0/16,size=24' "$((200 + $1))"; }

# `docker` against node N, never against the main engine.
node_docker() {
  local node="$1"
  shift
  docker -H "$(node_host "$node")" "$@"
}

# True while process `pid` runs. A zombie counts as dead: the lab's daemons
# are orphans, and this machine's init reaps orphans only a while later.
process_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  # `pid (comm) S …`: comm may hold spaces, so read after its last ')'.
  stat="${stat##*) }"
  [ "${stat%% *}" != Z ]
}

# The pid in node N's pidfile when that dockerd is alive, else fails.
node_dockerd_pid() {
  local pidfile pid
  pidfile="$(node_pidfile "$1")"
  [ -r "$pidfile" ] || return 1
  pid="$(cat "$pidfile" 2>/dev/null)" || return 1
  [ -n "$pid" ] && process_alive "$pid" || return 1
  # A pid reused by another program after a crash is not the node's dockerd.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(node_dir "$1")/" || return 1
  printf '%s' "$pid"
}

node_answers() {
  timeout 10 docker -H "$(node_host "$1")" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# The node count the lab was made with, or "" when there is none.
recorded_node_count() {
  if [ -r "$NODE_COUNT_FILE" ]; then cat "$NODE_COUNT_FILE"; fi
}

# Refuses settings that would make the lab unsafe or unusable, before anything is touched.
check_settings() {
  case "$LAB_DIR" in
    /*) ;;
    *) fail "TSD_SWARM_LAB_DIR must be an absolute path (it is '$LAB_DIR')." ;;
  esac
  if ! [[ "$LAB_DIR" =~ ^/[A-Za-z0-9._/-]+$ ]] || [ "$LAB_DIR" = / ]; then
    fail "TSD_SWARM_LAB_DIR='$LAB_DIR' must be a folder path of letters, digits, '.', '_', '-' and '/' only."
  fi
  # containerd's longest socket under the exec-root is about 45 bytes long.
  [ "${#LAB_DIR}" -le 50 ] ||
    fail "TSD_SWARM_LAB_DIR is ${#LAB_DIR} bytes long; at most 50 keep the sockets under it within the 108 bytes of a unix socket path."
  # Interface and namespace names derive from it; Linux allows 15 bytes per interface name.
  [[ "$LAB_PREFIX" =~ ^[a-z][a-z0-9]{0,7}$ ]] ||
    fail "TSD_SWARM_LAB_PREFIX='$LAB_PREFIX' must be 1 to 8 lowercase letters or digits, starting with a letter."
  if [ -d "$LAB_DIR" ] && [ ! -e "$LAB_MARKER" ] && [ -n "$(ls -A "$LAB_DIR")" ]; then
    fail "$LAB_DIR exists, is not empty and is not a swarm lab's folder (no $LAB_MARKER)." \
      "Point TSD_SWARM_LAB_DIR at a folder of its own."
  fi
}

# Everything the lab needs from the host, named up front instead of failing half way.
check_host() {
  [ "$(id -u)" -eq 0 ] || fail "the swarm lab needs root (network namespaces, dockerd); uid is $(id -u)."
  local tool missing=()
  for tool in docker dockerd containerd runc ip nsenter unshare hostname timeout flock; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ "${#missing[@]}" -eq 0 ] ||
    fail "missing on this machine: ${missing[*]}." "On Debian: bash scripts/engine.sh installs docker.io (dockerd, containerd, runc)."
}

# One command at a time per lab: a second up or down waits for the first.
# fd 9 is closed for every dockerd started meanwhile, so none holds it.
take_lab_lock() {
  exec 9>>"${TMPDIR:-/tmp}/tsd-swarm-lab-$LAB_PREFIX.lock"
  flock -w 300 9 || fail "another swarm-lab.sh run has held the lab's lock for 5 minutes."
}

# Waits for background jobs by pid, one by one; fails when any failed.
# Never a bare `wait`: it would wait for the dockerds started in the
# background too, which run until `down`.
wait_for_jobs() {
  local what="$1" pid failed=0
  shift
  for pid in "$@"; do
    wait "$pid" || failed=$((failed + 1))
  done
  [ "$failed" -eq 0 ] || fail "$failed of $# $what failed (see above)."
}
