#include "core/catalogue/catalogue.h"
#include "core/sync/wire.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "core/base/csv.h"
#include "core/storage/device_store.h"
#include "core/messaging/outbox.h"

namespace waymark {

// ---------------------------------------------------------------- schema
// 10: the catalogue. listings_fts is an external-content FTS5 index over listings (rowid = listings.rid),
// kept in step by listing_put/delete code paths (not triggers: the device runs with trusted_schema=OFF).
const char* const kCatalogueSchema = R"SQL(
CREATE TABLE local_authorities (
  code    TEXT PRIMARY KEY CHECK (length(code) = 9),
  name_en TEXT NOT NULL,
  name_cy TEXT NOT NULL DEFAULT '',
  region  TEXT NOT NULL DEFAULT '',
  lat     REAL NOT NULL CHECK (lat BETWEEN 49 AND 61),
  lon     REAL NOT NULL CHECK (lon BETWEEN -9 AND 3)
) STRICT;

CREATE TABLE listings (
  rid          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 64),
  kind         TEXT NOT NULL CHECK (kind IN ('course','apprenticeship','job','training','activity')),
  title        TEXT NOT NULL,
  provider     TEXT NOT NULL,
  la_code      TEXT NOT NULL,
  place        TEXT NOT NULL DEFAULT '',
  start_date   TEXT NOT NULL,      -- YYYY-MM-DD
  duration     TEXT NOT NULL DEFAULT '',
  requirements TEXT NOT NULL DEFAULT '',
  summary      TEXT NOT NULL DEFAULT '',
  level        INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 8),
  interest     TEXT NOT NULL DEFAULT '',
  expires      TEXT NOT NULL,      -- YYYY-MM-DD, never shown after this day
  status       TEXT NOT NULL CHECK (status IN ('pending','approved','retired')),
  origin       TEXT NOT NULL CHECK (origin IN ('pack','local')),
  edited_by    TEXT NOT NULL DEFAULT '',
  edited_at    INTEGER NOT NULL DEFAULT 0,
  approved_by  TEXT NOT NULL DEFAULT '',
  approved_at  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX listings_by_start ON listings(status, start_date);
CREATE INDEX listings_by_la ON listings(la_code, start_date);

CREATE VIRTUAL TABLE listings_fts USING fts5(
  title, provider, place, summary, requirements, kind, interest,
  content='listings', content_rowid='rid', prefix='1 2 3 4', tokenize='unicode61 remove_diacritics 2');

-- A child's list. Kept by listing id: a new pack may replace a listing, the child's list stays.
CREATE TABLE saved_listings (
  child      TEXT NOT NULL,
  listing_id TEXT NOT NULL,
  saved_at   INTEGER NOT NULL,
  PRIMARY KEY (child, listing_id)
) STRICT;

-- "I'm interested": one per child and listing; the outbox record carries it to the YOT worker.
CREATE TABLE enquiries (
  child      TEXT NOT NULL,
  listing_id TEXT NOT NULL,
  outbox_id  TEXT NOT NULL REFERENCES outbox(id),
  at         INTEGER NOT NULL,
  PRIMARY KEY (child, listing_id)
) STRICT;
CREATE INDEX enquiries_by_listing ON enquiries(listing_id);
CREATE INDEX saved_by_listing ON saved_listings(listing_id);
)SQL";

// 11: content packs: the keys this device trusts, the files of the installed pack, and the install history.
const char* const kPackSchema = R"SQL(
CREATE TABLE trusted_keys (
  key_id     TEXT PRIMARY KEY,          -- 16 hex characters derived from the public key
  public_key TEXT NOT NULL UNIQUE,      -- 64 hex characters (Ed25519)
  name       TEXT NOT NULL,
  added_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE pack_files (
  path    TEXT PRIMARY KEY,
  sha256  TEXT NOT NULL,
  content BLOB NOT NULL
) STRICT;

CREATE TABLE pack_installs (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  pack_id      TEXT NOT NULL,
  version      INTEGER NOT NULL,
  created      TEXT NOT NULL,
  expires      TEXT NOT NULL,
  as_of        TEXT NOT NULL DEFAULT '',
  key_id       TEXT NOT NULL,
  installed_at INTEGER NOT NULL,
  listings     INTEGER NOT NULL,
  manifest     TEXT NOT NULL
) STRICT;
)SQL";

