#!/bin/sh
# Remove Digigram for the current user. Your data (~/.local/share/Digigram) stays unless you add --delete-data.
set -eu
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
APPDIR=$HOME/.local/opt/digigram
rm -rf "$APPDIR"
rm -f "$HOME/.local/bin/digigram" "$DATA_HOME/applications/digigram.desktop"
for size in 16 24 32 48 64 128 256; do
    rm -f "$DATA_HOME/icons/hicolor/${size}x${size}/apps/digigram.png"
done
rm -rf "${XDG_CACHE_HOME:-$HOME/.cache}/Digigram"
if [ "${1:-}" = "--delete-data" ]; then
    rm -rf "$DATA_HOME/Digigram"
    echo "Digigram і всі його дані видалено / Digigram and all its data are removed."
else
    echo "Digigram видалено; дані залишено в $DATA_HOME/Digigram / Digigram is removed; data kept in $DATA_HOME/Digigram"
fi
