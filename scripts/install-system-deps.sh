#!/usr/bin/env bash
# Installs the Debian packages the station's build and tests need, when they
# are missing. Idempotent and quick when everything is there.
#   native addons:      libgpiod-dev (node-libgpiod), make g++ python3 (node-gyp)
#   serial pty tests:   socat
#   VM tier (HIL.md):   qemu-system-x86 busybox-static kmod cpio xz-utils i2c-tools gpiod gcc make bc flex bison libelf-dev
#   companion board:    gcc-avr avr-libc binutils-avr simavr libsimavr-dev libelf-dev avrdude
#   screens and voice:  chromium espeak-ng sox
#   outside judges:     libnfc-bin libnfc-examples (nfc-list, nfc-poll against the PN532 simulator),
#                       prometheus (promtool check metrics on /metrics)
#   systemd unit:       systemd (systemd-analyze security, systemd-notify)
#   regency fleet:      mosquitto mosquitto-clients (the real broker the fleet tests run against)
#   fresh-machine tier: debootstrap qemu-user-static binfmt-support zstd (scripts/fresh/)
set -euo pipefail

PACKAGES=(
  make g++ gcc-12 binutils python3 pkg-config
  libgpiod-dev gpiod
  socat i2c-tools
  qemu-system-x86 busybox-static kmod cpio xz-utils bc flex bison libelf-dev libssl-dev
  gcc-avr avr-libc binutils-avr simavr libsimavr-dev avrdude
  chromium espeak-ng sox
  libnfc-bin libnfc-examples prometheus
  systemd
  mosquitto mosquitto-clients
  debootstrap qemu-user-static binfmt-support zstd
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ktp-station tests need these Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