// 12: the catalogue's tables hold no child data: a wipe keeps them (core/ops/provisioning.h). Above all the pack
// history stays, so a wipe can never let an older pack back in. The children's lists (saved_listings,
// enquiries) are not listed: a wipe empties them. The table has the same shape migration 50 gives it.
const char* const kCatalogueWipeKeep = R"SQL(
CREATE TABLE IF NOT EXISTS wipe_keep (
  name TEXT PRIMARY KEY,
  why  TEXT NOT NULL
) STRICT;
INSERT OR IGNORE INTO wipe_keep(name, why) VALUES
  ('local_authorities', 'the local-authority table from the content pack'),
  ('listings', 'curated courses and jobs (no child data)'),
  ('listings_fts', 'the search index of the listings'),
  ('trusted_keys', 'keys this device accepts content packs from'),
  ('pack_files', 'the installed content pack''s files'),
  ('pack_installs', 'installed pack versions: a wipe must not let an older pack back in');
)SQL";

// 13: Welsh words on a listing (each optional, '' = none), and a search index that holds them too, so a Welsh
// child finds "gwaith coed" as well as "joinery". FTS5 tables cannot gain columns: the index is made again
// and rebuilt from the listings (same name, so the wipe list of migration 12 still holds it).
const char* const kCatalogueWelsh = R"SQL(
ALTER TABLE listings ADD COLUMN title_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN summary_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN requirements_cy TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN duration_cy TEXT NOT NULL DEFAULT '';
DROP TABLE listings_fts;
CREATE VIRTUAL TABLE listings_fts USING fts5(
  title, provider, place, summary, requirements, kind, interest, title_cy, summary_cy, requirements_cy,
  content='listings', content_rowid='rid', prefix='1 2 3 4', tokenize='unicode61 remove_diacritics 2');
INSERT INTO listings_fts(listings_fts) VALUES('rebuild');
)SQL";

// ---------------------------------------------------------------- local authorities
double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kR = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(a)));
}

namespace {
bool valid_la_code(std::string_view c) {
  if (c.size() != 9 || (c[0] != 'E' && c[0] != 'W')) return false;
  for (size_t i = 1; i < 9; i++)
    if (!std::isdigit(static_cast<unsigned char>(c[i]))) return false;
  return true;
}

bool parse_double(const std::string& s, double& v) {
  if (s.empty() || s.size() > 32) return false;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(v);
}
}  // namespace

bool parse_la_csv(std::string_view text, std::vector<LocalAuthority>& out, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  CsvResult csv = parse_csv(text);
  if (!csv.error.empty()) return fail(csv.error);
  if (csv.rows.empty()) return fail("the local-authority table is empty");
  const auto& h = csv.rows[0].fields;
  const int c_code = csv_column(h, "code"), c_en = csv_column(h, "name_en"), c_cy = csv_column(h, "name_cy"),
            c_reg = csv_column(h, "region"), c_lat = csv_column(h, "lat"), c_lon = csv_column(h, "lon");
  if (c_code < 0 || c_en < 0 || c_cy < 0 || c_reg < 0 || c_lat < 0 || c_lon < 0)
    return fail("line 1: the header must have code,name_en,name_cy,region,lat,lon");
  out.clear();
  std::map<std::string, size_t> seen;
  for (size_t r = 1; r < csv.rows.size(); r++) {
    const CsvRow& row = csv.rows[r];
    const std::string at = "line " + std::to_string(row.line) + ": ";
    if (row.fields.size() != h.size()) return fail(at + "has " + std::to_string(row.fields.size()) + " columns, the header has " + std::to_string(h.size()));
    LocalAuthority la;
    la.code = row.fields[static_cast<size_t>(c_code)];
    la.name_en = row.fields[static_cast<size_t>(c_en)];
    la.name_cy = row.fields[static_cast<size_t>(c_cy)];
    la.region = row.fields[static_cast<size_t>(c_reg)];
    if (!valid_la_code(la.code)) return fail(at + "\"" + la.code + "\" is not an England or Wales ONS code");
    if (seen.count(la.code)) return fail(at + la.code + " is listed twice");
    if (la.name_en.empty() || la.name_en.size() > 100) return fail(at + "the English name is missing or too long");
    if (!parse_double(row.fields[static_cast<size_t>(c_lat)], la.lat) || la.lat < 49 || la.lat > 61)
      return fail(at + "the latitude is not a number inside Great Britain");
    if (!parse_double(row.fields[static_cast<size_t>(c_lon)], la.lon) || la.lon < -9 || la.lon > 3)
      return fail(at + "the longitude is not a number inside Great Britain");
    seen[la.code] = r;
    out.push_back(std::move(la));
  }
  if (out.empty()) return fail("the local-authority table has no rows");
  return true;
}

