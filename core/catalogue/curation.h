// core/catalogue/curation.h: education staff curating listings.
//
// Index
//  - validation   : every field checked, with a plain message per field
//  - safety check : web addresses, email addresses, phone numbers, personal-looking names and street
//                   addresses are flagged; a flagged listing cannot be approved (a child must not get a way
//                   to contact people outside)
//  - save / approve / retire : the two-person rule: a listing shows to children only after someone with the
//                   approver role who is not its last editor approves it; every step is audited
//  - going stale  : approved listings that expire or start soon
//  - CSV import   : one row at a time, each in its own savepoint: a bad row never stops the good ones and
//                   never half-imports; a report line per row
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.h"
#include "core/catalogue/catalogue.h"

namespace waymark {

inline constexpr int kDefaultExpiryDays = 183;  // about 6 months

struct FieldProblem {
  std::string field;    // column name, e.g. "start_date"
  std::string message;  // plain words, e.g. "The start date must look like 2026-09-01."
};

// db may be null (no check that the local authority is in the table). today: the expiry must not have passed
// and must be within 2 years; nullopt skips those two checks (a pack's rows, which the pack's expiry governs).
std::vector<FieldProblem> validate_listing(Db* db, const Listing& l, std::optional<CivilDate> today);

struct SafetyFlag {
  std::string field;    // where it was found
  std::string what;     // "a web address", "an email address", "a phone number", "a person's name", "a street address"
  std::string excerpt;  // the words that were flagged
};
std::vector<SafetyFlag> safety_check(const Listing& l);
// The same check on any text a child will read on the shared screen (a plan's words, for example), flags named
// with `field`.
std::vector<SafetyFlag> safety_check_text(std::string_view field, std::string_view text);
std::string describe(const SafetyFlag& f);  // "summary has a phone number: 0113 496 0000"

// Reads one CSV row into a listing by header names (columns in listing_columns(); id, status and level may be
// absent or empty). Returns false with a reason when a column is missing or the row has the wrong width.
bool listing_from_csv(const std::vector<std::string>& header, const std::vector<std::string>& row, Listing& out,
                      std::string* error);

struct ListingSaveResult {
  bool ok = false;
  std::string id;
  std::vector<FieldProblem> problems;
};
// Creates or edits a listing as `by`. Any edit makes it "pending" again (a second person approves it again).
// Empty id: a new id is made. Empty expiry: today + 6 months.
ListingSaveResult save_listing(Db& db, Listing l, const StaffProfile& by, CivilDate today, int64_t now_s);

enum class ApproveStatus { Ok, NotFound, NotApprover, OwnEdit, Unsafe, Invalid, Retired, AlreadyApproved };
struct ApproveResult {
  ApproveStatus status = ApproveStatus::NotFound;
  std::string reason;              // plain words
  std::vector<SafetyFlag> flags;   // when Unsafe
  std::vector<FieldProblem> problems;  // when Invalid
};
ApproveResult approve_listing(Db& db, const std::string& id, const StaffProfile& by, CivilDate today, int64_t now_s);
bool retire_listing(Db& db, const std::string& id, const StaffProfile& by, int64_t now_s, std::string* error);

// Approved listings that expire within `days`, or whose start date has passed: they need a look.
std::vector<Listing> going_stale(Db& db, CivilDate today, int days = 30);

struct ImportRow {
  size_t line = 0;
  std::string id;
  bool accepted = false;
  std::string reason;  // why it was rejected (plain words), empty when accepted
};
struct ImportReport {
  std::string error;             // the whole file could not be read (nothing imported)
  std::vector<ImportRow> rows;
  int accepted = 0, rejected = 0;
};
ImportReport import_listings_csv(Db& db, std::string_view csv_text, const StaffProfile& by, CivilDate today,
                                 int64_t now_s);

}  // namespace waymark
