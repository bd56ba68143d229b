#!/usr/bin/env bash
# Makes (once) and caches a minimal Debian bookworm root file system for ARCH,
# as a fresh machine would have it: debootstrap --variant=minbase with only
# the build tools ("fresh"); or that one with systemd added by apt, as a
# board's OS has it ("board", for the installer's runs). Prints the tarball's path.
#   scripts/fresh/rootfs.sh amd64|arm64 [fresh|board]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/common.sh"
ARCH=$(fresh_deb_arch "${1:?usage: rootfs.sh amd64|arm64 [fresh|board]}")
FLAVOUR=${2:-fresh}
case $FLAVOUR in fresh) SUFFIX= ;; board) SUFFIX=-board ;; *) fresh_die "rootfs flavour: fresh or board" ;; esac
PACKAGES=$(fresh_packages "$FLAVOUR")
CACHE=$(fresh_cache)
KEY=$(printf '%s' "$PACKAGES" | sha256sum | cut -c1-8)
OUT="$CACHE/rootfs/bookworm-$ARCH$SUFFIX-$KEY.tar.zst"
if [ -s "$OUT" ]; then
  echo "$OUT"
  exit 0
fi
fresh_require_root
fresh_require_tools debootstrap:debootstrap zstd:zstd
mkdir -p "$CACHE/rootfs"
exec 9>"$CACHE/rootfs/.lock-$ARCH$SUFFIX"
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
T0=$(date +%s)
in_arch() { # runs a command in the new root, through qemu-user-static for a foreign ARCH
  if [ "$ARCH" != "$(dpkg --print-architecture)" ]; then bash "$HERE/binfmt.sh" run "$@"; else "$@"; fi
}
if [ "$FLAVOUR" = board ]; then
  BASE=$(bash "$0" "$ARCH" fresh)
  fresh_say "board rootfs $ARCH: $(basename "$BASE") + systemd"
  mkdir "$R"
  zstd -q -dc "$BASE" | tar -C "$R" -xf -
  cp /etc/resolv.conf "$R/etc/resolv.conf"
  mount -t proc proc "$R/proc"
  for n in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name ma mi <<<"$n"
    rm -f "$R/dev/$name"
    mknod -m 666 "$R/dev/$name" c "$ma" "$mi"
  done
  mkdir -p "$R/dev/pts"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$R/dev/pts"
  in_arch chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    bash -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends systemd' >"$WORK/apt.log" 2>&1 \
    || { tail -20 "$WORK/apt.log" >&2; fresh_die "apt-get install systemd failed"; }
  printf '' >"$R/etc/resolv.conf"
else
  FOREIGN=()
  if [ "$ARCH" != "$(dpkg --print-architecture)" ]; then
    fresh_require_tools qemu-aarch64-static:qemu-user-static
    # Two stages: unpack on the host, then run the second stage under qemu through binfmt.
    FOREIGN=(--foreign)
  fi
  fresh_say "debootstrap bookworm $ARCH ($PACKAGES)"
  debootstrap --arch="$ARCH" --variant=minbase "${FOREIGN[@]}" --include="$PACKAGES" bookworm "$R" "$(fresh_mirror)" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; fresh_die "debootstrap failed"; }
  if [ ${#FOREIGN[@]} -gt 0 ]; then
    cp /usr/bin/qemu-aarch64-static "$R/usr/bin/"
    in_arch chroot "$R" /debootstrap/debootstrap --second-stage >"$WORK/stage2.log" 2>&1 \
      || { tail -20 "$WORK/stage2.log" >&2; fresh_die "debootstrap second stage failed"; }
  fi
fi
# debootstrap (or the board step) mounts proc and sys in the new root and may leave them: unmount (deepest first) before packing.
fresh_mounts_under "$R" | sort -r | while read -r m; do umount "$m"; done
[ -z "$(fresh_mounts_under "$R")" ] || fresh_die "something is still mounted under $R"
rm -rf "$R/var/cache/apt/archives/"*.deb "$R/var/lib/apt/lists/"* 2>/dev/null || true
tar -C "$R" --numeric-owner -cf - . | zstd -q -T0 -6 -o "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
fresh_say "rootfs $ARCH$SUFFIX made in $(( $(date +%s) - T0 )) s: $OUT ($(du -h "$OUT" | cut -f1))"
echo "$OUT"
