#!/usr/bin/env bash
# Installs ktp-station on a board: Raspberry Pi OS (or Debian) bookworm or trixie, arm64
# (amd64 works the same). Run it as root from a checkout of the station:
#   sudo bash scripts/install-board.sh [--node 22|24] [--no-start] [--no-apt]
#   sudo bash scripts/install-board.sh --uninstall [--purge]
# Idempotent: a second run changes nothing that is already right, and never
# overwrites /etc/ktp-station/station.yaml or the database.
#
# Steps (README "Deployment"):
#   1. Debian packages: build-essential python3 git ca-certificates (native addons) espeak-ng (voice)
#   2. Node 24 LTS (or 22) into /usr/local, from the npm registry's node-linux-<arch> package (the
#      official release build) and npm from the registry, each checked against its sha512 integrity
#   3. system user ktp in the groups dialout, gpio, i2c (made if missing)
#   4. the station into /opt/ktp-station (git archive of this checkout), npm ci --omit=dev (production
#      dependencies only; the station is bundled from its sources by esbuild, no dev tools on the board)
#   5. /var/lib/ktp-station 0750 ktp:ktp (the database in it 0640); udev rules
#   6. /etc/ktp-station/station.yaml 0640 root:ktp from the example, with fresh tokens stored only
#      as SHA-256 (the tokens are printed once), then check-config
#   7. the systemd unit; check-devices (before the start: a device can have one user); enable and start
# Options:
#   --node 22|24          Node LTS line (default 24)
#   --node-tarball FILE --npm-tarball FILE   use these registry tarballs instead of downloading (offline)
#   --no-apt              install no Debian packages (say which are missing)
#   --no-start            install and enable nothing in systemd, start nothing (images, chroots, CI)
#   --uninstall [--purge] remove the station, its unit and rules; --purge also the config, data and user
set -euo pipefail
SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODE_MAJOR=24
NODE_TGZ= NPM_TGZ= APT=1 START=1 UNINSTALL=0 PURGE=0
PREFIX=/opt/ktp-station ETC=/etc/ktp-station DATA=/var/lib/ktp-station USER_NAME=ktp
UNIT=/etc/systemd/system/ktp-station.service RULES=/etc/udev/rules.d/99-ktp-station.rules
REGISTRY=${npm_config_registry:-https://registry.npmjs.org}
REGISTRY=${REGISTRY%/}

while [ $# -gt 0 ]; do
  case $1 in
    --node) NODE_MAJOR=$2; shift ;;
    --node-tarball) NODE_TGZ=$(realpath "$2"); shift ;;
    --npm-tarball) NPM_TGZ=$(realpath "$2"); shift ;;
    --no-apt) APT=0 ;;
    --no-start) START=0 ;;
    --uninstall) UNINSTALL=1 ;;
    --purge) PURGE=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-board: unknown option $1 (--help)" >&2; exit 2 ;;
  esac
  shift
done

T_START=$EPOCHREALTIME
say() { printf '\n== %s\n' "$*"; }
note() { printf '   %s\n' "$*"; }
die() { printf 'install-board: ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { awk -v a="$T_START" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }'; }
[ "$(id -u)" -eq 0 ] || die "run it as root: sudo bash scripts/install-board.sh"
case $NODE_MAJOR in 22) NPM_MAJOR=10 ;; 24) NPM_MAJOR=11 ;; *) die "--node 22 or 24 (the LTS lines)" ;; esac
systemd_runs() { [ -d /run/systemd/system ] && [ "$START" = 1 ]; }

# --- uninstall --------------------------------------------------------------
if [ "$UNINSTALL" = 1 ]; then
  say "removing ktp-station"
  if systemd_runs; then systemctl disable --now ktp-station.service 2>/dev/null || true; fi
  rm -f "$UNIT" "$RULES"
  if systemd_runs; then systemctl daemon-reload; fi
  [ -d "$PREFIX" ] && rm -rf --one-file-system "$PREFIX"
  if [ "$PURGE" = 1 ]; then
    rm -rf --one-file-system "$ETC" "$DATA"
    id "$USER_NAME" >/dev/null 2>&1 && userdel "$USER_NAME"
    note "config, data and user removed"
  else
    note "kept: $ETC (config) and $DATA (tickets, reports) — --purge removes them too"
  fi
  exit 0
