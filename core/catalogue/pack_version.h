// core/catalogue/pack_version.h: the bounds on a content pack's version (issue 13). Versions only go up, so
// one typo (9,223,372,036,854,775,807) would freeze every wing: a device refuses a version above
// kMaxPackVersion, and `waymarkctl pack build` refuses a jump of more than kMaxPackVersionJump over the
// previous version unless told --allow-big-jump. docs/content-packs.md explains both to curators.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace waymark {

inline constexpr int64_t kMaxPackVersion = 1'000'000'000;  // a new pack every minute for 1,900 years
inline constexpr int64_t kMaxPackVersionJump = 1'000;

// Empty when `version` may be built after `previous` (the installed or last published version; nullopt: none,
// counted as 0); else a plain sentence. allow_big_jump lifts only the jump limit, never the upper bound.
std::string pack_version_problem(int64_t version, std::optional<int64_t> previous, bool allow_big_jump);

}  // namespace waymark
