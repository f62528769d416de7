#!/usr/bin/env bash
#! Runs each fuzzer (fuzz/fuzz_targets: the family JSON, the import mapping, the XLSX/CSV reader,
#! the QR payload) for a while on the nightly toolchain, then shrinks its corpus to the inputs
#! that each reach something new, ready to commit. Installs the nightly toolchain and cargo-fuzz
#! if they are missing. The test command replays the committed corpora on every run; this is
#! the long loop, run on its own:
#!
#!   bash scripts/fuzz.sh            # 600 seconds each
#!   bash scripts/fuzz.sh 60 qr_payload
#!
#! A crash leaves its input in fuzz/artifacts/<target>/ and stops the script with its message.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec </dev/null

SECONDS_EACH="${1:-600}"
shift || true
TARGETS=("$@")
if [ "${#TARGETS[@]}" -eq 0 ]; then
  TARGETS=(family_json import_mapping import_file qr_payload)
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target-fuzz}"
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cargo +nightly fuzz build -O
for target in "${TARGETS[@]}"; do
  printf '\n==> %s: %s s\n' "$target" "$SECONDS_EACH"
  mkdir -p "fuzz/corpus/$target"
  # One job: the machine's other core stays free. Inputs up to 64 KB (an XLSX list of a few
  # families); an input slower than 10 s or using more than 2 GB is a finding.
  log="$CARGO_TARGET_DIR/fuzz-$target.log"
  if ! cargo +nightly fuzz run -O "$target" -- \
    -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "$target: the fuzzer found a crash; its input is in fuzz/artifacts/$target/"
    exit 1
  fi
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|^#[0-9]+ +DONE' "$log" || true
  cargo +nightly fuzz cmin -O "$target" 2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files' || true
  echo "$target: $(find "fuzz/corpus/$target" -type f | wc -l) inputs kept"
done
# Shrinking renames every input by its hash: the named seeds the tests compare are written back.
cargo run -q -p otau-fuzz --bin seed-corpora
