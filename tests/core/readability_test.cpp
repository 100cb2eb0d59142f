// Plain words: every English string a child sees scores at reading age 9 or below.
//  - strings of 5 words or more: Flesch-Kincaid grade + 5 <= 9
//  - shorter strings (buttons, titles), where the formula means little: no word over 3 syllables
// Names and terms in readability_allowlist.txt count as one short word; ids there are skipped.
// Reads every table in assets/strings/en, so parts added later are checked too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/i18n/i18n.h"
#include "tests/core/readability.h"

namespace waymark {
namespace {

struct Allow {
  std::set<std::string> words;  // lower case
  std::set<std::string> ids;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Allow load_allowlist() {
  Allow a;
  std::ifstream in(std::filesystem::path(WAYMARK_TESTS_DIR) / "core" / "readability_allowlist.txt");
  EXPECT_TRUE(in) << "readability_allowlist.txt is missing";
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string kind, what, reason;
    ss >> kind >> what;
    std::getline(ss, reason);
    EXPECT_FALSE(reason.find_first_not_of(" \t") == std::string::npos) << "allowlist line without a reason: " << line;
    if (kind == "word") a.words.insert(lower(what));
    else if (kind == "id") a.ids.insert(what);
    else ADD_FAILURE() << "allowlist line must start with word or id: " << line;
  }
  return a;
}

// Replaces allowlisted words with a one-syllable word so a name does not count against a sentence.
std::string without_allowed(const std::string& text, const Allow& a) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out += a.words.count(lower(word)) ? "it" : word;
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += c;
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}

TEST(Readability, CountsSyllablesOfEverydayWords) {
  EXPECT_EQ(count_syllables("cat"), 1);
  EXPECT_EQ(count_syllables("make"), 1);
  EXPECT_EQ(count_syllables("table"), 2);
  EXPECT_EQ(count_syllables("meeting"), 2);
  EXPECT_EQ(count_syllables("messages"), 3);
  EXPECT_EQ(count_syllables("wanted"), 2);
  EXPECT_EQ(count_syllables("jumped"), 1);
  EXPECT_EQ(count_syllables("you"), 1);
  EXPECT_EQ(count_syllables("information"), 4);
  EXPECT_EQ(count_syllables("accommodation"), 5);
  EXPECT_EQ(count_syllables("10"), 1);
  EXPECT_EQ(count_syllables("every"), 2);
  EXPECT_EQ(count_syllables("everything"), 3);
  EXPECT_EQ(count_syllables("everyone"), 3);
}

TEST(Readability, ScoresEasyTextLowAndHardTextHigh) {
  const Readability easy = score_readability("The cat sat on the mat. It was a good day.");
  EXPECT_EQ(easy.words, 11);
  EXPECT_EQ(easy.sentences, 2);
  EXPECT_LE(easy.reading_age, 6.0);
  const Readability hard = score_readability(
      "Notwithstanding the aforementioned considerations, participation in educational opportunities necessitates "
      "comprehensive documentation of eligibility.");
  EXPECT_GT(hard.reading_age, 16.0);
  EXPECT_GE(hard.longest_word_syllables, 5);
  // placeholders are one short word, not letters in braces
  EXPECT_EQ(score_readability("Hi {name}").words, 2);
}

TEST(Readability, EveryEnglishStringIsPlainEnough) {
  Strings s;
  std::string err;
  ASSERT_TRUE(s.load(std::string(WAYMARK_SOURCE_ASSETS) + "/strings", &err)) << err;
  const Allow allow = load_allowlist();
  int checked = 0;
  std::string all;
  for (const auto& [id, text] : s.table("en")) {
    if (allow.ids.count(id)) continue;
    // staff mode (listings curation, the staff menu) is read by adults at work, never by a child
    if (id.rfind("staff.", 0) == 0) continue;
    const std::string t = without_allowed(text, allow);
    const Readability r = score_readability(t);
    checked++;
    all += t + ((!t.empty() && std::string(".!?").find(t.back()) == std::string::npos) ? ".\n" : "\n");
    if (r.words >= 5) {
      EXPECT_LE(r.reading_age, 9.0) << id << ": \"" << text << "\" reads at age " << r.reading_age
                                    << " (Flesch-Kincaid grade " << r.grade << "); use shorter words or sentences";
    } else {
      EXPECT_LE(r.longest_word_syllables, 3) << id << ": \"" << text << "\": \"" << r.longest_word << "\" has "
                                             << r.longest_word_syllables << " syllables; find a shorter word";
    }
  }
  EXPECT_GT(checked, 50);
  const Readability whole = score_readability(all);
  EXPECT_LE(whole.reading_age, 9.0) << "all English strings together read at age " << whole.reading_age;
}

}  // namespace
}  // namespace waymark
