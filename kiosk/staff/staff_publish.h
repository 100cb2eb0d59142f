// kiosk/staff/staff_publish.h: staff mode's Publish: the next signed content pack from the approved listings,
// made on the curator's office PC (the kiosk binary run --windowed with --curator-key FILE). A wing device has
// no curator key, so it says plainly that publishing happens on the office PC.
#pragma once

#include <cstdint>
#include <string>

#include "core/accounts/accounts.h"
#include "core/base/dates.h"
#include "core/storage/db.h"
#include "core/catalogue/pack.h"

namespace waymark::kiosk {

// Where published packs are written: DATA/published-packs/ (the gateway's `packs publish` takes them from there).
std::string published_packs_dir(const std::string& data_dir);

struct StaffPublishResult {
  bool ok = false;
  std::string error;  // plain words when !ok
  std::string path;   // the pack file written
  PublishedPack pack;
};
// Needs the approver role and a readable secret key file at key_path (empty: no key on this device). The pack is
// core's publish_pack (as `waymarkctl pack publish`), written atomically (a temporary file, then a rename) as
// DATA/published-packs/<pack id>-v<version>.pack.
StaffPublishResult staff_publish(Db& db, const std::string& key_path, const std::string& data_dir,
                                 const StaffProfile& by, CivilDate today, int64_t now_s);

}  // namespace waymark::kiosk
