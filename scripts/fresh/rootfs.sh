#!/usr/bin/env bash
# Makes (once) and caches a minimal Debian bookworm root file system for ARCH,
# as a fresh machine would have it: debootstrap --variant=minbase with only
# the build tools. Prints the tarball's path.
#   scripts/fresh/rootfs.sh amd64|arm64
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/common.sh"
ARCH=$(fresh_deb_arch "${1:?usage: rootfs.sh amd64|arm64}")
CACHE=$(fresh_cache)
KEY=$(printf '%s' "$FRESH_PACKAGES" | sha256sum | cut -c1-8)
OUT="$CACHE/rootfs/bookworm-$ARCH-$KEY.tar.zst"
if [ -s "$OUT" ]; then
  echo "$OUT"
  exit 0
fi
fresh_require_root
fresh_require_tools debootstrap:debootstrap zstd:zstd
mkdir -p "$CACHE/rootfs"
exec 9>"$CACHE/rootfs/.lock-$ARCH"
flock 9
[ -s "$OUT" ] && { echo "$OUT"; exit 0; }

# Built on a tmpfs: nothing is ever deleted with rm -rf, the mount just goes away.
WORK=$(mktemp -d /tmp/ktp-rootfs.XXXXXX)
cleanup() {
  umount -R "$WORK" 2>/dev/null || umount -lR "$WORK" 2>/dev/null || true
  [ -z "$(fresh_mounts_under "$WORK")" ] && rmdir "$WORK" 2>/dev/null || true
}
trap cleanup EXIT
mount -t tmpfs -o size=4g,mode=0755 ktp-rootfs "$WORK"
R="$WORK/root"
FOREIGN=()
if [ "$ARCH" != "$(dpkg --print-architecture)" ]; then
  fresh_require_tools qemu-aarch64-static:qemu-user-static
  # Two stages: unpack on the host, then run the second stage under qemu through binfmt.
  FOREIGN=(--foreign)
fi
T0=$(date +%s)
fresh_say "debootstrap bookworm $ARCH ($FRESH_PACKAGES)"
debootstrap --arch="$ARCH" --variant=minbase "${FOREIGN[@]}" --include="$FRESH_PACKAGES" bookworm "$R" "$(fresh_mirror)" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -20 "$WORK/debootstrap.log" >&2; fresh_die "debootstrap failed"; }
if [ ${#FOREIGN[@]} -gt 0 ]; then
  cp /usr/bin/qemu-aarch64-static "$R/usr/bin/"
  bash "$HERE/binfmt.sh" run chroot "$R" /debootstrap/debootstrap --second-stage >"$WORK/stage2.log" 2>&1 \
    || { tail -20 "$WORK/stage2.log" >&2; fresh_die "debootstrap second stage failed"; }
fi
# debootstrap mounts proc and sys in the new root and may leave them: unmount (deepest first) before packing.
fresh_mounts_under "$R" | sort -r | while read -r m; do umount "$m"; done
[ -z "$(fresh_mounts_under "$R")" ] || fresh_die "something is still mounted under $R"
rm -rf "$R/var/cache/apt/archives/"*.deb "$R/var/lib/apt/lists/"* 2>/dev/null || true
tar -C "$R" --numeric-owner -cf - . | zstd -q -T0 -6 -o "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
fresh_say "rootfs $ARCH made in $(( $(date +%s) - T0 )) s: $OUT ($(du -h "$OUT" | cut -f1))"
echo "$OUT"
