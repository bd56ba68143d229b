# Shared by build.sh and run.sh (sourced, not run): where the VM tier keeps
# its artifacts and how it complains.

# Artifacts live here, one directory per kernel build; `current` points at the
# one build.sh made last, which is the one run.sh boots.
hil_cache_root() {
  printf '%s\n' "${KTP_HIL_CACHE:-${HOME:-/root}/.cache/ktp-station/hil}"
}

hil_say() { printf 'hil: %s\n' "$*" >&2; }

hil_die() {
  printf 'hil: ERROR: %s\n' "$*" >&2
  exit 2
}

# hil_require_tools "what for" cmd:package ... — dies naming the Debian
# packages to install when any command is missing.
hil_require_tools() {
  local why=$1; shift
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "$cmd" ]; then
      case " ${missing[*]-} " in *" $pkg "*) ;; *) missing+=("$pkg") ;; esac
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    hil_die "$why needs Debian packages that are not installed: ${missing[*]}
    install them with: apt-get install -y --no-install-recommends ${missing[*]}"
  fi
}
