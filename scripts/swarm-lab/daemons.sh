# shellcheck shell=bash
# Part of scripts/swarm-lab.sh (sourced, never run): one dockerd per node.
#
# Every root a dockerd has is its own, so the nodes never share anything
# with each other or with the main engine (/var/run/docker.sock,
# /var/lib/docker, /etc/docker): data-root, exec-root, pidfile, socket,
# daemon.json (empty /etc/docker/daemon.json settings never leak in), the
# identity key, containerd namespaces, cgroup parent and local address pool.
# No --containerd: each dockerd starts a containerd of its own under its
# exec-root.

# daemon.json of node N. The identity key is only a config-file setting in
# 20.10 (`deprecated-key-path`); without it every node would share
# /etc/docker/key.json.
write_node_config() {
  local node="$1" dir
  dir="$(node_dir "$node")"
  mkdir -p "$dir/data" "$(node_exec_root "$node")"
  printf '{\n  "deprecated-key-path": "%s/key.json"\n}\n' "$dir" >"$dir/daemon.json"
}

node_dockerd_args() {
  local node="$1" dir name
  dir="$(node_dir "$node")"
  name="$(node_name "$node")"
  printf '%s\n' \
    --config-file "$dir/daemon.json" \
    --data-root "$dir/data" \
    --exec-root "$(node_exec_root "$node")" \
    --pidfile "$(node_pidfile "$node")" \
    -H "$(node_host "$node")" \
    --containerd-namespace "$name" \
    --containerd-plugins-namespace "$name-plugins" \
    --cgroup-parent "/$name" \
    --default-address-pool "$(node_address_pool "$node")" \
    --swarm-default-advertise-addr "$(node_address "$node")"
}

# Starts node N's dockerd in the background; prints its pid.
#   nsenter --net: only the network namespace is entered (`ip netns exec`
#     would also remount /sys, hiding the cgroup mounts dockerd needs);
#   unshare --uts + hostname: the node's own name in `docker node ls`;
#   setsid + nohup, every fd redirected and the lock's fd 9 closed: dockerd
#     outlives this script, and `swarm-lab.sh up | tail -1` sees its end of
#     file as soon as the script is done;
#   DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1: tasks use the image loaded into
#     the node and never ask a registry (there is no route to one).
start_node_dockerd() {
  local node="$1" args
  mapfile -t args < <(node_dockerd_args "$node")
  rm -f "$(node_pidfile "$node")" "$(node_socket "$node")"
  # shellcheck disable=SC2016 # $1 and $@ are the inner shell's
  setsid nohup env DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 \
    nsenter --net="/run/netns/$(node_netns "$node")" \
    unshare --uts -- sh -c 'hostname "$1" && shift && exec "$@"' sh "$(node_name "$node")" \
    dockerd "${args[@]}" >>"$(node_log "$node")" 2>&1 </dev/null 9>&- &
  printf '%s' "$!"
}

print_log_tail() {
  local node="$1" log
  log="$(node_log "$node")"
  [ -f "$log" ] || return 0
  printf 'swarm-lab.sh: last lines of %s:\n' "$log" >&2
  tail -n 25 "$log" >&2 || true
}

# Waits until node N answers on its socket; `pid` is the process started for
# it, so a dockerd that dies while starting fails at once (up's exit trap
# then shows the logs).
wait_for_node_dockerd() {
  local node="$1" pid="$2" deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until node_answers "$node"; do
    if ! process_alive "$pid"; then
      fail "the dockerd of $(node_name "$node") exited while starting."
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "the dockerd of $(node_name "$node") did not answer within ${START_TIMEOUT_SECONDS}s."
    fi
    sleep 0.1
  done
}

start_lab_dockerds() {
  local count="$1" node pids=()
  for node in $(seq 1 "$count"); do
    write_node_config "$node"
    pids+=("$(start_node_dockerd "$node")")
  done
  for node in $(seq 1 "$count"); do wait_for_node_dockerd "$node" "${pids[node - 1]}"; done
}

# Stops node N's dockerd if it runs: its containers are killed first (the lab
# is going away; nobody waits for their grace periods), then dockerd gets
# SIGTERM, and SIGKILL when it takes too long. What a kill leaves behind is the
# sweep's to remove.
stop_node_dockerd() {
  local node="$1" pid containers deadline
  pid="$(node_dockerd_pid "$node")" || return 0
  if node_answers "$node"; then
    containers="$(timeout 10 docker -H "$(node_host "$node")" ps --quiet 2>/dev/null || true)"
    # shellcheck disable=SC2086 # one container ID per word
    [ -z "$containers" ] || timeout 20 docker -H "$(node_host "$node")" kill $containers >/dev/null 2>&1 || true
  fi
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
  while process_alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "$(node_name "$node"): dockerd (pid $pid) still stopping after ${STOP_TIMEOUT_SECONDS}s; killing it (the sweep removes what it leaves)"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
}

# Every node's dockerd the lab folder knows of, stopped in parallel.
stop_lab_dockerds() {
  local dir node pids=()
  for dir in "$LAB_DIR"/n*; do
    [ -d "$dir" ] || continue
    node="${dir##*/n}"
    [[ "$node" =~ ^[0-9]+$ ]] || continue
    stop_node_dockerd "$node" &
    pids+=("$!")
  done
  [ "${#pids[@]}" -eq 0 ] || wait_for_jobs "dockerd stops" "${pids[@]}"
}
