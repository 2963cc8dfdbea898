#!/usr/bin/env bash
# Debian/Ubuntu packages the tests need beyond Python: Xvfb (a virtual screen for the screenshot test)
# and the X11 libraries Qt's xcb platform loads. Installs only what is missing; needs root or sudo.
set -euo pipefail
need=(xvfb libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
      libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1 fonts-dejavu-core
      fonts-wqy-microhei)  # a CJK font: without one the Chinese UI is drawn as empty boxes
missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
command -v apt-get >/dev/null || { echo "[setup] please install: ${missing[*]}" >&2; exit 1; }
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
echo "[setup] installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
