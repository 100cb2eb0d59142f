// Matching: the listings a child could start near their release area, from release to a window after it. The
// filtering, ordering and counting happen in the in-memory index (search_index.h); only the rows shown are read.
#include <algorithm>
#include <memory>
#include <set>

#include "core/catalogue/catalogue.h"
#include "core/catalogue/listing_rows.h"
#include "core/catalogue/search_index.h"

namespace waymark {

bool listing_showable(const Listing& l, CivilDate today) {
  if (l.status != "approved") return false;
  const auto exp = parse_date(l.expires);
  return exp && *exp >= today;
}

namespace {

// This connection's index, built again when the catalogue has changed since (any writer, any process).
std::shared_ptr<const CatalogueIndex> current_index(Db& db) {
  std::shared_ptr<const void>& slot = db.cache("catalogue.index");
  const int64_t gen = catalogue_generation(db);
  auto ix = std::static_pointer_cast<const CatalogueIndex>(slot);
  if (!ix || ix->generation() != gen) {
    ix = CatalogueIndex::build(db, gen);
    slot = ix;
  }
  return ix;
}

int32_t date_number(CivilDate d) { return d.y * 10000 + d.m * 100 + d.d; }

// What the child typed as the index's word groups: each word, and for a Welsh reader the forms it takes after a
// mutation too (words of three letters or more: one or two letters say too little to tell a mutation from a word).
std::vector<std::vector<std::string>> word_groups(const MatchQuery& q) {
  std::vector<std::vector<std::string>> groups;
  for (std::string& w : search_words(q.search)) {
    std::vector<std::string> forms;
    if (q.lang == "cy" && w.size() >= 3)
      for (std::string& m : welsh_mutations(w))
        if (m.size() >= 2) forms.push_back(std::move(m));
    forms.insert(forms.begin(), std::move(w));
    groups.push_back(std::move(forms));
  }
  return groups;
}

}  // namespace

MatchResult match_listings(Db& db, const MatchQuery& q) {
  MatchResult r;
  const std::shared_ptr<const CatalogueIndex> ix = current_index(db);
  const std::vector<LocalAuthority>& las = ix->areas();
  IndexQuery iq;
  // 1. the area: every local authority whose centroid is within the radius of the release area's
  const LocalAuthority* home = nullptr;
  if (q.release_la)
    if (auto slot = ix->area_slot(*q.release_la)) home = &las[*slot];
  if (home) {
    r.area_known = iq.area_known = true;
    r.area_name_en = home->name_en;
    r.area_name_cy = home->name_cy.empty() ? home->name_en : home->name_cy;
    for (size_t i = 0; i < las.size(); i++)
      if (haversine_km(home->lat, home->lon, las[i].lat, las[i].lon) <= q.radius_km) iq.near.push_back(static_cast<uint16_t>(i));
  }
  // 2. the dates: from release (or today, if later or unknown) to the window after it
  CivilDate from = q.today;
  if (q.release_date)
    if (auto rd = parse_date(*q.release_date); rd && *rd > from) from = *rd;
  r.from = from;
  r.to = add_days(from, static_cast<int64_t>(q.window_weeks) * 7);
  iq.today = date_number(q.today);
  iq.from = date_number(from);
  iq.to = date_number(r.to);
  iq.any_date = q.any_date;
  // 3. kind, interest, level and the words
  for (const auto& k : q.kinds)
    for (uint8_t i = 0; i < std::size(kKinds); i++)
      if (k == kKinds[i]) iq.kinds.push_back(i);
  for (const auto& i : q.interests)
    if (auto slot = ix->interest_slot(i)) iq.interests.push_back(*slot);
  iq.interests_unknown = !q.interests.empty() && iq.interests.empty();
  iq.max_level = q.max_level;
  iq.words = word_groups(q);
  iq.limit = static_cast<size_t>(std::max(q.limit, 0));
  const IndexHits hits = ix->find(iq);
  r.total = hits.total;

  // the rows to show, read by key in screen order; which of them this child saved or asked about, from the child's
  // own (short) lists rather than two lookups per row
  std::set<std::string> saved, asked;
  if (!q.child.empty() && !hits.rids.empty()) {
    Stmt sv(db, "SELECT listing_id FROM saved_listings WHERE child = :c");
    sv.bind(":c", q.child);
    while (sv.step()) saved.insert(sv.text(0));
    Stmt en(db, "SELECT listing_id FROM enquiries WHERE child = :c");
    en.bind(":c", q.child);
    while (en.step()) asked.insert(en.text(0));
  }
  Stmt s(db, std::string("SELECT ") + listing_rows::kCols + " FROM listings l WHERE l.rid = :rid");
  r.items.reserve(hits.rids.size());
  for (int64_t rid : hits.rids) {
    s.reset();
    s.bind(":rid", rid);
    if (!s.step()) continue;
    MatchedListing m;
    m.l = listing_rows::read(s);
    m.saved = saved.count(m.l.id) > 0;
    m.asked = asked.count(m.l.id) > 0;
    if (auto slot = ix->area_slot(m.l.la_code)) {
      const LocalAuthority& la = las[*slot];
      m.la_name_en = la.name_en;
      m.la_name_cy = la.name_cy.empty() ? la.name_en : la.name_cy;
      if (home) m.distance_km = haversine_km(home->lat, home->lon, la.lat, la.lon);
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
