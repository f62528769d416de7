#!/usr/bin/env bash
#! Builds the Debian package of Otau, otau_<version>_<arch>.deb: the desktop app
#! (/usr/bin/otau-desktop), the `otau` command line (/usr/bin/otau), the desktop entry
#! (/usr/share/applications/Otau.desktop) and the icon (/usr/share/icons/hicolor/512x512/apps/
#! otau-desktop.png) — the names tauri's own bundler gives them, so a later switch to it leaves
#! no stray files on a user's computer. The version is the workspace's (Cargo.toml); the runtime
#! libraries in `Depends:` are derived from the binaries by dpkg-shlibdeps.
#!
#! The package is assembled in a staging folder and built with `dpkg-deb --build`, not with
#! `cargo tauri build`: that needs tauri-cli (not otherwise used here, and it cannot work from this
#! repository's root, whose Cargo.toml is a virtual workspace), compiles the app once more, and
#! its AppImage target downloads tools. dpkg-deb needs nothing but dpkg, works offline, takes
#! seconds, and with SOURCE_DATE_EPOCH (default: the last commit's time) gives the same package
#! for the same binaries.
#!
#! Usage: scripts/package.sh [--debug] [--out DIR]
#!   (default)  builds the UI (ui/dist, which the desktop binary embeds) and then the release
#!              binaries: cargo build --release -p otau-desktop -p otau-cli
#!   --debug    packages the debug binaries in $CARGO_TARGET_DIR/debug as they are (the test
#!              command's `cargo build --workspace --all-targets` made them; building them again
#!              here would unify features differently and rebuild half the workspace); it checks
#!              they exist and were built after ui/dist.
#!   --out DIR  where the .deb goes (default: target-package/ in the clone, or
#!              target-package/debug/ with --debug).
#! Environment: CARGO_TARGET_DIR (default ~/.cache/otau/target), OTAU_MAINTAINER (the package's
#! Maintainer field), SOURCE_DATE_EPOCH.
#! Works as root or as an ordinary user (it needs no privileges), with no standard input.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
exec </dev/null

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/otau/target}"
export PATH="$HOME/.cargo/bin:$PATH"

PROFILE=release
OUT=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --debug) PROFILE=debug ;;
    --out)
      [ "$#" -ge 2 ] || { echo "otau package: --out needs a folder" >&2; exit 2; }
      OUT="$2"
      shift
      ;;
    --out=*) OUT="${1#--out=}" ;;
    -h | --help)
      tail -n +2 "$0" | sed -n 's/^#! \{0,1\}//p'
      exit 0
      ;;
    *)
      echo "otau package: unknown argument $1 (see --help)" >&2
      exit 2
      ;;
  esac
  shift
done
if [ -z "$OUT" ]; then
  OUT="$ROOT/target-package"
  [ "$PROFILE" = debug ] && OUT="$OUT/debug"
fi

say() {
  printf '==> %s\n' "$*"
}
die() {
  echo "otau package: $*" >&2
  exit 1
}

for tool in dpkg-deb dpkg-shlibdeps dpkg-architecture strip; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "$tool is missing: install build-essential and dpkg-dev (scripts/setup-system.sh does)"
done