fi

# --- 1. Debian packages -----------------------------------------------------
say "1. Debian packages"
. /etc/os-release 2>/dev/null || true
note "${PRETTY_NAME:-unknown OS} ($(uname -m))"
case ${VERSION_CODENAME:-} in bookworm | trixie) ;; *) note "warning: made for bookworm and trixie; carrying on" ;; esac
PKGS=(build-essential python3 git ca-certificates espeak-ng)
missing=()
for p in "${PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  note "all present"
elif [ "$APT" = 1 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  note "installed ${missing[*]}"
else
  note "missing (--no-apt): ${missing[*]}"
fi

# --- 2. Node ------------------------------------------------------------------
say "2. Node $NODE_MAJOR LTS"
case $(uname -m) in aarch64 | arm64) NARCH=arm64 ;; x86_64) NARCH=x64 ;; *) die "no official Node build for $(uname -m)" ;; esac
have=$(/usr/local/bin/node -p 'process.versions.node' 2>/dev/null || true)
fetch() { # fetch PACKAGE MAJOR OUT: the newest MAJOR.x from the registry, integrity checked
  python3 - "$REGISTRY" "$1" "$2" "$3" <<'PY'
import base64, hashlib, json, ssl, sys, urllib.request
reg, pkg, major, out = sys.argv[1:]
req = urllib.request.Request(f"{reg}/{pkg}", headers={"Accept": "application/vnd.npm.install-v1+json"})
meta = json.load(urllib.request.urlopen(req, timeout=60))
vers = [v for v in meta["versions"] if v.split(".")[0] == major and "-" not in v]
if not vers: sys.exit(f"{pkg}: no {major}.x release")
best = max(vers, key=lambda v: tuple(int(x) for x in v.split(".")))
dist = meta["versions"][best]["dist"]
data = urllib.request.urlopen(dist["tarball"], timeout=600).read()
algo, _, want = dist["integrity"].partition("-")
if base64.b64encode(hashlib.new(algo, data).digest()).decode() != want: sys.exit(f"{pkg}@{best}: integrity mismatch")
open(out, "wb").write(data)
print(best)
PY
}
if [ "${have%%.*}" = "$NODE_MAJOR" ]; then
  note "node $have already in /usr/local"
else
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
  if [ -z "$NODE_TGZ" ]; then
    NODE_TGZ=$TMP/node.tgz
    note "node-linux-$NARCH@$(fetch "node-linux-$NARCH" "$NODE_MAJOR" "$NODE_TGZ") from $REGISTRY"
  fi
  if [ -z "$NPM_TGZ" ]; then
    NPM_TGZ=$TMP/npm.tgz
    note "npm@$(fetch npm "$NPM_MAJOR" "$NPM_TGZ")"
  fi
  tar -xzf "$NODE_TGZ" -C /usr/local --strip-components=1 --no-same-owner package/bin package/include package/share
  rm -rf /usr/local/lib/node_modules/npm
  mkdir -p /usr/local/lib/node_modules/npm
  tar -xzf "$NPM_TGZ" -C /usr/local/lib/node_modules/npm --strip-components=1 --no-same-owner
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
  note "node $(/usr/local/bin/node -v), npm $(/usr/local/bin/node /usr/local/bin/npm -v)"
fi
export PATH=/usr/local/bin:$PATH

# --- 3. user and groups ---------------------------------------------------------
say "3. user $USER_NAME (groups dialout gpio i2c)"
for g in dialout gpio i2c; do getent group "$g" >/dev/null || { groupadd --system "$g"; note "group $g made"; }; done
if id "$USER_NAME" >/dev/null 2>&1; then
  usermod -a -G dialout,gpio,i2c "$USER_NAME"
  note "exists"
else
  useradd --system --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin --user-group --groups dialout,gpio,i2c "$USER_NAME"
  note "made"
fi

