# shellcheck shell=bash
# Part of scripts/swarm-lab.sh (sourced, never run): removes everything a lab
# left, whether it was stopped cleanly or its dockerds were killed with
# SIGKILL. It finds what to remove by the lab's folder and name prefix only
# (see common.sh), never by a broad name, so the main engine's processes,
# mounts, cgroups, shim sockets and namespaces are never candidates.
#
# Order matters: processes first (a live shim would remount, a live process
# keeps a cgroup busy), then shim sockets (their addresses are read from the
# lab folder), mounts, namespaces, cgroups, and the folder last.

# The lab's daemons: dockerd, containerd and the shims, by their program name
# and a command line naming a path in the lab folder. Only those programs: a
# shell whose command line merely mentions the folder (the one running this
# script, a test's) is nobody's to kill. Matched in bash, not by a grep whose
# own command line would name the folder.
pids_of_lab_daemons() {
  local proc pid comm cmdline
  for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    # `read`, not `cat`: no fork per process of the machine.
    comm=""
    read -r comm 2>/dev/null <"$proc/comm" || true
    case "$comm" in
      dockerd | containerd | containerd-shim*) ;;
      *) continue ;;
    esac
    cmdline="$(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null || true)"
    [[ "$cmdline" == *"$LAB_DIR/"* ]] && printf '%s\n' "$pid"
  done
  return 0
}

# Top-level cgroup folders named by the nodes' --cgroup-parent, on cgroup v1
# (one per controller) and v2 alike.
lab_cgroup_dirs() {
  local dir
  for dir in /sys/fs/cgroup/"$LAB_PREFIX"-n* /sys/fs/cgroup/*/"$LAB_PREFIX"-n*; do
    [ -d "$dir" ] && [[ "${dir##*/}" =~ ^$LAB_PREFIX-n[0-9]+$ ]] && printf '%s\n' "$dir"
  done
  return 0
}

# The containers' processes: everything in the lab's cgroups.
pids_in_lab_cgroups() {
  local dir
  for dir in $(lab_cgroup_dirs); do
    find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null || true
  done
}

# Processes living in one of the lab's network namespaces: docker-proxy for
# published ports, a host-network task, an `nsenter` left by a test.
pids_in_lab_netns() {
  local name
  for name in $(lab_netns_names); do ip netns pids "$name" 2>/dev/null || true; done
}

# Every live process of the lab (zombies are only waiting for init to reap them).
lab_pids() {
  local pid
  for pid in $({ pids_of_lab_daemons; pids_in_lab_cgroups; pids_in_lab_netns; } | sort -un); do
    [ "$pid" != "$$" ] && [ "$pid" != "${BASHPID:-$$}" ] && process_alive "$pid" && printf '%s\n' "$pid"
  done
  return 0
}

kill_lab_processes() {
  local pids
  for _ in $(seq 1 50); do
    pids="$(lab_pids)"
    [ -n "$pids" ] || return 0
    # shellcheck disable=SC2086 # one pid per word
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1
  done
  say "warning: processes of the lab survived SIGKILL: $(lab_pids | tr '\n' ' ')"
}

# Shim sockets live in /run/containerd/s/ under a hash, shared with the main
# engine's containerd. Each shim's task folder in the lab records its socket's
# address, so only the lab's are removed.
remove_lab_shim_sockets() {
  local address_file address socket
  for address_file in "$LAB_DIR"/n*/run/containerd/daemon/io.containerd.runtime.v2.task/*/*/address; do
    [ -f "$address_file" ] || continue
    address="$(cat "$address_file" 2>/dev/null || true)"
    socket="${address#unix://}"
    case "$socket" in
      /run/containerd/s/*) [ ! -S "$socket" ] || rm -f "$socket" ;;
    esac
  done
}

# Mount points at or under the lab folder, deepest first.
lab_mounts() {
  awk -v root="$LAB_DIR" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo |
    awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-
}

# Three passes: a lazy unmount of a parent can leave a child mount listed
# until the next pass.
unmount_lab() {
  local mount_point
  for _ in 1 2 3; do
    [ -n "$(lab_mounts)" ] || return 0
    while IFS= read -r mount_point; do
      umount "$mount_point" 2>/dev/null || umount --lazy "$mount_point" 2>/dev/null || true
    done < <(lab_mounts)
  done
  [ -z "$(lab_mounts)" ] || say "warning: mounts under $LAB_DIR survived: $(lab_mounts | tr '\n' ' ')"
}

# Deepest first: a cgroup folder goes only once it is empty of children and
# processes; rmdir refuses a busy one, which is what we want.
remove_lab_cgroups() {
  local dir
  for dir in $(lab_cgroup_dirs); do
    find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}

remove_lab_dir() {
  [ -d "$LAB_DIR" ] || return 0
  [ -e "$LAB_MARKER" ] || [ -z "$(ls -A "$LAB_DIR")" ] || return 0
  # --one-file-system: never descend into a mount that survived the unmount.
  rm -rf --one-file-system "$LAB_DIR"
}

sweep_lab() {
  kill_lab_processes
  remove_lab_shim_sockets
  unmount_lab
  remove_lab_network
  remove_lab_cgroups
  remove_lab_dir
}

# What a lab left behind, one line per kind; nothing when the machine is clean.
# `down` checks it; the tests check it too.
lab_leftovers() {
  local found
  found="$(lab_pids | tr '\n' ' ')"
  [ -z "$found" ] || printf 'processes: %s\n' "$found"
  found="$(lab_mounts | tr '\n' ' ')"
  [ -z "$found" ] || printf 'mounts: %s\n' "$found"
  found="$(lab_netns_names | tr '\n' ' ')"
  [ -z "$found" ] || printf 'network namespaces: %s\n' "$found"
  found="$(host_lab_interfaces | tr '\n' ' ')"
  [ -z "$found" ] || printf 'interfaces: %s\n' "$found"
  found="$(lab_cgroup_dirs | tr '\n' ' ')"
  [ -z "$found" ] || printf 'cgroups: %s\n' "$found"
  [ ! -e "$LAB_DIR" ] || printf 'folder: %s\n' "$LAB_DIR"
  return 0
}
