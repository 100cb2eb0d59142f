// tests/common/fixed_now.cpp: every test program, and every kiosk, waymarkctl and gateway it starts, sees the
// same "now" whatever day the machine thinks it is. Linked into each test executable as an object, so this
// runs before main. A WAYMARK_NOW already in the environment wins: scripts/test-dates.sh uses that to run
// the UI scripts at awkward dates (29 February, 31 December, the days the UK clocks change).
#include <cstdlib>

namespace {
constexpr const char* kTestNow = "2027-03-01T09:00:00Z";  // a Monday, well away from any clock change

const bool fixed = [] { return ::setenv("WAYMARK_NOW", kTestNow, 0) == 0; }();
}  // namespace
