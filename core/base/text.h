// core/base/text.h: small UTF-8 helpers shared by the kiosk's fields and core's validation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace waymark {

size_t utf8_length(std::string_view s);                 // code points (invalid bytes count as one each)
void utf8_pop_back(std::string& s);                     // removes the last code point
bool utf8_valid(std::string_view s);
// Without the ASCII white space (space, tab, newline, ...) at either end.
std::string trim_space(std::string_view s);
// Keeps printable text: drops control characters (except newline when allowed), invalid UTF-8,
// and code points outside what the kiosk's fonts draw (emoji, private use), and caps the length.
std::string sanitize_text(std::string_view s, size_t max_code_points, bool allow_newlines);

}  // namespace waymark
