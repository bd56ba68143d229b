#!/usr/bin/env bash
# Runs one command with arm64 binaries executable through qemu-user-static,
# and leaves binfmt_misc exactly as it found it (mounted or not, the
# qemu-aarch64 entry enabled or not), also when the command fails or is killed.
#   scripts/fresh/binfmt.sh run CMD [ARG...]
# One arm64 run at a time on a machine (flock): another run's restore must not
# pull the interpreter from under this one.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/common.sh"
[ "${1:-}" = run ] && shift || fresh_die "usage: binfmt.sh run CMD [ARG...]"
# Already inside a run (run.sh making its rootfs): the outer one holds the lock and restores.
[ "${KTP_FRESH_IN_BINFMT:-0}" = 1 ] && exec "$@"
export KTP_FRESH_IN_BINFMT=1
fresh_require_root
fresh_require_tools update-binfmts:binfmt-support qemu-aarch64-static:qemu-user-static
CACHE=$(fresh_cache)
mkdir -p "$CACHE"
exec 8>"$CACHE/.binfmt.lock"
flock 8

MNT=/proc/sys/fs/binfmt_misc
was_mounted=0
mountpoint -q "$MNT" && was_mounted=1
restore() {
  local rc=$?
  if [ "${was_enabled:-1}" = 0 ]; then update-binfmts --disable qemu-aarch64 >/dev/null 2>&1 || true; fi
  if [ "$was_mounted" = 0 ] && mountpoint -q "$MNT"; then umount "$MNT" || true; fi
  exit $rc
}
trap restore EXIT
trap 'exit 130' INT TERM
[ "$was_mounted" = 1 ] || mount -t binfmt_misc binfmt_misc "$MNT"
was_enabled=0
[ -e "$MNT/qemu-aarch64" ] && grep -qx enabled "$MNT/qemu-aarch64" && was_enabled=1
[ "$was_enabled" = 1 ] || update-binfmts --enable qemu-aarch64 >/dev/null
"$@"
