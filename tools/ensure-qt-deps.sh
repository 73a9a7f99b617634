#!/usr/bin/env bash
# Makes sure the Debian packages Qt needs on the offscreen platform are present.
# Installs them when missing and running as root; otherwise names them and fails.
set -eu
pkgs="libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fonts-dejavu-core"
if [ "${1:-}" = "--xvfb" ]; then
  pkgs="$pkgs xvfb xauth libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 \
libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1"
fi
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
