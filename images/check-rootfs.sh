#!/bin/bash
# images/check-rootfs.sh: checks a root file system made by build-rootfs.sh against the lockdown rules.
#   images/check-rootfs.sh TARGET [--config FILE] [--config-only]
# Prints one line per check (ok / FAIL) and exits 1 when any check failed, 2 on a usage error.
# --config-only skips what needs the installed packages (users, binaries, package list).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONFIG="$HERE/waymark-image.conf"
CONFIG_ONLY=0
T=""
while [ $# -gt 0 ]; do
  case "$1" in
    --config) CONFIG="$2"; shift 2 ;;
    --config-only) CONFIG_ONLY=1; shift ;;
    -*) echo "check-rootfs: unknown option $1" >&2; exit 2 ;;
    *) T="$1"; shift ;;
  esac
done
[ -n "$T" ] && [ -d "$T" ] || { echo "usage: check-rootfs.sh TARGET [--config FILE] [--config-only]" >&2; exit 2; }
# shellcheck disable=SC1090
. "$CONFIG"

FAILED=0
check() {  # check "what" command...
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then echo "ok    $what"; else echo "FAIL  $what"; FAILED=1; fi
}
has() { grep -Eq "$2" "$T/$1"; }
masked() { [ "$(readlink "$T/etc/systemd/system/$1")" = /dev/null ]; }
unit() {
  for d in etc/systemd/system lib/systemd/system usr/lib/systemd/system; do
    [ -f "$T/$d/waymark-kiosk.service" ] && { echo "$d/waymark-kiosk.service"; return; }
  done
  echo missing
}
U="$(unit)"

echo "== kiosk unit ($U)"
for d in 'Restart=always' 'WatchdogSec=[0-9]+' 'StartLimitAction=reboot' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
         'ReadWritePaths=/var/lib/waymark$' 'ProtectHome=yes' 'PrivateTmp=yes' 'RestrictAddressFamilies=' \
         'IPAddressDeny=any' 'User=waymark' 'Type=notify' 'ExecStart=/usr/bin/cage -d -- /usr/bin/waymark-kiosk'; do
  check "unit has $d" has "$U" "^$d"
done
check "cage runs without -s (no VT switching)" bash -c "! grep -E '^ExecStart=.*cage[^-]*-s' '$T/$U'"
check "only the data folder is writable" bash -c "[ \$(grep -c '^ReadWritePaths=' '$T/$U') = 1 ]"
check "gateway $GATEWAY_ADDR allowed for the kiosk" has etc/systemd/system/waymark-kiosk.service.d/gateway.conf "^IPAddressAllow=$GATEWAY_ADDR\$"
check "kiosk enabled for graphical.target" test -L "$T/etc/systemd/system/graphical.target.wants/waymark-kiosk.service"
check "boots to graphical.target" bash -c "readlink '$T/etc/systemd/system/default.target' | grep -q graphical.target"

echo "== no way to a console"
for u in getty@.service serial-getty@.service autovt@.service console-getty.service getty.target debug-shell.service \
         ctrl-alt-del.target emergency.service rescue.service; do
  check "$u masked" masked "$u"
done
check "NAutoVTs=0" has etc/systemd/logind.conf.d/90-waymark.conf '^NAutoVTs=0$'
check "ReserveVT=0" has etc/systemd/logind.conf.d/90-waymark.conf '^ReserveVT=0$'
check "power key ignored" has etc/systemd/logind.conf.d/90-waymark.conf '^HandlePowerKey=ignore$'
check "Ctrl+Alt+Del burst does nothing" has etc/systemd/system.conf.d/90-waymark.conf '^CtrlAltDelBurstAction=none$'
check "kernel.sysrq=0" has etc/sysctl.d/90-waymark.conf '^kernel.sysrq = 0$'

echo "== USB"
check "USBGuard blocks by default" has etc/usbguard/usbguard-daemon.conf '^ImplicitPolicyTarget=block$'
check "USBGuard applies the policy to devices present at boot" has etc/usbguard/usbguard-daemon.conf '^PresentDevicePolicy=apply-policy$'
check "USBGuard allows the touch controller $TOUCH_USB_ID" has etc/usbguard/rules.conf "^allow id $TOUCH_USB_ID\$"
check "USBGuard allows nothing else (hubs + touch only)" bash -c "[ \$(grep -c '^allow' '$T/etc/usbguard/rules.conf') = 2 ]"
check "usbguard enabled" test -L "$T/etc/systemd/system/basic.target.wants/usbguard.service"
check "USB storage modules refused" has etc/modprobe.d/90-waymark.conf '^install usb-storage /bin/false$'

