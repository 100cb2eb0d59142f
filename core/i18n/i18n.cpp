#include "core/i18n/i18n.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace waymark {

bool Strings::load_lang(const std::string& lang, const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    if (error) *error = "cannot read string table " + path;
    return false;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    if (error) *error = "string table " + path + " is not valid JSON: " + e.what();
    return false;
  }
  if (!j.is_object()) {
    if (error) *error = "string table " + path + " must be a JSON object of id -> text";
    return false;
  }
  auto& t = tables_[lang];
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key().rfind("_", 0) == 0) continue;  // "_comment" and friends
    if (t.count(it.key())) {
      if (error) *error = "string " + it.key() + " in " + path + " is already defined in another " + lang + " table";
      return false;
    }
    if (!it.value().is_string()) {
      if (error) *error = "string " + it.key() + " in " + path + " is not text";
      return false;
    }
    t[it.key()] = it.value().get<std::string>();
  }
  return true;
}

bool Strings::load(const std::string& dir, std::string* error) {
  // assets/strings/<lang>/*.json, one file per part of the product; an id may appear in only one file
  for (const char* lang : {"en", "cy"}) {
    const fs::path d = fs::path(dir) / lang;
    std::error_code ec;
    if (!fs::is_directory(d, ec)) {
      if (error) *error = "no string tables in " + d.string();
      return false;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d, ec))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      if (!load_lang(lang, f.string(), error)) return false;
  }
  return true;
}

bool Strings::has(std::string_view lang, std::string_view id) const {
  auto t = tables_.find(lang);
  return t != tables_.end() && t->second.find(id) != t->second.end();
}

const std::map<std::string, std::string, std::less<>>& Strings::table(std::string_view lang) const {
  static const std::map<std::string, std::string, std::less<>> empty;
  auto t = tables_.find(lang);
  return t == tables_.end() ? empty : t->second;
}

std::string Strings::get(std::string_view lang, std::string_view id) const {
  if (auto t = tables_.find(lang); t != tables_.end())
    if (auto s = t->second.find(id); s != t->second.end()) return s->second;
  if (lang != "en")
    if (auto t = tables_.find(std::string_view("en")); t != tables_.end())
      if (auto s = t->second.find(id); s != t->second.end()) return "[EN] " + s->second;
  return "\xE2\x9F\xA6" + std::string(id) + "\xE2\x9F\xA7";
}

std::string Strings::fmt(std::string_view lang, std::string_view id, const Args& args) const {
  return format(get(lang, id), args);
}

std::string format(std::string_view text, const Args& args) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      size_t end = text.find('}', i);
      if (end != std::string_view::npos) {
        std::string_view key = text.substr(i + 1, end - i - 1);
        bool found = false;
        for (const auto& [k, v] : args)
          if (k == key) {
            out += v;
            found = true;
            break;
          }
        if (found) {
          i = end + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

std::string assets_dir() {
  if (const char* env = std::getenv("WAYMARK_ASSETS"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "waymark" / "assets";
    if (fs::is_directory(installed / "strings" / "en", ec)) return installed.string();
  }
  return WAYMARK_SOURCE_ASSETS;
}

}  // namespace waymark
