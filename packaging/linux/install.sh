#!/bin/sh
# Install Digigram for the current user (no administrator rights): run ./install.sh from the unpacked folder.
# The program goes to ~/.local/opt/digigram; your data stays in ~/.local/share/Digigram and is never touched.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
APPDIR=$HOME/.local/opt/digigram
BINDIR=$HOME/.local/bin

if [ "$(uname -m)" != "x86_64" ]; then
    echo "Digigram потребує 64-бітної системи x86-64 / Digigram needs a 64-bit x86-64 system." >&2
    exit 1
fi
mkdir -p "$APPDIR" "$BINDIR" "$DATA_HOME/applications"
# Replace the old program folder whole, so no file from an older version is left behind.
rm -rf "$APPDIR.new"
cp -a "$HERE/digigram" "$APPDIR.new"
rm -rf "$APPDIR.old"
if [ -e "$APPDIR" ]; then mv "$APPDIR" "$APPDIR.old"; fi
mv "$APPDIR.new" "$APPDIR"
rm -rf "$APPDIR.old"
cp "$HERE/uninstall.sh" "$APPDIR/uninstall.sh"
ln -sf "$APPDIR/digigram" "$BINDIR/digigram"
for size in 16 24 32 48 64 128 256; do
    mkdir -p "$DATA_HOME/icons/hicolor/${size}x${size}/apps"
    cp "$HERE/icons/digigram-$size.png" "$DATA_HOME/icons/hicolor/${size}x${size}/apps/digigram.png"
done
sed "s|@APPDIR@|$APPDIR|g" "$HERE/digigram.desktop" > "$DATA_HOME/applications/digigram.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA_HOME/applications" || true

echo "Digigram встановлено в $APPDIR / Digigram is installed in $APPDIR"
echo "Самоперевірка / Self-test:"
QT_QPA_PLATFORM=offscreen "$APPDIR/digigram" --self-test
