#include "kiosk/courses/courses_text.h"

namespace waymark::courses {

std::string nice_date(const Words& w, CivilDate d, CivilDate today) {
  const std::string month = w.t("catalogue.month." + std::to_string(d.m));
  if (d.y == today.y) return w.tf("catalogue.date", {{"day", std::to_string(d.d)}, {"month", month}});
  return w.tf("catalogue.date_year", {{"day", std::to_string(d.d)}, {"month", month}, {"year", std::to_string(d.y)}});
}

std::string nice_date_long(const Words& w, CivilDate d, CivilDate today) {
  return w.tf("catalogue.starts_long",
              {{"weekday", w.t("catalogue.weekday." + std::to_string(weekday(d)))}, {"date", nice_date(w, d, today)}});
}

std::string reason_line(const Words& w, const ReasonInput& in) {
  const std::string month = in.release_known ? w.t("catalogue.month." + std::to_string(in.release.m)) : std::string();
  const Args a = {{"area", in.area}, {"month", month}, {"km", std::to_string(in.km)}};
  if (!in.area_known) return w.tf(in.release_known ? "catalogue.reason.everywhere_after" : "catalogue.reason.everywhere_soon", a);
  if (!in.release_known) return w.tf("catalogue.reason.near_soon", a);
  if (in.any_time) return w.tf(in.further ? "catalogue.reason.far_any" : "catalogue.reason.near_any", a);
  return w.tf(in.further ? "catalogue.reason.far_after" : "catalogue.reason.near_after", a);
}

std::string where_line(const Words& w, const MatchedListing& m) {
  const std::string& area = w.lang == "cy" ? m.la_name_cy : m.la_name_en;
  if (m.l.place.empty()) return area;
  if (area.empty() || m.l.place == m.la_name_en || m.l.place == area) return area.empty() ? m.l.place : area;
  return m.l.place + ", " + area;
}

}  // namespace waymark::courses
