#!/usr/bin/env bash
# The README's main job: make sure an engine answers (scripts/engine.sh starts
# one on a fresh Debian machine), then bring the quickstart stack up with tsd,
# wait until it is healthy, show it, and fetch its page.
#
#   npm run quickstart            (after npm ci, which builds dist/)
#   node dist/cli/main.js down -f examples/quickstart/stack.yml    to stop it
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/engine.sh --quiet
# No registry is reachable here: run the quickstart on the locally built busybox image.
export TSD_QUICKSTART_IMAGE="${TSD_QUICKSTART_IMAGE:-tsd/quickstart-busybox:1}"
stack=examples/quickstart/stack.yml

node dist/cli/main.js plan -f "$stack"
node dist/cli/main.js up -d --wait -f "$stack"
node dist/cli/main.js ps -a -f "$stack"
port="${QUICKSTART_PORT:-18080}"
printf '\nGET http://127.0.0.1:%s/ -> ' "$port"
node -e 'fetch(process.argv[1]).then(async (r) => { process.stdout.write(await r.text()); process.exit(r.ok ? 0 : 1); }, (e) => { console.error(String(e)); process.exit(1); })' "http://127.0.0.1:${port}/"
printf '\nThe stack keeps running; stop it with: node dist/cli/main.js down -f %s\n' "$stack"
