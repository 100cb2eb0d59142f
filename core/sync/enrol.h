// core/sync/enrol.h: a wing device's one-time enrolment with the gateway (docs/sync-protocol.md,
// "POST /v1/enrol"): IT's one-time code and the gateway's pinned key in, a device identity out. The device's
// Ed25519 key is made here and kept only in the device database, sealed with the device's pepper when it has one
// (device_key.h); everything is stored in one transaction.
#pragma once

#include <string>

#include "core/accounts/pin_seal.h"
#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark {

struct EnrolResult {
  bool ok = false;
  std::string error;  // plain words
  std::string device_id, wing, establishment;
};
// Refuses when already enrolled (unless force), and, before the code is spent, when the stored key is sealed and
// no pepper is given (a plain key never replaces a sealed one). Stores everything in one transaction on success.
// seal: the device's pepper (default none: the key is stored plain, and the kiosk seals it at its next start).
EnrolResult enrol_device(Db& db, const std::string& gateway_url, const std::string& pin, const std::string& code,
                         const std::string& label, const Clock& clock, bool force = false, const PinSeal* seal = nullptr);
bool device_enrolled(Db& db);

}  // namespace waymark
