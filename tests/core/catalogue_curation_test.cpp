// Curation: validation, the safety check, the two-person rule, retiring, going stale, CSV import, and the
// shipped local-authority table.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/csv.h"
#include "core/catalogue/curation.h"
#include "core/storage/device_store.h"
#include "tests/core/catalogue_fixture.h"

namespace waymark::test {
namespace {

const CivilDate kToday{2026, 1, 5};
const StaffProfile kEditor{"9001", "Priya Shah", {Role::Education, Role::Approver}};
const StaffProfile kSecond{"9002", "Dan Morgan", {Role::WingOfficer, Role::Approver}};
const StaffProfile kNoApprove{"9003", "Sam Lee", {Role::Education}};

class Curation : public CatalogueDb {
protected:
  Listing draft(const std::string& id = "") {
    Listing l = make(id, kLeeds, "2026-03-10");
    l.expires.clear();
    l.status.clear();
    return l;
  }
};

TEST_F(Curation, ValidationNamesEveryBadField) {
  Listing l = draft("Bad Id!");
  l.kind = "party";
  l.title = "ab";
  l.la_code = "E99999999";
  l.start_date = "2026-02-30";
  l.expires = "2025-12-01";
  l.summary = "short";
  l.level = 9;
  auto p = validate_listing(db.get(), l, kToday);
  std::set<std::string> fields;
  for (const auto& x : p) {
    fields.insert(x.field);
    EXPECT_FALSE(x.message.empty());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"id", "kind", "title", "la_code", "start_date", "expires", "summary", "level", "status"}));
  Listing good = make("good", kLeeds, "2026-03-10");
  EXPECT_TRUE(validate_listing(db.get(), good, kToday).empty());
  good.title = std::string(81, 'a');
  ASSERT_EQ(validate_listing(db.get(), good, kToday).size(), 1u);
  EXPECT_NE(validate_listing(db.get(), good, kToday)[0].message.find("too long"), std::string::npos);
  good.title = "Line\nbreak";
  EXPECT_EQ(validate_listing(db.get(), good, kToday).size(), 1u);
}

struct SafetyCase {
  const char* text;
  const char* what;  // empty: must not be flagged
};

TEST(SafetyCheck, FlagsContactDetailsAndNothingElse) {
  const SafetyCase cases[] = {
      {"See www.example-college.co.uk for more", "a web address"},
      {"Apply at https://jobs.example/apply", "a web address"},
      {"Find us at brackenholt.com", "a web address"},
      {"Email jobs@example.org today", "an email address"},
      {"Ring 0113 496 0123 to book", "a phone number"},
      {"Call us on 07700 900123", "a phone number"},
      {"Text +44 7700 900 123", "a phone number"},
      {"Ask for Dave at reception", "a person's name"},
      {"Mrs Patel runs the course", "a person's name"},
      {"Call Sarah after 5", "a person's name"},
      {"Go to Jamie's house", "a person's name"},
      {"Meet at 14 Station Road", "a street address"},
      {"Flat 3, by the park", "a street address"},
      {"Near LS1 4AP", "a postcode"},
      // plain listings: nothing flagged
      {"Learn to lay bricks and build walls. Level 2, 18 months, 16 hours a week.", ""},
      {"Coleg Sir Gar, Llanelli", ""},
      {"English and maths at level 1. You need a CSCS card.", ""},
      {"Starts in September 2027", ""},
  };
  for (const auto& c : cases) {
    Listing l;
    l.summary = c.text;
    auto flags = safety_check(l);
    if (*c.what == 0) {
      EXPECT_TRUE(flags.empty()) << c.text << " flagged as " << (flags.empty() ? "" : describe(flags[0]));
    } else {
      ASSERT_FALSE(flags.empty()) << c.text;
      bool found = false;
      for (const auto& f : flags) found = found || f.what == c.what;
      EXPECT_TRUE(found) << c.text << " was flagged as " << flags[0].what << ", wanted " << c.what;
      EXPECT_EQ(flags[0].field, "summary");
    }
  }
}

