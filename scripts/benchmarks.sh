#!/usr/bin/env bash
#! Every benchmark figure of BENCHMARKS.md from one run: the desktop app against a bare Tauri 2
#! app and over a working day (scripts/measure-desktop.sh), then the registry at 100,000 and
#! 1,000,000 persons (otau-bench: storage, registering, search, the duplicate check, a
#! certificate, a backup; the storage and the month's summary of the same population with its
#! case work), each beside its baseline; writes BENCHMARKS.md with the date, the machine and this
#! command. The populations are kept in OTAU_BENCH_DATA (default /tmp/otau-bench) and reused: the
#! first run generates them (about 25 minutes for a million persons on 2 cores, and 15 more for
#! the million with its case work). Run scripts/test.sh once first (it installs what the window needs).
#! Environment: OTAU_BENCH_PERSONS (default 100000,1000000), OTAU_BENCH_DATA, CARGO_TARGET_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec </dev/null

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target}"
export PATH="$HOME/.cargo/bin:$PATH"
PERSONS="${OTAU_BENCH_PERSONS:-100000,1000000}"
DATA="${OTAU_BENCH_DATA:-/tmp/otau-bench}"
ROWS="$(mktemp)"
trap 'rm -f "$ROWS"' EXIT

OTAU_BENCH_ROWS="$ROWS" bash scripts/measure-desktop.sh
cargo build --release -p otau-bench
OTAU_BENCH_COMMAND="bash scripts/benchmarks.sh" \
  "$CARGO_TARGET_DIR/release/otau-bench" --persons "$PERSONS" --data "$DATA" \
  --rows "$ROWS" --write BENCHMARKS.md
