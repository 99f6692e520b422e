#!/usr/bin/env bash
# One-time setup on a fresh Debian/Ubuntu machine: system packages fundsim needs
# (CJK fonts for charts; Chromium and Jupyter for the browser and notebook tests;
# LibreOffice Calc to open the exported workbook; redis-server for the job-queue tests),
# then the locked npm dependencies (`--system`: the system packages only). Safe to run
# again: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
pkgs=(fonts-noto-cjk chromium jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel libreoffice-calc-nogui redis-server)
need=()
for pkg in "${pkgs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "Installing system packages: ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if [ "${1:-}" != "--system" ]; then
  npm ci --no-audit --no-fund
fi
