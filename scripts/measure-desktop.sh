#!/usr/bin/env bash
#! Measures the desktop app as a user gets it (release build): the time from asking for the window
#! to a usable sign-in screen, the memory of the app's process tree (PSS of otau-desktop,
#! WebKitWebProcess and WebKitNetworkProcess) after start and after 10 searches, and the time of
#! those searches, on an office of about 100,000 persons. Prints the figures; changes nothing.
#! Run scripts/test.sh once first (it installs tauri-driver, Xvfb and the UI's packages).
#! Environment: OTAU_MEASURE_FAMILIES (default 26000 ≈ 97,000 persons), OTAU_MEASURE_RUNS
#! (starts timed, default 3), CARGO_TARGET_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec </dev/null

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target}"
export PATH="$HOME/.cargo/bin:$PATH"

echo "==> UI"
(cd ui && npm run build >/dev/null)
echo "==> release build of otau-desktop and otau"
cargo build --release -p otau-desktop -p otau-cli
export OTAU_DESKTOP_BIN="$CARGO_TARGET_DIR/release/otau-desktop"
echo "==> measuring (ignored end-to-end test 'measure')"
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p otau-e2e --test measure -- --ignored --nocapture --test-threads=1 2>&1 |
  grep -v -e "Error serving connection" -e "^ *[0-9]*: " -e "^    Finished" -e "^     Running"
