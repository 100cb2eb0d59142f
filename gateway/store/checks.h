// gateway/store/checks.h: an expected refusal (ApiError) and the strict checks every device and worker
// request goes through: a JSON object, every key known, every required key present, text within its size
// and UTF-8, numbers whole and in range. The server turns an ApiError into a JSON answer with its status.
// Also the field checks the admin commands share (those refuse with std::invalid_argument).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace waymark::gateway {

struct ApiError : std::runtime_error {
  ApiError(int st, std::string c, const std::string& msg) : std::runtime_error(msg), status(st), code(std::move(c)) {}
  int status;
  std::string code;
};

// Strict JSON: parses an object, refusing anything else (ApiError 400; 413 when over the request limit).
nlohmann::json parse_object(const std::string& body);

// ApiError 400 with that code and plain words.
[[noreturn]] void bad(const std::string& code, const std::string& msg);
// Every key must be known, every required key present.
void check_keys(const nlohmann::json& j, std::initializer_list<const char*> required,
                std::initializer_list<const char*> optional);
// The text field k: at most max_bytes, valid UTF-8.
const std::string& str_field(const nlohmann::json& j, const char* k, size_t max_bytes);
// The whole-number field k, lo..hi.
int64_t int_field(const nlohmann::json& j, const char* k, int64_t lo, int64_t hi);
// An account's name (1 to 80 printable characters) and email address, as the admin commands take them.
// Throws std::invalid_argument with plain words.
void check_person(const std::string& name, const std::string& email);
// lo..hi characters, every one 0-9.
bool digits(const std::string& s, size_t lo, size_t hi);

}  // namespace waymark::gateway
