// core/base/json_limits.h: parsing JSON that came from outside (a gateway's answer, a device's or a worker's
// request body, a content pack's manifest, a key file) with bounds on its size and nesting depth.
// nlohmann's parser, its destructor and dump() recurse once per level: a 32,000-deep array overflows the
// stack (seen in a sanitizer build). The depth is counted here, in one flat pass, before nlohmann sees the text.
// See docs/operating.md ("Limits") for the numbers.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace waymark {

inline constexpr size_t kMaxJsonDepth = 64;                // no protocol body, form or manifest comes close
inline constexpr size_t kMaxJsonBytes = 8u * 1024u * 1024u;  // the kiosk's cap on a gateway's answer

// The deepest nesting of arrays and objects in text (strings and their escapes are skipped). It stops
// counting once past `stop_after`, so a hostile text costs one pass however deep it claims to be.
size_t json_nesting_depth(std::string_view text, size_t stop_after = kMaxJsonDepth + 1);

// Like nlohmann::json::parse(text, nullptr, false): a discarded value (is_discarded()) when the text is not
// JSON, is longer than max_bytes or nests deeper than max_depth. Never throws for bad input.
nlohmann::json parse_json_limited(std::string_view text, size_t max_depth = kMaxJsonDepth,
                                  size_t max_bytes = kMaxJsonBytes);

}  // namespace waymark
