// core/demo.h: the demo establishment used by the README's demo command and the tests.
//   children 1001 (PIN 1357, English, release in about 10 weeks to Leeds)
//            1002 (PIN 2468, Welsh,   release in about 6 weeks to Cardiff)
//   staff    9001 (PIN 8642, education and approver)
//            9002 (PIN 7531, wing officer and approver)
#pragma once

#include "core/clock.h"
#include "core/db.h"

namespace waymark {

inline constexpr const char* kLeedsCode = "E08000035";
inline constexpr const char* kCardiffCode = "W06000015";

// Seeds the demo establishment if it is not there yet. Returns true when it seeded, false when present.
bool seed_demo(Db& db, const Clock& clock);

}  // namespace waymark
