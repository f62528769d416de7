#!/usr/bin/env bash
#! The whole test command of Otau (README command 2, and what CI runs): installs what is missing,
#! checks and tests the UI, checks formatting and lints, builds the desktop app and the `otau` CLI,
#! packages them as a .deb and installs it on a clean Debian 12 root, where the installed app
#! signs in (scripts/package.sh, scripts/install-test.sh), then runs every Rust test — the
#! end-to-end tests drive the real app window under Xvfb.
#! Works as root (CI) or as a user with sudo, with no display and no standard input. Safe to run
#! again. The last line it prints is nextest's summary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec </dev/null

export CI="${CI:-true}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target}"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export NO_COLOR="${NO_COLOR:-1}"

step() {
  printf '\n==> %s\n' "$*"
}
SECONDS=0

step "system packages"
bash "$ROOT/scripts/setup-system.sh"
# shellcheck disable=SC1091
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

step "test tools"
if ! command -v cargo-nextest >/dev/null 2>&1; then
  echo "installing cargo-nextest"
  cargo install cargo-nextest --locked
fi
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "installing tauri-driver"
  cargo install tauri-driver --locked --version '^2'
fi
echo "cargo-nextest: $(cargo nextest --version | head -n1)"
echo "tauri-driver: $(command -v tauri-driver)"

step "UI: install, check, test, build"
(
  cd "$ROOT/ui"
  npm ci --no-audit --no-fund
  npm run check
  npm test
  npm run build
)

step "cargo fmt"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "build the app, otau and every test"
# One build for the whole workspace and its tests: built package by package, features would
# unify differently (otau-centre's serde_json, for one) and nextest would build everything again.
cargo build --workspace --all-targets
export OTAU_DESKTOP_BIN="$CARGO_TARGET_DIR/debug/otau-desktop"
echo "built in ${SECONDS}s so far"

step "Debian package of this build, installed and signed in on a clean Debian 12"
# Cleared here, before the install test saves its screenshot there too.
rm -rf "$ROOT/test-artefacts/e2e"
started=$SECONDS
rm -rf "$ROOT/target-package/debug"
bash "$ROOT/scripts/package.sh" --debug --out "$ROOT/target-package/debug"
debs=("$ROOT"/target-package/debug/otau_*.deb)
bash "$ROOT/scripts/install-test.sh" "${debs[0]}"
echo "packaged and install-tested in $((SECONDS - started))s"

step "cargo nextest (end-to-end tests under Xvfb)"
exec xvfb-run -a -s "-screen 0 1280x800x24" cargo nextest run --workspace --no-fail-fast
