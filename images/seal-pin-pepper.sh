#!/usr/bin/env bash
# images/seal-pin-pepper.sh: gives a wing device its PIN pepper (docs/operating.md, "Children's PINs on a
# device"). Run ON THE DEVICE, by the imaging tool in the same step as `systemd-cryptenroll` (it needs the
# device's TPM), with the root partition writable:
#   images/seal-pin-pepper.sh [--root DIR] [--allow-no-tpm] [--replace]
# Writes 32 random bytes, sealed by systemd-creds to the TPM (PCR 7, like the data partition), to
# DIR/etc/credstore.encrypted/waymark-pin-pepper, and the kiosk drop-in that hands it to waymark-kiosk as the
# credential waymark-pin-pepper. The plain pepper never touches a disk. At its next start the kiosk seals every
# PIN hash with it. A device without a TPM is refused unless --allow-no-tpm: the pepper is then sealed with the
# host key in /var/lib/systemd/credential.secret, which protects a copy of the data folder but not a copy of
# the whole disk. --replace makes a new pepper: the children's hashes come back at the next sync, but staff
# PINs must be set again (waymarkctl staff reset-pin).
set -euo pipefail
ROOT=/
ALLOW_NO_TPM=0
REPLACE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT=${2:?--root needs a folder}; shift 2 ;;
    --allow-no-tpm) ALLOW_NO_TPM=1; shift ;;
    --replace) REPLACE=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "seal-pin-pepper: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v systemd-creds >/dev/null || { echo "seal-pin-pepper: systemd-creds is missing (systemd 250 or newer)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "seal-pin-pepper: run as root" >&2; exit 2; }

store="$ROOT/etc/credstore.encrypted"
cred="$store/waymark-pin-pepper"
dropin="$ROOT/etc/systemd/system/waymark-kiosk.service.d/pin-pepper.conf"
if [ -e "$cred" ] && [ "$REPLACE" -eq 0 ]; then
  echo "seal-pin-pepper: $cred exists already; --replace makes a new one (staff PINs must then be set again)" >&2
  exit 1
fi

# `has-tpm2` exits 0 only when firmware, driver, systemd and kernel all support the TPM.
if systemd-creds has-tpm2 >/dev/null 2>&1; then
  key=(--with-key=tpm2 --tpm2-pcrs=7)
elif [ "$ALLOW_NO_TPM" -eq 1 ] && [ "$ROOT" != / ]; then
  echo "seal-pin-pepper: --allow-no-tpm works only on the running device (--root /): the host key is this system's" >&2
  exit 2
elif [ "$ALLOW_NO_TPM" -eq 1 ]; then
  echo "seal-pin-pepper: no usable TPM: sealing with the host key (a copy of the whole disk would carry it)" >&2
  key=(--with-key=host)
else
  echo "seal-pin-pepper: no usable TPM on this device (systemd-creds has-tpm2); see docs/operating.md," >&2
  echo "  \"Children's PINs on a device\", before running again with --allow-no-tpm" >&2
  exit 1
fi

mkdir -p "$store" "$(dirname "$dropin")"
chmod 0700 "$store"
tmp=$(mktemp "$store/.waymark-pin-pepper.XXXXXX")
trap 'rm -f "$tmp"' EXIT
# The random bytes go straight into systemd-creds through a pipe.
head -c 32 /dev/urandom | systemd-creds encrypt --name=waymark-pin-pepper "${key[@]}" - "$tmp"
chmod 0400 "$tmp"
mv -f "$tmp" "$cred"
trap - EXIT
cat > "$dropin" <<'UNIT'
# Written by images/seal-pin-pepper.sh: the device's PIN pepper, decrypted by systemd (with the TPM) into the
# kiosk's private credentials folder at each start; waymark-kiosk reads it from $CREDENTIALS_DIRECTORY.
[Service]
LoadCredentialEncrypted=waymark-pin-pepper:/etc/credstore.encrypted/waymark-pin-pepper
UNIT
chmod 0644 "$dropin"
echo "seal-pin-pepper: wrote $cred (${key[*]}) and $dropin; restart waymark-kiosk to seal the PIN hashes"
