#!/usr/bin/env bash
# Makes a Docker engine and tsd's local test images available, idempotently.
#
#   bash scripts/engine.sh                 engine + tsd-test/busybox:1 (+ tsd/quickstart-busybox:1)
#   bash scripts/engine.sh --debian-base   … and tsd-test/debian:bookworm (debootstrap, ~1 min)
#   bash scripts/engine.sh --quiet         say nothing when there is nothing to do
#   bash scripts/engine.sh --log-level debug   any other option goes to dockerd (e.g. --icc=false,
#                                          --log-level=debug); only when this script starts dockerd
#   (TSD_ENGINE_START_TIMEOUT=60 seconds, TSD_DEBIAN_MIRROR=http://deb.debian.org/debian)
#
# When an engine already answers (DOCKER_HOST, or /var/run/docker.sock) it is
# used as is. Otherwise, on Debian as root, docker.io is installed when missing
# and dockerd is started in the background (it outlives this script; its log
# path is printed). Images are built locally from Debian packages: no registry
# is ever contacted. A second run with everything in place takes well under a
# second.
set -euo pipefail

readonly BUSYBOX_IMAGE="tsd-test/busybox:1"
readonly QUICKSTART_IMAGE="tsd/quickstart-busybox:1"
readonly DEBIAN_IMAGE="tsd-test/debian:bookworm"
# Bump a recipe number when its image must be rebuilt on every machine: an
# image whose label differs from the recipe is rebuilt, so a stale image from
# an older recipe never survives.
readonly RECIPE_LABEL="dev.tsd.test-image.recipe"
readonly BUSYBOX_RECIPE="busybox-1"
readonly DEBIAN_RECIPE="debian-bookworm-1"
readonly DEBIAN_MIRROR="${TSD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly DEFAULT_SOCKET="/var/run/docker.sock"
readonly START_TIMEOUT_SECONDS="${TSD_ENGINE_START_TIMEOUT:-60}"
readonly DOCKERD_PIDFILE="${TSD_ENGINE_PIDFILE:-/var/run/docker.pid}"
LOCK_FILE="${TMPDIR:-/tmp}/tsd-engine-$(id -u).lock"
readonly LOCK_FILE

want_debian_base=false
quiet=false
# Options for dockerd, passed through verbatim in the order given.
daemon_options=()

say() { printf 'engine.sh: %s\n' "$*"; }
fail() {
  printf 'engine.sh: error: %s\n' "$1" >&2
  shift
  local hint
  for hint in "$@"; do printf '  %s\n' "$hint" >&2; done
  exit 1
}

usage() { sed -n '2,16s/^# \{0,1\}//p' "$0"; }

# The script's own options; everything else (and everything after `--`) is dockerd's.
parse_args() {
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --debian-base) want_debian_base=true ;;
      --quiet) quiet=true ;;
      -h | --help) usage; exit 0 ;;
      --) shift; daemon_options+=("$@"); return ;;
      *) daemon_options+=("$1") ;;
    esac
    shift
  done
}

# Daemon options take effect only on a dockerd this script starts: say so
# rather than pretend, when one already answers or systemd would start it.
refuse_daemon_options() {
  [ "${#daemon_options[@]}" -eq 0 ] && return
  fail "$1; the daemon options (${daemon_options[*]}) were not applied." "$2"
}

# --- engine ------------------------------------------------------------------

# The engine's address as curl would reach it: "unix:<path>", "tcp:<host:port>" or "" (unknown).
engine_address() {
  local host="${DOCKER_HOST:-unix://$DEFAULT_SOCKET}"
  case "$host" in
    unix://*) printf 'unix:%s' "${host#unix://}" ;;
    tcp://*) printf 'tcp:%s' "${host#tcp://}" ;;
    *) printf '' ;;
  esac
}

