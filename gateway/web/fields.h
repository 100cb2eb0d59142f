// gateway/web/fields.h: what every worker form shares, so no form depends on the browser's language and no
// problem is far from the field it is about.
//
// Index
//  - Problems   : plain-words problems, each tied to a field id; a summary at the top links to each field,
//                 and each field shows its own problem beside it (the GOV.UK error pattern)
//  - dates      : a date typed as day, month and year (the GOV.UK date-input pattern), never <input type=date>,
//                 whose order and words follow the browser's language ("12/11/2026" in a US browser)
//  - times      : a 24-hour time typed as hour and minute, never <input type=time> ("10:30 AM")
//  - text       : a text box or text area with its label, hint, problem and what was typed
//  - choice     : a drop-down list of choices with its label, hint, problem and what was chosen
// What the worker typed is always put back as typed, right or wrong.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gateway/web/request.h"

namespace waymark::gateway::web {

// ---------------------------------------------------------------- Problems
struct Problems {
  std::vector<std::pair<std::string, std::string>> list;  // field id, plain words; in the order of the form
  void add(const std::string& id, const std::string& words) { list.emplace_back(id, words); }
  bool empty() const { return list.empty(); }
  std::string of(const std::string& id) const;  // the first problem of that field, "" when none
};
// "There is a problem" and a list of links to each field (#id), for the top of a form; "" when no problems.
Html problem_summary(const Problems& p);
// The problem beside a field (id "ID-error", which the field names in aria-describedby); "" when none.
Html field_problem(const std::string& id, const std::string& words);

// ---------------------------------------------------------------- dates
struct DateParts {
  std::string day, month, year;  // as typed
};
DateParts date_parts_of(const std::string& iso);                   // from a stored YYYY-MM-DD ("" parts when empty)
DateParts date_parts_in(const Form& f, const std::string& name);  // NAME-day, NAME-month, NAME-year
// The date as YYYY-MM-DD, or std::nullopt with the problem added under NAME-day (or -month or -year, the first
// part that is wrong). `what` starts a sentence: "The date of the meeting". Empty parts: "" when not required.
// A month may be typed as a number or a name ("12", "Dec", "December").
std::optional<std::string> read_date(const DateParts& d, const std::string& name, const std::string& what, bool required,
                                     Problems& p);
// A fieldset with a legend, a hint and the three boxes (inputmode numeric), the problem beside them.
Html date_input(const std::string& name, const std::string& legend, const std::string& hint, const DateParts& d,
                       const Problems& p);

// ---------------------------------------------------------------- times
struct TimeParts {
  std::string hour, minute;  // as typed
};
TimeParts time_parts_of(const std::string& hhmm);
TimeParts time_parts_in(const Form& f, const std::string& name);  // NAME-hour, NAME-minute
// "HH:MM" (24-hour), or std::nullopt with the problem added under NAME-hour or NAME-minute.
std::optional<std::string> read_time(const TimeParts& t, const std::string& name, const std::string& what, bool required,
                                     Problems& p);
Html time_input(const std::string& name, const std::string& legend, const std::string& hint, const TimeParts& t,
                       const Problems& p);

// ---------------------------------------------------------------- text
struct TextField {
  std::string name;          // form name and id
  std::string label, hint;   // hint may be ""
  std::string value;         // as typed
  size_t max_chars = 200;    // the box's maxlength (the server checks again)
  int rows = 0;              // 0: one line (<input>); more: a <textarea>
  bool required = false;
};
Html text_input(const TextField& f, const Problems& p);

// ---------------------------------------------------------------- choice
struct ChoiceField {
  std::string name;                                         // form name and id
  std::string label, hint;                                  // hint may be ""
  std::vector<std::pair<std::string, std::string>> options;  // value, words; a first "" value asks to choose
  std::string value;                                        // the one chosen (as sent)
};
Html choice_input(const ChoiceField& f, const Problems& p);

}  // namespace waymark::gateway::web
