#!/bin/sh
# Add Threadline to the desktop menu of the current user (freedesktop.org desktops:
# GNOME, KDE, Xfce, ...). Run it from the unpacked folder; --uninstall removes the entry.
# Nothing outside $XDG_DATA_HOME (default ~/.local/share) is touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
icons="$data/icons/hicolor"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/threadline.desktop"
    find "$icons" -path '*/apps/threadline.*' -type f -exec rm -f {} + 2>/dev/null || true
    echo "Removed the Threadline desktop entry."
else
    mkdir -p "$apps"
    # Exec/TryExec point at this folder's executable (the file in share/ says "threadline").
    sed -e "s|^Exec=threadline|Exec=\"$here/threadline\"|" \
        -e "s|^TryExec=threadline|TryExec=$here/threadline|" \
        "$here/share/applications/threadline.desktop" > "$apps/threadline.desktop"
    (cd "$here/share/icons/hicolor" && find . -type f -name 'threadline.*') | while read -r f; do
        mkdir -p "$icons/$(dirname "$f")"
        cp "$here/share/icons/hicolor/$f" "$icons/$f"
    done
    echo "Installed $apps/threadline.desktop"
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
