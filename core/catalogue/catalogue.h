// core/catalogue/catalogue.h: courses and jobs a child could actually start.
//
// Index
//  - schema          : migrations 10 (catalogue), 12 (wipe), 13 (Welsh words) in catalogue_schema.cpp, 53 (the
//                      generation the search index follows) in search_index.cpp, listed
//                      in core/storage/migrations.cpp; the content packs' 11 is pack.h's
// Where: local_authorities.cpp, listings.cpp (rows and listing_text), matching.cpp, child_list.cpp.
//  - listing_text    : a listing's words in the child's language, English with a marker where there is no Welsh
//  - LocalAuthority  : the England and Wales local-authority table (ONS code, names, region, centroid)
//  - Listing         : one course, apprenticeship, job, training or activity
//  - matching        : near the child's release area (centroid distance), starting from release to a window
//                      after it, soonest first; never expired, retired or unapproved; optional prefix search
//                      (Welsh mutations for a Welsh reader), answered from an in-memory index (search_index.h)
//  - the child's list: save, "I'm interested" (an outbox enquiry in the same transaction as the tap)
//  - counts          : how many children saved or asked about each listing (counts only, no names)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/dates.h"
#include "core/i18n/welsh.h"
#include "core/storage/db.h"

namespace waymark {

// ---------------------------------------------------------------- schema (numbers 10-19 belong to this part)
extern const char* const kCatalogueSchema;       // 10
extern const char* const kCatalogueWipeKeepRows;  // 12, after the wipe's kWipeKeepTableSql: the tables a wipe keeps
extern const char* const kCatalogueWelsh;         // 13: Welsh words on listings, and the search index over them

// ---------------------------------------------------------------- local authorities
struct LocalAuthority {
  std::string code;     // ONS code, e.g. E08000035
  std::string name_en;  // Leeds
  std::string name_cy;  // Welsh name; empty when the authority has none (most in England)
  std::string region;   // e.g. Yorkshire and The Humber, Wales
  double lat = 0, lon = 0;
  const std::string& name(std::string_view lang) const { return lang == "cy" && !name_cy.empty() ? name_cy : name_en; }
};

// Great-circle distance in km between two points on a sphere of radius 6371 km.
double haversine_km(double lat1, double lon1, double lat2, double lon2);

// The project's table format: code,name_en,name_cy,region,lat,lon (header required).
// Returns false with "line N: reason" on the first bad row; codes must be E or W + 8 digits, unique.
bool parse_la_csv(std::string_view text, std::vector<LocalAuthority>& out, std::string* error);
std::string la_csv(const std::vector<LocalAuthority>& las);
// Replaces the whole table. Inside a transaction (db.h).
void replace_local_authorities(Db& db, const std::vector<LocalAuthority>& las);
std::optional<LocalAuthority> la_get(Db& db, const std::string& code);
std::vector<LocalAuthority> la_all(Db& db);
// The table shipped in assets/la, compiled in, for programs with no device database (the gateway).
const std::vector<LocalAuthority>& builtin_local_authorities();
// "Leeds" for E08000035 (the Welsh name for lang "cy" when there is one); empty for a code not in the table.
std::string builtin_la_name(std::string_view code, std::string_view lang = "en");

// ---------------------------------------------------------------- listings
inline constexpr const char* kKinds[] = {"course", "apprenticeship", "job", "training", "activity"};
bool valid_kind(std::string_view k);

struct Listing {
  std::string id;            // stable id, [a-z0-9-], 1..64
  std::string kind;          // one of kKinds
  std::string title;         // plain words, up to 80 characters
  std::string provider;      // the college, training provider or (fictional in the demo) employer
  std::string la_code;       // where it is: ONS local-authority code
  std::string place;         // the town or area as a child would say it
  std::string start_date;    // YYYY-MM-DD
  std::string duration;      // "1 year", "18 months", "6 weeks"
  std::string requirements;  // what you need to get in
  std::string summary;       // what you would do, in plain words
  // Welsh words for a Welsh reader (informal "ti"), each optional: empty = none, the English shows with a marker
  // (see listing_text). The duration needs none when it is a common pattern (see welsh_duration).
  std::string title_cy, summary_cy, requirements_cy, duration_cy;
  int level = 0;             // qualification level 1-7; 0 = none
  std::string interest;      // one interest word: building, cars, care, food, digital, ...
  std::string expires;       // YYYY-MM-DD: never shown after this day
  std::string status = "pending";  // pending (waiting for a second person), approved, retired
  std::string origin = "local";    // pack (came in a content pack) or local (made on this device)
  std::string edited_by;     // staff number of the last editor ("pack:<id>" for pack rows)
  int64_t edited_at = 0;
  std::string approved_by;   // staff number of the approver (empty until approved)
  int64_t approved_at = 0;
};

// The column names used by packs, imports and exports, in order. The Welsh columns come last and are optional
// on import (older files have none).
const std::vector<std::string>& listing_columns();
std::vector<std::string> listing_fields(const Listing& l);

// ---------------------------------------------------------------- a listing's words in the child's language
enum class ListingText { Title, Summary, Requirements, Duration };
struct ShownText {
  std::string text;
  std::string lang;          // the language the text is in ("en" or "cy"): read aloud with that voice
  bool fallback = false;     // a Welsh reader gets English here because the listing has no Welsh for it
};
// The words a reader of `lang` sees. Welsh when the listing has them; a duration like "10 weeks" or "Part time"
// is put into Welsh by pattern (welsh_duration, core/i18n/welsh.h); otherwise the English, marked as a
// fallback. English readers always get the English, never marked. Empty English stays empty (not a fallback).
ShownText listing_text(const Listing& l, ListingText which, std::string_view lang);

std::optional<Listing> listing_get(Db& db, const std::string& id);
// Inserts or replaces by id, keeping the search index in step. Inside a transaction (db.h).
void listing_put(Db& db, const Listing& l);
// Every listing, for staff lists and exports, ordered by start date.
std::vector<Listing> listings_all(Db& db, const std::string& status_filter = {});
int64_t listings_count(Db& db, const std::string& status_filter = {});

// ---------------------------------------------------------------- matching
struct MatchQuery {
  std::string child;                       // sign-in number (marks saved / asked); may be empty
  std::optional<std::string> release_la;   // ONS code; none = area unknown
  std::optional<std::string> release_date; // YYYY-MM-DD; none = date unknown (starts from today)
  CivilDate today;                         // the kiosk's date: expired listings never show
  double radius_km = 30;                   // default 30 km between centroids
  int window_weeks = 16;                   // default 16 weeks after release
  bool any_date = false;                   // default false: true ignores the release window (still not expired)
  std::vector<std::string> kinds;          // empty = every kind
  std::vector<std::string> interests;      // empty = every interest
  int max_level = 0;                       // default 0 = any level; else only listings at or below it
  std::string search;                      // what the child typed; prefix match on every word
  std::string lang = "en";                 // default "en": the reader's language; with "cy" a typed word also finds
                                           // its mutated forms ("gweithdy" finds "ngweithdy'r")
  int limit = 200;                         // default 200
};

struct MatchedListing {
  Listing l;
  double distance_km = 0;
  std::string la_name_en, la_name_cy;
  bool saved = false;
  bool asked = false;
};

struct MatchResult {
  std::vector<MatchedListing> items;
  bool area_known = false;     // the release area is known and in the table
  std::string area_name_en, area_name_cy;
  CivilDate from, to;          // the start-date window used
  int64_t total = 0;           // how many matched before the limit
};

MatchResult match_listings(Db& db, const MatchQuery& q);
// Whether a listing may be shown to a child today: approved, not expired.
bool listing_showable(const Listing& l, CivilDate today);

// ---------------------------------------------------------------- the child's list and enquiries
// Adds to or removes from the child's list (own transaction). Returns the new state (false when asked to
// save a listing this device does not have).
bool set_saved(Db& db, const std::string& child, const std::string& listing_id, bool saved, int64_t now_s);
bool is_saved(Db& db, const std::string& child, const std::string& listing_id);
std::vector<MatchedListing> saved_listings(Db& db, const std::string& child, CivilDate today);

struct EnquiryResult {
  bool ok = false;
  bool already = false;     // the child had asked before: the first enquiry stands, no duplicate
  std::string outbox_id;
  std::string error;        // plain words when not ok (listing gone, not showable)
};
// "I'm interested": in ONE transaction records the enquiry and adds an outbox record (kind "enquiry")
// holding the listing as the child saw it. A second tap returns the first one.
// lang: the language the child read the listing in; with "cy" and a Welsh title the body carries title_cy too
// (the English title stays), so the YOT worker sees what the child saw.
EnquiryResult express_interest(Db& db, const std::string& child, const std::string& listing_id, CivilDate today,
                               int64_t now_s, std::string_view lang = "en");
// The state of the child's enquiry about a listing ("waiting", "sent", ...), empty if none: its outbox record, or
// the record that followed the child from another establishment (core/messaging/history.h).
std::string enquiry_state(Db& db, const std::string& child, const std::string& listing_id);
// An "I'm interested" the child sent on another establishment's kiosk (record_id: its history record): on their
// list here as if asked here; the first enquiry about a listing stands. Inside the caller's transaction.
void enquiry_place_sent(Db& db, const std::string& child, const std::string& listing_id, const std::string& record_id,
                        int64_t at);

struct ListingCounts {
  std::string listing_id;
  std::string title;
  int64_t saved = 0;
  int64_t asked = 0;
};
std::vector<ListingCounts> listing_counts(Db& db);

}  // namespace waymark
