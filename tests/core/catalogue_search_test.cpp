// The Courses screen's search: Welsh mutations, folded words, the in-memory index following every change to the
// catalogue (any writer, another connection), and each language's own example word in the search box.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/csv.h"
#include "core/catalogue/curation.h"
#include "core/catalogue/pack.h"
#include "core/catalogue/search_index.h"
#include "core/i18n/i18n.h"
#include "core/i18n/welsh.h"
#include "tests/core/catalogue_fixture.h"
#include "tests/core/test_dirs.h"

namespace waymark::test {
namespace {

const CivilDate kToday{2026, 1, 5};

// ---------------------------------------------------------------- the mutations themselves
TEST(WelshMutations, EachFirstSoundChangesAsTheGrammarSays) {
  struct Case {
    const char* radical;
    std::vector<std::string> forms;
    const char* why;
  };
  const Case cases[] = {
      {"pobl", {"bobl", "mhobl", "phobl"}, "p: soft b, nasal mh, aspirate ph"},
      {"teulu", {"deulu", "nheulu", "theulu"}, "t: soft d, nasal nh, aspirate th"},
      {"caffi", {"gaffi", "nghaffi", "chaffi"}, "c: soft g, nasal ngh, aspirate ch"},
      {"bws", {"fws", "mws"}, "b: soft f, nasal m"},
      {"dysgu", {"ddysgu", "nysgu"}, "d: soft dd, nasal n"},
      {"gweithdy", {"weithdy", "ngweithdy"}, "g: soft drops it, nasal ng"},
      {"mam", {"fam"}, "m: soft f"},
      {"llyfr", {"lyfr"}, "ll: soft l"},
      {"rhaglen", {"raglen"}, "rh: soft r"},
      {"ardal", {"hardal"}, "a vowel takes an h (ei hardal)"},
      {"ŵyn", {"hŵyn"}, "an accented vowel too"},
      {"chwaraeon", {}, "ch is a letter of its own"},
      {"ffrind", {}, "ff never mutates"},
      {"theatr", {}, "th never mutates"},
      {"ddoe", {}, "dd never mutates"},
      {"sut", {}, "s never mutates"},
      {"", {}, "nothing in, nothing out"},
  };
  for (const Case& c : cases) EXPECT_EQ(welsh_mutations(c.radical), c.forms) << c.radical << ": " << c.why;
}

// ---------------------------------------------------------------- words as search folds them
TEST(SearchWords, FoldedAsTheSearchIndexFoldsThem) {
  EXPECT_EQ(search_words("Café ASSISTANT"), (std::vector<std::string>{"cafe", "assistant"}));
  EXPECT_EQ(search_words("yng ngweithdy'r coleg"), (std::vector<std::string>{"yng", "ngweithdy", "r", "coleg"}));
  EXPECT_EQ(search_words("yng ngweithdy\u2019r coleg"), (std::vector<std::string>{"yng", "ngweithdy", "r", "coleg"}))
      << "a curly apostrophe separates words too";
  EXPECT_EQ(search_words("Ŵyn a ŷd, â thân"), (std::vector<std::string>{"wyn", "a", "yd", "a", "than"}));
  EXPECT_EQ(search_words("\" OR * NEAR( -- "), (std::vector<std::string>{"or", "near"}));
  EXPECT_EQ(search_words("a b c d e f g h i j", 8).size(), 8u) << "at most 8 words typed";
  EXPECT_EQ(search_words(std::string(60, 'x'))[0].size(), 40u) << "at most 40 bytes a word";
}

// ---------------------------------------------------------------- Welsh search over listings
class Search : public CatalogueDb {
protected:
  Listing cy(const std::string& id, const std::string& title_cy, const std::string& summary_cy) {
    Listing l = make(id, kCardiff, "2026-03-02", "course", "A course");
    l.summary = "Learn something new.";
    l.title_cy = title_cy;
    l.summary_cy = summary_cy;
    return l;
  }
  std::vector<std::string> find(const std::string& typed, const std::string& lang) {
    MatchQuery q;
    q.today = kToday;
    q.any_date = true;
    q.search = typed;
    q.lang = lang;
    std::vector<std::string> out;
    for (const auto& m : match_listings(*db, q).items) out.push_back(m.l.id);
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(Search, AWelshReaderFindsAWordAfterItsMutation) {
  put(cy("gweithdy", "Gwaith coed", "Dysga yng ngweithdy'r coleg."));
  put(cy("caffi", "Cynorthwyydd caffi", "Gweini diodydd."));
  put(cy("gaffi", "Helpwr", "Gwaith yn ein gaffi bach."));
  put(cy("coginio", "Cogydd", "Dysga i goginio prydau."));
  put(cy("teulu", "Cymorth", "Gyda'i theulu hi."));
  put(cy("pobl", "Gofal", "Helpu gyda phobl hŷn."));
  put(cy("ardal", "Garddio", "Yn ei hardal hi."));
  put(cy("llyfrau", "Siop", "Trefna'r lyfrau."));
  put(cy("rhaglen", "Radio", "Helpa gyda'r raglen."));
  put(cy("caerdydd", "Clwb", "Yng Nghaerdydd."));
  struct Case {
    const char* typed;
    std::vector<std::string> found;
    const char* why;
  };
  const Case cases[] = {
      {"gweithdy", {"gweithdy"}, "nasal: ngweithdy'r"},
      {"gweith", {"gweithdy"}, "the start of a word, as it is being typed"},
      {"caffi", {"caffi", "gaffi"}, "the word itself still, and soft: gaffi"},
      {"coginio", {"coginio"}, "soft: i goginio"},
      {"teulu", {"teulu"}, "aspirate: ei theulu"},
      {"pobl", {"pobl"}, "aspirate: gyda phobl"},
      {"ardal", {"ardal"}, "h before a vowel: ei hardal"},
      {"llyfr", {"llyfrau"}, "soft: lyfrau"},
      {"rhaglen", {"rhaglen"}, "soft: raglen"},
      {"caerdydd", {"caerdydd"}, "nasal: Nghaerdydd"},
      {"ngweithdy", {"gweithdy"}, "the mutated form typed finds itself"},
      {"dysga gweithdy", {"gweithdy"}, "every word must match"},
      {"ca", {"caffi"}, "one or two letters are not mutated (too little to tell): not gaffi, not Nghaerdydd"},
  };
  for (const Case& c : cases) EXPECT_EQ(find(c.typed, "cy"), c.found) << c.typed << ": " << c.why;
  // an English reader's search is as before: no mutated forms
  EXPECT_TRUE(find("gweithdy", "en").empty());
  EXPECT_EQ(find("caffi", "en"), std::vector<std::string>{"caffi"});
}

// ---------------------------------------------------------------- the index follows every change
TEST_F(Search, TheIndexFollowsEveryWriterAndOtherConnections) {
  put(cy("a", "Gwaith coed", ""));
  EXPECT_EQ(find("coed", "cy"), std::vector<std::string>{"a"});
  const int64_t g0 = catalogue_generation(*db);
  db->exec("UPDATE listings SET status = 'retired' WHERE id = 'a'");  // any SQL at all, not only listing_put
  EXPECT_GT(catalogue_generation(*db), g0);
  EXPECT_TRUE(find("coed", "cy").empty());
  db->exec("UPDATE listings SET status = 'approved' WHERE id = 'a'");
  EXPECT_EQ(find("coed", "cy"), std::vector<std::string>{"a"});
  {
    Txn t(*db);  // a new area table: the area slots are read again
    std::vector<LocalAuthority> las = test_las();
    las[3].name_cy = "Caerdydd (newydd)";
    replace_local_authorities(*db, las);
    t.commit();
  }
  MatchQuery q;
  q.today = kToday;
  q.release_la = kCardiff;
  q.any_date = true;
  EXPECT_EQ(match_listings(*db, q).area_name_cy, "Caerdydd (newydd)");
  db->exec("DELETE FROM listings");
  EXPECT_TRUE(find("coed", "cy").empty());
}

TEST(SearchIndex, AChangeThroughAnotherConnectionIsSeen) {
  const TempDir dir;
  const std::string path = dir.file("w.db");
  Db a(path);
  migrate(a, device_migrations());
  Db b(path);
  {
    Txn t(a);
    replace_local_authorities(a, test_las());
    t.commit();
  }
  MatchQuery q;
  q.today = kToday;
  q.any_date = true;
  q.search = "joinery";
  EXPECT_EQ(match_listings(b, q).total, 0);  // b has built its index
  Listing l;
  l.id = "j1";
  l.kind = "course";
  l.title = "Joinery";
  l.provider = "College";
  l.la_code = kLeeds;
  l.start_date = "2026-03-02";
  l.expires = "2026-12-31";
  l.status = "approved";
  {
    Txn t(a);  // as waymarkctl installing a pack while the kiosk runs
    listing_put(a, l);
    t.commit();
  }
  EXPECT_EQ(match_listings(b, q).total, 1);
}

TEST_F(Search, APackInstallIsSeen) {
  PublicKey pub;
  SecretKey sec;
  generate_keypair("search-test", pub, sec);
  trust_key(*db, pub, 1);
  auto pack_with = [&](int version, const std::string& title) {
    Listing l = make("p1", kLeeds, "2026-03-02", "course", title);
    const std::string csv = csv_line(listing_columns()) + csv_line(listing_fields(l));
    std::vector<PackFile> files = {{"listings.csv", csv}};
    if (version == 1) files.push_back({"local_authorities.csv", la_csv(test_las())});  // then listings alone
    return build_pack("search", version, "2026-01-01T00:00:00Z", "2026-12-31", "2026-01-01", files, sec);
  };
  ASSERT_TRUE(install_pack(*db, pack_with(1, "Plumbing starter"), kToday, 1, "test").check.ok());
  EXPECT_EQ(find("plumb", "en"), std::vector<std::string>{"p1"});  // the index is built now
  ASSERT_TRUE(install_pack(*db, pack_with(2, "Joinery starter"), kToday, 2, "test").check.ok());
  EXPECT_TRUE(find("plumb", "en").empty()) << "the new pack's rows replaced the old ones";
  EXPECT_EQ(find("join", "en"), std::vector<std::string>{"p1"});
}

TEST(SearchIndex, AWipeKeepsTheGenerationTable) {
  Db db(":memory:");
  migrate(db, device_migrations());
  Stmt s(db, "SELECT count(*) FROM wipe_keep WHERE name = 'catalogue_generation'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 1) << "a wipe that emptied it would leave the triggers counting nothing";
}

// Migration 58: listings_fts (nothing read it since 53) goes, with its shadow tables and its wipe_keep line; the
// listings stay and are found, and an edit is saved and found without it (every pack test installs without it).
TEST(SearchIndex, Migration58DropsTheUnusedFullTextIndex) {
  Db db(":memory:");
  std::vector<Migration> before;
  for (const Migration& m : device_migrations())
    if (m.version < 58) before.push_back(m);
  migrate(db, before);
  const auto count = [&db](const std::string& sql) {
    Stmt s(db, sql);
    return s.step() ? s.i64(0) : -1;
  };
  const std::string fts_tables = "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'listings\\_fts%' ESCAPE '\\'";
  ASSERT_GE(count(fts_tables), 2) << "the table and its shadow tables, before";
  ASSERT_EQ(count("SELECT count(*) FROM wipe_keep WHERE name = 'listings_fts'"), 1);
  {
    Txn t(db);
    db.exec("INSERT INTO listings(id, kind, title, provider, la_code, start_date, summary, expires, status, origin) VALUES"
            "('old1', 'course', 'Plumbing starter course', 'Coleg Gwent', 'W06000022', '2026-03-02', 'Fit pipes.', '2026-12-31',"
            " 'approved', 'pack')");
    t.commit();
  }
  EXPECT_EQ(migrate(db, device_migrations()), device_migrations().back().version);
  EXPECT_EQ(count(fts_tables), 0);
  EXPECT_EQ(count("SELECT count(*) FROM wipe_keep WHERE name = 'listings_fts'"), 0);
  MatchQuery q;
  q.today = CivilDate{2026, 1, 5};
  q.any_date = true;
  q.search = "plumb";
  ASSERT_EQ(match_listings(db, q).items.size(), 1u);
  Listing l = match_listings(db, q).items[0].l;
  l.title = "Joinery starter course";
  {
    Txn t(db);
    listing_put(db, l);
    t.commit();
  }
  q.search = "join";
  EXPECT_EQ(match_listings(db, q).items.size(), 1u);
}

// ---------------------------------------------------------------- the search box's example word
// Each language's example in the search box is a word of that language, and it finds listings in the demo
// catalogue for a reader of that language.
TEST(SearchExample, EachLanguagesExampleWordFindsDemoListings) {
  Strings strings;
  std::string err;
  ASSERT_TRUE(strings.load(std::string(WAYMARK_SOURCE_ASSETS) + "/strings", &err)) << err;
  Db db(":memory:");
  migrate(db, device_migrations());
  std::ifstream la_in(std::string(WAYMARK_SOURCE_ASSETS) + "/la/local_authorities.csv");
  std::stringstream la_text;
  la_text << la_in.rdbuf();
  std::vector<LocalAuthority> las;
  ASSERT_TRUE(parse_la_csv(la_text.str(), las, &err)) << err;
  std::ifstream in(std::string(WAYMARK_SOURCE_ASSETS) + "/catalogue/listings.csv");
  std::stringstream text;
  text << in.rdbuf();
  const CsvResult csv = parse_csv(text.str());
  ASSERT_TRUE(csv.error.empty()) << csv.error;
  {
    Txn t(db);
    replace_local_authorities(db, las);
    for (size_t i = 1; i < csv.rows.size(); i++) {
      Listing l;
      ASSERT_TRUE(listing_from_csv(csv.rows[0].fields, csv.rows[i].fields, l, &err)) << err;
      l.status = "approved";
      l.expires = "2030-12-31";
      listing_put(db, l);
    }
    t.commit();
  }
  for (const char* lang : {"en", "cy"}) {
    const std::string box = strings.get(lang, "catalogue.search.placeholder");
    const std::string word = box.substr(box.rfind(' ') + 1);
    MatchQuery q;
    q.today = kToday;
    q.any_date = true;
    q.lang = lang;
    q.search = word;
    const MatchResult r = match_listings(db, q);
    EXPECT_GT(r.total, 0) << lang << ": the example \"" << word << "\" finds nothing in the demo catalogue";
    // and it is found in that language's words: a Welsh example in a Welsh title or summary
    bool in_lang = false;
    for (const auto& m : r.items) {
      const std::string shown = listing_text(m.l, ListingText::Title, lang).text + " " +
                                listing_text(m.l, ListingText::Summary, lang).text;
      for (const std::string& w : search_words(shown, SIZE_MAX)) in_lang = in_lang || w.rfind(search_words(word)[0], 0) == 0;
    }
    EXPECT_TRUE(in_lang) << lang << ": \"" << word << "\" is not a word of what a reader of that language sees";
  }
}

}  // namespace
}  // namespace waymark::test
