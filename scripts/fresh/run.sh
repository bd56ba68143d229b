#!/usr/bin/env bash
# A fresh machine: a minimal Debian bookworm (ARCH) with Node MAJOR from the npm
# registry and the build tools, nothing else. arm64 runs under qemu-user-static.
#   readme:    exactly the README's commands — git clone, npm install, npm start —
#              then /api/v1/health and one ticket from the kiosk route, printed by
#              the simulated printer (scripts/fresh/readme-steps.sh)
#   installer: the board installer (scripts/install-board.sh) on that machine with
#              systemd, as on Raspberry Pi OS (the "board" rootfs): files, owners and modes, tokens
#              stored as SHA-256, systemd-analyze verify, the station as installed
#              serving a ticket, a second run that changes nothing, --uninstall
#              keeping the data (scripts/fresh/installer-steps.sh)
# Prints FRESH-STEP lines with the time of each step and one FRESH-RESULT line;
# exits non-zero on any failure.
#   scripts/fresh/run.sh amd64|arm64 22|24 [readme|installer] [REPO]   (REPO: a checkout, default this one; its HEAD is cloned)
# Env: KTP_FRESH_CACHE, KTP_FRESH_TIMEOUT (s for the steps inside; default 2400 on amd64, 5400 on
# arm64, whose first compile under emulation is long on a loaded machine).
#
# Safety on a shared host: the chroot lives on its own tmpfs; /dev is never
# bind-mounted (the few device nodes are made with mknod, devpts is a new
# instance); every mount is undone in an EXIT trap and checked gone before the
# mount point is removed; nothing is ever deleted with rm -rf.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/common.sh"
ARCH=$(fresh_deb_arch "${1:?usage: run.sh ARCH MAJOR [readme|installer] [REPO]}")
MAJOR=${2:?usage: run.sh ARCH MAJOR [readme|installer] [REPO]}
MODE=${3:-readme}
case $MODE in readme | installer) ;; *) fresh_die "mode: readme or installer" ;; esac
REPO=$(cd "${4:-$HERE/../..}" && git rev-parse --show-toplevel)
fresh_require_root

if [ "$ARCH" != "$(dpkg --print-architecture)" ] && [ "${KTP_FRESH_IN_BINFMT:-0}" != 1 ]; then
  exec bash "$HERE/binfmt.sh" run bash "$0" "$@" # it sets KTP_FRESH_IN_BINFMT=1 for the run
fi

CACHE=$(fresh_cache)
ROOTFS=$(bash "$HERE/rootfs.sh" "$ARCH" "$([ "$MODE" = installer ] && echo board || echo fresh)")
mapfile -t TARBALLS < <(bash "$HERE/node.sh" "$ARCH" "$MAJOR")
mkdir -p "$CACHE/npm" "$CACHE/ccache/$ARCH"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

fresh_sweep_leftovers
W=$(mktemp -d /tmp/ktp-fresh.XXXXXX)
echo $$ >"$W.pid"
R="$W/root"
cleanup() {
  local rc=$?
  # Whatever still runs inside the chroot (a station that did not stop) goes first.
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$R" ] && kill -KILL "${p#/proc/}" 2>/dev/null || true
  done
  sleep 0.2
  umount -R "$W" 2>/dev/null || umount -lR "$W" 2>/dev/null || true
  if [ -z "$(fresh_mounts_under "$W")" ]; then
    rmdir "$W" 2>/dev/null || true
    rm -f "$W.pid"
  else
    fresh_say "still mounted, left in place: $(fresh_mounts_under "$W" | tr '\n' ' ')"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
T0=$EPOCHREALTIME
mount -t tmpfs -o size=6g,mode=0755 ktp-fresh "$W"
mkdir "$R"
zstd -q -dc "$ROOTFS" | tar -C "$R" -xf -
if [ "$MODE" = readme ]; then # the installer brings Node itself
  tar -xzf "${TARBALLS[0]}" -C "$R/usr/local" --strip-components=1 package/bin package/include package/share
  mkdir -p "$R/usr/local/lib/node_modules/npm"
  tar -xzf "${TARBALLS[1]}" -C "$R/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/local/bin/npx"
fi
cp /etc/resolv.conf "$R/etc/resolv.conf"
# These machines' egress re-signs TLS; a board on the open internet needs none of this.
cp /etc/ssl/certs/ca-certificates.crt "$R/etc/ssl/certs/host-ca.crt"
# The repository to clone, as a bare repository holding the checkout's HEAD.
git init -q --bare "$R/srv/ktp-station.git"
git -C "$REPO" push -q "$R/srv/ktp-station.git" "HEAD:refs/heads/main"
git -C "$R/srv/ktp-station.git" symbolic-ref HEAD refs/heads/main

# Kernel interfaces: proc, a read-only sysfs, a private devpts and a handful of device nodes.
mount -t proc proc "$R/proc"
mount -t sysfs -o ro sysfs "$R/sys"
for n in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
  IFS=: read -r name ma mi <<<"$n"
  rm -f "$R/dev/$name"
  mknod -m 666 "$R/dev/$name" c "$ma" "$mi"
done
mkdir -p "$R/dev/pts" "$R/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$R/dev/pts"
ln -sf pts/ptmx "$R/dev/ptmx"
# Caches shared between runs: npm's download cache and ccache (never node_modules).
# Debian's ccache links gcc and g++ only; node-gyp's Makefiles call cc and c++.
ln -sf ../../bin/ccache "$R/usr/lib/ccache/cc"
ln -sf ../../bin/ccache "$R/usr/lib/ccache/c++"
mkdir -p "$R/root/.npm" "$R/root/.ccache"
mount --bind "$CACHE/npm" "$R/root/.npm"
mount --bind "$CACHE/ccache/$ARCH" "$R/root/.ccache"
SETUP=$(since "$T0")

cp "$HERE/$MODE-steps.sh" "$R/root/steps.sh"
cp "$HERE/serve-check.mjs" "$R/root/serve-check.mjs"
cp "${TARBALLS[0]}" "$R/root/node.tgz"
cp "${TARBALLS[1]}" "$R/root/npm.tgz"


fresh_say "$ARCH, Node $(basename "${TARBALLS[0]}" .tgz), port $PORT: $MODE"
set +e
# --foreground: stay in this process group, so a signal to the run reaches the chroot too.
timeout --foreground -k 10 "${KTP_FRESH_TIMEOUT:-$([ "$ARCH" = amd64 ] && echo 2400 || echo 5400)}" chroot "$R" /usr/bin/env -i \
  PATH=/usr/lib/ccache:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb LANG=C.UTF-8 \
  NODE_EXTRA_CA_CERTS=/etc/ssl/certs/host-ca.crt npm_config_nodedir=/usr/local npm_config_update_notifier=false \
  CCACHE_DIR=/root/.ccache PORT="$PORT" NODE_MAJOR="$MAJOR" \
  /bin/bash /root/steps.sh
rc=$?
set -e
TOTAL=$(since "$T0")
printf 'FRESH-RESULT {"mode":"%s","arch":"%s","node":"%s","ok":%s,"setupSeconds":%s,"totalSeconds":%s}\n' \
  "$MODE" "$ARCH" "$(basename "${TARBALLS[0]}" .tgz | sed 's/^node-linux-[a-z0-9]*-//')" "$([ $rc -eq 0 ] && echo true || echo false)" "$SETUP" "$TOTAL"
exit $rc
