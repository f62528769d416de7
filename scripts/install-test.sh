#!/usr/bin/env bash
#! Installs the Debian package of Otau on a clean, minimal Debian 12 (bookworm) system and signs in
#! to the installed app: proves that the package's Depends are enough for both binaries, that the
#! installed `otau` creates an office in an ordinary user's default database, and that the
#! installed desktop app opens that same database in a real window, where the user signs in and
#! sees the home screen.
#!
#! How: a minimal bookworm root made by mmdebstrap (installed from Debian if missing) is cached as
#! a tarball under ~/.cache/otau/install-test/ (one per week and per set of options, so a run
#! tests against the current bookworm and later runs skip the minute it takes), unpacked into a
#! temporary folder and entered with chroot. There `apt-get install --no-install-recommends
#! ./otau_*.deb` pulls the Depends from deb.debian.org (downloaded packages are kept in
#! ~/.cache/otau/install-test/apt-archives/, so a warm run downloads nothing), `ldd` finds every
#! library, and the user `aigerim` creates office PVL01 with the installed `otau`. Then — test
#! tools only, not the package's — Xvfb and webkit2gtk-driver are installed there, and this
#! machine's tauri-driver (same Debian release, same glibc) is copied in and started as that user.
#! The host drives it over 127.0.0.1 (the root shares the host's network) with the `#[ignore]`d
#! e2e test tests/e2e/tests/installed.rs, which opens /usr/bin/otau-desktop, signs in and checks
#! the home screen and the database path; its screenshot is saved in test-artefacts/e2e/.
#! The root is unpacked into a tmpfs; everything started in it is killed, its mounts undone and
#! the tmpfs unmounted on exit, also after a failure or Ctrl+C.
#!
#! Usage: scripts/install-test.sh DEB        (e.g. target-package/debug/otau_0.1.0_amd64.deb)
#! Works as root (CI) or as a user who may sudo (root only for mmdebstrap, mount and chroot; the
#! e2e client builds and runs as the caller), with no standard input. Needs deb.debian.org.
#! Environment: CARGO_TARGET_DIR (default ~/.cache/otau/target).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec </dev/null

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target}"
export PATH="$HOME/.cargo/bin:$PATH"

[ "$#" -eq 1 ] || { echo "usage: scripts/install-test.sh DEB" >&2; exit 2; }
DEB="$(realpath -e "$1")" || { echo "otau install test: no package $1" >&2; exit 2; }

command -v cargo >/dev/null 2>&1 ||
  { echo "otau install test: cargo is not on PATH (it builds the e2e client that drives the window); run this as the user who builds Otau — it uses sudo itself — or as root with Rust installed" >&2; exit 2; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
as_root() {
  "${SUDO[@]}" "$@"
}

STARTED=$SECONDS
LAP=$SECONDS
say() {
  printf '==> %s\n' "$*"
}
lap() {
  printf '    %s: %ss\n' "$1" "$((SECONDS - LAP))"
  LAP=$SECONDS
}
die() {
  echo "otau install test: FAILED: $*" >&2
  exit 1
}

# The user who installs and signs in, the office the installed `otau` creates, and its secrets.
USER_NAME=aigerim
OFFICE_SECRET=install-test-office-secret
ADMIN_PASSWORD=install-test-admin

CACHE="$HOME/.cache/otau/install-test"
ARCHIVES="$CACHE/apt-archives"
SUITE=bookworm
MIRROR=http://deb.debian.org/debian
SOURCES=(
  "deb $MIRROR $SUITE main"
  "deb $MIRROR $SUITE-updates main"
  "deb http://deb.debian.org/debian-security $SUITE-security main"
)
# Package lists stay in the tarball (no `apt-get update` on a warm run); a new tarball each week
# keeps what is installed close to what a user gets today.
MMDEBSTRAP_ARGS=(--variant=minbase --skip=cleanup/apt/lists --aptopt='Acquire::Retries "3"' "$SUITE")
ARCH="$(dpkg --print-architecture)"
KEY="$(printf '%s\n' "${MMDEBSTRAP_ARGS[@]}" "${SOURCES[@]}" | sha256sum | cut -c1-12)"
TARBALL="$CACHE/debian-$SUITE-minbase-$ARCH-$(date -u +%G-W%V)-$KEY.tar"

# apt inside the root: downloads kept (and made as root, whatever the owner of the cache), unsafe
# but fast unpacking (the root is thrown away), no questions.
APT=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends
  -o APT::Keep-Downloaded-Packages=true -o APT::Sandbox::User=root
  -o Acquire::Retries=3 -o Dpkg::Options::=--force-unsafe-io)

