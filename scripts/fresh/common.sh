# Shared by the fresh-machine tier's scripts (sourced). Everything slow to make
# is cached under ${KTP_FRESH_CACHE:-~/.cache/ktp-station/fresh}:
#   rootfs/bookworm-<arch>[-board]-<key>.tar.zst   debootstrap minbase + build tools (keyed by the package list);
#                                    -board adds systemd, as Raspberry Pi OS has it (the installer's runs)
#   node/node-linux-<arch>-<ver>.tgz, node/npm-<ver>.tgz   Node from the npm registry, and npm
#   npm/      the npm cache the chroots share (downloads only; node_modules is never cached)
#   ccache/<arch>/   compiler cache (better-sqlite3's compile: 58 s → 1 s on amd64, 9 min → 9 s on arm64)

fresh_cache() { printf '%s\n' "${KTP_FRESH_CACHE:-${HOME:-/root}/.cache/ktp-station/fresh}"; }
fresh_say() { printf 'fresh: %s\n' "$*" >&2; }
fresh_die() {
  printf 'fresh: ERROR: %s\n' "$*" >&2
  exit 2
}

# What a fresh machine has: the README's requirements (a C/C++ toolchain, python3 for node-gyp,
# git to clone) and nothing else. ccache only caches compiler output between runs.
FRESH_PACKAGES=build-essential,python3,git,ca-certificates,ccache
# The board OS boots systemd: the installer's runs start from that (installing it under
# emulation took minutes on every run; in the cached rootfs it costs nothing).
BOARD_PACKAGES=$FRESH_PACKAGES,systemd

fresh_packages() { [ "${1:-fresh}" = board ] && echo "$BOARD_PACKAGES" || echo "$FRESH_PACKAGES"; }

fresh_deb_arch() {
  case $1 in
    amd64 | x64) echo amd64 ;;
    arm64 | aarch64) echo arm64 ;;
    *) fresh_die "unknown architecture $1 (amd64 or arm64)" ;;
  esac
}
fresh_node_arch() { [ "$(fresh_deb_arch "$1")" = amd64 ] && echo x64 || echo arm64; }

fresh_mirror() {
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  printf '%s\n' "${m:-http://deb.debian.org/debian}"
}

fresh_require_root() { [ "$(id -u)" -eq 0 ] || fresh_die "the fresh-machine tier makes chroots: run it as root"; }

fresh_require_tools() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] || fresh_die "missing Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})"
}

# Every mount point at or below PATH (from the kernel's own table), deepest last.
fresh_mounts_under() { awk -v p="$1" '$5 == p || index($5, p "/") == 1 { print $5 }' /proc/self/mountinfo; }

# A run killed with SIGKILL cannot undo its mounts: its tmpfs chroot stays under /tmp. Each run
# writes its PID beside its directory (/tmp/ktp-fresh.XXXXXX.pid); a directory whose run is gone
# (that process no longer exists, or no PID file after ten minutes) is unmounted, deepest first, and removed.
fresh_sweep_leftovers() {
  local d pid m
  for d in /tmp/ktp-fresh.??????; do
    [ -d "$d" ] || continue
    pid=$(cat "$d.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then continue; fi
    # A run writes its PID file just after making its directory: a young directory without one is not left over.
    if [ -z "$pid" ] && [ -n "$(find "$d" -maxdepth 0 -mmin -10)" ]; then continue; fi
    for m in $(fresh_mounts_under "$d" | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-); do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
    if [ -z "$(fresh_mounts_under "$d")" ]; then
      rmdir "$d" 2>/dev/null && fresh_say "swept the leftovers of a killed run: $d"
      rm -f "$d.pid"
    fi
  done
}
