#include "core/base/text.h"

#include <cctype>
#include <cstdint>

namespace waymark {

namespace {
// Decodes one code point at s[i]; returns bytes used (0 on invalid).
size_t decode(std::string_view s, size_t i, uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t n = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    cp = b0 & 0x1Fu;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    cp = b0 & 0x0Fu;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    cp = b0 & 0x07u;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; k++) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  // reject overlong forms and surrogates
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return n;
}

bool drawable(uint32_t cp) {
  if (cp >= 0x20 && cp <= 0x7E) return true;
  if (cp >= 0xA0 && cp <= 0x17F) return true;                    // Latin-1, Latin Extended-A
  if (cp >= 0x1E80 && cp <= 0x1E85) return true;                 // ẁ ẃ ẅ
  if (cp == 0x1EF2 || cp == 0x1EF3) return true;                 // ỳ
  if (cp >= 0x2013 && cp <= 0x2026) return true;                 // dashes, quotes, bullet, ellipsis
  return false;
}
}  // namespace

size_t utf8_length(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = decode(s, i, cp);
    i += n ? n : 1;
    count++;
  }
  return count;
}

void utf8_pop_back(std::string& s) {
  if (s.empty()) return;
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) i--;
  s.erase(i);
}

bool utf8_valid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = decode(s, i, cp);
    if (!n) return false;
    i += n;
  }
  return true;
}

std::string sanitize_text(std::string_view s, size_t max_cp, bool allow_newlines) {
  std::string out;
  size_t count = 0;
  for (size_t i = 0; i < s.size() && count < max_cp;) {
    uint32_t cp = 0;
    size_t n = decode(s, i, cp);
    if (!n) {
      i++;
      continue;
    }
    if ((cp == '\n' && allow_newlines) || drawable(cp)) {
      out.append(s.substr(i, n));
      count++;
    } else if (cp == '\t' || (cp == '\n' && !allow_newlines) || cp == '\r') {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
        count++;
      }
    }
    i += n;
  }
  return out;
}

std::string trim_space(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) a++;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) b--;
  return std::string(s.substr(a, b - a));
}

}  // namespace waymark
