#!/usr/bin/env bash
# Prints the VM tier's figures: build (cold with --cold: a fresh cache, full download
# and module build), cached build, boot -> command -> power-off, and the guest suite.
#   scripts/hil/bench.sh [--cold]
set -euo pipefail
case ${BASH_SOURCE[0]} in */*) HERE=${BASH_SOURCE[0]%/*} ;; *) HERE=. ;; esac
HERE=$(cd "$HERE" && pwd)
cd "$HERE/../.."

secs() { local t0=$1; awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }

if [ "${1:-}" = --cold ]; then
  KTP_HIL_CACHE=$(mktemp -d /tmp/ktp-hil-bench.XXXXXX)
  export KTP_HIL_CACHE
  trap 'rm -rf "$KTP_HIL_CACHE"' EXIT
  t=$(date +%s.%N); bash scripts/hil/build.sh 2>/dev/null; echo "build, cold cache:      $(secs "$t")"
fi
t=$(date +%s.%N); bash scripts/hil/build.sh 2>/dev/null; echo "build, cached:          $(secs "$t")"
t=$(date +%s.%N); node node_modules/typescript/bin/tsc -p tests/hil/guest/tsconfig.json; echo "guest compile:          $(secs "$t")"
t=$(date +%s.%N); bash scripts/hil/run.sh true >/dev/null; echo "boot, true, power-off:  $(secs "$t")"
t=$(date +%s.%N); bash scripts/hil/run.sh node -e 0 >/dev/null; echo "boot, node -e 0:        $(secs "$t")"
t=$(date +%s.%N); rc=0; out=$(bash scripts/hil/run.sh node dist/hil/tests/hil/guest/suite.js) || rc=$?
checks=$(grep -c '^KTP-HIL-CHECK ' <<<"$out" || true); failed=$(grep -c '"ok":false' <<<"$out" || true)
echo "boot, guest suite:      $(secs "$t") ($checks checks, $failed failed, exit $rc)"
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