# True when an engine answers. The docker CLI knows contexts and TLS; curl is
# the fallback on a machine without it (a fresh one usually has neither).
engine_answers() {
  if command -v docker >/dev/null 2>&1; then
    timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
    return
  fi
  command -v curl >/dev/null 2>&1 || return 1
  local address
  address="$(engine_address)"
  case "$address" in
    unix:*) curl -fsS --max-time 5 --unix-socket "${address#unix:}" http://localhost/_ping >/dev/null 2>&1 ;;
    tcp:*) curl -fsS --max-time 5 "http://${address#tcp:}/_ping" >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

engine_description() {
  docker version --format 'Docker Engine {{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || printf 'an engine'
}

# Starting a local engine needs root and apt; say exactly what to do otherwise.
require_root_and_apt() {
  local why="$1"
  local hints=(
    "Start a Docker engine yourself (e.g. 'sudo systemctl start docker', or Docker Desktop),"
    "set DOCKER_HOST if it does not listen on $DEFAULT_SOCKET,"
    "or run this script as root on Debian: sudo bash scripts/engine.sh"
  )
  if [ "$(id -u)" -ne 0 ]; then
    fail "$why, and only root can fix that (uid is $(id -u))." "${hints[@]}"
  fi
  if ! command -v apt-get >/dev/null 2>&1 || [ ! -f /etc/debian_version ]; then
    fail "$why, and this script can only install packages on Debian (apt-get)." "${hints[@]}"
  fi
}

apt_updated=false
apt_update() {
  say "apt-get update"
  apt-get -o DPkg::Lock::Timeout=300 update -qq 9>&-
  apt_updated=true
}

# Installs Debian packages, running apt-get update only when apt does not
# know a package yet, or when a stale package list makes the install fail.
apt_install() {
  local package
  if [ "$apt_updated" = false ]; then
    for package in "$@"; do
      if ! apt-cache show "$package" >/dev/null 2>&1; then
        apt_update
        break
      fi
    done
  fi
  say "apt-get install $*"
  if ! DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" 9>&-; then
    [ "$apt_updated" = false ] || fail "apt-get install $* failed (see above)."
    apt_update
    DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" 9>&- ||
      fail "apt-get install $* failed (see above)."
  fi
}

package_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# A dockerd that is already running (started by the package's init script, by
# systemd, or by another run of this script) but does not answer yet.
running_dockerd_pid() {
  local pid
  [ -r "$DOCKERD_PIDFILE" ] || return 1
  pid="$(cat "$DOCKERD_PIDFILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && printf '%s' "$pid"
}

# Waits until the engine answers. `pid` (may be empty) is the dockerd to watch,
# so a crash fails at once; `log` is where to look when it does not come up.
wait_for_engine() {
  local pid="$1" log="$2" deadline=$((SECONDS + START_TIMEOUT_SECONDS)) problem=""
  until engine_answers; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      problem="dockerd (pid $pid) exited."
    elif [ "$SECONDS" -ge "$deadline" ]; then
      problem="dockerd did not answer within ${START_TIMEOUT_SECONDS}s."
    fi
    if [ -n "$problem" ]; then
      if [ -f "$log" ]; then
        printf 'engine.sh: last lines of %s:\n' "$log" >&2
        tail -n 40 "$log" >&2 || true
      fi
      fail "$problem" "dockerd's log: $log"
    fi
    sleep 0.5
  done
}

