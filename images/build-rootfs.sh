#!/bin/bash
# images/build-rootfs.sh: builds the wing device's root file system in a folder, reproducibly.
#
#   sudo images/build-rootfs.sh TARGET [--config FILE] [--debs DIR] [--with-kernel] [--config-only]
#
#   TARGET          an empty folder (or one this script made before) for the root file system
#   --config FILE   the establishment's settings (default: images/waymark-image.conf)
#   --debs DIR      install the waymark-kiosk (and waymarkctl) .deb packages found there (cpack output)
#   --with-kernel   also install a kernel, systemd-boot and the TPM tools (a bootable image; larger)
#   --config-only   do not debootstrap or install packages: only write the lockdown configuration into
#                   TARGET (used by the fast test; needs no root and no network)
#
# What it does, in order: debootstrap a minimal Debian, install the packages in PACKAGES below, install
# the Waymark packages, create the unprivileged `waymark` user, write the lockdown configuration from
# overlay/ and units/ (templates filled from the config), enable and mask units, then make the tree
# reproducible (fixed file times, no machine-id, no apt lists, a sorted package manifest).
# images/check-rootfs.sh TARGET checks the result.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONFIG="$HERE/waymark-image.conf"
DEBS=""
WITH_KERNEL=0
CONFIG_ONLY=0
TARGET=""

die() { echo "build-rootfs: $*" >&2; exit 1; }
usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --config) CONFIG="${2:?--config needs a file}"; shift 2 ;;
    --debs) DEBS="${2:?--debs needs a folder}"; shift 2 ;;
    --with-kernel) WITH_KERNEL=1; shift ;;
    --config-only) CONFIG_ONLY=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$TARGET" ] || die "only one TARGET"; TARGET="$1"; shift ;;
  esac
done
[ -n "$TARGET" ] || { usage >&2; exit 2; }
[ -f "$CONFIG" ] || die "no config file $CONFIG"

# ---------------------------------------------------------------- settings, checked
SUITE=bookworm MIRROR=http://deb.debian.org/debian GATEWAY_ADDR= GATEWAY_PORT=8443 TOUCH_USB_ID= DATA_PART=
NET_ADDRESS=dhcp NET_ROUTER= SOURCE_DATE_EPOCH=
# shellcheck disable=SC1090
. "$CONFIG"
[[ "$SUITE" =~ ^[a-z]+$ ]] || die "SUITE must be a Debian release name"
[[ "$GATEWAY_ADDR" =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ || "$GATEWAY_ADDR" =~ ^[0-9a-fA-F:]+$ ]] ||
  die "GATEWAY_ADDR must be an IP address (the device does no DNS): '$GATEWAY_ADDR'"
[[ "$GATEWAY_PORT" =~ ^[0-9]+$ ]] && [ "$GATEWAY_PORT" -ge 1 ] && [ "$GATEWAY_PORT" -le 65535 ] ||
  die "GATEWAY_PORT must be a port number"
[[ "$TOUCH_USB_ID" =~ ^[0-9a-f]{4}:[0-9a-f]{4}$ ]] || die "TOUCH_USB_ID must be vendor:product in lower-case hex, like 0eef:0001"
[[ "$DATA_PART" =~ ^(PARTLABEL|UUID|PARTUUID)=[A-Za-z0-9._-]+$ || "$DATA_PART" =~ ^/dev/[A-Za-z0-9/._-]+$ ]] ||
  die "DATA_PART must be PARTLABEL=..., UUID=..., PARTUUID=... or /dev/..."
[[ "$NET_ADDRESS" == dhcp || "$NET_ADDRESS" =~ ^[0-9.]+/[0-9]+$ ]] || die "NET_ADDRESS must be dhcp or ADDRESS/PREFIX"
if [ -z "$SOURCE_DATE_EPOCH" ]; then
  SOURCE_DATE_EPOCH="$(git -C "$HERE" log -1 --format=%ct 2>/dev/null || echo 1767225600)"
fi
export SOURCE_DATE_EPOCH LC_ALL=C TZ=UTC DEBIAN_FRONTEND=noninteractive

