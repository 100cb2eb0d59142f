// core/sync/enrol.h: a wing device's one-time enrolment with the gateway (docs/sync-protocol.md,
// "POST /v1/enrol"): IT's one-time code and the gateway's pinned key in, a device identity out. The device's
// Ed25519 key is made here and kept only in the device database; everything is stored in one transaction.
#pragma once

#include <string>

#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark {

struct EnrolResult {
  bool ok = false;
  std::string error;  // plain words
  std::string device_id, wing, establishment;
};
// Refuses when already enrolled (unless force). Stores everything in one transaction on success.
EnrolResult enrol_device(Db& db, const std::string& gateway_url, const std::string& pin, const std::string& code,
                         const std::string& label, const Clock& clock, bool force = false);
bool device_enrolled(Db& db);

}  // namespace waymark
