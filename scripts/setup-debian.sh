#!/usr/bin/env bash
# Installs the Debian packages Waymark needs to build, run and test. Safe to run again: it only calls
# apt-get when something is missing. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config python3
  # libraries (see docs and ../shared/DESIGN.md)
  libimgui-dev libstb-dev libsdl2-dev libsqlite3-dev libcurl4-openssl-dev libsodium-dev
  nlohmann-json3-dev libcli11-dev libcpp-httplib-dev libssl-dev libespeak-ng-dev libsystemd-dev zlib1g-dev
  libgtest-dev libgmock-dev
  # run time data: fonts that cover Welsh letters, the dyslexia-friendly font, speech voices
  fonts-noto-core fonts-dejavu-core fonts-opendyslexic espeak-ng-data
  # provisioning and images (issue 7): unit checks, .deb packages, the device root file system
  systemd dpkg-dev debootstrap
  # the suite at awkward dates (scripts/test-dates.sh): a faked machine clock and the UK's time zone
  faketime tzdata
  # the workers' email notices: a real SMTP server on loopback in the mail tests (tests/mail/smtp_sink.py)
  python3-aiosmtpd
  # the gateway's second store: libpq to build, a PostgreSQL 15 server for the "pg" tests (pg_virtualenv)
  libpq-dev postgresql
  # the web inbox's end-to-end test: headless chromium driven by python3 over the DevTools protocol (tests/web)
  chromium
  # the board report's printed PDF is read back as text to check it names no child (tests/web, issue 16)
  poppler-utils
  # the CPU renderer's windowed run of the demo tour, on a virtual X display (tests/kiosk, issue 17)
  xvfb xauth
  # fuzzing (scripts/fuzz.sh, tests/fuzz): clang with libFuzzer and its sanitizer runtimes (libclang-rt-14-dev)
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} Debian packages are installed"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