if [ "$CONFIG_ONLY" = 0 ]; then
  [ "$(id -u)" = 0 ] || die "must run as root (debootstrap and chroot); use --config-only for the configuration alone"
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
fi
mkdir -p "$TARGET"
TARGET="$(cd "$TARGET" && pwd)"
[ "$TARGET" != / ] || die "TARGET cannot be /"

# ---------------------------------------------------------------- packages
# The device runs these and nothing else: no ssh, no getty, no network services.
PACKAGES=(
  systemd systemd-sysv udev dbus libpam-systemd systemd-timesyncd
  cage libgl1-mesa-dri libegl1 libgles2
  usbguard nftables cryptsetup
  fonts-noto-core fonts-dejavu-core fonts-opendyslexic espeak-ng-data
  libsdl2-2.0-0 libsqlite3-0 libsodium23 libcurl4 libsystemd0 libstb0 ca-certificates
)
if [ "$WITH_KERNEL" = 1 ]; then PACKAGES+=(linux-image-amd64 systemd-boot tpm2-tools cryptsetup-initramfs); fi

in_root() { chroot "$TARGET" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C DEBIAN_FRONTEND=noninteractive "$@"; }

if [ "$CONFIG_ONLY" = 0 ]; then
  if [ ! -x "$TARGET/usr/bin/apt-get" ]; then
    echo "build-rootfs: debootstrap $SUITE from $MIRROR into $TARGET"
    debootstrap --variant=minbase --components=main "$SUITE" "$TARGET" "$MIRROR"
  fi
  # no daemon may start inside the chroot while packages install
  printf '#!/bin/sh\nexit 101\n' > "$TARGET/usr/sbin/policy-rc.d"
  chmod 755 "$TARGET/usr/sbin/policy-rc.d"
  mountpoint -q "$TARGET/proc" || mount -t proc proc "$TARGET/proc"
  trap 'umount "$TARGET/proc" 2>/dev/null || true; rm -f "$TARGET/usr/sbin/policy-rc.d"' EXIT
  in_root apt-get update -q
  in_root apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
  if [ -n "$DEBS" ]; then
    mkdir -p "$TARGET/tmp/waymark-debs"
    cp "$DEBS"/waymark-kiosk_*.deb "$TARGET/tmp/waymark-debs/" 2>/dev/null || die "no waymark-kiosk_*.deb in $DEBS"
    cp "$DEBS"/waymarkctl_*.deb "$TARGET/tmp/waymark-debs/" 2>/dev/null || true
    in_root sh -c 'apt-get install -y -q --no-install-recommends /tmp/waymark-debs/*.deb'
    rm -rf "$TARGET/tmp/waymark-debs"
  fi
  # the unprivileged user the kiosk runs as: no password, no shell, no home
  if ! in_root getent passwd waymark >/dev/null; then
    in_root useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      --user-group --groups video,input,render,audio waymark
  fi
  in_root passwd --lock root >/dev/null
fi

# ---------------------------------------------------------------- configuration
fill() {  # fill SRC.in DEST: replace @NAME@ placeholders
  local src="$1" dest="$2"
  mkdir -p "$(dirname "$dest")"
  local ipfamily=ip dhcp_in="" dhcp_out="" network
  [[ "$GATEWAY_ADDR" == *:* ]] && ipfamily=ip6
  if [ "$NET_ADDRESS" = dhcp ]; then
    dhcp_in='udp sport 67 udp dport 68 accept'
    dhcp_out='udp sport 68 udp dport 67 accept'
    network='DHCP=ipv4'
  else
    network="Address=$NET_ADDRESS"
    [ -n "$NET_ROUTER" ] && network+=$'\n'"Gateway=$NET_ROUTER"
  fi
  local data_dev="$DATA_PART"
  case "$DATA_PART" in PARTLABEL=*) data_dev="/dev/disk/by-partlabel/${DATA_PART#PARTLABEL=}" ;; esac
  sed -e "s|@GATEWAY_ADDR@|$GATEWAY_ADDR|g" -e "s|@GATEWAY_PORT@|$GATEWAY_PORT|g" \
      -e "s|@TOUCH_USB_ID@|$TOUCH_USB_ID|g" -e "s|@DATA_PART@|$DATA_PART|g" -e "s|@DATA_PART_DEV@|$data_dev|g" \
      -e "s|@IPFAMILY@|$ipfamily|g" -e "s|@DHCP_IN@|$dhcp_in|g" -e "s|@DHCP_OUT@|$dhcp_out|g" \
      -e "s|@NETWORK@|${network//$'\n'/\\n}|g" "$src" > "$dest"
}

