// Matching: the listings a child could start near their release area, from release to a window after it.
#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "core/catalogue/catalogue.h"
#include "core/catalogue/listing_rows.h"

namespace waymark {

std::string fts_prefix_query(std::string_view typed) {
  // Words are runs of letters and digits (any non-ASCII byte counts as a letter, so Welsh accents stay
  // inside words). Everything else separates words. At most 8 words of at most 40 bytes.
  std::string out;
  std::string word;
  int words = 0;
  auto flush = [&] {
    if (!word.empty() && words < 8) {
      if (!out.empty()) out += ' ';
      out += '"';
      out += word.substr(0, 40);
      out += "\"*";
      words++;
    }
    word.clear();
  };
  for (char ch : typed) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) word += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    else flush();
  }
  flush();
  return out;
}

bool listing_showable(const Listing& l, CivilDate today) {
  if (l.status != "approved") return false;
  const auto exp = parse_date(l.expires);
  return exp && *exp >= today;
}

MatchResult match_listings(Db& db, const MatchQuery& q) {
  MatchResult r;
  // 1. the area: every local authority whose centroid is within the radius of the release area's
  std::map<std::string, LocalAuthority> las;
  for (auto& la : la_all(db)) las.emplace(la.code, la);
  nlohmann::json near = nlohmann::json::array();
  const LocalAuthority* home = nullptr;
  if (q.release_la)
    if (auto it = las.find(*q.release_la); it != las.end()) home = &it->second;
  if (home) {
    r.area_known = true;
    r.area_name_en = home->name_en;
    r.area_name_cy = home->name_cy.empty() ? home->name_en : home->name_cy;
    for (const auto& [code, la] : las)
      if (haversine_km(home->lat, home->lon, la.lat, la.lon) <= q.radius_km) near.push_back(code);
  }
  // 2. the dates: from release (or today, if later or unknown) to the window after it
  CivilDate from = q.today;
  if (q.release_date)
    if (auto rd = parse_date(*q.release_date); rd && *rd > from) from = *rd;
  r.from = from;
  r.to = add_days(from, static_cast<int64_t>(q.window_weeks) * 7);
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& k : q.kinds)
    if (valid_kind(k)) kinds.push_back(k);
  const std::string fts = fts_prefix_query(q.search);

  // With an area, the (la_code, start_date) index is the narrow one: "+l.status" keeps the planner off the
  // (status, start_date) index, which would walk every area's rows in the date window.
  std::string where = home ? " FROM listings l WHERE +l.status = 'approved' AND l.expires >= :today"
                           : " FROM listings l WHERE l.status = 'approved' AND l.expires >= :today";
  if (home) where += " AND l.la_code IN (SELECT value FROM json_each(:near))";
  if (!q.any_date) where += " AND l.start_date >= :from AND l.start_date <= :to";
  else where += " AND l.start_date >= :from";
  if (!kinds.empty()) where += " AND l.kind IN (SELECT value FROM json_each(:kinds))";
  nlohmann::json interests = nlohmann::json::array();
  for (const auto& i : q.interests) interests.push_back(i);
  if (!interests.empty()) where += " AND l.interest IN (SELECT value FROM json_each(:interests))";
  if (q.max_level > 0) where += " AND l.level <= :max_level";
  if (!fts.empty()) where += " AND l.rid IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH :q)";
  // the rows to show, each carrying how many match in all (a window count: one pass, no second query)
  Stmt s(db, std::string("SELECT ") + listing_rows::kCols +
                 ", EXISTS(SELECT 1 FROM saved_listings s WHERE s.child = :child AND s.listing_id = l.id)"
                 ", EXISTS(SELECT 1 FROM enquiries e WHERE e.child = :child AND e.listing_id = l.id)"
                 ", count(*) OVER ()" +
                 where + " ORDER BY l.start_date, l.title, l.id LIMIT :limit");
  s.bind(":today", format_date(q.today)).bind(":from", format_date(from));
  if (home) s.bind(":near", near.dump());
  if (!q.any_date) s.bind(":to", format_date(r.to));
  if (!kinds.empty()) s.bind(":kinds", kinds.dump());
  if (!interests.empty()) s.bind(":interests", interests.dump());
  if (q.max_level > 0) s.bind(":max_level", q.max_level);
  if (!fts.empty()) s.bind(":q", fts);
  s.bind(":child", q.child).bind(":limit", static_cast<int64_t>(std::max(q.limit, 0)));
  while (s.step()) {
    r.total = s.i64(listing_rows::kNCols + 2);
    MatchedListing m;
    m.l = listing_rows::read(s);
    m.saved = s.i64(listing_rows::kNCols) != 0;
    m.asked = s.i64(listing_rows::kNCols + 1) != 0;
    if (auto it = las.find(m.l.la_code); it != las.end()) {
      m.la_name_en = it->second.name_en;
      m.la_name_cy = it->second.name_cy.empty() ? it->second.name_en : it->second.name_cy;
      if (home) m.distance_km = haversine_km(home->lat, home->lon, it->second.lat, it->second.lon);
    }
    r.items.push_back(std::move(m));
  }
  // soonest first; on the same day, nearer first
  std::stable_sort(r.items.begin(), r.items.end(), [](const MatchedListing& a, const MatchedListing& b) {
    if (a.l.start_date != b.l.start_date) return a.l.start_date < b.l.start_date;
    return a.distance_km < b.distance_km;
  });
  return r;
}

}  // namespace waymark