WORK=""
RD=""
cleanup() {
  local status=$?
  set +e
  if [ -n "$RD" ] && [ -d "$RD" ]; then
    # Every process whose root is this folder was started by this script (the driver, Xvfb,
    # WebKitWebDriver, the app and its web processes): stop them all before unmounting.
    # shellcheck disable=SC2016 # expanded by that shell
    as_root sh -c 'for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$1" ] && kill -KILL "${p#/proc/}" 2>/dev/null
      done; sleep 0.2' sh "$RD"
    # Then the mounts inside it, and the tmpfs it is: that frees everything at once.
    for mnt in var/cache/apt/archives dev/shm dev/pts sys proc ""; do
      if mountpoint -q "$RD/$mnt"; then
        as_root umount "$RD/$mnt" || as_root umount -l "$RD/$mnt"
      fi
    done
  fi
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    if grep -q " $WORK/" /proc/mounts; then
      echo "otau install test: $WORK still has mounts; left in place" >&2
      grep " $WORK/" /proc/mounts >&2
    else
      # --one-file-system: never into anything still mounted below the folder.
      rm -rf --one-file-system "$WORK"
    fi
  fi
  if [ "$status" -eq 0 ]; then
    echo "otau install test: passed in $((SECONDS - STARTED))s, cleaning up included"
  else
    echo "otau install test: failed after $((SECONDS - STARTED))s" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_root() {
  as_root chroot "$RD" "$@"
}
# Runs a command in the root as the ordinary user, with a clean environment of its own.
as_user() {
  as_root chroot --userspec="$USER_UID:$USER_GID" "$RD" env -i HOME="/home/$USER_NAME" \
    USER="$USER_NAME" LOGNAME="$USER_NAME" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@"
}

say "installing $(basename "$DEB") on a clean Debian $SUITE"
dpkg-deb --field "$DEB" Package Version Depends | sed 's/^/    /'

# 1. The clean root, made once a week.
if ! command -v mmdebstrap >/dev/null 2>&1; then
  say "installing mmdebstrap"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap
fi
mkdir -p "$CACHE"
# Runs at the same time (two clones testing) make the root and use the apt cache one at a time.
exec 9>"$CACHE/.root.lock" 8>"$CACHE/.apt.lock"
flock 9
if [ ! -f "$TARBALL" ]; then
  say "making a clean $SUITE root (cached as $TARBALL)"
  # mmdebstrap writes a tarball only to a name ending in .tar; moved into place when complete.
  as_root rm -rf "${TARBALL%.tar}.partial.tar"
  as_root mmdebstrap --quiet "${MMDEBSTRAP_ARGS[@]}" "${TARBALL%.tar}.partial.tar" "${SOURCES[@]}"
  as_root mv "${TARBALL%.tar}.partial.tar" "$TARBALL"
  # Earlier weeks' roots are not used again.
  find "$CACHE" -maxdepth 1 -type f -name "debian-$SUITE-minbase-*.tar" ! -path "$TARBALL" -exec "${SUDO[@]}" rm -f {} +
  lap "clean root made"
else
  echo "    cached root: $TARBALL"
fi
flock -u 9

# 2. Unpacked into a folder of its own, with what programs expect to find mounted.
# The logs in a folder of the caller's; the root in memory beside them (about 1 GB once
# everything is installed): dpkg writes faster, and the end is one unmount rather than
# deleting some 20,000 files.
WORK="$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/otau-install-test.XXXXXX")")"
RD="$WORK/root"
mkdir "$RD"
as_root mount -t tmpfs -o size=4g,mode=0755 otau-install-test "$RD"
as_root tar -C "$RD" -xpf "$TARBALL"
as_root mount -t proc proc "$RD/proc"
as_root mount -t sysfs -o ro sysfs "$RD/sys"
as_root mount -t devpts -o newinstance,ptmxmode=0666 devpts "$RD/dev/pts"
as_root mount -t tmpfs -o mode=1777 tmpfs "$RD/dev/shm"
mkdir -p "$ARCHIVES"
as_root mkdir -p "$RD/var/cache/apt/archives"
as_root mount --bind "$ARCHIVES" "$RD/var/cache/apt/archives"
as_root cp /etc/resolv.conf "$RD/etc/resolv.conf"
# No service starts inside the root.
printf '#!/bin/sh\nexit 101\n' | as_root tee "$RD/usr/sbin/policy-rc.d" >/dev/null
as_root chmod 0755 "$RD/usr/sbin/policy-rc.d"
as_root cp "$DEB" "$RD/tmp/"
lap "root unpacked"

# 3. The package, with nothing but its Depends.
say "apt-get install ./$(basename "$DEB")"
apt_in_root() {
  flock 8
  # Package lists a week old may name versions the mirror no longer has: fetch them again once.
  in_root "${APT[@]}" "$@" >"$WORK/apt.log" 2>&1 ||
    { in_root "${APT[@]}" update >>"$WORK/apt.log" 2>&1 && in_root "${APT[@]}" "$@" >>"$WORK/apt.log" 2>&1; } ||
    { tail -n 40 "$WORK/apt.log" >&2; die "apt-get $* failed in the clean root"; }
  flock -u 8
  grep -E '^[0-9]+ upgraded, [0-9]+ newly installed' "$WORK/apt.log" | tail -n 1 | sed 's/^/    /' || true
}
apt_in_root install "/tmp/$(basename "$DEB")"
# shellcheck disable=SC2016 # dpkg-query's own field syntax
in_root dpkg-query -W -f='${Status}\n' otau | grep -qx 'install ok installed' ||
  die "dpkg does not list otau as installed"