start_engine() {
  local pid log_file
  if pid="$(running_dockerd_pid)"; then
    refuse_daemon_options "dockerd (pid $pid) is already running" "stop it first, then run this script again with the options"
    say "dockerd (pid $pid) is running but does not answer yet; waiting"
    wait_for_engine "$pid" /var/log/docker.log
    return
  fi
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    refuse_daemon_options "systemd starts dockerd here" "put them in /etc/docker/daemon.json (or a docker.service drop-in), then: systemctl restart docker"
    say "systemctl start docker"
    systemctl start docker.service
    wait_for_engine "" "journalctl -u docker.service"
    return
  fi
  log_file="$(mktemp "${TMPDIR:-/tmp}/tsd-dockerd.XXXXXX.log")"
  say "starting dockerd${daemon_options[*]:+ ${daemon_options[*]}} in the background, log: $log_file"
  # setsid + nohup: dockerd outlives this script and the shell or test run that
  # called it. fd 9 (the lock) is closed so dockerd never holds it.
  setsid nohup dockerd "${daemon_options[@]}" >"$log_file" 2>&1 </dev/null 9>&- &
  pid=$!
  wait_for_engine "$pid" "$log_file"
}

ensure_engine() {
  if engine_answers; then
    refuse_daemon_options "an engine already answers ($(engine_description))" \
      "daemon options apply when this script starts dockerd: stop the running one first, if nothing else needs it"
    return
  fi
  local host="${DOCKER_HOST:-}"
  if [ -n "$host" ] && [ "$host" != "unix://$DEFAULT_SOCKET" ]; then
    fail "no engine answers at DOCKER_HOST=$host." \
      "Start that engine, or unset DOCKER_HOST to let this script start a local one."
  fi
  require_root_and_apt "no Docker engine answers at $DEFAULT_SOCKET"
  if ! command -v dockerd >/dev/null 2>&1; then
    apt_install docker.io
  fi
  # Installing the package may have started the engine through its init script.
  engine_answers || start_engine
  say "engine started: $(engine_description)"
}

ensure_docker_cli() {
  command -v docker >/dev/null 2>&1 && return
  require_root_and_apt "the docker CLI is missing"
  apt_install docker.io
}

# --- images ------------------------------------------------------------------

image_is_current() {
  local image="$1" recipe="$2" label
  label="$(docker image inspect --format "{{index .Config.Labels \"$RECIPE_LABEL\"}}" "$image" 2>/dev/null)" || return 1
  [ "$label" = "$recipe" ]
}

image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null; }

quickstart_tag_is_current() {
  local busybox_id quickstart_id
  busybox_id="$(image_id "$BUSYBOX_IMAGE")" || return 1
  quickstart_id="$(image_id "$QUICKSTART_IMAGE")" || return 1
  [ "$busybox_id" = "$quickstart_id" ]
}

everything_in_place() {
  engine_answers && command -v docker >/dev/null 2>&1 || return 1
  image_is_current "$BUSYBOX_IMAGE" "$BUSYBOX_RECIPE" || return 1
  quickstart_tag_is_current || return 1
  if [ "$want_debian_base" = true ]; then
    image_is_current "$DEBIAN_IMAGE" "$DEBIAN_RECIPE" || return 1
  fi
}

build_dir=""
remove_build_dir() {
  # --one-file-system: never descend into a /proc or /sys a failed debootstrap left mounted.
  [ -z "$build_dir" ] || rm -rf --one-file-system "$build_dir"
}
trap remove_build_dir EXIT

# Streams a root file system into the engine as an image: owned by root,
# whoever runs this, with the recipe label so a later run can tell it is current.
import_rootfs() {
  local dir="$1" image="$2" recipe="$3"
  shift 3
  local changes=(-c "LABEL $RECIPE_LABEL=$recipe") change
  for change in "$@"; do changes+=(-c "$change"); done
  tar -C "$dir" --numeric-owner --owner=0 --group=0 -c . | docker import "${changes[@]}" - "$image" >/dev/null
}

