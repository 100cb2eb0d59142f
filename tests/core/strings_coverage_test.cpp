// Every child-facing string is in English and Welsh: every id in both languages, in the same feature's file,
// no empty text, the same {placeholders} in both, and no English left in a Welsh table by mistake.
// Reads whatever tables exist in assets/strings, so each part's new file is checked as soon as it lands.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/i18n/i18n.h"

namespace fs = std::filesystem;

namespace waymark {
namespace {

const std::string kDir = std::string(WAYMARK_SOURCE_ASSETS) + "/strings";

std::set<std::string> placeholders(const std::string& s) {
  std::set<std::string> out;
  for (size_t i = s.find('{'); i != std::string::npos; i = s.find('{', i + 1)) {
    const size_t e = s.find('}', i);
    if (e == std::string::npos) break;
    out.insert(s.substr(i, e - i + 1));
  }
  return out;
}

// id -> file name, for one language
std::map<std::string, std::string> ids_by_file(const std::string& lang) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(kDir) / lang)) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path());
    const nlohmann::json j = nlohmann::json::parse(in);
    for (auto it = j.begin(); it != j.end(); ++it)
      if (it.key().rfind('_', 0) != 0) out[it.key()] = e.path().filename().string();
  }
  return out;
}

TEST(Strings, TablesLoadWithNoIdDefinedTwice) {
  Strings s;
  std::string err;
  EXPECT_TRUE(s.load(kDir, &err)) << err;
}

TEST(Strings, EveryIdIsInBothLanguagesInTheSameFile) {
  const auto en = ids_by_file("en");
  const auto cy = ids_by_file("cy");
  ASSERT_FALSE(en.empty());
  for (const auto& [id, file] : en) {
    auto it = cy.find(id);
    if (it == cy.end()) ADD_FAILURE() << "no Welsh for " << id << " (en/" << file << "): add it to cy/" << file;
    else EXPECT_EQ(it->second, file) << id << " is in en/" << file << " but cy/" << it->second;
  }
  for (const auto& [id, file] : cy)
    if (!en.count(id)) ADD_FAILURE() << "no English for " << id << " (cy/" << file << "): add it to en/" << file;
}

TEST(Strings, NoEmptyTextAndPlaceholdersMatch) {
  Strings s;
  std::string err;
  ASSERT_TRUE(s.load(kDir, &err)) << err;
  const auto& en = s.table("en");
  const auto& cy = s.table("cy");
  for (const auto* t : {&en, &cy})
    for (const auto& [id, text] : *t)
      EXPECT_NE(text.find_first_not_of(" \t\n"), std::string::npos) << id << " has no words";
  for (const auto& [id, text] : en) {
    auto w = cy.find(id);
    if (w == cy.end()) continue;  // reported above
    EXPECT_EQ(placeholders(text), placeholders(w->second)) << id << ": English \"" << text << "\" and Welsh \""
                                                           << w->second << "\" must fill the same {placeholders}";
  }
}

TEST(Strings, WelshIsNotEnglishCopied) {
  // Names ("Waymark", "Staff", "English") may be the same in both; a whole sentence may not.
  Strings s;
  std::string err;
  ASSERT_TRUE(s.load(kDir, &err)) << err;
  const auto& cy = s.table("cy");
  for (const auto& [id, text] : s.table("en")) {
    auto w = cy.find(id);
    if (w == cy.end()) continue;
    // what is left without the {placeholders}: a sentence if it has two words of letters
    std::string words;
    for (size_t i = 0; i < text.size(); i++) {
      if (text[i] == '{') {
        const size_t e = text.find('}', i);
        if (e != std::string::npos) {
          i = e;
          continue;
        }
      }
      words += text[i];
    }
    int letter_words = 0;
    bool in_word = false;
    for (char c : words) {
      const bool letter = std::isalpha(static_cast<unsigned char>(c));
      if (letter && !in_word) letter_words++;
      in_word = letter;
    }
    if (letter_words >= 2 && words.size() > 12)
      EXPECT_NE(text, w->second) << id << ": the Welsh text is the English text";
  }
}

TEST(Strings, MissingWelshFallsBackToEnglishWithAMarker) {
  Strings s;
  std::string err;
  const fs::path tmp = fs::temp_directory_path() / ("waymark-strings-" + std::to_string(::getpid()));
  fs::create_directories(tmp / "en");
  fs::create_directories(tmp / "cy");
  std::ofstream(tmp / "en" / "x.json") << R"({"a": "Hello {name}", "b": "Only English"})";
  std::ofstream(tmp / "cy" / "x.json") << R"({"a": "Helo {name}"})";
  ASSERT_TRUE(s.load(tmp.string(), &err)) << err;
  EXPECT_EQ(s.fmt("cy", "a", {{"name", "Sam"}}), "Helo Sam");
  EXPECT_EQ(s.get("cy", "b"), "[EN] Only English");
  fs::remove_all(tmp);
}

}  // namespace
}  // namespace waymark
