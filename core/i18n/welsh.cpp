#include "core/i18n/welsh.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/base/text.h"

namespace waymark {

namespace {
std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A number of something in Welsh, written with digits. Welsh nouns stay singular after a number and some change
// their first sound: 2 fis, 1 flwyddyn, 2 flynedd, 5 mlynedd, 2 ddiwrnod.
std::optional<std::string> welsh_count(long n, std::string_view unit) {
  const std::string num = std::to_string(n);
  if (unit == "week" || unit == "weeks") return num + " wythnos";
  if (unit == "hour" || unit == "hours") return num + " awr";
  if (unit == "month" || unit == "months") return num + (n == 2 ? " fis" : " mis");
  if (unit == "day" || unit == "days") return num + (n == 2 ? " ddiwrnod" : " diwrnod");
  if (unit == "year" || unit == "years") {
    if (n == 1) return num + " flwyddyn";
    if (n == 2) return num + " flynedd";
    if (n == 5 || n == 7 || n == 8 || n == 9 || n == 10 || n == 12 || n == 15 || n == 18 || n == 20) return num + " mlynedd";
    return num + " blynedd";
  }
  return std::nullopt;
}

// One comma-separated part of a duration, lower case and trimmed.
std::optional<std::string> welsh_duration_part(const std::string& p) {
  static const std::pair<const char*, const char*> kPhrases[] = {
      {"part time", "Rhan amser"},       {"part-time", "Rhan amser"},   {"full time", "Llawn amser"},
      {"full-time", "Llawn amser"},      {"every week", "Bob wythnos"}, {"every day", "Bob dydd"},
      {"weekly", "Bob wythnos"},         {"as long as you like", "Cyhyd ag y mynni di"},
      {"one day", "1 diwrnod"},          {"one week", "1 wythnos"},     {"one year", "1 flwyddyn"},
      {"half a day", "Hanner diwrnod"},  {"evenings", "Gyda'r nos"},    {"weekends", "Penwythnosau"},
  };
  for (const auto& [en, cy] : kPhrases)
    if (p == en) return std::string(cy);
  // "<n> <unit>", "<n> <unit> a week", "<n> month contract", "<n> to <m> <unit>"
  size_t i = 0;
  auto number = [&](long& n) {
    const size_t s = i;
    n = 0;
    while (i < p.size() && std::isdigit(static_cast<unsigned char>(p[i])) && i - s < 4) n = n * 10 + (p[i++] - '0');
    return i > s && n > 0;
  };
  auto word = [&] {
    while (i < p.size() && p[i] == ' ') i++;
    const size_t s = i;
    while (i < p.size() && p[i] != ' ') i++;
    return p.substr(s, i - s);
  };
  long n = 0, m = 0;
  if (!number(n)) return std::nullopt;
  std::string unit = word();
  std::string range;
  if (unit == "to" || unit == "-") {
    while (i < p.size() && p[i] == ' ') i++;
    if (!number(m) || m <= n) return std::nullopt;
    range = std::to_string(n) + " i ";
    n = m;
    unit = word();
  }
  const std::string rest = trim_space(p.substr(i));
  if (rest == "contract" && (unit == "month" || unit == "week" || unit == "year")) {
    auto c = welsh_count(n, unit == "year" ? "years" : unit);
    if (!c) return std::nullopt;
    return "cytundeb " + range + *c;
  }
  auto c = welsh_count(n, unit);
  if (!c) return std::nullopt;
  if (rest.empty()) return range + *c;
  if (rest == "a week" || rest == "per week") return range + *c + " yr wythnos";
  if (rest == "a day" || rest == "per day") return range + *c + " y dydd";
  if (rest == "a month" || rest == "per month") return range + *c + " y mis";
  return std::nullopt;
}
}  // namespace

std::optional<std::string> welsh_duration(std::string_view english) {
  const std::string all = lower_ascii(english);
  if (trim_space(all).empty() || all.size() > 200) return std::nullopt;
  std::string out;
  size_t start = 0;
  for (;;) {
    const size_t comma = all.find(',', start);
    const std::string part = trim_space(all.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    auto cy = welsh_duration_part(part);
    if (!cy) return std::nullopt;
    if (!out.empty()) {
      out += ", ";
      // after a comma a phrase starts with a small letter (the table's phrases start with a capital)
      if (!cy->empty()) (*cy)[0] = static_cast<char>(std::tolower(static_cast<unsigned char>((*cy)[0])));
    }
    out += *cy;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::vector<std::string> welsh_mutations(std::string_view w) {
  std::vector<std::string> out;
  auto add = [&](std::string_view head, size_t drop) {
    std::string m = std::string(head) + std::string(w.substr(drop));
    if (!m.empty() && m != w && std::find(out.begin(), out.end(), m) == out.end()) out.push_back(std::move(m));
  };
  if (w.empty()) return out;
  const char c0 = w[0];
  const char c1 = w.size() > 1 ? w[1] : '\0';
  const bool digraph = (c1 == 'h' && (c0 == 'c' || c0 == 'p' || c0 == 't' || c0 == 'r')) ||
                       (c0 == 'd' && c1 == 'd') || (c0 == 'f' && c1 == 'f') || (c0 == 'n' && c1 == 'g') ||
                       (c0 == 'l' && c1 == 'l');
  if (c0 == 'l' && c1 == 'l') add("l", 2);  // soft
  if (c0 == 'r' && c1 == 'h') add("r", 2);  // soft
  if (!digraph) {
    switch (c0) {
      case 'p': add("b", 1), add("mh", 1), add("ph", 1); break;
      case 't': add("d", 1), add("nh", 1), add("th", 1); break;
      case 'c': add("g", 1), add("ngh", 1), add("ch", 1); break;
      case 'b': add("f", 1), add("m", 1); break;
      case 'd': add("dd", 1), add("n", 1); break;
      case 'g': add("", 1), add("ng", 1); break;
      case 'm': add("f", 1); break;
      default: break;
    }
  }
  // h before a vowel (the vowels with their accents too: ŵ, ŷ, â, ...)
  if (c0 == 'a' || c0 == 'e' || c0 == 'i' || c0 == 'o' || c0 == 'u' || c0 == 'w' || c0 == 'y' ||
      static_cast<unsigned char>(c0) >= 0x80)
    add("h", 0);
  return out;
}

}  // namespace waymark
