#!/bin/sh
# Command-line tools the tests use besides Python: poppler-utils (pdftotext/pdftoppm;
# without them three PDF tests are skipped with "poppler-utils saknas"), softhsm2
# (the PKCS#11 token of the digital-signing tests; skipped with "softhsm2 saknas"), and
# chromium with axe-core from npm (the web copy's accessibility check, tests/axe_check.py;
# axe-core goes into .cache/axe, pinned below). On Debian/Ubuntu, as root or through sudo,
# install what is missing; elsewhere print what to install. Never fails by itself:
# `make test` then only skips those tests.
# (libfaketime for `make test-faketime` comes from PyPI with the test dependencies.)
missing=""
for tool in pdftotext pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 && continue
  case "$missing" in *poppler-utils*) ;; *) missing="$missing poppler-utils" ;; esac
done
command -v softhsm2-util >/dev/null 2>&1 || missing="$missing softhsm2"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

AXE_VERSION=4.14.1
install_axe() {
  [ -f .cache/axe/node_modules/axe-core/axe.min.js ] && return 0
  command -v npm >/dev/null 2>&1 || return 0
  echo "Installerar axe-core $AXE_VERSION i .cache/axe"
  npm install --silent --no-audit --no-fund --prefix .cache/axe "axe-core@$AXE_VERSION" >/dev/null 2>&1 \
    || echo "Kunde inte installera axe-core (prova: npm install --prefix .cache/axe axe-core@$AXE_VERSION)"
}
trap install_axe EXIT
[ -z "$missing" ] && exit 0
list=$(echo $missing)

if [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "Obs: testverktyg saknas ($list). Installera med: sudo apt-get install $list"
    exit 0
  fi
  echo "Installerar testverktyg: $list"
  { $SUDO apt-get update -qq >/dev/null 2>&1 \
      && $SUDO env DEBIAN_FRONTEND=noninteractive \
           apt-get install -y -qq --no-install-recommends $list >/dev/null 2>&1; } \
    || echo "Kunde inte installera: $list (prova: sudo apt-get install $list)"
else
  echo "Obs: testverktyg saknas ($list). Installera dem med systemets pakethanterare."
fi
exit 0
