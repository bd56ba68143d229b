#!/usr/bin/env bash
# Fetches (once) Node MAJOR for ARCH from the npm registry — the node-linux-<arch>
# package carries the official binary build and its headers, but no npm — and the
# npm that Node release ships with (10 for Node 22, 11 for Node 24). Prints the
# two tarballs' paths, one a line. KTP_FRESH_REFRESH=1 asks the registry again.
#   scripts/fresh/node.sh amd64|arm64 22|24
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/common.sh"
NARCH=$(fresh_node_arch "${1:?usage: node.sh ARCH MAJOR}")
MAJOR=${2:?usage: node.sh ARCH MAJOR}
case $MAJOR in 22) NPM=10 ;; 24) NPM=11 ;; *) fresh_die "Node $MAJOR: the station supports the LTS lines 22 and 24" ;; esac
DIR="$(fresh_cache)/node"
mkdir -p "$DIR"
exec 7>"$DIR/.lock"
flock 7
pick() { { ls -1 "$DIR"/$1 2>/dev/null || true; } | sort -V | tail -n1; }
node_tgz=$(pick "node-linux-$NARCH-$MAJOR.*.tgz")
npm_tgz=$(pick "npm-$NPM.*.tgz")
if [ -z "$node_tgz" ] || [ -z "$npm_tgz" ] || [ "${KTP_FRESH_REFRESH:-0}" = 1 ]; then
  fresh_require_tools npm:npm
  fresh_say "npm pack node-linux-$NARCH@$MAJOR npm@$NPM"
  (cd "$DIR" && npm pack --silent "node-linux-$NARCH@$MAJOR" "npm@$NPM" >/dev/null)
  node_tgz=$(pick "node-linux-$NARCH-$MAJOR.*.tgz")
  npm_tgz=$(pick "npm-$NPM.*.tgz")
fi
[ -n "$node_tgz" ] && [ -n "$npm_tgz" ] || fresh_die "node-linux-$NARCH@$MAJOR or npm@$NPM not fetched"
echo "$node_tgz"
echo "$npm_tgz"
