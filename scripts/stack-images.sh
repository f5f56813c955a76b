#!/usr/bin/env bash
# Builds the local stand-ins for the public images that stacks/ use
# (postgres:16, redis:7, nginx:1.27, node:22-alpine, adminer:4), from
# test/stacks/images/<name>/Dockerfile on top of tsd-test/debian:bookworm.
#
#   bash scripts/stack-images.sh [--quiet]
#
# Each image is tagged tsd-test/stack-<name>:<hash> and :local, where <hash>
# covers the Dockerfile folder and the base image: an unchanged folder is
# never rebuilt (a second run takes well under a second), a changed one is.
# The tests' override files (test/stacks/<stack>.local.yml) use the :local tags.
# Packages come from Debian's mirror inside `docker build`; no registry is used.
set -euo pipefail

readonly ROOT="$(cd "$(dirname "$0")/.." && pwd)"
readonly IMAGES_DIR="$ROOT/test/stacks/images"
readonly BASE_IMAGE="tsd-test/debian:bookworm"
quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true

say() { [ "$quiet" = true ] || printf 'stack-images.sh: %s\n' "$*"; }
fail() { printf 'stack-images.sh: error: %s\n' "$*" >&2; exit 1; }

# The engine and the Debian base first (installs/starts the engine when needed).
bash "$ROOT/scripts/engine.sh" --debian-base --quiet

base_id="$(docker image inspect --format '{{.Id}}' "$BASE_IMAGE")"

# Content hash of a Dockerfile folder (paths, modes and bytes) and of the base image.
folder_hash() {
  (
    cd "$1"
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 stat -c '%n %a' | sha256sum
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum
    printf '%s\n' "$base_id"
  ) | sha256sum | cut -c1-16
}

logs_dir="$(mktemp -d "${TMPDIR:-/tmp}/tsd-stack-images.XXXXXX")"
trap 'rm -rf "$logs_dir"' EXIT

pids=() names=()
for folder in "$IMAGES_DIR"/*/; do
  name="$(basename "$folder")"
  repository="tsd-test/stack-$name"
  hash="$(folder_hash "$folder")"
  if docker image inspect "$repository:$hash" >/dev/null 2>&1; then
    docker tag "$repository:$hash" "$repository:local"
    continue
  fi
  say "building $repository:$hash (apt-get from Debian's mirror)"
  # Builds run in parallel: each mostly waits on the mirror.
  DOCKER_BUILDKIT=0 docker build --label "dev.tsd.test-image.hash=$hash" \
    -t "$repository:$hash" -t "$repository:local" "$folder" >"$logs_dir/$name.log" 2>&1 &
  pids+=("$!") names+=("$name")
done

failed=()
for index in "${!pids[@]}"; do
  if ! wait "${pids[$index]}"; then
    failed+=("${names[$index]}")
    printf '\n--- docker build of %s failed; last lines:\n' "${names[$index]}" >&2
    tail -n 30 "$logs_dir/${names[$index]}.log" >&2
  fi
done
[ "${#failed[@]}" -eq 0 ] || fail "could not build: ${failed[*]}"
[ "${#names[@]}" -eq 0 ] || say "built ${names[*]}"