std::string la_csv(const std::vector<LocalAuthority>& las) {
  std::string out = "code,name_en,name_cy,region,lat,lon\n";
  char buf[64];
  for (const auto& la : las) {
    std::snprintf(buf, sizeof buf, "%.6f", la.lat);
    std::string lat = buf;
    std::snprintf(buf, sizeof buf, "%.6f", la.lon);
    out += csv_line({la.code, la.name_en, la.name_cy, la.region, lat, buf});
  }
  return out;
}

void replace_local_authorities(Db& db, const std::vector<LocalAuthority>& las) {
  db.exec("DELETE FROM local_authorities");
  Stmt s(db, "INSERT INTO local_authorities(code, name_en, name_cy, region, lat, lon) VALUES(:c, :en, :cy, :r, :lat, :lon)");
  for (const auto& la : las) {
    s.reset();
    s.bind(":c", la.code).bind(":en", la.name_en).bind(":cy", la.name_cy).bind(":r", la.region);
    s.bind(":lat", la.lat).bind(":lon", la.lon).run();
  }
}

namespace {
LocalAuthority read_la(Stmt& s) {
  return LocalAuthority{s.text(0), s.text(1), s.text(2), s.text(3), s.f64(4), s.f64(5)};
}
}  // namespace

std::optional<LocalAuthority> la_get(Db& db, const std::string& code) {
  Stmt s(db, "SELECT code, name_en, name_cy, region, lat, lon FROM local_authorities WHERE code = :c");
  s.bind(":c", code);
  if (!s.step()) return std::nullopt;
  return read_la(s);
}

std::vector<LocalAuthority> la_all(Db& db) {
  std::vector<LocalAuthority> out;
  Stmt s(db, "SELECT code, name_en, name_cy, region, lat, lon FROM local_authorities ORDER BY code");
  while (s.step()) out.push_back(read_la(s));
  return out;
}