echo "== network"
check "firewall drops input by default" has etc/nftables.conf 'hook input priority filter; policy drop;'
check "firewall drops output by default" has etc/nftables.conf 'hook output priority filter; policy drop;'
check "firewall drops forwarding" has etc/nftables.conf 'hook forward priority filter; policy drop;'
check "firewall allows the gateway $GATEWAY_ADDR:$GATEWAY_PORT" has etc/nftables.conf "^define gateway = $GATEWAY_ADDR\$"
check "firewall accepts no new inbound connection (no tcp dport accept in input)" \
  bash -c "! sed -n '/chain input/,/}/p' '$T/etc/nftables.conf' | grep -q 'tcp dport'"
check "nftables enabled" test -L "$T/etc/systemd/system/sysinit.target.wants/nftables.service"
if command -v nft >/dev/null && [ "$(id -u)" = 0 ]; then check "nftables.conf parses (nft -c)" nft -c -f "$T/etc/nftables.conf"; fi
check "time only from the gateway" has etc/systemd/timesyncd.conf.d/90-waymark.conf "^NTP=$GATEWAY_ADDR\$"

echo "== storage"
check "root mounted read-only" has etc/fstab '^/dev/root +/ +auto +ro'
check "data folder on the encrypted partition" has etc/fstab '^/dev/mapper/waymark-data +/var/lib/waymark +ext4 +rw,nodev,nosuid,noexec'
check "data partition in crypttab (LUKS, TPM)" has etc/crypttab "^waymark-data +$DATA_PART +none +luks.*tpm2-device=auto"
check "/tmp and /var/log in memory" bash -c "grep -Eq '^tmpfs +/tmp ' '$T/etc/fstab' && grep -Eq '^tmpfs +/var/log ' '$T/etc/fstab'"
check "journal in memory" has etc/systemd/journald.conf.d/90-waymark.conf '^Storage=volatile$'
check "data folder is private (0700)" bash -c "[ \$(stat -c %a '$T/var/lib/waymark') = 700 ]"

if [ "$CONFIG_ONLY" = 0 ]; then
  echo "== packages and users"
  check "user waymark exists, no shell, system uid" bash -c "awk -F: '\$1==\"waymark\" && \$3<1000 && \$7 ~ /nologin/' '$T/etc/passwd' | grep -q ."
  check "data folder owned by waymark" bash -c "[ \$(stat -c %u '$T/var/lib/waymark') = \$(awk -F: '\$1==\"waymark\"{print \$3}' '$T/etc/passwd') ]"
  check "root password locked" bash -c "awk -F: '\$1==\"root\" && \$2 ~ /^[!*]/' '$T/etc/shadow' | grep -q ."
  check "cage installed" test -x "$T/usr/bin/cage"
  check "usbguard installed" test -x "$T/usr/sbin/usbguard-daemon"
  check "nft installed" test -x "$T/usr/sbin/nft"
  check "fonts installed" test -f "$T/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
  check "speech data installed" bash -c "ls -d '$T'/usr/lib/*/espeak-ng-data/cy_dict"
  for p in openssh-server telnetd inetutils-inetd avahi-daemon cups rpcbind xinetd exim4-daemon-light; do
    check "no $p" bash -c "! grep -q '^Package: $p\$' '$T/var/lib/dpkg/status'"
  done
  check "no sockets listening by design (no *.socket enabled in /etc)" \
    bash -c "! find '$T/etc/systemd/system' -name '*.socket' -path '*wants*' | grep -q ."
  check "no machine-id baked in" bash -c "[ ! -s '$T/etc/machine-id' ]"
  check "package manifest written" test -s "$T/etc/waymark-image-manifest.txt"
  if [ -x "$T/usr/bin/waymark-kiosk" ]; then
    check "waymark-kiosk installed" test -x "$T/usr/bin/waymark-kiosk"
    if [ "$(id -u)" = 0 ]; then
      check "waymark-kiosk runs in the image (all libraries present)" chroot "$T" /usr/bin/waymark-kiosk --help
      check "waymarkctl runs in the image" chroot "$T" /usr/bin/waymarkctl --help
    fi
  fi
  if [ "$(id -u)" = 0 ]; then
    check "nftables.conf parses in the image (nft -c)" chroot "$T" /usr/sbin/nft -c -f /etc/nftables.conf
    if command -v systemd-analyze >/dev/null; then
      check "systemd-analyze verify of the kiosk unit in the image" \
        bash -c "out=\$(systemd-analyze verify --root='$T' waymark-kiosk.service 2>&1) && [ -z \"\$out\" ]"
    fi
  fi
fi

[ "$FAILED" = 0 ] && echo "check-rootfs: every check passed" || echo "check-rootfs: some checks FAILED"
exit "$FAILED"
