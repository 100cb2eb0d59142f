// Listings: the columns packs and exports use, a listing's words in the reader's language, reading and writing rows
// with the search index kept in step.
#include <string>

#include "core/base/text.h"
#include "core/catalogue/catalogue.h"
#include "core/catalogue/listing_rows.h"

namespace waymark {

namespace listing_rows {
Listing read(Stmt& s) {
  Listing l;
  l.id = s.text(0);
  l.kind = s.text(1);
  l.title = s.text(2);
  l.provider = s.text(3);
  l.la_code = s.text(4);
  l.place = s.text(5);
  l.start_date = s.text(6);
  l.duration = s.text(7);
  l.requirements = s.text(8);
  l.summary = s.text(9);
  l.level = s.i32(10);
  l.interest = s.text(11);
  l.expires = s.text(12);
  l.status = s.text(13);
  l.origin = s.text(14);
  l.edited_by = s.text(15);
  l.edited_at = s.i64(16);
  l.approved_by = s.text(17);
  l.approved_at = s.i64(18);
  l.title_cy = s.text(19);
  l.summary_cy = s.text(20);
  l.requirements_cy = s.text(21);
  l.duration_cy = s.text(22);
  return l;
}

void bind_fields(Stmt& s, const Listing& l) {
  s.bind(":kind", l.kind).bind(":title", l.title).bind(":provider", l.provider).bind(":la", l.la_code);
  s.bind(":place", l.place).bind(":start", l.start_date).bind(":dur", l.duration).bind(":req", l.requirements);
  s.bind(":sum", l.summary).bind(":level", l.level).bind(":interest", l.interest).bind(":exp", l.expires);
  s.bind(":status", l.status).bind(":origin", l.origin).bind(":eb", l.edited_by).bind(":ea", l.edited_at);
  s.bind(":ab", l.approved_by).bind(":aa", l.approved_at);
  s.bind(":tcy", l.title_cy).bind(":scy", l.summary_cy).bind(":rcy", l.requirements_cy).bind(":dcy", l.duration_cy);
}
}  // namespace listing_rows

bool valid_kind(std::string_view k) {
  for (const char* x : kKinds)
    if (k == x) return true;
  return false;
}

const std::vector<std::string>& listing_columns() {
  static const std::vector<std::string> cols = {"id",       "kind",     "title",   "provider", "la_code",
                                                "place",    "start_date", "duration", "requirements", "summary",
                                                "level",    "interest", "expires", "status",
                                                "title_cy", "summary_cy", "requirements_cy", "duration_cy"};
  return cols;
}

std::vector<std::string> listing_fields(const Listing& l) {
  return {l.id,       l.kind,         l.title,   l.provider, l.la_code, l.place, l.start_date, l.duration,
          l.requirements, l.summary, std::to_string(l.level), l.interest, l.expires, l.status,
          l.title_cy, l.summary_cy, l.requirements_cy, l.duration_cy};
}

// ---------------------------------------------------------------- a listing's words in the child's language
ShownText listing_text(const Listing& l, ListingText which, std::string_view lang) {
  const std::string* en = &l.title;
  const std::string* cy = &l.title_cy;
  switch (which) {
    case ListingText::Title: break;
    case ListingText::Summary: en = &l.summary, cy = &l.summary_cy; break;
    case ListingText::Requirements: en = &l.requirements, cy = &l.requirements_cy; break;
    case ListingText::Duration: en = &l.duration, cy = &l.duration_cy; break;
  }
  if (lang != "cy") return ShownText{*en, "en", false};
  if (!trim_space(*cy).empty()) return ShownText{*cy, "cy", false};
  if (trim_space(*en).empty()) return ShownText{*en, "cy", false};
  if (which == ListingText::Duration)
    if (auto d = welsh_duration(*en)) return ShownText{*d, "cy", false};
  return ShownText{*en, "en", true};
}

// ---------------------------------------------------------------- rows
std::optional<Listing> listing_get(Db& db, const std::string& id) {
  Stmt s(db, std::string("SELECT ") + listing_rows::kCols + " FROM listings l WHERE l.id = :id");
  s.bind(":id", id);
  if (!s.step()) return std::nullopt;
  return listing_rows::read(s);
}

void listing_put(Db& db, const Listing& l) {
  require_transaction(db, "listing_put");
  std::optional<int64_t> rid;
  {
    Stmt f(db, "SELECT rid FROM listings WHERE id = :id");
    f.bind(":id", l.id);
    if (f.step()) rid = f.i64(0);
  }
  if (rid) {
    Stmt u(db,
           "UPDATE listings SET kind=:kind, title=:title, provider=:provider, la_code=:la, place=:place, start_date=:start, "
           "duration=:dur, requirements=:req, summary=:sum, level=:level, interest=:interest, expires=:exp, status=:status, "
           "origin=:origin, edited_by=:eb, edited_at=:ea, approved_by=:ab, approved_at=:aa, title_cy=:tcy, summary_cy=:scy, "
           "requirements_cy=:rcy, duration_cy=:dcy WHERE rid = :rid");
    u.bind(":rid", *rid);
    listing_rows::bind_fields(u, l);
    u.run();
  } else {
    Stmt i(db, std::string("INSERT INTO ") + listing_rows::kInsertInto);
    i.bind(":id", l.id);
    listing_rows::bind_fields(i, l);
    i.run();
  }
}

std::vector<Listing> listings_all(Db& db, const std::string& status_filter) {
  std::vector<Listing> out;
  Stmt s(db, std::string("SELECT ") + listing_rows::kCols +
                 " FROM listings l WHERE (:st = '' OR l.status = :st) ORDER BY l.start_date, l.title, l.id");
  s.bind(":st", status_filter);
  while (s.step()) out.push_back(listing_rows::read(s));
  return out;
}

int64_t listings_count(Db& db, const std::string& status_filter) {
  Stmt s(db, "SELECT count(*) FROM listings WHERE (:st = '' OR status = :st)");
  s.bind(":st", status_filter);
  s.step();
  return s.i64(0);
}

}  // namespace waymark