( cd "$HERE/overlay" && find . -type f | sort ) | while read -r f; do
  f="${f#./}"
  case "$f" in
    *.in) fill "$HERE/overlay/$f" "$TARGET/${f%.in}" ;;
    *) mkdir -p "$TARGET/$(dirname "$f")"; cp "$HERE/overlay/$f" "$TARGET/$f" ;;
  esac
done
chmod 600 "$TARGET/etc/crypttab" "$TARGET/etc/usbguard/rules.conf" "$TARGET/etc/usbguard/usbguard-daemon.conf"
chmod 755 "$TARGET/etc/nftables.conf"

# the kiosk unit: from the package when installed, else from units/
SYSD="$TARGET/etc/systemd/system"
mkdir -p "$SYSD" "$TARGET/var/lib/waymark"
if [ ! -f "$TARGET/lib/systemd/system/waymark-kiosk.service" ] && [ ! -f "$TARGET/usr/lib/systemd/system/waymark-kiosk.service" ]; then
  cp "$HERE/units/waymark-kiosk.service" "$SYSD/waymark-kiosk.service"
fi
chmod 700 "$TARGET/var/lib/waymark"
if [ "$CONFIG_ONLY" = 0 ]; then in_root chown waymark:waymark /var/lib/waymark; fi

# enable what runs; mask every way to a console, and Ctrl+Alt+Del
link() { mkdir -p "$(dirname "$2")"; ln -sfn "$1" "$2"; }
for u in getty@.service serial-getty@.service autovt@.service console-getty.service container-getty@.service \
         getty.target getty-static.service debug-shell.service ctrl-alt-del.target rescue.service emergency.service \
         systemd-networkd-wait-online.service; do
  link /dev/null "$SYSD/$u"
done
unit_path() {  # where a unit file lives in the tree (package or /etc)
  for d in etc/systemd/system lib/systemd/system usr/lib/systemd/system; do
    [ -e "$TARGET/$d/$1" ] && { echo "/$d/$1"; return; }
  done
  echo "/lib/systemd/system/$1"
}
link "$(unit_path waymark-kiosk.service)" "$SYSD/graphical.target.wants/waymark-kiosk.service"
link "$(unit_path nftables.service)" "$SYSD/sysinit.target.wants/nftables.service"
link "$(unit_path usbguard.service)" "$SYSD/basic.target.wants/usbguard.service"
link "$(unit_path systemd-networkd.service)" "$SYSD/multi-user.target.wants/systemd-networkd.service"
link "$(unit_path systemd-timesyncd.service)" "$SYSD/sysinit.target.wants/systemd-timesyncd.service"
link "$(unit_path graphical.target)" "$SYSD/default.target"
mkdir -p "$TARGET/etc/systemd/timesyncd.conf.d"
printf '[Time]\nNTP=%s\nFallbackNTP=\n' "$GATEWAY_ADDR" > "$TARGET/etc/systemd/timesyncd.conf.d/90-waymark.conf"

# ---------------------------------------------------------------- reproducible
if [ "$CONFIG_ONLY" = 0 ]; then
  in_root apt-get clean
  rm -rf "$TARGET"/var/lib/apt/lists/* "$TARGET"/var/cache/apt/*.bin "$TARGET"/var/log/* "$TARGET"/tmp/* \
         "$TARGET"/var/cache/debconf/*-old "$TARGET"/var/lib/dpkg/*-old "$TARGET"/etc/ssh
  : > "$TARGET/etc/machine-id"
  rm -f "$TARGET/var/lib/dbus/machine-id"
  in_root dpkg-query -W -f '${Package}\t${Version}\t${Architecture}\n' | sort > "$TARGET/etc/waymark-image-manifest.txt"
fi
find "$TARGET" -xdev -newermt "@$SOURCE_DATE_EPOCH" -not -path "$TARGET/proc/*" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} + 2>/dev/null || true
echo "build-rootfs: done: $TARGET (gateway $GATEWAY_ADDR:$GATEWAY_PORT, touch $TOUCH_USB_ID)"
