#!/usr/bin/env bash
#! Measures the desktop app as a user gets it (release builds) against a bare Tauri 2 app
#! (tests/bare-tauri: one window, one static page) built and started the same way under the same
#! Xvfb: the time from asking for the window to a usable first screen, and the memory of the
#! process tree (PSS of the app, WebKitWebProcess and WebKitNetworkProcess) after start; then a
#! clerk's working day on an office of about 100,000 persons (500 searches, 100 cards, 50
#! families registered, 20 certificates), with the memory at its start and end and how long it
#! took. Prints the figures, and the rows of BENCHMARKS.md's table; changes nothing in the
#! repository. Run scripts/test.sh once first (it installs tauri-driver, Xvfb and the UI's
#! packages).
#! Environment: OTAU_MEASURE_FAMILIES (default 26000 ≈ 100,000 persons), OTAU_MEASURE_RUNS
#! (starts of each app measured, default 3), OTAU_BENCH_ROWS (a file the table's rows are
#! appended to), CARGO_TARGET_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec </dev/null

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target}"
export PATH="$HOME/.cargo/bin:$PATH"

echo "==> UI"
(cd ui && npm run build >/dev/null)
echo "==> release build of otau-desktop, otau and the bare Tauri 2 app"
cargo build --release -p otau-desktop -p otau-cli -p bare-tauri
export OTAU_DESKTOP_BIN="$CARGO_TARGET_DIR/release/otau-desktop"
export OTAU_CLI_BIN="$CARGO_TARGET_DIR/release/otau"
export OTAU_BARE_BIN="$CARGO_TARGET_DIR/release/bare-tauri"
echo "==> measuring (ignored end-to-end test 'measure')"
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p otau-e2e --test measure -- --ignored --nocapture --test-threads=1 2>&1 |
  grep -v -e "Error serving connection" -e "^ *[0-9]*: " -e "^    Finished" -e "^     Running"
