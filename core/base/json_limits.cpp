#include "core/base/json_limits.h"

namespace waymark {

size_t json_nesting_depth(std::string_view text, size_t stop_after) {
  size_t depth = 0, worst = 0;
  bool in_str = false, esc = false;
  for (char c : text) {
    if (in_str) {
      if (esc) esc = false;
      else if (c == '\\') esc = true;
      else if (c == '"') in_str = false;
      continue;
    }
    if (c == '"') {
      in_str = true;
    } else if (c == '[' || c == '{') {
      if (++depth > worst) worst = depth;
      if (worst > stop_after) return worst;
    } else if ((c == ']' || c == '}') && depth > 0) {
      depth--;
    }
  }
  return worst;
}

nlohmann::json parse_json_limited(std::string_view text, size_t max_depth, size_t max_bytes) {
  if (text.size() > max_bytes || json_nesting_depth(text, max_depth) > max_depth)
    return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace waymark
