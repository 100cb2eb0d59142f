#include "gateway/web/fields.h"

#include <algorithm>
#include <cctype>

#include "core/base/dates.h"

namespace waymark::gateway::web {

namespace {
std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}
bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
// "1" to "12", or an English month name or its first three letters; 0 when it is none of those.
int month_number(const std::string& typed) {
  static const char* const kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};
  const std::string t = lower(trim(typed));
  if (all_digits(t)) {
    const int m = t.size() <= 2 ? std::stoi(t) : 0;
    return m >= 1 && m <= 12 ? m : 0;
  }
  for (int i = 0; i < 12; i++) {
    const std::string n = kNames[i];
    if (t == n || (t.size() >= 3 && n.rfind(t, 0) == 0)) return i + 1;
  }
  return 0;
}
std::string two(int n) {
  std::string s = std::to_string(n);
  if (s.size() < 2) s.insert(s.begin(), '0');
  return s;
}
// "The date of the meeting" -> "the date of the meeting", to go after "Enter".
std::string mid_sentence(const std::string& what) { return what.empty() ? what : lower(what.substr(0, 1)) + what.substr(1); }

// One box of a date or time: label above, numeric keyboard on phones, marked when it holds the problem.
Html part_box(const std::string& id, const std::string& label, const std::string& value, int width, bool wrong,
              const std::string& described_by) {
  Html b;
  b << "<div class=\"part\"><label for=\"" << id << "\">" << label << "</label><input class=\"w" << width;
  if (wrong) b << " wrong";
  b << "\" id=\"" << id << "\" name=\"" << id << "\" type=\"text\" inputmode=\"numeric\" "
    << "autocomplete=\"off\" spellcheck=\"false\" maxlength=\"" << (width + 6) << "\" value=\"" << value << "\"";
  if (!described_by.empty()) b << " aria-describedby=\"" << described_by << "\"";
  if (wrong) b << " aria-invalid=\"true\"";
  b << "></div>";
  return b;
}

// The problem of a group of boxes (date, time), which one box holds: NAME-day, NAME-hour, ...
std::string group_problem(const Problems& p, const std::string& name, std::initializer_list<const char*> parts, std::string* which) {
  for (const char* part : parts) {
    const std::string m = p.of(name + "-" + part);
    if (!m.empty()) {
      *which = part;
      return m;
    }
  }
  return {};
}

Html group(const std::string& name, const std::string& legend, const std::string& hint, const std::string& problem, const Html& boxes) {
  Html b;
  b << "<div class=\"group" << (problem.empty() ? "" : " has-problem") << "\"><fieldset class=\"parts\" id=\"" << name << "\" "
    << "aria-describedby=\"" << name << "-hint";
  if (!problem.empty()) b << " " << name << "-error";
  b << "\"><legend>" << legend << "</legend><span class=\"hint\" id=\"" << name << "-hint\">" << hint << "</span>"
    << field_problem(name, problem) << "<div class=\"part-row\">" << boxes << "</div></fieldset></div>";
  return b;
}
}  // namespace

// ================================================================= Problems
std::string Problems::of(const std::string& id) const {
  for (const auto& [k, v] : list)
    if (k == id) return v;
  return {};
}

Html problem_summary(const Problems& p) {
  if (p.empty()) return {};
  Html o;
  o << "<div class=\"notice err summary\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"problem-title\"><h2 id=\"problem-title\">"
       "There is a problem</h2><ul>";
  for (const auto& [id, words] : p.list) o << "<li><a href=\"#" << id << "\">" << words << "</a></li>";
  o << "</ul><p>Nothing was saved. What you typed is still in the form.</p></div>";
  return o;
}

Html field_problem(const std::string& id, const std::string& words) {
  Html o;
  if (!words.empty())
    o << "<p class=\"field-problem\" id=\"" << id << "-error\"><span class=\"visually-hidden\">Problem: </span>" << words << "</p>";
  return o;
}

// ================================================================= dates
DateParts date_parts_of(const std::string& iso) {
  const auto d = parse_date(iso);
  if (!d) return {};
  return DateParts{std::to_string(d->d), std::to_string(d->m), std::to_string(d->y)};
}

DateParts date_parts_in(const Form& f, const std::string& name) {
  return DateParts{field(f, name + "-day"), field(f, name + "-month"), field(f, name + "-year")};
}

std::optional<std::string> read_date(const DateParts& d, const std::string& name, const std::string& what, bool required, Problems& p) {
  const std::string day = trim(d.day), month = trim(d.month), year = trim(d.year);
  if (day.empty() && month.empty() && year.empty()) {
    if (required) p.add(name + "-day", "Enter " + mid_sentence(what) + ".");
    return required ? std::nullopt : std::optional<std::string>(std::string());
  }
  if (day.empty()) return p.add(name + "-day", what + " must include a day."), std::nullopt;
  if (month.empty()) return p.add(name + "-month", what + " must include a month."), std::nullopt;
  if (year.empty()) return p.add(name + "-year", what + " must include a year."), std::nullopt;
  if (!all_digits(day) || day.size() > 2) return p.add(name + "-day", what + " must be a real date: the day is a number, 1 to 31."), std::nullopt;
  const int m = month_number(month);
  if (m == 0) return p.add(name + "-month", what + " must be a real date: the month is 1 to 12 or its name."), std::nullopt;
  if (!all_digits(year) || year.size() != 4) return p.add(name + "-year", "The year must have 4 numbers, for example 2027."), std::nullopt;
  const std::string iso = year + "-" + two(m) + "-" + two(std::stoi(day));
  if (!parse_date(iso)) return p.add(name + "-day", what + " must be a real date (that month has fewer days)."), std::nullopt;
  return iso;
}

