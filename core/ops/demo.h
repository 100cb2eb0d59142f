// core/ops/demo.h: the demo establishment used by the README's demo command and the tests.
//   children 1001 (PIN 1357, English, release in about 10 weeks to Leeds)
//            1002 (PIN 2468, Welsh,   release in about 6 weeks to Cardiff)
//   staff    9001 (PIN 8642, education and approver)
//            9002 (PIN 7531, wing officer and approver)
#pragma once

#include <string>

#include "core/accounts/pin_seal.h"
#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark {

inline constexpr const char* kLeedsCode = "E08000035";
inline constexpr const char* kCardiffCode = "W06000015";

// Seeds the demo establishment if it is not there yet. Returns true when it seeded, false when present.
// Also installs the demo content pack (see install_demo_pack).
// seal: the device's PIN pepper (core/accounts/pin_seal.h), or null (the hashes are sealed at the kiosk's start).
bool seed_demo(Db& db, const Clock& clock, const PinSeal* seal = nullptr);

// Trusts the demo curator key (assets/keys/demo-curator.pub) and installs assets/packs/demo.pack through the
// same verification as any pack. The demo pack is built once and committed, with dates relative to its
// "as of" day; so that demo children always see things to start, the demo (and only the demo) then moves its
// listings' start and expiry dates forward by exactly the days from "as of" to today. Real packs are never moved.
// Returns false with a reason in *message when the pack could not be installed.
bool install_demo_pack(Db& db, const Clock& clock, const std::string& assets, std::string* message);

}  // namespace waymark
