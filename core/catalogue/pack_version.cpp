#include "core/catalogue/pack_version.h"

namespace waymark {

std::string pack_version_problem(int64_t version, std::optional<int64_t> previous, bool allow_big_jump) {
  if (version < 1 || version > kMaxPackVersion)
    return "A pack's version must be a whole number from 1 to " + std::to_string(kMaxPackVersion) + ".";
  const int64_t prev = previous.value_or(0);
  if (version <= prev)
    return "Version " + std::to_string(version) + " is not newer than version " + std::to_string(prev) + ".";
  if (version - prev > kMaxPackVersionJump && !allow_big_jump)
    return "Version " + std::to_string(version) + " is more than " + std::to_string(kMaxPackVersionJump) +
           " above version " + std::to_string(prev) +
           " (a typo would stop every later pack installing). Give --allow-big-jump if it is meant.";
  return {};
}

}  // namespace waymark
