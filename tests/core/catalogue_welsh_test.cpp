// Welsh words on listings (issue 8): the optional Welsh columns through CSV import, packs and the search index;
// the words a reader sees (Welsh, durations by pattern, English with a marker); the safety check on Welsh text;
// the enquiry's Welsh title; migration 13 on a device that already has listings.
#include <set>

#include <nlohmann/json.hpp>

#include "core/base/csv.h"
#include "core/catalogue/curation.h"
#include "core/messaging/outbox.h"
#include "core/catalogue/pack.h"
#include "tests/core/catalogue_fixture.h"

namespace waymark::test {
namespace {

const CivilDate kToday{2026, 1, 5};
const StaffProfile kEditor{"9001", "Priya Shah", {Role::Education, Role::Approver}};

Listing welsh(Listing l) {
  l.title_cy = "Gosod brics i ddechreuwyr";
  l.summary_cy = "Dysga osod brics a blociau yng ngweithdy'r coleg.";
  l.requirements_cy = "Does dim angen arholiadau.";
  l.duration_cy = "Blwyddyn gyfan";
  return l;
}

class Welsh : public CatalogueDb {
protected:
  std::vector<std::string> search(const std::string& typed) {
    MatchQuery q;
    q.today = kToday;
    q.any_date = true;
    q.search = typed;
    std::vector<std::string> ids;
    for (const auto& m : match_listings(*db, q).items) ids.push_back(m.l.id);
    return ids;
  }
};

// ---------------------------------------------------------------- the words a reader sees
TEST(WelshDuration, CommonPatternsComeOutInWelsh) {
  EXPECT_EQ(welsh_duration("10 weeks"), "10 wythnos");
  EXPECT_EQ(welsh_duration("1 week"), "1 wythnos");
  EXPECT_EQ(welsh_duration("18 months"), "18 mis");
  EXPECT_EQ(welsh_duration("2 months"), "2 fis");
  EXPECT_EQ(welsh_duration("1 year"), "1 flwyddyn");
  EXPECT_EQ(welsh_duration("2 years"), "2 flynedd");
  EXPECT_EQ(welsh_duration("3 years"), "3 blynedd");
  EXPECT_EQ(welsh_duration("5 years"), "5 mlynedd");
  EXPECT_EQ(welsh_duration("3 days"), "3 diwrnod");
  EXPECT_EQ(welsh_duration("2 days"), "2 ddiwrnod");
  EXPECT_EQ(welsh_duration("Part time"), "Rhan amser");
  EXPECT_EQ(welsh_duration("full-time"), "Llawn amser");
  EXPECT_EQ(welsh_duration("Every week"), "Bob wythnos");
  EXPECT_EQ(welsh_duration("As long as you like"), "Cyhyd ag y mynni di");
  EXPECT_EQ(welsh_duration("Part time, 16 hours a week"), "Rhan amser, 16 awr yr wythnos");
  EXPECT_EQ(welsh_duration("Full time, 6 month contract"), "Llawn amser, cytundeb 6 mis");
  EXPECT_EQ(welsh_duration("2 to 3 weeks"), "2 i 3 wythnos");
  EXPECT_EQ(welsh_duration("  12 Weeks "), "12 wythnos");
}

TEST(WelshDuration, FreeTextIsNotGuessed) {
  EXPECT_EQ(welsh_duration("Until the end of term"), std::nullopt);
  EXPECT_EQ(welsh_duration("10 weeks, then we will see"), std::nullopt);  // every part must be known
  EXPECT_EQ(welsh_duration("10 fortnights"), std::nullopt);
  EXPECT_EQ(welsh_duration("0 weeks"), std::nullopt);
  EXPECT_EQ(welsh_duration("weeks"), std::nullopt);
  EXPECT_EQ(welsh_duration("3 to 2 weeks"), std::nullopt);
  EXPECT_EQ(welsh_duration(""), std::nullopt);
  EXPECT_EQ(welsh_duration("99999 weeks"), std::nullopt);
}

TEST_F(Welsh, ListingTextIsWelshWhereThereIsWelshEnglishWithAMarkerWhereNot) {
  Listing l = make("x", kCardiff, "2026-03-01");
  l.duration = "10 weeks";
  // an English reader: always English, never marked, even when there is Welsh
  for (const Listing& x : {l, welsh(l)}) {
    const ShownText t = listing_text(x, ListingText::Title, "en");
    EXPECT_EQ(t.text, x.title);
    EXPECT_EQ(t.lang, "en");
    EXPECT_FALSE(t.fallback);
    EXPECT_FALSE(listing_text(x, ListingText::Duration, "en").fallback);
    EXPECT_EQ(listing_text(x, ListingText::Duration, "en").text, "10 weeks");
  }
  // a Welsh reader, no Welsh: English, marked, to be read in English; the duration by pattern, not marked
  ShownText t = listing_text(l, ListingText::Title, "cy");
  EXPECT_EQ(t.text, "Bricklaying for beginners");
  EXPECT_EQ(t.lang, "en");
  EXPECT_TRUE(t.fallback);
  EXPECT_TRUE(listing_text(l, ListingText::Summary, "cy").fallback);
  EXPECT_TRUE(listing_text(l, ListingText::Requirements, "cy").fallback);
  t = listing_text(l, ListingText::Duration, "cy");
  EXPECT_EQ(t.text, "10 wythnos");
  EXPECT_EQ(t.lang, "cy");
  EXPECT_FALSE(t.fallback);
  l.duration = "Term time only";
  EXPECT_TRUE(listing_text(l, ListingText::Duration, "cy").fallback);
  // a Welsh reader with Welsh words: the Welsh, in Welsh; the curator's own Welsh duration wins over the pattern
  const Listing w = welsh(l);
  t = listing_text(w, ListingText::Title, "cy");
  EXPECT_EQ(t.text, "Gosod brics i ddechreuwyr");
  EXPECT_EQ(t.lang, "cy");
  EXPECT_FALSE(t.fallback);
  EXPECT_EQ(listing_text(w, ListingText::Summary, "cy").text, w.summary_cy);
  EXPECT_EQ(listing_text(w, ListingText::Requirements, "cy").text, w.requirements_cy);
  EXPECT_EQ(listing_text(w, ListingText::Duration, "cy").text, "Blwyddyn gyfan");
  // only some Welsh: each part on its own; blank Welsh counts as none; no English words is not a fallback
  Listing part = l;
  part.title_cy = "Gosod brics";
  part.summary_cy = "   ";
  part.requirements.clear();
  EXPECT_FALSE(listing_text(part, ListingText::Title, "cy").fallback);
  EXPECT_TRUE(listing_text(part, ListingText::Summary, "cy").fallback);
  EXPECT_EQ(listing_text(part, ListingText::Summary, "cy").text, part.summary);
  EXPECT_FALSE(listing_text(part, ListingText::Requirements, "cy").fallback);
  EXPECT_EQ(listing_text(part, ListingText::Requirements, "cy").text, "");
}

// ---------------------------------------------------------------- storing, importing, packs, search
TEST_F(Welsh, StoredAndReadBackAndFoundByWelshWords) {
  put(welsh(make("w1", kCardiff, "2026-03-02")));
  put(make("e1", kCardiff, "2026-03-03"));
  const auto got = listing_get(*db, "w1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->title_cy, "Gosod brics i ddechreuwyr");
  EXPECT_EQ(got->summary_cy, "Dysga osod brics a blociau yng ngweithdy'r coleg.");
  EXPECT_EQ(got->requirements_cy, "Does dim angen arholiadau.");
  EXPECT_EQ(got->duration_cy, "Blwyddyn gyfan");
  EXPECT_EQ(search("blociau"), std::vector<std::string>{"w1"});  // a Welsh word in the summary
  EXPECT_EQ(search("ddechr"), std::vector<std::string>{"w1"});     // a prefix of a Welsh title word
  EXPECT_EQ(search("bricklay").size(), 2u);                      // English still finds both
  // an edit that drops the Welsh takes it out of the index too
  Listing e = *got;
  e.title_cy.clear();
  e.summary_cy.clear();
  put(e);
  EXPECT_TRUE(search("blociau").empty());
  EXPECT_TRUE(search("ddechr").empty());
}

TEST_F(Welsh, CsvImportTakesTheWelshColumnsAndOldFilesStillImport) {
  std::string with = csv_line(listing_columns());
  Listing a = welsh(make("", kCardiff, "2026-03-10"));
  a.expires.clear();
  a.status.clear();
  with += csv_line(listing_fields(a));
  ImportReport r = import_listings_csv(*db, with, kEditor, kToday, 100);
  ASSERT_EQ(r.accepted, 1) << (r.rows.empty() ? r.error : r.rows[0].reason);
  const auto got = listing_get(*db, r.rows[0].id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->title_cy, a.title_cy);
  EXPECT_EQ(got->summary_cy, a.summary_cy);
  EXPECT_EQ(got->requirements_cy, a.requirements_cy);
  EXPECT_EQ(got->duration_cy, a.duration_cy);
  // a file from before the Welsh columns
  const std::string old =
      "kind,title,provider,la_code,place,start_date,duration,requirements,summary,level,interest\n"
      "course,Plumbing starter course,Cardiff and Vale College,W06000015,Cardiff,2026-04-13,1 year,No exams needed.,"
      "Fit pipes and taps and learn how heating works.,1,building\n";
  r = import_listings_csv(*db, old, kEditor, kToday, 101);
  ASSERT_EQ(r.accepted, 1) << (r.rows.empty() ? r.error : r.rows[0].reason);
  const auto plain = listing_get(*db, r.rows[0].id);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->title_cy, "");
  EXPECT_EQ(plain->summary_cy, "");
  // Welsh words are checked like the English ones
  Listing bad = welsh(make("bad", kCardiff, "2026-03-10"));
  bad.title_cy = "Ab";
  bad.summary_cy = std::string(401, 'a');
  bool title = false, summary = false;
  for (const auto& p : validate_listing(db.get(), bad, kToday)) {
    title |= p.field == "title_cy";
    summary |= p.field == "summary_cy";
  }
  EXPECT_TRUE(title);
  EXPECT_TRUE(summary);
  EXPECT_TRUE(validate_listing(db.get(), make("ok", kCardiff, "2026-03-10"), kToday).empty()) << "no Welsh is fine";
}

TEST_F(Welsh, SafetyCheckReadsTheWelshWordsToo) {
  const StaffProfile second{"9002", "Dan Morgan", {Role::Approver}};
  Listing l = welsh(make("", kCardiff, "2026-03-10"));
  l.summary_cy = "Ffonia 029 2000 0000 neu anfon e-bost at jo@example.co.uk am fwy. Cod post CF10 1AB.";
  l.title_cy = "Gofyn i Mr Jones";
  l.requirements_cy = "Tyrd i 12 Heol y Frenhines a siarada gyda Siân.";
  const auto flags = safety_check(l);
  std::set<std::string> fields, what;
  for (const auto& f : flags) {
    fields.insert(f.field);
    what.insert(f.what);
  }
  EXPECT_TRUE(fields.count("summary_cy"));
  EXPECT_TRUE(fields.count("title_cy"));
  EXPECT_TRUE(fields.count("requirements_cy"));
  EXPECT_TRUE(what.count("a phone number"));
  EXPECT_TRUE(what.count("an email address"));
  EXPECT_TRUE(what.count("a person's name"));
  EXPECT_TRUE(what.count("a postcode"));
  EXPECT_TRUE(what.count("a street address"));
  for (const char* name : {"Siarada gyda Siân yn y dderbynfa.", "Ffonia Dafydd.", "Gofyn am Gareth wrth y drws.",
                           "Cysyllta â Mari.", "Fflat 4, uwchben y siop."}) {
    Listing x = welsh(make("x", kCardiff, "2026-03-10"));
    x.summary_cy = name;
    EXPECT_FALSE(safety_check(x).empty()) << name;
  }
  // and it blocks approval, as for English
  const ListingSaveResult s = save_listing(*db, l, kEditor, kToday, 10);
  ASSERT_TRUE(s.ok);
  EXPECT_EQ(approve_listing(*db, s.id, second, kToday, 11).status, ApproveStatus::Unsafe);
  // clean Welsh passes
  EXPECT_TRUE(safety_check(welsh(make("c", kCardiff, "2026-03-10"))).empty());
}

TEST_F(Welsh, APackCarriesTheWelshWords) {
  PublicKey pub;
  SecretKey sec;
  generate_keypair("test curator", pub, sec);
  trust_key(*db, pub, 1);
  std::string listings = csv_line(listing_columns());
  listings += csv_line(listing_fields(welsh(make("w1", kCardiff, "2026-03-02"))));
  listings += csv_line(listing_fields(make("e1", kLeeds, "2026-03-03")));
  const std::vector<PackFile> files = {{"listings.csv", listings}, {"local_authorities.csv", la_csv(test_las())}};
  const std::string bytes = build_pack("test", 1, "2026-01-01T00:00:00Z", "2026-12-31", "2026-01-01", files, sec);
  const InstallResult r = install_pack(*db, bytes, kToday, 1000, "test");
  ASSERT_TRUE(r.check.ok()) << r.check.reason;
  const auto w = listing_get(*db, "w1");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->title_cy, "Gosod brics i ddechreuwyr");
  EXPECT_EQ(w->duration_cy, "Blwyddyn gyfan");
  EXPECT_EQ(listing_get(*db, "e1")->title_cy, "");
  EXPECT_EQ(search("blociau"), std::vector<std::string>{"w1"});  // the rebuilt index holds the Welsh
  // and the next pack made from this device keeps them
  for (const PackFile& f : export_pack_files(*db, kToday))
    if (f.path == "listings.csv") EXPECT_NE(f.data.find("Gosod brics i ddechreuwyr"), std::string::npos);
}

// ---------------------------------------------------------------- the enquiry
TEST_F(Welsh, AnEnquiryInWelshCarriesTheWelshTitleBesideTheEnglish) {
  put(welsh(make("w1", kCardiff, "2026-03-02")));
  put(make("e1", kCardiff, "2026-03-03"));
  ASSERT_TRUE(express_interest(*db, "1002", "w1", kToday, 100, "cy").ok);
  ASSERT_TRUE(express_interest(*db, "1002", "e1", kToday, 101, "cy").ok);
  ASSERT_TRUE(express_interest(*db, "1001", "w1", kToday, 102, "en").ok);
  auto body = [&](const std::string& child, const std::string& id) {
    for (const OutboxItem& o : outbox_for_child(*db, child, "enquiry")) {
      auto j = nlohmann::json::parse(o.body);
      if (j["listing_id"] == id) return j;
    }
    return nlohmann::json();
  };
  const auto w = body("1002", "w1");
  EXPECT_EQ(w["title"], "Bricklaying for beginners");
  EXPECT_EQ(w["title_cy"], "Gosod brics i ddechreuwyr");
  EXPECT_EQ(w["read_in"], "Welsh");
  const auto e = body("1002", "e1");  // no Welsh: the child saw the English title
  EXPECT_FALSE(e.contains("title_cy"));
  EXPECT_EQ(e["title"], "Bricklaying for beginners");
  const auto en = body("1001", "w1");  // an English reader saw no Welsh
  EXPECT_FALSE(en.contains("title_cy"));
  EXPECT_FALSE(en.contains("read_in"));
}

// ---------------------------------------------------------------- migration 13 on a device with listings
TEST(WelshMigration, ADeviceWithListingsKeepsThemAndItsSearch) {
  Db db(":memory:");
  std::vector<Migration> upto12;
  for (const Migration& m : device_migrations())
    if (m.version <= 12) upto12.push_back(m);
  ASSERT_EQ(migrate(db, upto12), 12);
  {
    Txn t(db);
    db.exec(
        "INSERT INTO listings(id, kind, title, provider, la_code, start_date, summary, expires, status, origin) VALUES"
        "('old1', 'course', 'Plumbing starter course', 'Coleg Gwent', 'W06000022', '2026-03-02',"
        " 'Fit pipes and taps.', '2026-12-31', 'approved', 'pack')");
    db.exec(
        "INSERT INTO listings_fts(rowid, title, provider, place, summary, requirements, kind, interest)"
        " SELECT rid, title, provider, place, summary, requirements, kind, interest FROM listings");
    t.commit();
  }
  EXPECT_EQ(migrate(db, device_migrations()), device_migrations().back().version);
  const auto l = listing_get(db, "old1");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->title, "Plumbing starter course");
  EXPECT_EQ(l->title_cy, "");
  // Its search: the in-memory index (search_index.h; migration 58 dropped the full-text table 13 remade).
  const auto found = [&db](const std::string& typed, const std::string& lang) {
    MatchQuery q;
    q.today = kToday;
    q.any_date = true;
    q.search = typed;
    q.lang = lang;
    std::vector<std::string> ids;
    for (const auto& m : match_listings(db, q).items) ids.push_back(m.l.id);
    return ids;
  };
  EXPECT_EQ(found("plumb", "en"), std::vector<std::string>{"old1"}) << "the migrated listing is still found";
  // and new Welsh words are found
  Listing w = *l;
  w.title_cy = "Cwrs cyntaf plymio";
  {
    Txn t(db);
    listing_put(db, w);
    t.commit();
  }
  EXPECT_EQ(found("plymio", "cy"), std::vector<std::string>{"old1"});
}

}  // namespace
}  // namespace waymark::test
