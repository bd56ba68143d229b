#!/usr/bin/env bash
# Builds what the VM tier boots, once per kernel version:
#   - an uncompressed vmlinux of Debian 12's current 6.1 kernel (qemu boots its PVH entry),
#   - gpio-sim + irq_sim as one out-of-tree module (Debian ships both switched off),
#   - a busybox initramfs that loads the module closure and runs scripts/hil/init.sh.
# Artifacts: ${KTP_HIL_CACHE:-~/.cache/ktp-station/hil}/<abi>_<version>/; a second run
# only checks them (and rebuilds the small initramfs if init.sh changed).
# Env: KTP_HIL_CACHE, KTP_HIL_KEEP_DEBS=1 keeps the downloaded .debs, KTP_HIL_FORCE=1 rebuilds.
set -euo pipefail
case ${BASH_SOURCE[0]} in */*) HERE=${BASH_SOURCE[0]%/*} ;; *) HERE=. ;; esac
HERE=$(cd "$HERE" && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"

# Modules the guest loads (their dependency closure is taken from modules.dep).
GUEST_MODULES=(virtio_pci 9pnet_virtio 9p configfs i2c-dev i2c-stub)

hil_require_tools "the VM tier's build" \
  apt-get:apt apt-cache:apt dpkg-deb:dpkg busybox:busybox-static depmod:kmod modprobe:kmod \
  cpio:cpio xz:xz-utils make:make gcc-12:gcc-12 readelf:binutils strip:binutils sha256sum:coreutils \
  qemu-system-x86_64:qemu-system-x86
BUSYBOX=$(command -v busybox)
{ ldd "$BUSYBOX" 2>&1 || true; } | grep -q 'not a dynamic executable' \
  || hil_die "$BUSYBOX is not statically linked: apt-get install -y busybox-static"

# --- which kernel: the one apt offers now -------------------------------------
kernel_package() {
  apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-6\.1\.[0-9]+-[0-9]+-amd64$/ {print $2; exit}'
}
CACHE=$(hil_cache_root)
mkdir -p "$CACHE"
# apt-cache takes seconds on a busy machine: reuse the last answer while apt's lists are unchanged.
LISTS_SIG=$(stat -c '%n %s %Y' /var/lib/apt/lists/*_Packages* 2>/dev/null | sha256sum | cut -c1-16)
PKG= VER=
if [ "${KTP_HIL_FORCE:-0}" != 1 ] && [ -f "$CACHE/resolved" ]; then
  read -r sig pkg ver < "$CACHE/resolved" || true
  [ "${sig:-}" = "$LISTS_SIG" ] && PKG=$pkg VER=$ver
fi
if [ -z "$PKG" ]; then
  PKG=$(kernel_package || true)
  if [ -z "$PKG" ]; then
    [ "$(id -u)" -eq 0 ] || hil_die "apt does not know linux-image-amd64 (6.1); run 'apt-get update' as root"
    hil_say "apt lists do not offer a 6.1 kernel; running apt-get update"
    apt-get update -qq >&2
    LISTS_SIG=$(stat -c '%n %s %Y' /var/lib/apt/lists/*_Packages* 2>/dev/null | sha256sum | cut -c1-16)
    PKG=$(kernel_package || true)
    [ -n "$PKG" ] || hil_die "apt offers no linux-image-6.1.*-amd64 (is this Debian 12 with main enabled?)"
  fi
  VER=$(apt-cache policy "$PKG" | awk '/Candidate:/ {print $2; exit}')
  [ -n "$VER" ] && [ "$VER" != "(none)" ] || hil_die "no installable version of $PKG"
  echo "$LISTS_SIG $PKG $VER" > "$CACHE/resolved"
fi
ABI=${PKG#linux-image-}
OUT="$CACHE/${ABI}_${VER}"
INIT_SUM=$(cat "$HERE/init.sh" "$HERE/build.sh" | sha256sum | cut -c1-16)

link_current() { ln -sfn "$(basename "$OUT")" "$CACHE/current.tmp" && mv -T "$CACHE/current.tmp" "$CACHE/current"; }

if [ "${KTP_HIL_FORCE:-0}" != 1 ] && [ -f "$OUT/kernel.done" ] && [ -f "$OUT/initramfs.cpio" ] \
   && [ "$(cat "$OUT/initramfs.sum" 2>/dev/null)" = "$INIT_SUM" ]; then
  link_current
  hil_say "cached: kernel $ABI ($VER) in $OUT"
  exit 0
fi

mkdir -p "$OUT"
WORK="$OUT/work"
ROOT="$WORK/root"
T0=$(date +%s)

# --- kernel, modules, gpio-sim (only when the kernel itself is not cached) -----
if [ "${KTP_HIL_FORCE:-0}" = 1 ] || [ ! -f "$OUT/kernel.done" ]; then
  rm -rf "$WORK" "$OUT/kernel.done"
  mkdir -p "$WORK/debs" "$ROOT" "$OUT/modules"
  SRCPKG=linux-source-6.1
  PKGS=("$PKG=$VER" "linux-headers-$ABI=$VER" "linux-headers-${ABI%-amd64}-common=$VER" "linux-kbuild-6.1=$VER" "$SRCPKG=$VER")
  hil_say "downloading kernel $ABI ($VER): ${PKGS[*]}"
  if ! (cd "$WORK/debs" && apt-get download -q "${PKGS[@]}" >&2 2>"$WORK/download.err"); then
    cat "$WORK/download.err" >&2
    [ "$(id -u)" -eq 0 ] || hil_die "apt-get download failed; the apt lists may be stale: run 'apt-get update' as root"
    hil_say "download failed; running apt-get update and retrying"
    apt-get update -qq >&2
    (cd "$WORK/debs" && apt-get download -q "${PKGS[@]}" >&2) || hil_die "apt-get download failed (network? archive moved on?)"
  fi
  chmod -R a+rX "$WORK/debs"

  hil_say "unpacking (dpkg-deb -x, nothing installed)"
  for deb in "$WORK"/debs/linux-image-*.deb "$WORK"/debs/linux-headers-*.deb "$WORK"/debs/linux-kbuild-*.deb; do
    dpkg-deb -x "$deb" "$ROOT"
  done
  SRC="$WORK/src"
  mkdir -p "$SRC"
  dpkg-deb --fsys-tarfile "$WORK"/debs/${SRCPKG}_*.deb | tar -xO "./usr/src/$SRCPKG.tar.xz" | xz -T0 -dc \
    | tar -x -C "$SRC" --strip-components=1 \
        "$SRCPKG/drivers/gpio/gpio-sim.c" "$SRCPKG/drivers/gpio/gpiolib.h" \
        "$SRCPKG/kernel/irq/irq_sim.c" "$SRCPKG/scripts/extract-vmlinux"

  hil_say "extracting the uncompressed vmlinux"
  sh "$SRC/scripts/extract-vmlinux" "$ROOT/boot/vmlinuz-$ABI" > "$OUT/vmlinux.tmp"
  readelf -n "$OUT/vmlinux.tmp" | grep -q 'Xen' || hil_say "warning: vmlinux has no PVH note; qemu may not boot it directly"
  mv "$OUT/vmlinux.tmp" "$OUT/vmlinux"

  hil_say "building gpio-sim + irq_sim against the unpacked headers"
  HDR="$ROOT/usr/src/linux-headers-$ABI"
  # The headers' Makefile includes the -common tree by its installed path; point it here.
  sed -i "s#/usr/src/#$ROOT/usr/src/#g" "$HDR/Makefile"
  MOD="$WORK/gpio-sim"
  mkdir -p "$MOD"
  cp "$SRC/drivers/gpio/gpio-sim.c" "$MOD/sim-gpio.c"
  cp "$SRC/drivers/gpio/gpiolib.h" "$MOD/gpiolib.h"
  # irq_to_desc() is not exported to modules; generic_handle_irq() does the same lookup.
  sed 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' \
    "$SRC/kernel/irq/irq_sim.c" > "$MOD/sim-irq.c"
  grep -q 'generic_handle_irq(irqnum)' "$MOD/sim-irq.c" || hil_die "irq_sim.c changed upstream: the irq_to_desc edit did not apply"
  printf 'obj-m := gpio-sim.o\ngpio-sim-y := sim-gpio.o sim-irq.o\n' > "$MOD/Kbuild"
  make -s -C "$HDR" M="$MOD" -j"$(nproc)" modules >"$WORK/module-build.log" 2>&1 \
    || { cat "$WORK/module-build.log" >&2; hil_die "gpio-sim module build failed"; }

  hil_say "collecting the module closure: ${GUEST_MODULES[*]}"
  depmod -b "$ROOT" "$ABI"
  : > "$OUT/modules/order"
  modprobe -d "$ROOT" -S "$ABI" -a --show-depends "${GUEST_MODULES[@]}" | while read -r verb path _; do
    [ "$verb" = insmod ] || continue
    name=$(basename "$path")
    grep -qx "$name" "$OUT/modules/order" && continue
    cp "$path" "$OUT/modules/$name"
    echo "$name" >> "$OUT/modules/order"
  done
  strip --strip-debug -o "$OUT/modules/gpio-sim.ko" "$MOD/gpio-sim.ko"
  echo gpio-sim.ko >> "$OUT/modules/order"
  printf 'abi=%s\nversion=%s\n' "$ABI" "$VER" > "$OUT/kernel.info"
  touch "$OUT/kernel.done"
fi

# --- initramfs (cheap; rebuilt whenever init.sh changes) -------------------------
hil_say "packing the initramfs"
IR="$OUT/initramfs.tmp"
rm -rf "$IR"
mkdir -p "$IR"/{bin,dev,proc,sys,newroot,modules}
cp "$BUSYBOX" "$IR/bin/busybox"
cp "$OUT"/modules/* "$IR/modules/"
cp "$HERE/init.sh" "$IR/init"
chmod 755 "$IR/init" "$IR/bin/busybox"
(cd "$IR" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$OUT/initramfs.cpio.tmp"
mv "$OUT/initramfs.cpio.tmp" "$OUT/initramfs.cpio"
rm -rf "$IR"
echo "$INIT_SUM" > "$OUT/initramfs.sum"

if [ "${KTP_HIL_KEEP_DEBS:-0}" != 1 ]; then rm -rf "$WORK"; fi
link_current
hil_say "built kernel $ABI ($VER) in $(( $(date +%s) - T0 )) s: $OUT"
