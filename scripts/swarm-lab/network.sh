# shellcheck shell=bash
# Part of scripts/swarm-lab.sh (sourced, never run): the lab's network.
#
#   netns $LAB_PREFIX-sw:  bridge br0, with one veth end per node (n1, n2, …)
#   netns $LAB_PREFIX-nN:  eth0 (the veth's other end) 10.213.77.N/24, lo up
#
# Every interface is created inside the lab's namespaces (`ip -n`), never in
# the host's, and no namespace gets a default route: the nodes reach each
# other and nothing else, and the host's interfaces, routes and iptables
# rules are never touched (each dockerd writes its iptables rules in its own
# namespace).

# `ip netns add` creates /run/netns on first use; remember when it was us, so
# the lab leaves the machine as it found it.
note_run_netns_origin() {
  [ -d /run/netns ] || : >"$RUN_NETNS_MARKER"
}

netns_exists() { [ -e "/run/netns/$1" ]; }

create_netns() {
  local name="$1"
  netns_exists "$name" || ip netns add "$name"
  ip -n "$name" link set lo up
}

create_switch() {
  create_netns "$SWITCH_NETNS"
  ip -n "$SWITCH_NETNS" link show "$SWITCH_BRIDGE" >/dev/null 2>&1 ||
    ip -n "$SWITCH_NETNS" link add "$SWITCH_BRIDGE" type bridge
  ip -n "$SWITCH_NETNS" link set "$SWITCH_BRIDGE" up
}

# Node N's namespace, wired to the switch by a veth pair made inside the
# switch namespace with its peer born directly in the node's.
create_node_network() {
  local node="$1" netns port
  netns="$(node_netns "$node")"
  port="n$node"
  create_netns "$netns"
  if ! ip -n "$SWITCH_NETNS" link show "$port" >/dev/null 2>&1; then
    ip -n "$SWITCH_NETNS" link add "$port" type veth peer name eth0 netns "$netns"
  fi
  ip -n "$SWITCH_NETNS" link set "$port" master "$SWITCH_BRIDGE" up
  ip -n "$netns" addr replace "$(node_address "$node")/24" dev eth0
  ip -n "$netns" link set eth0 up
}

create_lab_network() {
  local count="$1" node
  note_run_netns_origin
  create_switch
  for node in $(seq 1 "$count"); do create_node_network "$node"; done
}

# The lab's namespaces that exist now, by name: the switch and every node,
# including nodes of an earlier, larger lab.
lab_netns_names() {
  local path name
  for path in /run/netns/"$LAB_PREFIX"-*; do
    [ -e "$path" ] || continue
    name="${path##*/}"
    [[ "$name" =~ ^$LAB_PREFIX-(sw|n[0-9]+)$ ]] && printf '%s\n' "$name"
  done
  return 0
}

# Interfaces in the host's namespace named like the lab's. The lab never makes
# one there; this is a safety net against a half-made veth pair of a crash.
host_lab_interfaces() {
  ip -o link show 2>/dev/null | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep -E "^$LAB_PREFIX" || true
}

remove_lab_network() {
  local name
  for name in $(lab_netns_names); do
    ip netns delete "$name" 2>/dev/null || true
    # `ip netns delete` can fail on a half-made namespace (file without mount).
    [ ! -e "/run/netns/$name" ] || { umount "/run/netns/$name" 2>/dev/null || true; rm -f "/run/netns/$name"; }
  done
  for name in $(host_lab_interfaces); do ip link delete "$name" 2>/dev/null || true; done
  remove_run_netns_if_ours
}

# /run/netns goes only when the lab created it and nobody else has a namespace
# in it now (the integration tests' private engines use it too).
remove_run_netns_if_ours() {
  [ -e "$RUN_NETNS_MARKER" ] || return 0
  if [ -d /run/netns ] && [ -z "$(ls -A /run/netns)" ]; then
    # `ip netns add` made it a bind mount of itself.
    while mountpoint -q /run/netns; do umount /run/netns || break; done
    rmdir /run/netns 2>/dev/null || true
  fi
  rm -f "$RUN_NETNS_MARKER"
}
