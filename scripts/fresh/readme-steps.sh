#!/bin/bash
# Inside the fresh machine (run.sh readme): the README's commands, as a
# newcomer types them, each timed; then the health route and one ticket.
set -euo pipefail
step() {
  local name=$1; shift
  local t0=$EPOCHREALTIME
  "$@"
  awk -v n="$name" -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "FRESH-STEP {\"step\":\"%s\",\"seconds\":%.1f}\n", n, b - a }'
}
cd /root
step "git clone" git clone -q /srv/ktp-station.git ktp-station
cd ktp-station
step "npm install" npm install --no-audit --no-fund
# npm start runs in its own session so that it and its children stop together.
started=$EPOCHREALTIME
setsid npm start -- --port "$PORT" >/root/start.log 2>&1 &
START=$!
START_AT=$started BASE="http://127.0.0.1:$PORT" node /root/serve-check.mjs || { echo "--- npm start output:"; tail -n 40 /root/start.log; exit 1; }
kill -TERM -- "-$START" 2>/dev/null || true
wait "$START" 2>/dev/null || true
