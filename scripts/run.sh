#!/usr/bin/env bash
#! Opens Otau with a demo office (README command 1): installs what is missing, builds the UI, the
#! desktop app and the `otau` CLI, creates a demo database the first time (scripts/demo-office.sh:
#! 300 families, this week's arrivals, kandas statuses ending soon), prints
#! the demo logins, then starts the app on that database.
#! Works as root or as a user with sudo. Safe to run again: an existing demo database is kept.
#! Environment: OTAU_DB (the database, default ~/.local/share/otau/demo.sqlite), CARGO_TARGET_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target}"
export PATH="$HOME/.cargo/bin:$PATH"
DB="${OTAU_DB:-$HOME/.local/share/otau/demo.sqlite}"

say() {
  printf '==> %s\n' "$*"
}

# Fail early, before building for minutes, when no window can be shown.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "otau: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the app window cannot open." >&2
  echo "otau: run this from a desktop session, or under Xvfb: xvfb-run -a scripts/run.sh" >&2
  exit 1
fi

say "system packages"
bash "$ROOT/scripts/setup-system.sh"
# shellcheck disable=SC1091
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

say "UI"
(
  cd "$ROOT/ui"
  # `npm ci` only when the installed packages are older than the lock file.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
  npm run build
)

say "desktop app and the otau command line"
# Built together, as scripts/test.sh builds them, so the two scripts share one build.
cargo build -p otau-desktop -p otau-cli
APP="$CARGO_TARGET_DIR/debug/otau-desktop"
OTAU="$CARGO_TARGET_DIR/debug/otau"

if [ ! -e "$DB" ]; then
  say "demo database $DB"
  mkdir -p "$(dirname "$DB")"
  # Built under a temporary name and moved into place only when complete, so a failed run is
  # simply tried again next time.
  PARTIAL="$DB.partial"
  rm -f "$PARTIAL" "$PARTIAL-wal" "$PARTIAL-shm" "$PARTIAL-journal" "$PARTIAL.keys" \
    "$DB-wal" "$DB-shm" "$DB.keys"
  # The office, the demo logins, 300 families, this week's arrivals, statuses ending soon,
  # quota inclusions, plan items and subsidies awaiting approval and paid.
  bash "$ROOT/scripts/demo-office.sh" "$OTAU" "$PARTIAL" 300
  # SQLite's side files (if the CLI left any) and the keys file travel with the database.
  for suffix in -wal -shm .keys; do
    if [ -e "$PARTIAL$suffix" ]; then mv "$PARTIAL$suffix" "$DB$suffix"; fi
  done
  mv "$PARTIAL" "$DB"
fi

cat <<INFO

Otau demo office DEMO01 — Павлодар облыстық бейімдеу орталығы
  database: $DB
  office secret (asked once per user on this computer): demo-office-secret
  logins (login / password):
    admin    / admin-demo    administrator
    manager  / manager-demo  manager (approves subsidies)
    clerk    / clerk-demo    clerk (registers families)

  keys: Ctrl+K find · Ctrl+N register a family · Alt+A add a member · Ctrl+S save
        Ctrl+E correct a record · Ctrl+L lock · Alt+← back

INFO

say "starting Otau"
exec env OTAU_DB="$DB" "$APP"
