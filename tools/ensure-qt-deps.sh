#!/usr/bin/env bash
# Makes sure the Debian packages Qt needs are present.
#   (no option)  the offscreen platform (tests, screenshots without a screen)
#   --x11        also the X11 client libraries a real window needs (`make run`)
#   --xvfb       also those and Xvfb, a real X server without a screen (`make test`, `make screenshots`)
# Installs what is missing when run as root; otherwise names the packages and fails.
set -eu
pkgs="libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fonts-dejavu-core"
# Qt's xcb plugin needs all of these; its error names libxcb-cursor0 even when icccm4 or keysyms1 is
# the one missing (`ldd …/platforms/libqxcb.so | grep "not found"` tells the truth).
x11="libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 \
libxcb-xfixes0 libxcb-xkb1"
case "${1:-}" in
  --x11) pkgs="$pkgs $x11" ;;
  --xvfb) pkgs="$pkgs $x11 xvfb xauth" ;;
  "") ;;
  *) echo "usage: $0 [--x11|--xvfb]" >&2; exit 2 ;;
esac
if ! command -v dpkg >/dev/null 2>&1; then
  exit 0  # not a Debian-like system: the Qt wheels bring what they need, or the system has it
fi
missing=""
for p in $pkgs; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian packages Qt needs:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "Qt needs these Debian packages, which are missing:$missing" >&2
  echo "Install them as root:  sudo apt-get install$missing" >&2
  exit 1
fi
