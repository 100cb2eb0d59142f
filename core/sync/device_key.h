// core/sync/device_key.h: the device's sync key (the Ed25519 secret key it signs every request to the gateway
// with), stored sealed with the device's pepper like the PIN hashes (core/accounts/pin_seal.h), so a copied data
// folder cannot sync as this device (docs/operating.md, "The sync key on a device").
//
// Stored in meta `sync_device_key`: `$wmseal1$KEYID$...` (the base64 key in a secretbox under the pepper), or the
// plain base64 key on a device that has no pepper yet. Migration 55 (kDeviceKeySql) makes the database refuse a
// plain key written over a sealed one; the kiosk seals a plain key at its start (seal_device_key).
#pragma once

#include <string>

#include "core/accounts/pin_seal.h"
#include "core/storage/db.h"

namespace waymark {

extern const char* const kDeviceKeySql;  // device migration 55

enum class DeviceKeyState {
  None,         // not enrolled: no key stored
  Plain,        // stored unsealed (no pepper when it was stored)
  Sealed,       // sealed with the pepper given
  SealedNoPepper,  // sealed, and no pepper was given to open it
  OtherPepper,  // sealed with another pepper than the one given (the pepper was replaced, or the folder was copied)
  Damaged,      // not a key: unreadable base64, wrong length, or a sealed value that does not open with its own pepper
};

struct DeviceKeyRead {
  DeviceKeyState state = DeviceKeyState::None;
  std::string secret_key;  // 64 bytes when it could be read (Plain or Sealed), else empty; wipe() it after use
  std::string error;       // plain words for IT when it could not be read
};

// The key, opened with `seal` when it is sealed. Never throws for a missing or wrong pepper: the state says which.
DeviceKeyRead read_device_key(Db& db, const PinSeal* seal);

// Stores a new 64-byte key, sealed when there is a pepper. Inside a transaction (enrolment's).
void store_device_key(Db& db, const std::string& secret_key, const PinSeal* seal);

// At the kiosk's start: a plain key is sealed with `seal` and the file rebuilt so no plain copy stays in a freed
// page or the WAL (rebuild_after_secrets). True when it sealed one; nothing is written when there is nothing to do.
bool seal_device_key(Db& db, const PinSeal& seal, int64_t now_s);

}  // namespace waymark
