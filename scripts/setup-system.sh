#!/usr/bin/env bash
#! Installs the system packages Otau needs to build, run and test on Debian 12 / Ubuntu.
#! Works as root (CI) or as a user with sudo. Safe to run again: it skips what is already there.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  build-essential pkg-config file curl ca-certificates
  libwebkit2gtk-4.1-dev librsvg2-dev libssl-dev
  xvfb xauth webkit2gtk-driver
  poppler-utils zbar-tools
  faketime
  postgresql
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "otau setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  # A first install of many packages can fail when downloaded archives vanish between dpkg
  # batches; the same install a second time succeeds.
  for attempt in 1 2 3; do
    if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
      break
    fi
    [ "$attempt" -eq 3 ] && { echo "otau setup: apt-get install failed" >&2; exit 1; }
    echo "otau setup: apt-get install failed, trying again ($attempt)"
  done
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "otau setup: installing the Rust toolchain (rustup)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi

if ! command -v node >/dev/null 2>&1 || [ "$(node -e 'console.log(process.versions.node.split(".")[0])')" -lt 20 ]; then
  echo "otau setup: installing Node.js and npm"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi

# The UI's build tools (Vite 7) need Node.js 20.19 or newer; Debian 12's own package is older.
node_ok() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
if ! node_ok; then
  echo "otau setup: Node.js $(node --version) is too old: the UI needs Node.js 20.19 or newer." >&2
  echo "otau setup: install a newer Node.js (with npm) and run this again." >&2
  exit 1
fi
