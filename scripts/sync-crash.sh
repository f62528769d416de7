#!/usr/bin/env bash
#! The long run of the sync crash test: CYCLES (default 300) cycles of work on two devices of an
#! office, each with `otau sync` — and now and then the centre — killed with SIGKILL at a random
#! point, then everything synced to the end and checked (nothing lost, nothing applied twice).
#! Usage: scripts/sync-crash.sh [CYCLES] [SEED]   (the test command runs 10 cycles)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target}"
export OTAU_SYNC_CRASH_CYCLES="${1:-300}"
[ -n "${2:-}" ] && export OTAU_SYNC_CRASH_SEED="$2"
exec cargo nextest run -p otau-cli -E 'binary(sync_crash)' --no-capture
