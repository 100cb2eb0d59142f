#include "core/catalogue/curation.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <regex>

#include "core/base/csv.h"
#include "core/storage/device_store.h"
#include "core/base/secrets.h"
#include "core/base/text.h"

namespace waymark {

// ---------------------------------------------------------------- validation
namespace {
bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return false;
  return true;
}

bool has_control(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20) return true;
  return false;
}

void check_text(std::vector<FieldProblem>& out, const char* field, const char* label, const std::string& v, size_t min,
                size_t max) {
  if (!utf8_valid(v) || has_control(v)) {
    out.push_back({field, std::string(label) + " has characters that cannot be shown. Type it again."});
    return;
  }
  const size_t n = utf8_length(v);
  if (n < min) {
    if (min == 1) out.push_back({field, std::string(label) + " is missing."});
    else out.push_back({field, std::string(label) + " is too short: use at least " + std::to_string(min) + " letters."});
  } else if (n > max) {
    out.push_back({field, std::string(label) + " is too long: use " + std::to_string(max) + " letters or fewer (it has " +
                              std::to_string(n) + ")."});
  }
}

bool valid_la_code_shape(std::string_view c) {
  if (c.size() != 9 || (c[0] != 'E' && c[0] != 'W')) return false;
  return std::all_of(c.begin() + 1, c.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}
}  // namespace

std::vector<FieldProblem> validate_listing(Db* db, const Listing& l, std::optional<CivilDate> today) {
  std::vector<FieldProblem> p;
  if (!valid_id(l.id)) p.push_back({"id", "The id must be 1 to 64 small letters, digits or dashes."});
  if (!valid_kind(l.kind))
    p.push_back({"kind", "The kind must be one of: course, apprenticeship, job, training, activity."});
  check_text(p, "title", "The title", l.title, 3, 80);
  check_text(p, "provider", "The provider", l.provider, 2, 80);
  check_text(p, "place", "The place", l.place, 0, 60);
  check_text(p, "duration", "How long it lasts", l.duration, 1, 40);
  check_text(p, "requirements", "What you need", l.requirements, 0, 200);
  check_text(p, "summary", "The summary", l.summary, 10, 400);
  check_text(p, "interest", "The interest", l.interest, 0, 30);
  // Welsh words are optional; when given they follow the English rules
  if (!l.title_cy.empty()) check_text(p, "title_cy", "The Welsh title", l.title_cy, 3, 80);
  if (!l.duration_cy.empty()) check_text(p, "duration_cy", "How long it lasts in Welsh", l.duration_cy, 1, 40);
  if (!l.requirements_cy.empty()) check_text(p, "requirements_cy", "What you need in Welsh", l.requirements_cy, 1, 200);
  if (!l.summary_cy.empty()) check_text(p, "summary_cy", "The Welsh summary", l.summary_cy, 10, 400);
  if (!valid_la_code_shape(l.la_code)) {
    p.push_back({"la_code", "The area must be an England or Wales council code, like E08000035 for Leeds."});
  } else if (db && !la_get(*db, l.la_code)) {
    p.push_back({"la_code", "The area code " + l.la_code + " is not in the local-authority table."});
  }
  const auto start = parse_date(l.start_date);
  if (!start) p.push_back({"start_date", "The start date must be a real date written like 2026-09-01."});
  const auto exp = parse_date(l.expires);
  if (!exp) {
    p.push_back({"expires", "The expiry date must be a real date written like 2027-03-01."});
  } else {
    if (start && *exp < *start)
      p.push_back({"expires", "The expiry date is before the start date, so children would never see it."});
  }
  if (exp && today) {
    if (*exp < *today) p.push_back({"expires", "The expiry date has already passed."});
    if (days_between(*today, *exp) > 2 * 366) p.push_back({"expires", "The expiry date must be within 2 years."});
  }
  if (l.level < 0 || l.level > 7) p.push_back({"level", "The level must be 0 (none) or 1 to 7."});
  if (l.status != "pending" && l.status != "approved" && l.status != "retired")
    p.push_back({"status", "The status must be pending, approved or retired."});
  return p;
}

