#include "tests/core/readability.h"

#include <algorithm>
#include <cctype>

namespace waymark {

namespace {
bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }
bool ends_with(const std::string& s, std::string_view e) {
  return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}
bool word_char(unsigned char c) { return std::isalnum(c) || c == '\'' || c >= 0x80; }
}  // namespace

int count_syllables(std::string_view raw) {
  std::string w;
  bool digits = false;
  for (char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) w += static_cast<char>(std::tolower(u));
    else if (std::isdigit(u)) digits = true;
  }
  if (w.empty()) return digits ? 1 : 0;  // "10" reads as one short word
  if (w.size() <= 3) return 1;
  // "every" is said "ev-ry": the rule below would hear three sounds in it
  if (w.rfind("every", 0) == 0) return 2 + (w.size() > 5 ? count_syllables(std::string_view(w).substr(5)) : 0);
  // silent endings: "-es" and "-ed" after most consonants, and a final "-e" (but not "-le" as in "table")
  if (ends_with(w, "ed") && !ends_with(w, "ted") && !ends_with(w, "ded")) w.resize(w.size() - 2);
  else if (ends_with(w, "es") && !ends_with(w, "ses") && !ends_with(w, "ces") && !ends_with(w, "ges") &&
           !ends_with(w, "xes") && !ends_with(w, "zes") && !ends_with(w, "shes") && !ends_with(w, "ches"))
    w.resize(w.size() - 2);
  else if (ends_with(w, "e") && !(ends_with(w, "le") && w.size() > 2 && !vowel(w[w.size() - 3])))
    w.pop_back();
  if (!w.empty() && w[0] == 'y') w.erase(0, 1);  // "you", "yes": the y is a consonant
  int n = 0;
  for (size_t i = 0; i < w.size();) {
    if (!vowel(w[i])) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < w.size() && vowel(w[j])) j++;
    n += static_cast<int>((j - i + 1) / 2);  // a run of vowels is one sound; a long run ("eau") two
    i = j;
  }
  return std::max(1, n);
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < text.size(); i++) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '{') {  // a placeholder: a name or a number, one short word
      const size_t end = text.find('}', i);
      if (end != std::string_view::npos) {
        if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
        out.emplace_back("Sam");
        i = end;
        continue;
      }
    }
    if (word_char(c)) {
      cur += static_cast<char>(c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  // an apostrophe alone (a quote mark) is not a word
  out.erase(std::remove_if(out.begin(), out.end(), [](const std::string& w) {
              return std::none_of(w.begin(), w.end(), [](char ch) { return ch != '\''; });
            }),
            out.end());
  return out;
}

Readability score_readability(std::string_view text) {
  Readability r;
  const std::vector<std::string> words = split_words(text);
  r.words = static_cast<int>(words.size());
  for (const std::string& w : words) {
    const int s = count_syllables(w);
    r.syllables += s;
    if (s > r.longest_word_syllables) {
      r.longest_word_syllables = s;
      r.longest_word = w;
    }
  }
  // sentences end at . ! ? or a line break; text with no end mark is one sentence
  bool in_sentence = false;
  for (char c : text) {
    if (c == '.' || c == '!' || c == '?' || c == '\n') {
      if (in_sentence) r.sentences++;
      in_sentence = false;
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      in_sentence = true;
    }
  }
  if (in_sentence) r.sentences++;
  if (r.words == 0) return r;
  r.sentences = std::max(1, r.sentences);
  r.grade = 0.39 * r.words / r.sentences + 11.8 * r.syllables / r.words - 15.59;
  r.reading_age = std::max(5.0, r.grade + 5.0);
  return r;
}

}  // namespace waymark