# The one version of the workspace: [workspace.package] version in Cargo.toml.
VERSION="$(sed -n '/^\[workspace\.package\]/,/^\[/{s/^version *= *"\([^"]*\)".*/\1/p}' Cargo.toml)"
[ -n "$VERSION" ] || die "no version in [workspace.package] of Cargo.toml"
ARCH="$(dpkg-architecture -qDEB_HOST_ARCH)"
MAINTAINER="${OTAU_MAINTAINER:-Otau maintainers <maintainers@otau.invalid>}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

BIN_DIR="$CARGO_TARGET_DIR/$PROFILE"
if [ "$PROFILE" = release ]; then
  say "UI (ui/dist, embedded in the desktop binary)"
  (
    cd "$ROOT/ui"
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --no-audit --no-fund
    fi
    npm run build
  )
  say "release build of otau-desktop and otau"
  cargo build --release -p otau-desktop -p otau-cli
else
  say "debug binaries in $BIN_DIR"
  for bin in otau-desktop otau; do
    [ -x "$BIN_DIR/$bin" ] ||
      die "$BIN_DIR/$bin is not built: run scripts/test.sh, or build the UI and then \`cargo build -p otau-desktop -p otau-cli\`"
  done
  [ -f ui/dist/index.html ] || die "ui/dist is not built: the desktop binary would have no pages (npm run build in ui/)"
  # The binary embeds ui/dist as it was when it was compiled: one older than the UI build is stale.
  [ "$BIN_DIR/otau-desktop" -nt ui/dist/index.html ] ||
    die "$BIN_DIR/otau-desktop is older than ui/dist: build it again so it embeds the current UI"
fi

PACKAGE="otau_${VERSION}_${ARCH}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/otau-package.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/$PACKAGE"
umask 022

say "staging $PACKAGE ($PROFILE binaries)"
install -d "$STAGE/DEBIAN" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/512x512/apps" "$STAGE/usr/share/doc/otau"
# Stripped: the release profile keeps symbols, the debug one line tables; neither helps a user
# and both make the package several times larger.
for bin in otau-desktop otau; do
  install -m 0755 "$BIN_DIR/$bin" "$STAGE/usr/bin/$bin"
  strip --strip-unneeded "$STAGE/usr/bin/$bin"
done
install -m 0644 assets/icons/icon.png "$STAGE/usr/share/icons/hicolor/512x512/apps/otau-desktop.png"

cat >"$STAGE/usr/share/applications/Otau.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Version=1.0
Name=Otau
Comment=Register of kandas families: arrivals, status, adaptation and subsidies
Comment[kk]=Қандас отбасыларының тізілімі: келу, мәртебе, бейімделу және субсидиялар
Comment[ru]=Реестр семей кандасов: прибытие, статус, адаптация и субсидии
Keywords=kandas;adaptation;қандас;бейімдеу;кандас;адаптация;
Exec=otau-desktop
Icon=otau-desktop
Terminal=false
Categories=Office;
StartupWMClass=otau-desktop
DESKTOP

cat >"$STAGE/usr/share/doc/otau/copyright" <<'COPYRIGHT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Otau

Files: *
Copyright: Otau contributors
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of this software
 and associated documentation files (the "Software"), to deal in the Software without
 restriction, including without limitation the rights to use, copy, modify, merge, publish,
 distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
 Software is furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies or
 substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
 BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
 NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
 DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
COPYRIGHT

# Depends: the packages whose shared libraries the two binaries link (libwebkit2gtk-4.1-0,
# libgtk-3-0, libc6, ...), with the lowest versions their symbols need. dpkg-shlibdeps reads a
# source package's debian/control, so it is given a minimal one of its own.
mkdir -p "$WORK/src/debian"
printf 'Source: otau\n\nPackage: otau\nArchitecture: any\n' >"$WORK/src/debian/control"
SHLIBS="$(cd "$WORK/src" && dpkg-shlibdeps -O \
  -e"$STAGE/usr/bin/otau-desktop" -e"$STAGE/usr/bin/otau" 2>"$WORK/shlibdeps.log")" ||
  { cat "$WORK/shlibdeps.log" >&2; die "dpkg-shlibdeps failed"; }
DEPENDS="$(printf '%s\n' "$SHLIBS" | sed -n 's/^shlibs:Depends=//p')"
[ -n "$DEPENDS" ] || die "dpkg-shlibdeps found no dependencies: $SHLIBS"
case "$DEPENDS" in
  *libwebkit2gtk-4.1-0*) ;;
  *) die "the desktop binary does not link libwebkit2gtk-4.1: $DEPENDS" ;;
esac

INSTALLED_SIZE="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat >"$STAGE/DEBIAN/control" <<CONTROL
Package: otau
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $INSTALLED_SIZE
Depends: $DEPENDS
Recommends: xdg-utils
Section: misc
Priority: optional
Description: offline-first register for kandas adaptation centres
 Otau is the desktop application of the regional adaptation and integration
 centres of Kazakhstan. Clerks register arriving kandas families, follow their
 status, quota and adaptation plan, track the subsidies owed and paid and print
 their certificates; managers approve payments and print monthly summaries.
 Field offices work for weeks without a connection and sync with the centre
 when they can.
 .
 The package holds the desktop app (otau-desktop, in the Office menu as Otau)
 and the otau command line, which an administrator uses to create an office
 and script everything a clerk does. Both keep the office's encrypted database
 in the user's folder, ~/.local/share/otau/otau.sqlite, unless OTAU_DB names
 another. The app speaks Kazakh, Russian and English.
CONTROL

say "building the package"
mkdir -p "$OUT"
DEB="$(cd "$OUT" && pwd)/$PACKAGE.deb"
rm -f "$DEB"
# xz for a release (the smallest download); gzip at its fastest for a debug package, which only
# the install test unpacks.
COMPRESS=(-Zxz)
[ "$PROFILE" = debug ] && COMPRESS=(-Zgzip -z1)
dpkg-deb --root-owner-group "${COMPRESS[@]}" --build "$STAGE" "$DEB" >/dev/null

dpkg-deb --field "$DEB" Package Version Architecture Installed-Size Depends
echo "package: $DEB ($(du -h "$DEB" | cut -f1))"