// ---------------------------------------------------------------- listings
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
namespace {
std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) a++;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) b--;
  return std::string(s.substr(a, b - a));
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
  const std::string rest = trim(p.substr(i));
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
  if (trim(all).empty() || all.size() > 200) return std::nullopt;
  std::string out;
  size_t start = 0;
  for (;;) {
    const size_t comma = all.find(',', start);
    const std::string part = trim(all.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
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
  if (!trim(*cy).empty()) return ShownText{*cy, "cy", false};
  if (trim(*en).empty()) return ShownText{*en, "cy", false};
  if (which == ListingText::Duration)
    if (auto d = welsh_duration(*en)) return ShownText{*d, "cy", false};
  return ShownText{*en, "en", true};
}

namespace {
constexpr const char* kListingCols =
    "l.id, l.kind, l.title, l.provider, l.la_code, l.place, l.start_date, l.duration, l.requirements, l.summary, "
    "l.level, l.interest, l.expires, l.status, l.origin, l.edited_by, l.edited_at, l.approved_by, l.approved_at, "
    "l.title_cy, l.summary_cy, l.requirements_cy, l.duration_cy";
constexpr int kListingNCols = 23;

Listing read_listing(Stmt& s) {
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

void fts_delete(Db& db, int64_t rid) {
  // external content: the index is told the old values it holds for that row
  Stmt s(db,
         "INSERT INTO listings_fts(listings_fts, rowid, title, provider, place, summary, requirements, kind, interest, "
         "title_cy, summary_cy, requirements_cy) SELECT 'delete', rid, title, provider, place, summary, requirements, kind, "
         "interest, title_cy, summary_cy, requirements_cy FROM listings WHERE rid = :r");
  s.bind(":r", rid).run();
}
}  // namespace

std::optional<Listing> listing_get(Db& db, const std::string& id) {
  Stmt s(db, std::string("SELECT ") + kListingCols + " FROM listings l WHERE l.id = :id");
  s.bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_listing(s);
}

void listing_put(Db& db, const Listing& l) {
  if (sqlite3_get_autocommit(db.raw())) throw DbError(SQLITE_MISUSE, "listing_put must run inside a transaction");
  std::optional<int64_t> rid;
  {
    Stmt f(db, "SELECT rid FROM listings WHERE id = :id");
    f.bind(":id", l.id);
    if (f.step()) rid = f.i64(0);
  }
  if (rid) {
    fts_delete(db, *rid);
    Stmt u(db,
           "UPDATE listings SET kind=:kind, title=:title, provider=:provider, la_code=:la, place=:place, start_date=:start, "
           "duration=:dur, requirements=:req, summary=:sum, level=:level, interest=:interest, expires=:exp, status=:status, "
           "origin=:origin, edited_by=:eb, edited_at=:ea, approved_by=:ab, approved_at=:aa, title_cy=:tcy, summary_cy=:scy, "
           "requirements_cy=:rcy, duration_cy=:dcy WHERE rid = :rid");
    u.bind(":rid", *rid);
    u.bind(":kind", l.kind).bind(":title", l.title).bind(":provider", l.provider).bind(":la", l.la_code);
    u.bind(":place", l.place).bind(":start", l.start_date).bind(":dur", l.duration).bind(":req", l.requirements);
    u.bind(":sum", l.summary).bind(":level", l.level).bind(":interest", l.interest).bind(":exp", l.expires);
    u.bind(":status", l.status).bind(":origin", l.origin).bind(":eb", l.edited_by).bind(":ea", l.edited_at);
    u.bind(":ab", l.approved_by).bind(":aa", l.approved_at);
    u.bind(":tcy", l.title_cy).bind(":scy", l.summary_cy).bind(":rcy", l.requirements_cy).bind(":dcy", l.duration_cy).run();
  } else {
    Stmt i(db,
           "INSERT INTO listings(id, kind, title, provider, la_code, place, start_date, duration, requirements, summary, level, "
           "interest, expires, status, origin, edited_by, edited_at, approved_by, approved_at, title_cy, summary_cy, requirements_cy, "
           "duration_cy) VALUES(:id, :kind, :title, :provider, :la, :place, :start, :dur, :req, :sum, :level, :interest, :exp, "
           ":status, :origin, :eb, :ea, :ab, :aa, :tcy, :scy, :rcy, :dcy)");
    i.bind(":id", l.id);
    i.bind(":kind", l.kind).bind(":title", l.title).bind(":provider", l.provider).bind(":la", l.la_code);
    i.bind(":place", l.place).bind(":start", l.start_date).bind(":dur", l.duration).bind(":req", l.requirements);
    i.bind(":sum", l.summary).bind(":level", l.level).bind(":interest", l.interest).bind(":exp", l.expires);
    i.bind(":status", l.status).bind(":origin", l.origin).bind(":eb", l.edited_by).bind(":ea", l.edited_at);
    i.bind(":ab", l.approved_by).bind(":aa", l.approved_at);
    i.bind(":tcy", l.title_cy).bind(":scy", l.summary_cy).bind(":rcy", l.requirements_cy).bind(":dcy", l.duration_cy).run();
    rid = db.last_insert_rowid();
  }
  Stmt x(db,
         "INSERT INTO listings_fts(rowid, title, provider, place, summary, requirements, kind, interest, title_cy, summary_cy, "
         "requirements_cy) SELECT rid, title, provider, place, summary, requirements, kind, interest, title_cy, summary_cy, "
         "requirements_cy FROM listings WHERE rid = :r");
  x.bind(":r", *rid).run();
}

std::vector<Listing> listings_all(Db& db, const std::string& status_filter) {
  std::vector<Listing> out;
  Stmt s(db, std::string("SELECT ") + kListingCols +
                 " FROM listings l WHERE (:st = '' OR l.status = :st) ORDER BY l.start_date, l.title, l.id");
  s.bind(":st", status_filter);
  while (s.step()) out.push_back(read_listing(s));
  return out;
}

int64_t listings_count(Db& db, const std::string& status_filter) {
  Stmt s(db, "SELECT count(*) FROM listings WHERE (:st = '' OR status = :st)");
  s.bind(":st", status_filter);
  s.step();
  return s.i64(0);
}

// ---------------------------------------------------------------- matching
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
  Stmt s(db, std::string("SELECT ") + kListingCols +
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
    r.total = s.i64(kListingNCols + 2);
    MatchedListing m;
    m.l = read_listing(s);
    m.saved = s.i64(kListingNCols) != 0;
    m.asked = s.i64(kListingNCols + 1) != 0;
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

// ---------------------------------------------------------------- the child's list
bool set_saved(Db& db, const std::string& child, const std::string& listing_id, bool saved, int64_t now_s) {
  Txn txn(db);
  if (saved) {
    Stmt e(db, "SELECT 1 FROM listings WHERE id = :l");
    e.bind(":l", listing_id);
    if (!e.step()) return false;  // nothing to save: the listing is not on this device
    Stmt s(db, "INSERT OR IGNORE INTO saved_listings(child, listing_id, saved_at) VALUES(:c, :l, :now)");
    s.bind(":c", child).bind(":l", listing_id).bind(":now", now_s).run();
  } else {
    Stmt s(db, "DELETE FROM saved_listings WHERE child = :c AND listing_id = :l");
    s.bind(":c", child).bind(":l", listing_id).run();
  }
  txn.commit();
  return saved;
}

bool is_saved(Db& db, const std::string& child, const std::string& listing_id) {
  Stmt s(db, "SELECT 1 FROM saved_listings WHERE child = :c AND listing_id = :l");
  s.bind(":c", child).bind(":l", listing_id);
  return s.step();
}

std::vector<MatchedListing> saved_listings(Db& db, const std::string& child, CivilDate today) {
  std::vector<MatchedListing> out;
  Stmt s(db, std::string("SELECT ") + kListingCols +
                 ", EXISTS(SELECT 1 FROM enquiries e WHERE e.child = :c AND e.listing_id = l.id), a.name_en, a.name_cy"
                 " FROM saved_listings sv JOIN listings l ON l.id = sv.listing_id"
                 " LEFT JOIN local_authorities a ON a.code = l.la_code"
                 " WHERE sv.child = :c AND l.status = 'approved' AND l.expires >= :today ORDER BY l.start_date, l.title");
  s.bind(":c", child).bind(":today", format_date(today));
  while (s.step()) {
    MatchedListing m;
    m.l = read_listing(s);
    m.saved = true;
    m.asked = s.i64(kListingNCols) != 0;
    m.la_name_en = s.text(kListingNCols + 1);
    m.la_name_cy = s.text(kListingNCols + 2);
    if (m.la_name_cy.empty()) m.la_name_cy = m.la_name_en;
    out.push_back(std::move(m));
  }
  return out;
}

EnquiryResult express_interest(Db& db, const std::string& child, const std::string& listing_id, CivilDate today,
                               int64_t now_s, std::string_view lang) {
  EnquiryResult r;
  Txn txn(db);
  {
    Stmt e(db, "SELECT outbox_id FROM enquiries WHERE child = :c AND listing_id = :l");
    e.bind(":c", child).bind(":l", listing_id);
    if (e.step()) {
      r.ok = true;
      r.already = true;
      r.outbox_id = e.text(0);
      return r;
    }
  }
  const auto l = listing_get(db, listing_id);
  if (!l || !listing_showable(*l, today)) {
    r.error = "This is not available any more.";
    return r;
  }
  wire::ListingEnquiry body;
  body.listing_id = l->id;
  body.kind = l->kind;
  body.title = l->title;
  body.provider = l->provider;
  body.place = l->place;
  body.la_code = l->la_code;
  body.start_date = l->start_date;
  body.duration = l->duration;
  body.asked_at = now_s;
  if (auto la = la_get(db, l->la_code)) body.la_name = la->name_en;
  if (lang == "cy") {  // what the child read: the Welsh title beside the English one
    const ShownText t = listing_text(*l, ListingText::Title, lang);
    if (!t.fallback) body.title_cy = t.text;
    body.read_in = "Welsh";
  }
  r.outbox_id = outbox_add(db, "enquiry", child, wire::body_text(body), now_s);
  Stmt i(db, "INSERT INTO enquiries(child, listing_id, outbox_id, at) VALUES(:c, :l, :o, :now)");
  i.bind(":c", child).bind(":l", listing_id).bind(":o", r.outbox_id).bind(":now", now_s).run();
  // asking about something also keeps it on the child's list
  Stmt s(db, "INSERT OR IGNORE INTO saved_listings(child, listing_id, saved_at) VALUES(:c, :l, :now)");
  s.bind(":c", child).bind(":l", listing_id).bind(":now", now_s).run();
  txn.commit();
  r.ok = true;
  return r;
}

std::string enquiry_state(Db& db, const std::string& child, const std::string& listing_id) {
  Stmt s(db,
         "SELECT o.state FROM enquiries e JOIN outbox o ON o.id = e.outbox_id WHERE e.child = :c AND e.listing_id = :l");
  s.bind(":c", child).bind(":l", listing_id);
  if (!s.step()) return {};
  return s.text(0);
}

std::vector<ListingCounts> listing_counts(Db& db) {
  std::vector<ListingCounts> out;
  Stmt s(db,
         "SELECT l.id, l.title, (SELECT count(*) FROM saved_listings s WHERE s.listing_id = l.id),"
         " (SELECT count(*) FROM enquiries e WHERE e.listing_id = l.id) FROM listings l"
         " WHERE EXISTS(SELECT 1 FROM saved_listings s WHERE s.listing_id = l.id)"
         "    OR EXISTS(SELECT 1 FROM enquiries e WHERE e.listing_id = l.id)"
         " ORDER BY 4 DESC, 3 DESC, l.title");
  while (s.step()) out.push_back(ListingCounts{s.text(0), s.text(1), s.i64(2), s.i64(3)});
  return out;
}

}  // namespace waymark
