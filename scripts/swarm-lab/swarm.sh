# shellcheck shell=bash
# Part of scripts/swarm-lab.sh (sourced, never run): images and the swarm.
#
# Only the lab's nodes are ever told to init, join or leave a swarm; the
# main engine is read from (`docker save`) and nothing else.

lab_images() {
  # shellcheck disable=SC2086 # the lists are space-separated on purpose
  printf '%s\n' $DEFAULT_IMAGES $EXTRA_IMAGES | sort -u
}

# The main engine and tsd-test/busybox:1 (scripts/engine.sh: well under a
# second when both are there), then every extra image, which must exist.
ensure_source_images() {
  local engine_script image missing=()
  # A shell that did `export "$(swarm-lab.sh up | tail -1)"` points at the
  # lab's own manager: the images come from the main engine all the same.
  if [[ "${DOCKER_HOST:-}" == "unix://$LAB_DIR/"* ]]; then
    say "DOCKER_HOST is the lab's own manager; the images come from the main engine (/var/run/docker.sock)"
    unset DOCKER_HOST
  fi
  engine_script="$(dirname "${BASH_SOURCE[0]}")/../engine.sh"
  bash "$engine_script" --quiet >&2 9>&- || fail "scripts/engine.sh could not provide the engine and the test images (see above)."
  for image in $(lab_images); do
    docker image inspect "$image" >/dev/null 2>&1 || missing+=("$image")
  done
  [ "${#missing[@]}" -eq 0 ] ||
    fail "SWARM_LAB_IMAGES names images the main engine does not have: ${missing[*]}." \
      "Build or pull them into the main engine first (the nodes have no route to a registry)."
}

# Images node N lacks; "" when it has them all.
images_missing_on_node() {
  local node="$1" image
  for image in $(lab_images); do
    node_docker "$node" image inspect "$image" >/dev/null 2>&1 || printf '%s\n' "$image"
  done
}

# `docker save` once, `docker -H NODE load` on every node in parallel: the
# image IDs stay identical across the nodes, as a registry would make them.
copy_images_to_nodes() {
  local count="$1" archive node pids=()
  archive="$LAB_DIR/images.tar"
  # shellcheck disable=SC2046 # one image name per word
  docker save -o "$archive" $(lab_images)
  for node in $(seq 1 "$count"); do
    node_docker "$node" load --quiet -i "$archive" >/dev/null &
    pids+=("$!")
  done
  wait_for_jobs "image loads" "${pids[@]}"
  rm -f "$archive"
}

# Loads only what is missing (an `up` that finds the lab running, with
# SWARM_LAB_IMAGES grown since).
top_up_images() {
  local count="$1" node missing=()
  for node in $(seq 1 "$count"); do
    mapfile -t missing < <(images_missing_on_node "$node")
    [ "${#missing[@]}" -eq 0 ] || docker save "${missing[@]}" | node_docker "$node" load --quiet >/dev/null
  done
}

init_swarm() {
  local address
  address="$(node_address 1)"
  node_docker 1 swarm init --advertise-addr "$address" --listen-addr "$address:2377" \
    --default-addr-pool "$SWARM_ADDRESS_POOL" --default-addr-pool-mask-length 24 >/dev/null
}

# Every other node joins as a worker, all at once.
join_workers() {
  local count="$1" token node address pids=()
  [ "$count" -ge 2 ] || return 0
  token="$(node_docker 1 swarm join-token --quiet worker)"
  for node in $(seq 2 "$count"); do
    address="$(node_address "$node")"
    node_docker "$node" swarm join --token "$token" --advertise-addr "$address" \
      --listen-addr "$address:2377" "$(node_address 1):2377" >/dev/null &
    pids+=("$!")
  done
  wait_for_jobs "swarm joins" "${pids[@]}"
}

# How many nodes the manager sees Ready.
ready_node_count() {
  node_docker 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true
}

wait_until_ready() {
  local count="$1" deadline=$((SECONDS + READY_TIMEOUT_SECONDS)) ready
  for (( ; ; )); do
    ready="$(ready_node_count)"
    [ "$ready" != "$count" ] || return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      node_docker 1 node ls >&2 || true
      fail "only $ready of $count nodes were Ready after ${READY_TIMEOUT_SECONDS}s."
    fi
    sleep 0.2
  done
}

# True when a lab of `count` nodes runs and every node is Ready: `up` then
# has nothing to make.
lab_is_healthy() {
  local count="$1" node
  [ "$(recorded_node_count)" = "$count" ] || return 1
  for node in $(seq 1 "$count"); do
    node_dockerd_pid "$node" >/dev/null || return 1
    node_answers "$node" || return 1
  done
  [ "$(node_docker 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$')" = "$count" ] &&
    [ "$(node_docker 1 node ls --format '{{.Status}}' 2>/dev/null | wc -l)" = "$count" ]
}

# RSS in MB of node N's dockerd plus its containerd (the shims are the
# containers' cost, not the node's).
node_rss_mb() {
  local node="$1" pid containerd_pid kb=0 part
  pid="$(node_dockerd_pid "$node")" || { printf '-'; return; }
  containerd_pid="$(cat "$(node_exec_root "$node")/containerd/containerd.pid" 2>/dev/null || true)"
  for part in $pid $containerd_pid; do
    kb=$((kb + $(awk '/^VmRSS:/ { print $2 }' "/proc/$part/status" 2>/dev/null || echo 0)))
  done
  printf '%s' "$((kb / 1024))"
}

# `status`: one line per node from the lab's side, then the manager's view.
print_status() {
  local count node pid swarm_state
  count="$(recorded_node_count)"
  if [ -z "$count" ]; then
    say "no lab at $LAB_DIR (prefix $LAB_PREFIX)"
    return 1
  fi
  printf '%-12s %-13s %-8s %-7s %-10s %s\n' NODE ADDRESS DOCKERD RSS_MB SWARM DOCKER_HOST
  for node in $(seq 1 "$count"); do
    pid="$(node_dockerd_pid "$node" || printf 'down')"
    swarm_state="$(node_docker "$node" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || printf '?')"
    printf '%-12s %-13s %-8s %-7s %-10s %s\n' "$(node_name "$node")" "$(node_address "$node")" \
      "$pid" "$(node_rss_mb "$node")" "$swarm_state" "$(node_host "$node")"
  done
  printf '\n'
  node_docker 1 node ls || return 1
  lab_is_healthy "$count"
}
