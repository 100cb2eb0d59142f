// kiosk/driver/script_text.h: small text helpers shared by the script parser (script_parse.cpp) and the driver
// (script.cpp).
#pragma once

#include <string>
#include <vector>

namespace waymark::kiosk {

std::string trim(const std::string& s);            // without leading and trailing spaces, tabs and CRs
std::string lower(std::string s);                  // ASCII lower case
std::vector<std::string> utf8_chars(const std::string& s);  // UTF-8 text split into characters
bool unescape(const std::string& in, std::string& out);     // "a\x01b\n" -> a, 0x01, b, newline; false if malformed

}  // namespace waymark::kiosk
