// core/i18n/i18n.h: every child-facing word, from string tables in assets/strings/{en,cy}/*.json keyed by id
// (one file per part of the product, e.g. core.json, catalogue.json).
// Text may hold {placeholders}; format() fills them. A Welsh string that is missing falls back to English
// with a visible marker, and the coverage test fails on any missing key so that never ships.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waymark {

using Args = std::vector<std::pair<std::string, std::string>>;

class Strings {
public:
  // Loads <dir>/en/*.json and <dir>/cy/*.json. Returns false and sets error on a malformed table or an id
  // defined twice.
  bool load(const std::string& dir, std::string* error);
  bool load_lang(const std::string& lang, const std::string& path, std::string* error);

  // The text for id in lang; English with "[EN] " in front when Welsh lacks it; "⟦id⟧" when unknown.
  std::string get(std::string_view lang, std::string_view id) const;
  std::string fmt(std::string_view lang, std::string_view id, const Args& args) const;
  bool has(std::string_view lang, std::string_view id) const;
  const std::map<std::string, std::string, std::less<>>& table(std::string_view lang) const;

private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> tables_;
};

std::string format(std::string_view text, const Args& args);

// Where assets live: $WAYMARK_ASSETS, else <exe dir>/../share/waymark/assets, else the source tree.
std::string assets_dir();

}  // namespace waymark
