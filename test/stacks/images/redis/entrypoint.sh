#!/bin/sh
# Like the official image: redis-server listens on every interface without
# protected mode (Debian's build would refuse non-loopback clients otherwise).
set -eu
if [ "${1:-}" = "redis-server" ]; then
  shift
  exec redis-server --protected-mode no "$@"
fi
exec "$@"
