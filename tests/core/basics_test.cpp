#include <gtest/gtest.h>

#include <fstream>

#include "core/base/dates.h"
#include "core/storage/device_store.h"
#include "core/i18n/i18n.h"
#include "core/messaging/outbox.h"
#include "core/base/text.h"
#include "tests/core/test_dirs.h"

using namespace waymark;
using waymark::test::TempDir;

TEST(Dates, ParseFormatAndArithmetic) {
  EXPECT_EQ(parse_date("2026-03-01"), (CivilDate{2026, 3, 1}));
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_TRUE(parse_date("2028-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("26-01-01"));
  EXPECT_FALSE(parse_date("2026-1-01"));
  EXPECT_EQ(format_date(add_days(CivilDate{2026, 12, 30}, 3)), "2027-01-02");
  EXPECT_EQ(days_between(CivilDate{2026, 1, 1}, CivilDate{2027, 1, 1}), 365);
  EXPECT_EQ(weekday(CivilDate{2026, 11, 23}), 0);  // a Monday
  EXPECT_EQ(days_from_civil(CivilDate{1970, 1, 1}), 0);
}

TEST(Text, Utf8Helpers) {
  EXPECT_EQ(utf8_length("Ŵ ŷ"), 3u);
  std::string s = "caŵ";
  utf8_pop_back(s);
  EXPECT_EQ(s, "ca");
  EXPECT_TRUE(utf8_valid("Cymraeg âêîôûŵŷ"));
  EXPECT_FALSE(utf8_valid("\xC3\x28"));
  EXPECT_FALSE(utf8_valid("\xED\xA0\x80"));  // a surrogate
}

TEST(Text, SanitizeDropsControlsEmojiAndCaps) {
  EXPECT_EQ(sanitize_text("hi\x07 there\x1b[2J", 100, false), "hi there[2J");
  EXPECT_EQ(sanitize_text("ok \xF0\x9F\x98\x80!", 100, false), "ok !");
  EXPECT_EQ(sanitize_text("line1\nline2", 100, true), "line1\nline2");
  EXPECT_EQ(sanitize_text("line1\nline2", 100, false), "line1 line2");
  EXPECT_EQ(utf8_length(sanitize_text(std::string(5000, 'a'), 1000, false)), 1000u);
  EXPECT_EQ(sanitize_text("\xC3\x28ŵ", 10, false), "(ŵ");
}

TEST(Strings, LoadsBothLanguagesAndFormats) {
  Strings s;
  std::string err;
  ASSERT_TRUE(s.load(assets_dir() + "/strings", &err)) << err;
  EXPECT_EQ(s.get("en", "home.messages"), "Messages");
  EXPECT_EQ(s.get("cy", "home.messages"), "Negeseuon");
  EXPECT_EQ(s.fmt("en", "home.greeting", {{"name", "Alex"}}), "Hi Alex");
  EXPECT_EQ(s.get("en", "no.such.id"), "\xE2\x9F\xA6no.such.id\xE2\x9F\xA7");
  EXPECT_EQ(format("{a} and {b} and {c}", {{"a", "1"}, {"b", "2"}}), "1 and 2 and {c}");
}

TEST(Strings, EveryIdInBothLanguages) {
  Strings s;
  std::string err;
  ASSERT_TRUE(s.load(assets_dir() + "/strings", &err)) << err;
  for (const auto& [id, text] : s.table("en")) {
    EXPECT_TRUE(s.has("cy", id)) << "no Welsh for " << id;
    EXPECT_FALSE(text.empty()) << id;
  }
  for (const auto& [id, text] : s.table("cy")) EXPECT_TRUE(s.has("en", id)) << "no English for " << id;
}

TEST(Strings, RefusesMalformedAndDuplicateTables) {
  TempDir d;
  std::filesystem::create_directories(d.file("en"));
  std::filesystem::create_directories(d.file("cy"));
  std::ofstream(d.file("en/a.json")) << R"({"x": "one"})";
  std::ofstream(d.file("en/b.json")) << R"({"x": "two"})";
  std::ofstream(d.file("cy/a.json")) << R"({"x": "un"})";
  Strings s;
  std::string err;
  EXPECT_FALSE(s.load(d.path(), &err));
  EXPECT_NE(err.find("already defined"), std::string::npos) << err;
  std::ofstream(d.file("en/b.json")) << R"({"y": 3})";
  Strings s2;
  EXPECT_FALSE(s2.load(d.path(), &err));
  std::ofstream(d.file("en/b.json")) << "{not json";
  Strings s3;
  EXPECT_FALSE(s3.load(d.path(), &err));
  EXPECT_NE(err.find("not valid JSON"), std::string::npos) << err;
}

TEST(Outbox, IdsSequencesImmutabilityAndStates) {
  TempDir d;
  auto r = open_device(d.path());
  ASSERT_TRUE(r.db);
  Db& db = *r.db;
  EXPECT_THROW(outbox_add(db, "message", "1001", "{}", 1), DbError) << "must be inside the caller's transaction";
  std::string a, b;
  {
    Txn t(db);
    a = outbox_add(db, "enquiry", "1001", R"({"listing":"x"})", 10);
    b = outbox_add(db, "message", "1001", R"({"text":"hi"})", 11);
    t.commit();
  }
  {
    Txn t(db);  // rolled back: the sequence number is not used up either
    outbox_add(db, "message", "1001", "{}", 12);
  }
  auto pending = outbox_pending(db, 10);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].id, a);
  EXPECT_EQ(pending[0].seq, 1);
  EXPECT_EQ(pending[1].seq, 2);
  EXPECT_NE(a, b);
  EXPECT_THROW(db.exec("UPDATE outbox SET body = '{}'"), DbError);
  {
    Txn t(db);
    outbox_advance(db, a, "sent", 20);
    outbox_advance(db, a, "read", 21);
    outbox_advance(db, a, "delivered", 22);  // late: must not go backwards
    t.commit();
  }
  EXPECT_EQ(outbox_get(db, a)->state, "read");
  EXPECT_EQ(outbox_pending(db, 10).size(), 1u);
  {
    Txn t(db);
    EXPECT_EQ(outbox_add(db, "message", "1001", "{}", 30).size(), 32u);
    t.commit();
  }
  EXPECT_EQ(outbox_for_child(db, "1001", "message").back().seq, 3);
}