# --- 4. the station -------------------------------------------------------------
say "4. the station in $PREFIX"
REV=$(git -C "$SELF" rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$(cat "$PREFIX/.installed-revision" 2>/dev/null)" = "$REV" ] && [ -f "$PREFIX/dist/ktp-station.mjs" ]; then
  note "revision $REV already installed"
else
  mkdir -p "$PREFIX"
  if [ "$(realpath "$SELF")" != "$(realpath "$PREFIX")" ]; then
    find "$PREFIX" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf --one-file-system {} +
    git -C "$SELF" archive HEAD | tar -x -C "$PREFIX"
  fi
  # Production dependencies only: prepare bundles the station from its sources with esbuild (scripts/prepare.mjs).
  (cd "$PREFIX" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
  echo "$REV" > "$PREFIX/.installed-revision"
  chown -R root:root "$PREFIX"
  chmod -R u=rwX,go=rX "$PREFIX"
  note "revision $REV built ($(cat "$PREFIX/src/native/build/status.json" 2>/dev/null | python3 -c 'import json,sys; s=json.load(sys.stdin); print("station addon built" if s["built"] else "station addon NOT built: " + s["reason"])' 2>/dev/null || echo 'addon status unknown'))"
fi

# --- 5. data directory and udev rules ------------------------------------------------
say "5. $DATA and udev rules"
install -d -m 0750 -o "$USER_NAME" -g "$USER_NAME" "$DATA"
for f in "$DATA"/station.db "$DATA"/station.db-wal "$DATA"/station.db-shm; do
  [ -e "$f" ] && chown "$USER_NAME:$USER_NAME" "$f" && chmod 0640 "$f"
done
install -D -m 0644 "$PREFIX/systemd/99-ktp-station.rules" "$RULES"
if command -v udevadm >/dev/null && [ -d /run/udev ]; then udevadm control --reload && udevadm trigger --subsystem-match=gpio --subsystem-match=i2c-dev --subsystem-match=tty || true; fi
note "data 0750, rules in $RULES"

# --- 6. configuration ----------------------------------------------------------------
say "6. $ETC/station.yaml"
install -d -m 0750 -o root -g "$USER_NAME" "$ETC"
if [ -e "$ETC/station.yaml" ]; then
  note "kept as it is (tokens unchanged)"
else
  TOKENS=$(python3 - "$PREFIX/systemd/station.example.yaml" "$ETC/station.yaml.new" <<'PY'
import hashlib, re, secrets, sys
src, out = sys.argv[1:]
text = open(src).read()
printed = []
def fresh(m):
    token = secrets.token_urlsafe(24)
    rest = m.group(2)
    role = re.search(r"role: (\w+)", rest).group(1)
    counter = re.search(r"counter: (\d+)", rest)
    printed.append(f"{role}{' ' + counter.group(1) if counter else ''}: {token}")
    return "{ sha256: \"" + hashlib.sha256(token.encode()).hexdigest() + "\"," + rest
text, n = re.subn(r'\{ token: "(change-me[^"]*)",(.*\})', fresh, text)
if n == 0: sys.exit("no change-me tokens in the example config")
open(out, "w").write(text)
print("\n".join(printed))
PY
)
  chown root:"$USER_NAME" "$ETC/station.yaml.new"
  chmod 0640 "$ETC/station.yaml.new"
  mv "$ETC/station.yaml.new" "$ETC/station.yaml"
  note "written from systemd/station.example.yaml: edit the devices and services for this office"
  note "the tokens, shown this once (the file keeps only their SHA-256):"
  printf '%s\n' "$TOKENS" | sed 's/^/     /'
fi
runuser -u "$USER_NAME" -- node "$PREFIX/dist/ktp-station.mjs" check-config "$ETC/station.yaml" | sed 's/^/   /'

# --- 7. systemd ------------------------------------------------------------------------
say "7. the systemd unit"
install -D -m 0644 "$PREFIX/systemd/ktp-station.service" "$UNIT"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify "$UNIT" && note "systemd-analyze verify: ok"
fi
note "check-devices (every configured device, once, before the service holds them):"
runuser -u "$USER_NAME" -- node "$PREFIX/dist/ktp-station.mjs" check-devices "$ETC/station.yaml" --seconds 5 | sed 's/^/     /' \
  || note "some devices did not answer: see above (the station starts anyway and keeps retrying them)"
if systemd_runs; then
  systemctl daemon-reload
  systemctl enable --now ktp-station.service
  systemctl is-active --quiet ktp-station.service && note "running: $(systemctl show -p StatusText --value ktp-station.service)"
else
  note "not started (--no-start, or systemd is not running): systemctl enable --now ktp-station"
fi
say "done in $(elapsed) s"