TEST_F(Curation, TwoPersonRule) {
  ListingSaveResult s = save_listing(*db, draft(), kEditor, kToday, 100);
  ASSERT_TRUE(s.ok) << (s.problems.empty() ? "" : s.problems[0].message);
  auto l = listing_get(*db, s.id);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->status, "pending");
  EXPECT_EQ(l->expires, "2026-07-07");  // about 6 months by default
  EXPECT_EQ(l->edited_by, "9001");
  // the last editor cannot approve their own change, even with the approver role
  EXPECT_EQ(approve_listing(*db, s.id, kEditor, kToday, 101).status, ApproveStatus::OwnEdit);
  // someone without the approver role cannot approve
  EXPECT_EQ(approve_listing(*db, s.id, kNoApprove, kToday, 101).status, ApproveStatus::NotApprover);
  MatchQuery q;
  q.release_la = kLeeds;
  q.release_date = "2026-03-02";
  q.today = kToday;
  EXPECT_TRUE(match_listings(*db, q).items.empty());
  ApproveResult a = approve_listing(*db, s.id, kSecond, kToday, 102);
  ASSERT_EQ(a.status, ApproveStatus::Ok) << a.reason;
  l = listing_get(*db, s.id);
  EXPECT_EQ(l->approved_by, "9002");
  EXPECT_EQ(l->approved_at, 102);
  EXPECT_EQ(match_listings(*db, q).items.size(), 1u);
  // an edit takes it off children's screens until a second person approves again
  Listing edit = *l;
  edit.title = "Bricklaying and walls";
  ASSERT_TRUE(save_listing(*db, edit, kSecond, kToday, 103).ok);
  EXPECT_TRUE(match_listings(*db, q).items.empty());
  EXPECT_EQ(approve_listing(*db, s.id, kSecond, kToday, 104).status, ApproveStatus::OwnEdit);
  EXPECT_EQ(approve_listing(*db, s.id, kEditor, kToday, 104).status, ApproveStatus::Ok);
  // approval is in the audit log
  Stmt au(*db, "SELECT count(*) FROM audit WHERE action = 'listing-approve'");
  au.step();
  EXPECT_EQ(au.i64(0), 2);
}

TEST_F(Curation, SafetyFlagsBlockApproval) {
  Listing l = draft("unsafe");
  l.summary = "Great course. Ring 0113 496 0123 and ask for Dave.";
  ASSERT_TRUE(save_listing(*db, l, kEditor, kToday, 100).ok);
  ApproveResult a = approve_listing(*db, "unsafe", kSecond, kToday, 101);
  EXPECT_EQ(a.status, ApproveStatus::Unsafe);
  EXPECT_GE(a.flags.size(), 2u);
  EXPECT_NE(a.reason.find("phone number"), std::string::npos);
  EXPECT_EQ(listing_get(*db, "unsafe")->status, "pending");
  l.summary = "Great course. Ask at the college reception.";
  ASSERT_TRUE(save_listing(*db, l, kEditor, kToday, 102).ok);
  EXPECT_EQ(approve_listing(*db, "unsafe", kSecond, kToday, 103).status, ApproveStatus::Ok);
}

TEST_F(Curation, RetireHidesAndCannotBeApprovedAgain) {
  ASSERT_TRUE(save_listing(*db, draft("r"), kEditor, kToday, 100).ok);
  ASSERT_EQ(approve_listing(*db, "r", kSecond, kToday, 101).status, ApproveStatus::Ok);
  std::string err;
  ASSERT_TRUE(retire_listing(*db, "r", kEditor, 102, &err)) << err;
  EXPECT_EQ(listing_get(*db, "r")->status, "retired");
  EXPECT_EQ(approve_listing(*db, "r", kSecond, kToday, 103).status, ApproveStatus::Retired);
  EXPECT_FALSE(save_listing(*db, draft("r"), kEditor, kToday, 104).ok);
  EXPECT_FALSE(retire_listing(*db, "nope", kEditor, 105, &err));
}

TEST_F(Curation, GoingStale) {
  Listing soon = make("soon", kLeeds, "2026-03-10");
  soon.expires = "2026-01-20";
  Listing later = make("later", kLeeds, "2026-03-10");
  later.expires = "2026-06-01";
  Listing started = make("started", kLeeds, "2026-01-01");
  started.expires = "2026-06-01";
  for (const auto& l : {soon, later, started}) put(l);
  auto stale = going_stale(*db, kToday, 30);
  std::set<std::string> got;
  for (const auto& l : stale) got.insert(l.id);
  EXPECT_EQ(got, (std::set<std::string>{"soon", "started"}));
}

