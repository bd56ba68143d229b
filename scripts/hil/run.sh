#!/usr/bin/env bash
# Boots the kernel build.sh cached, under qemu TCG, and runs one command in the guest:
#   scripts/hil/run.sh CMD [ARG...]
# The guest sees the host's / read-only and this checkout read-write at its own path,
# i2c-stub at 0x40 and 0x70 (/dev/i2c-N), a gpio-sim chip labelled ktp-sim, and
# /dev/ttyS1 <-> /dev/ttyS2 wired together (real 8250 UARTs; the wire is a unix
# stream socket between the two qemu chardevs: UDP chardevs drop bytes once a burst
# outruns the receiving FIFO, a stream pushes back like a cable with flow control).
# CMD runs (bash, as root) in the caller's directory with KTP_HIL_* variables
# describing those devices; its exit code becomes run.sh's. 124: the hard timeout
# hit; 125: the guest never reported.
# Env: KTP_HIL_TIMEOUT (s, default 240), KTP_HIL_I2C_ADDRS, KTP_HIL_GPIO_LINES, KTP_HIL_CACHE,
#      KTP_HIL_CONSOLE=<file> also keeps the raw console log.
set -euo pipefail
case ${BASH_SOURCE[0]} in */*) HERE=${BASH_SOURCE[0]%/*} ;; *) HERE=. ;; esac
HERE=$(cd "$HERE" && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"

[ $# -gt 0 ] || hil_die "usage: scripts/hil/run.sh CMD [ARG...]"
[ "$1" = -- ] && shift
hil_require_tools "the VM tier" qemu-system-x86_64:qemu-system-x86 timeout:coreutils \
  i2cset:i2c-tools i2cget:i2c-tools i2cdump:i2c-tools gpioinfo:gpiod
KDIR="$(hil_cache_root)/current"
[ -f "$KDIR/vmlinux" ] && [ -f "$KDIR/initramfs.cpio" ] || hil_die "no kernel built yet: run scripts/hil/build.sh first"

CHECKOUT=${KTP_HIL_CHECKOUT:-$(cd "$HERE/../.." && pwd -P)}
CWD=$(pwd -P)
case "$CWD/" in "$CHECKOUT"/*) ;; *) CWD=$CHECKOUT ;; esac
NODE=$(command -v node || true)

IO=$(mktemp -d "${TMPDIR:-/tmp}/ktp-hil.XXXXXX")
trap 'rm -rf "$IO"' EXIT
[ ${#IO} -lt 90 ] || hil_die "temporary directory path too long for a unix socket: $IO (set TMPDIR=/tmp)"
{
  printf 'KTP_CHECKOUT=%q\n' "$CHECKOUT"
  printf 'KTP_NODE_DIR=%q\n' "$( [ -n "$NODE" ] && dirname "$NODE" )"
  printf 'KTP_I2C_ADDRS=%q\n' "${KTP_HIL_I2C_ADDRS:-0x40,0x70}"
  printf 'KTP_GPIO_LINES=%q\n' "${KTP_HIL_GPIO_LINES:-24}"
} > "$IO/boot.env"
{
  printf 'cd %q || exit 126\n' "$CWD"
  printf 'exec'; printf ' %q' "$@"; printf '\n'
} > "$IO/cmd.sh"

# The three shares are functions of one PCI slot, so the guest sets up one interrupt
# link, not three (each costs a few hundred ms of emulated ACPI). multidevs=remap:
# the host root spans several filesystems, their inode numbers must not collide.
SHARE=security_model=none,multidevs=remap
set +e
timeout -k 5 "${KTP_HIL_TIMEOUT:-240}" qemu-system-x86_64 \
  -accel tcg,thread=multi -cpu max -smp 2 -m 1024 \
  -nodefaults -no-user-config -display none -no-reboot \
  -kernel "$KDIR/vmlinux" -initrd "$KDIR/initramfs.cpio" \
  -append "console=ttyS0 ${KTP_HIL_KERNEL_LOG:-quiet loglevel=3} panic=-1 8250.nr_uarts=4 rdinit=/init" \
  -chardev stdio,id=console,signal=off -serial chardev:console \
  -chardev "socket,id=uart_a,path=$IO/uart.sock,server=on,wait=off" -serial chardev:uart_a \
  -chardev "socket,id=uart_b,path=$IO/uart.sock" -serial chardev:uart_b \
  -fsdev "local,id=hostroot,path=/,readonly=on,$SHARE" -device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot,addr=04.0,multifunction=on \
  -fsdev "local,id=checkout,path=$CHECKOUT,$SHARE" -device virtio-9p-pci,fsdev=checkout,mount_tag=checkout,addr=04.1 \
  -fsdev "local,id=ktpio,path=$IO,$SHARE" -device virtio-9p-pci,fsdev=ktpio,mount_tag=ktpio,addr=04.2 \
  < /dev/null | tr -d '\r' | tee "$IO/console"
rc=${PIPESTATUS[0]}
set -e
[ -n "${KTP_HIL_CONSOLE:-}" ] && cp "$IO/console" "$KTP_HIL_CONSOLE"

if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  hil_say "guest did not finish within ${KTP_HIL_TIMEOUT:-240} s; qemu was killed"
  exit 124
fi
code=$(sed -n 's/^KTP-HIL-EXIT=\([0-9]\{1,3\}\)$/\1/p' "$IO/console" | tail -n1)
[ -n "$code" ] || code=$(cat "$IO/exit-code" 2>/dev/null || true)
if [ -z "$code" ]; then
  hil_say "the guest never reported an exit code (qemu exit $rc); see the console above"
  exit 125
fi
exit "$code"
