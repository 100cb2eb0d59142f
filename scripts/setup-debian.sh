#!/bin/sh
# scripts/setup-debian.sh: the Debian packages needed to build and test Waymark.
# (Issue 7, provisioning and lockdown, needs the lines below; the integrator merges this file.)
set -e
apt-get update
apt-get install -y --no-install-recommends \
  libsystemd-dev \
  debootstrap \
  systemd \
  dpkg-dev