TEST_F(Curation, CsvImportReportsEveryRowAndNeverHalfImports) {
  const std::string csv =
      "id,kind,title,provider,la_code,place,start_date,duration,requirements,summary,level,interest,expires\n"
      "ok-1,course,Carpentry and joinery,Leeds College of Building,E08000035,Leeds,2026-03-09,1 year,No exams needed.,"
      "\"Measure, cut and join wood in the workshop.\",1,building,\n"
      "bad-date,course,Plumbing,Leeds City College,E08000035,Leeds,2026-13-01,1 year,,Fit pipes and taps in a house.,1,,\n"
      "short,job\n"
      "bad-area,job,Warehouse helper,Fernvale Logistics,S12000033,Aberdeen,2026-03-09,Full time,,Pick and pack orders.,0,,\n"
      "flagged,job,Cafe assistant,Ashgrove Cafe,E08000035,Leeds,2026-03-09,Part time,,Call 0113 496 0123 to start.,0,food,\n"
      ",activity,Boxing club,Redkettle Sports Club,E08000036,Wakefield,2026-03-12,Every week,,Train with a coach to get fit.,0,sport,2026-05-01\n";
  ImportReport r = import_listings_csv(*db, csv, kEditor, kToday, 100);
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.rows.size(), 6u);
  EXPECT_TRUE(r.rows[0].accepted);
  EXPECT_FALSE(r.rows[1].accepted);
  EXPECT_NE(r.rows[1].reason.find("start date"), std::string::npos);
  EXPECT_EQ(r.rows[1].line, 3u);
  EXPECT_FALSE(r.rows[2].accepted);
  EXPECT_NE(r.rows[2].reason.find("columns"), std::string::npos);
  EXPECT_FALSE(r.rows[3].accepted);
  EXPECT_NE(r.rows[3].reason.find("England or Wales"), std::string::npos);
  EXPECT_TRUE(r.rows[4].accepted);  // imported, but its approval is blocked: the report says so
  EXPECT_NE(r.rows[4].reason.find("phone number"), std::string::npos);
  EXPECT_TRUE(r.rows[5].accepted);
  EXPECT_FALSE(r.rows[5].id.empty());  // a new id was made
  EXPECT_EQ(r.accepted, 3);
  EXPECT_EQ(r.rejected, 3);
  EXPECT_EQ(listings_count(*db, "pending"), 3);
  EXPECT_FALSE(listing_get(*db, "bad-date"));
  EXPECT_EQ(approve_listing(*db, "flagged", kSecond, kToday, 101).status, ApproveStatus::Unsafe);
  EXPECT_EQ(approve_listing(*db, "ok-1", kSecond, kToday, 101).status, ApproveStatus::Ok);
}

TEST_F(Curation, CsvImportRefusesAFileItCannotRead) {
  EXPECT_FALSE(import_listings_csv(*db, "id,kind\n\"unclosed", kEditor, kToday, 1).error.empty());
  EXPECT_FALSE(import_listings_csv(*db, "id,title\nx,y\n", kEditor, kToday, 1).error.empty());  // columns missing
  EXPECT_FALSE(import_listings_csv(*db, "", kEditor, kToday, 1).error.empty());
  EXPECT_EQ(listings_count(*db), 0);
}

TEST(Csv, QuotesNewlinesAndErrors) {
  CsvResult r = parse_csv("\xEF\xBB\xBF" "a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n\n3,\n");
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[1].fields[0], "x, \"y\"");
  EXPECT_EQ(r.rows[1].fields[1], "two\nlines");
  EXPECT_EQ(r.rows[2].line, 5u);
  EXPECT_EQ(r.rows[2].fields, (std::vector<std::string>{"3", ""}));
  EXPECT_FALSE(parse_csv("a,\"b").error.empty());
  EXPECT_FALSE(parse_csv("a,b\"c\n").error.empty());
  EXPECT_FALSE(parse_csv("\"a\"b\n").error.empty());
  CsvLimits lim;
  lim.max_field_bytes = 4;
  EXPECT_FALSE(parse_csv("abcdef\n", lim).error.empty());
  const std::vector<std::string> f = {"plain", "with,comma", "with \"quote\"", "two\nlines", ""};
  CsvResult back = parse_csv(csv_line(f));
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.rows[0].fields, f);
}

std::string read_all(const std::string& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ShippedLaTable, EnglandAndWalesWithLeedsAndCardiff) {
  const std::string text = read_all(std::string(WAYMARK_SOURCE_ASSETS) + "/la/local_authorities.csv");
  std::vector<LocalAuthority> las;
  std::string err;
  ASSERT_TRUE(parse_la_csv(text, las, &err)) << err;
  EXPECT_GE(las.size(), 300u);
  int wales = 0;
  for (const auto& la : las) {
    wales += la.code[0] == 'W';
    if (la.code == "W06000015") EXPECT_EQ(la.name_cy, "Caerdydd");
    if (la.code == "E08000035") EXPECT_EQ(la.name_en, "Leeds");
  }
  EXPECT_EQ(wales, 22);
  // the same facts as the source, where the shared data folder is there
  const std::string src = std::string(WAYMARK_SHARED_DATA) + "/lad24_centroids_with_region.csv";
  if (!std::filesystem::exists(src)) GTEST_SKIP() << "no shared data at " << src;
  CsvResult s = parse_csv(read_all(src));
  ASSERT_TRUE(s.error.empty());
  size_t ew = 0;
  for (size_t i = 1; i < s.rows.size(); i++)
    if (!s.rows[i].fields[0].empty() && (s.rows[i].fields[0][0] == 'E' || s.rows[i].fields[0][0] == 'W')) ew++;
  EXPECT_EQ(ew, las.size());
}

}  // namespace
}  // namespace waymark::test
