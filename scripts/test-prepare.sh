#!/usr/bin/env bash
# Runs before `npm test` (npm's pretest): everything the tests need that is
# slow or needs the system, done once rather than inside a timed test file.
#   1. Debian packages (installed when missing; needs root)
#   2. the walls: lint (layer rule, ESLint, Prettier) and typecheck (src, scripts, tests, pages)
#   3. the station's C addon (when the compiler is there) and TypeScript compiled to dist/ (child-process tests and the VM guest run the JavaScript)
#   4. the companion-board firmware, its simavr harness and host tests (make)
#   5. the VM tier's kernel, gpio-sim module and initramfs (cached by kernel version)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "system packages"
bash scripts/install-system-deps.sh

step "lint: layers, ESLint, Prettier"
npm run -s lint

step "typecheck: src, scripts, tests, pages"
npm run -s typecheck

step "native addon (src/native; optional, never fails)"
node scripts/build-native.mjs

step "TypeScript build"
npm run -s build

step "companion-board firmware"
make -s -C firmware-bridge

step "VM tier artifacts (cached)"
bash scripts/hil/build.sh

mkdir -p test-output
