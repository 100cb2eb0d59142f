// tests/core/readability.h: how hard an English string is to read, for the plain-words test.
//
// Flesch-Kincaid grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59, and the UK
// reading age is grade + 5. The formula needs a few words to mean anything, so short labels ("Messages",
// "Sign out") are judged by their longest word instead (see tests/core/readability_test.cpp).
// Syllables are counted by the usual vowel-group rule with fixes for silent endings; good enough to rank
// strings, not a dictionary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace waymark {

int count_syllables(std::string_view word);

struct Readability {
  int words = 0;
  int sentences = 0;
  int syllables = 0;
  double grade = 0;          // Flesch-Kincaid grade (0 when there are no words)
  double reading_age = 0;    // grade + 5, never below 5
  std::string longest_word;  // most syllables
  int longest_word_syllables = 0;
};

// Words are runs of letters, digits and apostrophes; {placeholders} count as one short word.
std::vector<std::string> split_words(std::string_view text);
Readability score_readability(std::string_view text);

}  // namespace waymark
