#!/bin/bash
# Inside the fresh machine (run.sh installer): the board installer as a
# technician runs it on Raspberry Pi OS, and what it must leave behind.
set -euo pipefail
step() {
  local name=$1; shift
  local t0=$EPOCHREALTIME
  "$@"
  awk -v n="$name" -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "FRESH-STEP {\"step\":\"%s\",\"seconds\":%.1f}\n", n, b - a }'
}
fail() { echo "FRESH-FAIL $*"; exit 1; }
expect_mode() { # path "mode owner group"
  local got; got=$(stat -c '%a %U %G' "$1")
  [ "$got" = "$2" ] || fail "$1 is $got, expected $2"
  echo "FRESH-CHECK $1: $got"
}
cd /root
git clone -q /srv/ktp-station.git ktp-station
# Raspberry Pi OS boots systemd: the board rootfs has it installed (PID 1 here is not systemd).
command -v systemd-analyze >/dev/null || fail "systemd is not in the board rootfs"

step "install-board.sh" bash -c 'bash ktp-station/scripts/install-board.sh --no-start --no-apt --node-tarball /root/node.tgz --npm-tarball /root/npm.tgz 2>&1 | tee /root/install1.log'
[ "$(/usr/local/bin/node -p 'process.versions.node.split(".")[0]')" = "$NODE_MAJOR" ] || fail "node $NODE_MAJOR not installed"
echo "FRESH-CHECK node $(/usr/local/bin/node -v), npm $(/usr/local/bin/npm -v) in /usr/local"
for g in dialout gpio i2c; do id -nG ktp | grep -qw "$g" || fail "ktp not in $g"; done
echo "FRESH-CHECK user ktp: $(id ktp)"
expect_mode /var/lib/ktp-station "750 ktp ktp"
expect_mode /etc/ktp-station "750 root ktp"
expect_mode /etc/ktp-station/station.yaml "640 root ktp"
[ "$(grep -c 'sha256: "[0-9a-f]\{64\}"' /etc/ktp-station/station.yaml)" -ge 4 ] || fail "tokens not stored as SHA-256"
! grep -q 'token: ' /etc/ktp-station/station.yaml || fail "a plain token is in station.yaml"
echo "FRESH-CHECK station.yaml keeps only SHA-256 digests of $(grep -c 'sha256:' /etc/ktp-station/station.yaml) tokens"
expect_mode /etc/systemd/system/ktp-station.service "644 root root"
expect_mode /etc/udev/rules.d/99-ktp-station.rules "644 root root"
systemd-analyze verify /etc/systemd/system/ktp-station.service || fail "systemd-analyze verify"
echo "FRESH-CHECK systemd-analyze verify: ok"
grep -q '"built":true' /opt/ktp-station/src/native/build/status.json || fail "the station addon did not build: $(cat /opt/ktp-station/src/native/build/status.json)"
echo "FRESH-CHECK station addon built ($(uname -m))"
grep -q 'systemd-analyze verify: ok' /root/install1.log || fail "the installer did not verify the unit"
grep -q 'check-devices' /root/install1.log || fail "the installer did not run check-devices"

# The station as the unit runs it: user ktp, UMask=0027, the site config (real devices absent here).
KIOSK=$(awk '$1 == "kiosk:" { print $2; exit }' /root/install1.log)
[ -n "$KIOSK" ] || fail "the installer printed no kiosk token"
started=$EPOCHREALTIME
setsid runuser -u ktp -- bash -c "umask 0027; exec /usr/local/bin/node --max-semi-space-size=2 /opt/ktp-station/dist/ktp-station.mjs --config /etc/ktp-station/station.yaml --port $PORT" >/root/station.log 2>&1 &
STATION=$!
START_AT=$started BASE="http://127.0.0.1:$PORT" KIOSK=$KIOSK PRINTED=0 node /root/serve-check.mjs || { tail -n 30 /root/station.log; exit 1; }
kill -TERM -- "-$STATION" 2>/dev/null || true
wait "$STATION" 2>/dev/null || true
expect_mode /var/lib/ktp-station/station.db "640 ktp ktp"

sum1=$(sha256sum /etc/ktp-station/station.yaml)
step "install-board.sh again (idempotent)" bash -c 'bash ktp-station/scripts/install-board.sh --no-start --no-apt 2>&1 | tee /root/install2.log >/dev/null'
grep -q 'kept as it is' /root/install2.log && grep -q 'already installed' /root/install2.log || fail "the second run redid work: $(cat /root/install2.log)"
[ "$(sha256sum /etc/ktp-station/station.yaml)" = "$sum1" ] || fail "the second run changed station.yaml"
expect_mode /var/lib/ktp-station/station.db "640 ktp ktp"
echo "FRESH-CHECK second run: nothing changed"

step "install-board.sh --uninstall" bash ktp-station/scripts/install-board.sh --uninstall --no-start >/dev/null
[ ! -e /opt/ktp-station ] && [ ! -e /etc/systemd/system/ktp-station.service ] || fail "--uninstall left the station"
[ -e /var/lib/ktp-station/station.db ] && [ -e /etc/ktp-station/station.yaml ] || fail "--uninstall removed the data"
echo "FRESH-CHECK --uninstall removed the station and kept the config and the database"
