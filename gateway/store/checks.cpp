#include "gateway/store/checks.h"

#include <algorithm>
#include <stdexcept>

#include "core/base/json_limits.h"
#include "core/base/text.h"
#include "core/sync/sync_proto.h"

namespace waymark::gateway {

using nlohmann::json;

json parse_object(const std::string& body) {
  if (body.size() > sync::kMaxRequestBytes) throw ApiError(413, "too_large", "The request is too large.");
  if (json_nesting_depth(body) > kMaxJsonDepth) bad("too_deep", "The request is nested too deeply.");
  json j = parse_json_limited(body, kMaxJsonDepth, sync::kMaxRequestBytes);
  if (j.is_discarded()) bad("bad_json", "The request is not valid JSON.");
  if (!j.is_object()) bad("bad_request", "The request must be a JSON object.");
  return j;
}

[[noreturn]] void bad(const std::string& code, const std::string& msg) { throw ApiError(400, code, msg); }

void check_keys(const json& j, std::initializer_list<const char*> required, std::initializer_list<const char*> optional) {
  if (!j.is_object()) bad("bad_request", "The request must be a JSON object.");
  for (const char* k : required)
    if (!j.contains(k)) bad("bad_request", std::string("The field \"") + k + "\" is missing.");
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* k : required) known = known || it.key() == k;
    for (const char* k : optional) known = known || it.key() == k;
    if (!known) bad("bad_request", "The field \"" + it.key() + "\" is not part of this request.");
  }
}

const std::string& str_field(const json& j, const char* k, size_t max_bytes) {
  const json& v = j.at(k);
  if (!v.is_string()) bad("bad_request", std::string("The field \"") + k + "\" must be text.");
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() > max_bytes || !utf8_valid(s)) bad("bad_request", std::string("The field \"") + k + "\" is too long or not UTF-8.");
  return s;
}

int64_t int_field(const json& j, const char* k, int64_t lo, int64_t hi) {
  const json& v = j.at(k);
  if (!v.is_number_integer()) bad("bad_request", std::string("The field \"") + k + "\" must be a whole number.");
  const int64_t n = v.get<int64_t>();
  if (n < lo || n > hi) bad("bad_request", std::string("The field \"") + k + "\" is out of range.");
  return n;
}

void check_person(const std::string& name, const std::string& email) {
  if (name.empty() || name.size() > 80 || sanitize_text(name, 80, false) != name)
    throw std::invalid_argument("the name must be 1 to 80 printable characters");
  const auto at = email.find('@');
  if (email.size() > 120 || at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
      email.find_first_of(" \t\r\n<>,;\"") != std::string::npos)
    throw std::invalid_argument("the email address does not look right");
}

bool digits(const std::string& s, size_t lo, size_t hi) {
  if (s.size() < lo || s.size() > hi) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace waymark::gateway
