#!/bin/sh
# Qt's wheels carry Qt itself but rely on a few system libraries (X11/xcb for a real
# window, EGL/fontconfig for everything). On Debian/Ubuntu as root, install the missing
# ones; elsewhere print what to install. Never fails the build: offscreen tests need
# less than a desktop window.
PLUGIN_DIR=$(.venv/bin/python -c 'import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt", "plugins", "platforms"))' 2>/dev/null) || exit 0
missing=""
for plugin in libqxcb.so libqoffscreen.so; do
  [ -f "$PLUGIN_DIR/$plugin" ] || continue
  missing="$missing $(ldd "$PLUGIN_DIR/$plugin" 2>/dev/null | awk '/not found/ {print $1}')"
done
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
[ -z "$(echo $missing | tr -d ' ')" ] && exit 0
PKGS="libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libwayland-cursor0"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installerar systembibliotek som Qt behöver: $missing"
  (apt-get install -y -qq $PKGS >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $PKGS >/dev/null 2>&1; }) \
    || echo "Kunde inte installera: $PKGS"
else
  echo "Obs: Qt saknar systembibliotek ($missing). Installera t.ex.: sudo apt-get install $PKGS"
fi
exit 0