// ---------------------------------------------------------------- safety check
namespace {
struct Rule {
  const char* what;
  std::regex re;
  int min_digits;  // for phone numbers: how many digits the match must hold
};

const std::vector<Rule>& rules() {
  using std::regex;
  const auto ic = regex::ECMAScript | regex::icase;
  static const std::vector<Rule> r = {
      {"an email address", regex(R"([A-Za-z0-9._%+\-]+\s*@\s*[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)", ic), 0},
      {"a web address", regex(R"((https?:|www\.|ftp:)\S*)", ic), 0},
      {"a web address",
       regex(R"(\b[a-z0-9\-]+(\.[a-z0-9\-]+)*\.(com|co\.uk|org\.uk|org|net|uk|io|gov\.uk|ac\.uk|info|biz|me|app|wales|cymru|ly|tv)\b)", ic), 0},
      {"a phone number", regex(R"((\+|\()?\d[\d \-().]{7,}\d)"), 10},
      {"a phone number", regex(R"(\b0[1-9]\d{2,3}[ \-]?\d{3}[ \-]?\d{3,4}\b)"), 9},
      // not "Sir": in Welsh it means county (Coleg Sir Gâr)
      {"a person's name", regex(R"(\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'\-]+)"), 0},
      {"a person's name",
       regex(R"(\b([Aa]sk for|[Cc]ontact|[Ss]peak to|[Tt]alk to|[Cc]all|[Rr]ing|[Tt]ext|[Mm]essage|[Ee]mail|[Ww]rite to)\s+[A-Z][a-z'\-]+)"), 0},
      {"a person's name", regex(R"(\b[A-Z][a-z'\-]+'s\s+(mobile|number|phone|email|address|house|flat))"), 0},
      {"a street address",
       regex(R"(\b\d{1,4}[A-Za-z]?,?\s+([A-Z][a-z'\-]+\s+){1,3}(Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Court|Place|Terrace|Grove|Gardens|Row|Walk|Square|Mews|Parade)\b)"), 0},
      {"a street address", regex(R"(\b(Flat|Apartment|Apt)\s+\d+)", ic), 0},
      // the same in Welsh: "12 Heol y Frenhines", "Fflat 3", "Siarada gyda Siân", "Ffonia Dafydd"
      {"a street address",
       regex(R"(\b\d{1,4}[A-Za-z]?,?\s+(Heol|Ffordd|Stryd|Lôn|Lon|Rhodfa|Cilgant|Teras|Clos|Sgwâr|Sgwar|Maes|Llwyn|Rhes)\s+((y|yr)\s+)?[A-Z])"), 0},
      {"a street address", regex(R"(\bFflat\s+\d+)", ic), 0},
      {"a person's name",
       regex(R"(\b([Gg]ofyn(na)? am|[Ss]iarad(a)? (gyda|â|ag|efo)|[Ff]fonia|[Ff]fonio|[Tt]ecstia|[Tt]ecstio|[Cc]ysyllt(a|u) (â|ag)|[Ee]-bostia|[Yy]sgrifenna at)\s+[A-Z][a-z'\-]+)"), 0},
      {"a person's name", regex(R"(\b[Ff]fôn symudol\s+[A-Z][a-z'\-]+)"), 0},
      {"a postcode", regex(R"(\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b)"), 0},
  };
  return r;
}
}  // namespace

std::vector<SafetyFlag> safety_check_text(std::string_view field, std::string_view text) {
  std::vector<SafetyFlag> out;
  const std::string name(field);
  // a long field is already refused by validation; bound the regex work anyway
  const std::string v(text.substr(0, 2000));
  for (const Rule& r : rules()) {
    for (auto it = std::sregex_iterator(v.begin(), v.end(), r.re); it != std::sregex_iterator(); ++it) {
      const std::string m = it->str();
      if (r.min_digits > 0 &&
          std::count_if(m.begin(), m.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) < r.min_digits)
        continue;
      const bool dup = std::any_of(out.begin(), out.end(), [&](const SafetyFlag& f) {
        return f.excerpt.find(m) != std::string::npos || m.find(f.excerpt) != std::string::npos;
      });
      if (!dup) out.push_back(SafetyFlag{name, r.what, m});
    }
  }
  return out;
}

std::vector<SafetyFlag> safety_check(const Listing& l) {
  std::vector<SafetyFlag> out;
  const std::pair<const char*, const std::string*> fields[] = {
      {"title", &l.title},       {"provider", &l.provider},         {"place", &l.place},  {"duration", &l.duration},
      {"requirements", &l.requirements}, {"summary", &l.summary}, {"interest", &l.interest},
      {"title_cy", &l.title_cy}, {"duration_cy", &l.duration_cy}, {"requirements_cy", &l.requirements_cy},
      {"summary_cy", &l.summary_cy}};
  for (const auto& field : fields) {
    auto flags = safety_check_text(field.first, *field.second);
    out.insert(out.end(), flags.begin(), flags.end());
  }
  return out;
}

