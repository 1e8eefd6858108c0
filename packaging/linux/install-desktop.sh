#!/bin/sh
# Nämndkansli i skrivbordsmenyn för den inloggade användaren (ingen root behövs):
# programmet i menyn, ikonen, och att .nkdb-filer öppnas i Nämndkansli vid dubbelklick.
#
#   ./linux/install-desktop.sh            installera (kör från programmappen)
#   ./linux/install-desktop.sh --remove   ta bort menyposten igen (dina data ligger kvar)
#
# Filerna hamnar under ${XDG_DATA_HOME:-~/.local/share}: applications/, mime/packages/,
# icons/hicolor/. Programmet självt ligger kvar där det packades upp; flyttar du
# mappen, kör skriptet igen.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PROGRAM_DIR=$(dirname "$HERE")
EXE="$PROGRAM_DIR/namndkansli"
ICONS="$PROGRAM_DIR/_internal/resources/icons"
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
MIME_TYPE=application/x-namndkansli-database
MIME_ICON=application-x-namndkansli-database
SIZES="16 24 32 48 64 128 256"

refresh() {
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA_HOME/mime" || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA_HOME/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--remove" ]; then
  rm -f "$DATA_HOME/applications/namndkansli.desktop" "$DATA_HOME/mime/packages/namndkansli.xml"
  for size in $SIZES; do
    rm -f "$DATA_HOME/icons/hicolor/${size}x${size}/apps/namndkansli.png" \
          "$DATA_HOME/icons/hicolor/${size}x${size}/mimetypes/$MIME_ICON.png"
  done
  rm -f "$DATA_HOME/icons/hicolor/scalable/apps/namndkansli.svg"
  refresh
  echo "Nämndkansli är borttaget ur menyn. Programmappen och dina data är orörda."
  exit 0
fi

if [ ! -x "$EXE" ]; then
  echo "Hittar inte programmet $EXE. Kör skriptet från den uppackade programmappen." >&2
  exit 2
fi
case "$EXE" in
  *'"'* | *'`'* | *'$'* | *'\'* | *'%'*)
    echo "Programmappens sökväg innehåller tecken som en menypost inte klarar (\" \` \$ \\ %):" >&2
    echo "  $PROGRAM_DIR" >&2
    echo "Flytta mappen, t.ex. till ~/Program/Nämndkansli, och kör skriptet igen." >&2
    exit 2 ;;
esac

mkdir -p "$DATA_HOME/applications" "$DATA_HOME/mime/packages" "$DATA_HOME/icons/hicolor/scalable/apps"
for size in $SIZES; do
  mkdir -p "$DATA_HOME/icons/hicolor/${size}x${size}/apps" "$DATA_HOME/icons/hicolor/${size}x${size}/mimetypes"
  cp "$ICONS/namndkansli-$size.png" "$DATA_HOME/icons/hicolor/${size}x${size}/apps/namndkansli.png"
  cp "$ICONS/namndkansli-$size.png" "$DATA_HOME/icons/hicolor/${size}x${size}/mimetypes/$MIME_ICON.png"
done
cp "$ICONS/namndkansli.svg" "$DATA_HOME/icons/hicolor/scalable/apps/namndkansli.svg"
cp "$HERE/namndkansli-mime.xml" "$DATA_HOME/mime/packages/namndkansli.xml"
# The path in double quotes (the desktop entry specification's quoting for Exec); & and |
# escaped for sed.
EXE_FOR_SED=$(printf '%s' "$EXE" | sed 's/[&|]/\\&/g')
sed "s|@EXEC@|\"$EXE_FOR_SED\"|" "$HERE/namndkansli.desktop" > "$DATA_HOME/applications/namndkansli.desktop"
refresh
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default namndkansli.desktop "$MIME_TYPE" 2>/dev/null || true
fi
echo "Nämndkansli finns nu i programmenyn, och .nkdb-filer öppnas i Nämndkansli."
echo "Ta bort menyposten med: $0 --remove"