for file in /usr/bin/otau-desktop /usr/bin/otau /usr/share/applications/Otau.desktop \
  /usr/share/icons/hicolor/512x512/apps/otau-desktop.png; do
  [ -e "$RD$file" ] || die "the package did not install $file"
done
missing="$(in_root ldd /usr/bin/otau-desktop /usr/bin/otau | grep 'not found' || true)"
[ -z "$missing" ] || die "libraries the Depends do not bring: $missing"
echo "    $(in_root otau --version)"
lap "package installed"

# 4. An ordinary user creates an office with the installed command line, in its default place.
say "user $USER_NAME creates office PVL01 with the installed otau"
in_root useradd --create-home --shell /bin/bash "$USER_NAME"
USER_UID="$(in_root id -u "$USER_NAME")"
USER_GID="$(in_root id -g "$USER_NAME")"
as_user OTAU_OFFICE_SECRET="$OFFICE_SECRET" OTAU_PASSWORD="$ADMIN_PASSWORD" OTAU_LANG=en \
  otau init --office PVL01 --office-name "Павлодар облыстық бейімдеу орталығы" --region KZ-55 \
  --admin admin >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; die "otau init failed"; }
DB="/home/$USER_NAME/.local/share/otau/otau.sqlite"
as_root test -s "$RD$DB" || die "otau init did not create its default database $DB"
echo "    default database: $DB"
lap "office created"

# 5. Test tools only (not the package's Depends): Xvfb, WebKitWebDriver, and this machine's
# tauri-driver.
say "test tools in the root: xvfb, webkit2gtk-driver, tauri-driver"
DRIVER="$(command -v tauri-driver || true)"
if [ -z "$DRIVER" ]; then
  cargo install tauri-driver --locked --version '^2'
  DRIVER="$(command -v tauri-driver)"
fi
apt_in_root install xvfb xauth webkit2gtk-driver
as_root install -m 0755 "$DRIVER" "$RD/usr/local/bin/tauri-driver"
lap "test tools installed"

# 6. The window: Xvfb and tauri-driver as the user, driven from here.
say "the installed app in a window: sign in as admin"
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
pick_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if port_free "$port" && [ "$port" != "${1:-}" ]; then
      echo "$port"
      return
    fi
  done
}
PORT="$(pick_port)"
NATIVE_PORT="$(pick_port "$PORT")"
# shellcheck disable=SC2016 # expanded by the shell in the root
as_user sh -c '
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>/tmp/display 2>/tmp/xvfb.log &
  i=0
  while [ ! -s /tmp/display ] && [ "$i" -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s /tmp/display ] || { echo "Xvfb did not start:" >&2; cat /tmp/xvfb.log >&2; exit 1; }
  export DISPLAY=":$(head -n 1 /tmp/display)"
  exec tauri-driver --port "$1" --native-port "$2" --native-host 127.0.0.1 \
    --native-driver /usr/bin/WebKitWebDriver
' sh "$PORT" "$NATIVE_PORT" >"$WORK/driver.log" 2>&1 &
DRIVER_PID=$!
deadline=$((SECONDS + 30))
until curl -fsS "http://127.0.0.1:$PORT/status" 2>/dev/null | tr -d ' ' | grep -q '"ready":true'; do
  if ! kill -0 "$DRIVER_PID" 2>/dev/null; then
    cat "$WORK/driver.log" >&2
    die "tauri-driver stopped before it answered"
  fi
  if [ "$SECONDS" -gt "$deadline" ]; then
    cat "$WORK/driver.log" >&2
    die "tauri-driver did not answer on port $PORT within 30s"
  fi
  sleep 0.2
done
lap "Xvfb and tauri-driver ready"

if ! OTAU_INSTALLED_DRIVER="http://127.0.0.1:$PORT" \
  OTAU_INSTALLED_APP=/usr/bin/otau-desktop \
  OTAU_INSTALLED_LOGIN=admin \
  OTAU_INSTALLED_PASSWORD="$ADMIN_PASSWORD" \
  OTAU_INSTALLED_OFFICE_SECRET="$OFFICE_SECRET" \
  OTAU_INSTALLED_DB="$DB" \
  cargo test --workspace --test installed -- --ignored --nocapture; then
  echo "--- tauri-driver and the app said:" >&2
  tail -n 60 "$WORK/driver.log" >&2
  die "the installed app did not show the signed-in home screen"
fi
lap "signed in"

# Downloaded packages the mirror no longer has are of no further use.
flock 8
in_root "${APT[@]}" autoclean >/dev/null 2>&1 || true
flock -u 8

lap "cleaned the apt cache"