std::string describe(const SafetyFlag& f) { return f.field + " has " + f.what + ": \"" + f.excerpt + "\""; }

// ---------------------------------------------------------------- CSV rows
bool listing_from_csv(const std::vector<std::string>& header, const std::vector<std::string>& row, Listing& out,
                      std::string* error) {
  if (row.size() != header.size()) {
    if (error) *error = "has " + std::to_string(row.size()) + " columns but the header has " + std::to_string(header.size());
    return false;
  }
  auto get = [&](const char* name, bool required, std::string& v) {
    const int c = csv_column(header, name);
    if (c < 0) {
      if (required && error) *error = std::string("the header has no ") + name + " column";
      return !required;
    }
    v = row[static_cast<size_t>(c)];
    return true;
  };
  Listing l;
  std::string level;
  if (!get("id", false, l.id) || !get("kind", true, l.kind) || !get("title", true, l.title) ||
      !get("provider", true, l.provider) || !get("la_code", true, l.la_code) || !get("place", true, l.place) ||
      !get("start_date", true, l.start_date) || !get("duration", true, l.duration) ||
      !get("requirements", true, l.requirements) || !get("summary", true, l.summary) || !get("level", false, level) ||
      !get("interest", false, l.interest) || !get("expires", false, l.expires) || !get("status", false, l.status) ||
      !get("title_cy", false, l.title_cy) || !get("summary_cy", false, l.summary_cy) ||
      !get("requirements_cy", false, l.requirements_cy) || !get("duration_cy", false, l.duration_cy))
    return false;
  if (l.status.empty()) l.status = "pending";
  if (level.empty()) {
    l.level = 0;
  } else if (level.size() == 1 && level[0] >= '0' && level[0] <= '9') {
    l.level = level[0] - '0';
  } else {
    if (error) *error = "the level \"" + level.substr(0, 20) + "\" is not a number from 0 to 7";
    return false;
  }
  out = std::move(l);
  return true;
}

// ---------------------------------------------------------------- save, approve, retire
namespace {
std::string join_problems(const std::vector<FieldProblem>& p) {
  std::string s;
  for (const auto& x : p) {
    if (!s.empty()) s += " ";
    s += x.message;
  }
  return s;
}

// save without its own transaction (the import uses savepoints)
ListingSaveResult save_in_txn(Db& db, Listing l, const StaffProfile& by, CivilDate today, int64_t now_s) {
  ListingSaveResult r;
  if (l.id.empty()) l.id = "l-" + random_id().substr(0, 16);
  if (l.expires.empty()) l.expires = format_date(add_days(today, kDefaultExpiryDays));
  l.status = "pending";
  r.problems = validate_listing(&db, l, today);
  r.id = l.id;
  if (!r.problems.empty()) return r;
  if (auto old = listing_get(db, l.id); old && old->status == "retired") {
    r.problems.push_back({"id", "The listing " + l.id + " was retired. Make a new one instead."});
    return r;
  }
  l.origin = "local";
  l.edited_by = by.number;
  l.edited_at = now_s;
  l.approved_by.clear();
  l.approved_at = 0;
  listing_put(db, l);
  audit(db, now_s, "staff:" + by.number, "listing-save", l.id + " " + l.title);
  r.ok = true;
  return r;
}
}  // namespace

ListingSaveResult save_listing(Db& db, Listing l, const StaffProfile& by, CivilDate today, int64_t now_s) {
  Txn txn(db);
  ListingSaveResult r = save_in_txn(db, std::move(l), by, today, now_s);
  if (r.ok) txn.commit();
  return r;
}

ApproveResult approve_listing(Db& db, const std::string& id, const StaffProfile& by, CivilDate today, int64_t now_s) {
  ApproveResult r;
  Txn txn(db);
  auto l = listing_get(db, id);
  if (!l) {
    r.reason = "There is no listing " + id + ".";
    return r;
  }
  if (!by.has(Role::Approver)) {
    r.status = ApproveStatus::NotApprover;
    r.reason = "Only someone with the approver role can approve a listing.";
    return r;
  }
  if (l->status == "retired") {
    r.status = ApproveStatus::Retired;
    r.reason = "This listing was retired; it cannot be approved.";
    return r;
  }
  if (l->status == "approved") {
    r.status = ApproveStatus::AlreadyApproved;
    r.reason = "This listing is already approved.";
    return r;
  }
  if (l->edited_by == by.number) {
    r.status = ApproveStatus::OwnEdit;
    r.reason = "You made the last change to this listing, so a second person must approve it.";
    return r;
  }
  r.problems = validate_listing(&db, *l, today);
  if (!r.problems.empty()) {
    r.status = ApproveStatus::Invalid;
    r.reason = "Fix these first: " + join_problems(r.problems);
    return r;
  }
  r.flags = safety_check(*l);
  if (!r.flags.empty()) {
    r.status = ApproveStatus::Unsafe;
    r.reason = "Remove contact details first: " + describe(r.flags.front()) +
               (r.flags.size() > 1 ? " (and " + std::to_string(r.flags.size() - 1) + " more)" : "");
    return r;
  }
  l->status = "approved";
  l->approved_by = by.number;
  l->approved_at = now_s;
  listing_put(db, *l);
  audit(db, now_s, "staff:" + by.number, "listing-approve", l->id + " (last edited by " + l->edited_by + ")");
  txn.commit();
  r.status = ApproveStatus::Ok;
  return r;
}