Html date_input(const std::string& name, const std::string& legend, const std::string& hint, const DateParts& d, const Problems& p) {
  std::string which;
  const std::string problem = group_problem(p, name, {"day", "month", "year"}, &which);
  const std::string described = problem.empty() ? "" : name + "-error";
  // A problem about the whole date (a missing one, or one in the past) marks every box.
  const bool all = !problem.empty() && which == "day";
  Html boxes;
  boxes << part_box(name + "-day", "Day", d.day, 2, all, described) << part_box(name + "-month", "Month", d.month, 2, all || which == "month", described)
        << part_box(name + "-year", "Year", d.year, 4, all || which == "year", described);
  return group(name, legend, hint, problem, boxes);
}

// ================================================================= times
TimeParts time_parts_of(const std::string& hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return {};
  return TimeParts{hhmm.substr(0, 2), hhmm.substr(3)};
}

TimeParts time_parts_in(const Form& f, const std::string& name) { return TimeParts{field(f, name + "-hour"), field(f, name + "-minute")}; }

std::optional<std::string> read_time(const TimeParts& t, const std::string& name, const std::string& what, bool required, Problems& p) {
  const std::string hour = trim(t.hour), minute = trim(t.minute);
  if (hour.empty() && minute.empty()) {
    if (required) p.add(name + "-hour", "Enter " + mid_sentence(what) + ", for example 14 and 30 for half past two in the afternoon.");
    return required ? std::nullopt : std::optional<std::string>(std::string());
  }
  if (hour.empty() || !all_digits(hour) || hour.size() > 2 || std::stoi(hour) > 23)
    return p.add(name + "-hour", what + ": the hour is a number from 0 to 23 (24-hour clock: 2 pm is 14)."), std::nullopt;
  if (minute.empty() || !all_digits(minute) || minute.size() > 2 || std::stoi(minute) > 59)
    return p.add(name + "-minute", what + ": the minutes are a number from 0 to 59."), std::nullopt;
  return two(std::stoi(hour)) + ":" + two(std::stoi(minute));
}

Html time_input(const std::string& name, const std::string& legend, const std::string& hint, const TimeParts& t, const Problems& p) {
  std::string which;
  const std::string problem = group_problem(p, name, {"hour", "minute"}, &which);
  const std::string described = problem.empty() ? "" : name + "-error";
  Html boxes;
  boxes << part_box(name + "-hour", "Hour", t.hour, 2, which == "hour", described)
        << part_box(name + "-minute", "Minutes", t.minute, 2, which == "minute", described);
  return group(name, legend, hint, problem, boxes);
}

// ================================================================= text
namespace {
// The start of a field's group: label, hint and problem; `common` gets the attributes that tie the box to them.
Html group_head(const std::string& name, const std::string& label, const std::string& hint, const std::string& problem,
                Html& common) {
  std::string described = hint.empty() ? "" : name + "-hint";
  if (!problem.empty()) described += (described.empty() ? "" : " ") + name + "-error";
  Html b;
  b << "<div class=\"group" << (problem.empty() ? "" : " has-problem") << "\"><label for=\"" << name << "\">" << label << "</label>";
  if (!hint.empty()) b << "<span class=\"hint\" id=\"" << name << "-hint\">" << hint << "</span>";
  b << field_problem(name, problem);
  common << " id=\"" << name << "\" name=\"" << name << "\"";
  if (!described.empty()) common << " aria-describedby=\"" << described << "\"";
  if (!problem.empty()) common << " aria-invalid=\"true\"";
  return b;
}
}  // namespace

Html text_input(const TextField& f, const Problems& p) {
  Html common;
  Html b = group_head(f.name, f.label, f.hint, p.of(f.name), common);
  common << " maxlength=\"" << f.max_chars << "\"";
  if (f.required) common << " required";
  if (f.rows > 0) b << "<textarea" << common << " rows=\"" << f.rows << "\">" << f.value << "</textarea>";
  else b << "<input type=\"text\"" << common << " value=\"" << f.value << "\">";
  b << "</div>";
  return b;
}

Html choice_input(const ChoiceField& f, const Problems& p) {
  Html common;
  Html b = group_head(f.name, f.label, f.hint, p.of(f.name), common);
  b << "<select" << common << ">";
  for (const auto& [value, words] : f.options)
    b << "<option value=\"" << value << (value == f.value ? Html("\" selected>") : Html("\">")) << words << "</option>";
  b << "</select></div>";
  return b;
}

}  // namespace waymark::gateway::web