ensure_busybox_image() {
  if ! image_is_current "$BUSYBOX_IMAGE" "$BUSYBOX_RECIPE"; then
    if ! package_installed busybox-static; then
      require_root_and_apt "busybox-static is not installed (needed to build $BUSYBOX_IMAGE)"
      apt_install busybox-static
    fi
    # busybox-static conflicts with the dynamic busybox package: /bin/busybox is the static one.
    local busybox=/bin/busybox applet
    [ -x "$busybox" ] || fail "busybox-static is installed but $busybox is missing."

    say "building $BUSYBOX_IMAGE"
    build_dir="$(mktemp -d "${TMPDIR:-/tmp}/tsd-busybox-rootfs.XXXXXX")"
    mkdir -p "$build_dir"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,www}
    chmod 1777 "$build_dir/tmp"
    chmod 0755 "$build_dir"
    cp "$busybox" "$build_dir/bin/busybox"
    # What `busybox --install -s /bin` does inside the image: every applet in
    # /bin as a symlink to /bin/busybox. Run from the host, --install would
    # point the links at the host path of the build directory instead.
    for applet in $("$busybox" --list); do
      [ "$applet" = busybox ] || ln -s /bin/busybox "$build_dir/bin/$applet"
    done
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$build_dir/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'nogroup:x:65534:' >"$build_dir/etc/group"
    import_rootfs "$build_dir" "$BUSYBOX_IMAGE" "$BUSYBOX_RECIPE" 'CMD ["sh"]' 'ENV PATH=/bin:/sbin:/usr/bin'
    remove_build_dir
    build_dir=""
    say "built $BUSYBOX_IMAGE"
  fi
  if ! quickstart_tag_is_current; then
    docker tag "$BUSYBOX_IMAGE" "$QUICKSTART_IMAGE"
    say "tagged $QUICKSTART_IMAGE (use it with TSD_QUICKSTART_IMAGE=$QUICKSTART_IMAGE)"
  fi
}

ensure_debian_image() {
  image_is_current "$DEBIAN_IMAGE" "$DEBIAN_RECIPE" && return
  require_root_and_apt "building $DEBIAN_IMAGE needs debootstrap"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap

  say "building $DEBIAN_IMAGE with debootstrap from $DEBIAN_MIRROR (about a minute)"
  local started="$SECONDS" debootstrap_log
  build_dir="$(mktemp -d "${TMPDIR:-/tmp}/tsd-debian-rootfs.XXXXXX")"
  debootstrap_log="$build_dir.log"
  if ! debootstrap --variant=minbase bookworm "$build_dir/rootfs" "$DEBIAN_MIRROR" >"$debootstrap_log" 2>&1; then
    tail -n 40 "$debootstrap_log" >&2
    fail "debootstrap failed; full log: $debootstrap_log"
  fi
  rm -f "$debootstrap_log"
  # No package caches in the image; apt lists are kept out too (no registry, no mirror needed at test time).
  rm -rf "$build_dir"/rootfs/var/cache/apt/archives/*.deb "$build_dir"/rootfs/var/lib/apt/lists/*
  import_rootfs "$build_dir/rootfs" "$DEBIAN_IMAGE" "$DEBIAN_RECIPE" 'CMD ["bash"]' \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  remove_build_dir
  build_dir=""
  say "built $DEBIAN_IMAGE in $((SECONDS - started))s"
}

main() {
  parse_args "$@"
  if [ "${#daemon_options[@]}" -eq 0 ] && everything_in_place; then
    [ "$quiet" = true ] || say "nothing to do: $(engine_description) answers, images are current"
    return
  fi
  # One run at a time (parallel test runs, several shells): the second waits,
  # then finds everything in place.
  if command -v flock >/dev/null 2>&1; then
    exec 9>>"$LOCK_FILE"
    flock -w 900 9 || fail "another scripts/engine.sh run holds $LOCK_FILE for more than 15 minutes."
  fi
  ensure_engine
  ensure_docker_cli
  ensure_busybox_image
  [ "$want_debian_base" = false ] || ensure_debian_image
  say "ready: $(engine_description), images $BUSYBOX_IMAGE, $QUICKSTART_IMAGE$([ "$want_debian_base" = false ] || printf ', %s' "$DEBIAN_IMAGE")"
}

main "$@"