bool retire_listing(Db& db, const std::string& id, const StaffProfile& by, int64_t now_s, std::string* error) {
  Txn txn(db);
  auto l = listing_get(db, id);
  if (!l) {
    if (error) *error = "There is no listing " + id + ".";
    return false;
  }
  if (!by.has(Role::Education) && !by.has(Role::Approver)) {
    if (error) *error = "Only education staff or an approver can retire a listing.";
    return false;
  }
  l->status = "retired";
  l->edited_by = by.number;
  l->edited_at = now_s;
  listing_put(db, *l);
  audit(db, now_s, "staff:" + by.number, "listing-retire", l->id);
  txn.commit();
  return true;
}

std::vector<Listing> going_stale(Db& db, CivilDate today, int days) {
  std::vector<Listing> out;
  const std::string t = format_date(today);
  const std::string soon = format_date(add_days(today, days));
  for (Listing& l : listings_all(db, "approved"))
    if (l.expires <= soon || l.start_date < t) out.push_back(std::move(l));
  std::sort(out.begin(), out.end(), [](const Listing& a, const Listing& b) { return a.expires < b.expires; });
  return out;
}

// ---------------------------------------------------------------- CSV import
ImportReport import_listings_csv(Db& db, std::string_view text, const StaffProfile& by, CivilDate today, int64_t now_s) {
  ImportReport rep;
  CsvResult csv = parse_csv(text);
  if (!csv.error.empty()) {
    rep.error = "The file could not be read: " + csv.error + ". Nothing was imported.";
    return rep;
  }
  if (csv.rows.size() < 2) {
    rep.error = "The file has no listings (it needs a header line and at least one row).";
    return rep;
  }
  const auto& header = csv.rows[0].fields;
  for (const char* need : {"kind", "title", "provider", "la_code", "place", "start_date", "duration", "requirements", "summary"})
    if (csv_column(header, need) < 0) {
      rep.error = std::string("The header has no ") + need + " column. Nothing was imported.";
      return rep;
    }
  if (!by.has(Role::Education) && !by.has(Role::Approver)) {
    rep.error = "Only education staff can import listings.";
    return rep;
  }
  Txn txn(db);
  for (size_t i = 1; i < csv.rows.size(); i++) {
    ImportRow row;
    row.line = csv.rows[i].line;
    Listing l;
    std::string err;
    if (!listing_from_csv(header, csv.rows[i].fields, l, &err)) {
      row.reason = "This row " + err + ".";
      rep.rows.push_back(row);
      rep.rejected++;
      continue;
    }
    row.id = l.id;
    const auto flags = safety_check(l);
    db.exec("SAVEPOINT import_row");
    ListingSaveResult s;
    try {
      s = save_in_txn(db, l, by, today, now_s);
    } catch (const DbError& e) {
      s.ok = false;
      s.problems.push_back({"", std::string("it could not be stored (") + e.what() + ")"});
    }
    if (s.ok) {
      db.exec("RELEASE import_row");
      row.id = s.id;
      row.accepted = true;
      // imported as pending; a flag does not stop the import but will stop approval: say so now
      if (!flags.empty()) row.reason = "Accepted, but approval is blocked until you remove: " + describe(flags.front());
      rep.accepted++;
    } else {
      db.exec("ROLLBACK TO import_row; RELEASE import_row");
      row.reason = join_problems(s.problems);
      rep.rejected++;
    }
    rep.rows.push_back(row);
  }
  audit(db, now_s, "staff:" + by.number, "listing-import",
        std::to_string(rep.accepted) + " accepted, " + std::to_string(rep.rejected) + " rejected");
  txn.commit();
  return rep;
}

}  // namespace waymark
