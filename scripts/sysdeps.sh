#!/bin/sh
# Make sure the system libraries Qt needs are present (Debian/Ubuntu names).
# As root it installs what is missing; otherwise it names the packages and stops.
set -eu

# library file -> Debian package
LIBS="libGL.so.1:libgl1 libEGL.so.1:libegl1 libfontconfig.so.1:libfontconfig1
libxkbcommon.so.0:libxkbcommon0 libglib-2.0.so.0:libglib2.0-0 libdbus-1.so.3:libdbus-1-3
libX11-xcb.so.1:libx11-xcb1 libxcb-cursor.so.0:libxcb-cursor0
libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-icccm.so.4:libxcb-icccm4
libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-shape.so.0:libxcb-shape0
libxcb-render-util.so.0:libxcb-render-util0 libxcb-image.so.0:libxcb-image0
libxcb-randr.so.0:libxcb-randr0 libxcb-xinerama.so.0:libxcb-xinerama0"

[ "$(uname -s)" = Linux ] || exit 0
command -v ldconfig >/dev/null 2>&1 || PATH="$PATH:/sbin:/usr/sbin"
missing=""
for pair in $LIBS; do
    lib=${pair%%:*} pkg=${pair#*:}
    ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $pkg"
done
# python3 -m venv needs ensurepip, which Debian ships separately.
python3 -c 'import ensurepip' 2>/dev/null || missing="$missing python3-venv"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system libraries for Qt:$missing"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "Threadline needs these system packages (Debian names):$missing" >&2
    echo "Install them with: sudo apt-get install$missing" >&2
    exit 1
fi
