// kiosk/courses/courses_text.h: the words the Courses and jobs screens build from data (dates, the sentence
// that says why the list shows what it shows, a card's lines), in the child's language.
#pragma once

#include <string>

#include "core/catalogue/catalogue.h"
#include "core/i18n/i18n.h"

namespace waymark::courses {

struct Words {
  const Strings& strings;
  std::string lang;
  std::string t(const std::string& id) const { return strings.get(lang, id); }
  std::string tf(const std::string& id, const Args& a) const { return strings.fmt(lang, id, a); }
};

// "14 December", with the year when it is not this year's: "11 January 2027"
std::string nice_date(const Words& w, CivilDate d, CivilDate today);
// "Monday 14 December"
std::string nice_date_long(const Words& w, CivilDate d, CivilDate today);

struct ReasonInput {
  bool area_known = false;
  std::string area;          // the area's name in the child's language
  bool release_known = false;
  CivilDate release;
  bool further = false;
  int km = 0;
  bool any_time = false;
};
// "Near Leeds, starting after you get out in March."
std::string reason_line(const Words& w, const ReasonInput& in);

// The where line: the place, and the area when it says more ("Barry, Vale of Glamorgan"); Welsh area names for
// a Welsh reader.
std::string where_line(const Words& w, const MatchedListing& m);

}  // namespace waymark::courses
