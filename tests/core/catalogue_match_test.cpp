// Matching: area by centroid distance, the release window, expiry, approval, kinds, search, order.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/messaging/outbox.h"
#include "tests/core/catalogue_fixture.h"

namespace waymark::test {
namespace {

std::vector<std::string> ids(const MatchResult& r) {
  std::vector<std::string> out;
  for (const auto& m : r.items) out.push_back(m.l.id);
  return out;
}

MatchQuery leeds_child() {
  MatchQuery q;
  q.child = "1001";
  q.release_la = kLeeds;
  q.release_date = "2026-03-02";
  q.today = CivilDate{2026, 1, 5};
  return q;
}

TEST(Haversine, KnownDistances) {
  // Leeds to Bradford centroids: about 22 km; Leeds to Cardiff: about 285 km
  EXPECT_NEAR(haversine_km(53.822731, -1.507360, 53.852360, -1.838120), 21.9, 1.0);
  EXPECT_NEAR(haversine_km(53.822731, -1.507360, 51.502541, -3.222090), 285, 8);
  EXPECT_DOUBLE_EQ(haversine_km(51.5, -3.2, 51.5, -3.2), 0.0);
}

TEST_F(CatalogueDb, AreaWithinRadiusOnly) {
  put(make("leeds", kLeeds, "2026-03-10"));
  put(make("bradford", kBradford, "2026-03-11"));
  put(make("cardiff", kCardiff, "2026-03-10"));
  put(make("plymouth", kPlymouth, "2026-03-10"));
  MatchQuery q = leeds_child();
  MatchResult r = match_listings(*db, q);
  EXPECT_TRUE(r.area_known);
  EXPECT_EQ(r.area_name_en, "Leeds");
  EXPECT_EQ(ids(r), (std::vector<std::string>{"leeds", "bradford"}));
  q.radius_km = 10;  // Bradford is about 22 km away
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"leeds"}));
  q.release_la = kCardiff;
  q.radius_km = 30;
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"cardiff"}));
}

TEST_F(CatalogueDb, DateWindowFromReleaseTo16Weeks) {
  put(make("before-release", kLeeds, "2026-03-01"));
  put(make("on-release", kLeeds, "2026-03-02"));
  put(make("last-day", kLeeds, "2026-06-22"));  // release + 16 weeks
  put(make("too-late", kLeeds, "2026-06-23"));
  MatchResult r = match_listings(*db, leeds_child());
  EXPECT_EQ(ids(r), (std::vector<std::string>{"on-release", "last-day"}));
  EXPECT_EQ(format_date(r.from), "2026-03-02");
  EXPECT_EQ(format_date(r.to), "2026-06-22");
  MatchQuery q = leeds_child();
  q.any_date = true;  // still never before release
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"on-release", "last-day", "too-late"}));
}

TEST_F(CatalogueDb, ReleaseDateUnknownStartsToday) {
  put(make("soon", kLeeds, "2026-01-06"));
  put(make("past", kLeeds, "2026-01-04"));
  MatchQuery q = leeds_child();
  q.release_date.reset();
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"soon"}));
}

TEST_F(CatalogueDb, NeverExpiredRetiredOrUnapproved) {
  Listing ok = make("ok", kLeeds, "2026-03-10");
  Listing expired = make("expired", kLeeds, "2026-03-10");
  expired.expires = "2026-01-04";  // the day before today
  Listing expires_today = make("expires-today", kLeeds, "2026-03-10");
  expires_today.expires = "2026-01-05";
  Listing retired = make("retired", kLeeds, "2026-03-10");
  retired.status = "retired";
  Listing pending = make("pending", kLeeds, "2026-03-10");
  pending.status = "pending";
  for (const auto& l : {ok, expired, expires_today, retired, pending}) put(l);
  auto got = ids(match_listings(*db, leeds_child()));
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"expires-today", "ok"}));
}

TEST_F(CatalogueDb, SoonestFirstThenNearest) {
  put(make("b-late", kLeeds, "2026-04-01"));
  put(make("a-bradford", kBradford, "2026-03-10"));
  put(make("c-leeds", kLeeds, "2026-03-10"));
  put(make("d-early", kWakefield, "2026-03-03"));
  EXPECT_EQ(ids(match_listings(*db, leeds_child())), (std::vector<std::string>{"d-early", "c-leeds", "a-bradford", "b-late"}));
}

TEST_F(CatalogueDb, AreaUnknownShowsEverywhereAndSaysSo) {
  put(make("leeds", kLeeds, "2026-03-10"));
  put(make("cardiff", kCardiff, "2026-03-11"));
  MatchQuery q = leeds_child();
  q.release_la.reset();
  MatchResult r = match_listings(*db, q);
  EXPECT_FALSE(r.area_known);
  EXPECT_EQ(r.items.size(), 2u);
  q.release_la = "E99999999";  // a code the table does not have is unknown too
  EXPECT_FALSE(match_listings(*db, q).area_known);
}

TEST_F(CatalogueDb, KindsFilter) {
  put(make("course", kLeeds, "2026-03-10", "course"));
  put(make("job", kLeeds, "2026-03-10", "job", "Warehouse helper"));
  put(make("act", kLeeds, "2026-03-10", "activity", "Boxing club"));
  MatchQuery q = leeds_child();
  q.kinds = {"job", "activity"};
  auto got = ids(match_listings(*db, q));
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"act", "job"}));
}

TEST_F(CatalogueDb, InterestAndLevelFilters) {
  Listing a = make("a", kLeeds, "2026-03-10");
  a.level = 1;
  Listing b = make("b", kLeeds, "2026-03-10", "job", "Kitchen porter");
  b.interest = "food";
  b.level = 0;
  Listing c = make("c", kLeeds, "2026-03-10");
  c.level = 3;
  for (const auto& l : {a, b, c}) put(l);
  MatchQuery q = leeds_child();
  q.interests = {"food"};
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"b"}));
  q.interests.clear();
  q.max_level = 2;
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"a", "b"}));
}

TEST_F(CatalogueDb, PrefixSearchOnEveryWord) {
  put(make("brick", kLeeds, "2026-03-10", "course", "Bricklaying for beginners"));
  Listing wh = make("wh", kLeeds, "2026-03-11", "job", "Warehouse helper");
  wh.summary = "Pick and pack orders and load vans.";
  put(wh);
  Listing cafe = make("cafe", kLeeds, "2026-03-12", "job", "Café assistant");
  cafe.summary = "Make drinks and serve food to customers.";
  put(cafe);
  MatchQuery q = leeds_child();
  q.search = "bri";
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"brick"}));
  q.search = "WARE hel";
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"wh"}));
  q.search = "cafe";  // diacritics folded
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"cafe"}));
  q.search = "drinks";  // the summary is searched too
  EXPECT_EQ(ids(match_listings(*db, q)), (std::vector<std::string>{"cafe"}));
  q.search = "zzz";
  EXPECT_TRUE(match_listings(*db, q).items.empty());
  q.search = "\" OR * NEAR( -- ";  // FTS syntax is never passed through
  EXPECT_NO_THROW(match_listings(*db, q));
}

TEST_F(CatalogueDb, SearchFollowsEdits) {
  put(make("x", kLeeds, "2026-03-10", "course", "Plumbing starter course"));
  MatchQuery q = leeds_child();
  q.search = "plumb";
  EXPECT_EQ(match_listings(*db, q).items.size(), 1u);
  Listing changed = make("x", kLeeds, "2026-03-10", "course", "Joinery starter course");
  put(changed);
  EXPECT_TRUE(match_listings(*db, q).items.empty());
  q.search = "join";
  EXPECT_EQ(match_listings(*db, q).items.size(), 1u);
}

TEST_F(CatalogueDb, SaveAndMyList) {
  put(make("a", kLeeds, "2026-03-10"));
  put(make("b", kLeeds, "2026-03-12"));
  set_saved(*db, "1001", "b", true, 100);
  set_saved(*db, "1001", "b", true, 101);  // twice is once
  auto mine = saved_listings(*db, "1001", CivilDate{2026, 1, 5});
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].l.id, "b");
  EXPECT_TRUE(saved_listings(*db, "1002", CivilDate{2026, 1, 5}).empty());
  MatchResult r = match_listings(*db, leeds_child());
  EXPECT_FALSE(r.items[0].saved);
  EXPECT_TRUE(r.items[1].saved);
  EXPECT_FALSE(set_saved(*db, "1001", "no-such-listing", true, 101));
  set_saved(*db, "1001", "b", false, 102);
  EXPECT_TRUE(saved_listings(*db, "1001", CivilDate{2026, 1, 5}).empty());
}

TEST_F(CatalogueDb, InterestedWritesOneOutboxEnquiryAsTheChildSawIt) {
  Listing l = make("a", kLeeds, "2026-03-10");
  l.title = "Bricklaying for beginners";
  put(l);
  EnquiryResult e = express_interest(*db, "1001", "a", CivilDate{2026, 1, 5}, 1000);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_FALSE(e.already);
  auto item = outbox_get(*db, e.outbox_id);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->kind, "enquiry");
  EXPECT_EQ(item->child, "1001");
  EXPECT_EQ(item->state, "waiting");
  auto body = nlohmann::json::parse(item->body);
  EXPECT_EQ(body["listing_id"], "a");
  EXPECT_EQ(body["title"], "Bricklaying for beginners");
  EXPECT_EQ(body["provider"], "Leeds City College");
  EXPECT_EQ(body["place"], "Somewhere");
  EXPECT_EQ(body["start_date"], "2026-03-10");
  EXPECT_EQ(body["la_name"], "Leeds");
  EXPECT_EQ(enquiry_state(*db, "1001", "a"), "waiting");
  // a second tap is the same enquiry, not a second one
  EnquiryResult again = express_interest(*db, "1001", "a", CivilDate{2026, 1, 5}, 1001);
  EXPECT_TRUE(again.already);
  EXPECT_EQ(again.outbox_id, e.outbox_id);
  EXPECT_EQ(outbox_for_child(*db, "1001", "enquiry").size(), 1u);
  // asking also keeps it on the list, and the counts see both
  EXPECT_EQ(saved_listings(*db, "1001", CivilDate{2026, 1, 5}).size(), 1u);
  auto counts = listing_counts(*db);
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].saved, 1);
  EXPECT_EQ(counts[0].asked, 1);
}

TEST_F(CatalogueDb, InterestedInSomethingNotShowableIsRefusedAndWritesNothing) {
  Listing l = make("old", kLeeds, "2026-03-10");
  l.expires = "2026-01-01";
  put(l);
  EnquiryResult e = express_interest(*db, "1001", "old", CivilDate{2026, 1, 5}, 1000);
  EXPECT_FALSE(e.ok);
  EXPECT_FALSE(e.error.empty());
  EXPECT_TRUE(outbox_for_child(*db, "1001", "enquiry").empty());
  EXPECT_FALSE(express_interest(*db, "1001", "missing", CivilDate{2026, 1, 5}, 1000).ok);
}

TEST_F(CatalogueDb, EnquiryAndOutboxAreOneTransaction) {
  put(make("a", kLeeds, "2026-03-10"));
  // the outbox refuses the insert (a trigger standing in for a full disk): the enquiry must not stay either
  db->exec("CREATE TEMP TRIGGER no_outbox BEFORE INSERT ON main.outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
  EXPECT_THROW(express_interest(*db, "1001", "a", CivilDate{2026, 1, 5}, 1000), DbError);
  Stmt s(*db, "SELECT count(*) FROM enquiries");
  s.step();
  EXPECT_EQ(s.i64(0), 0);
  EXPECT_TRUE(saved_listings(*db, "1001", CivilDate{2026, 1, 5}).empty());
}

TEST(LaCsv, ParsesAndRefusesBadRows) {
  std::vector<LocalAuthority> las;
  std::string err;
  ASSERT_TRUE(parse_la_csv(la_csv(test_las()), las, &err)) << err;
  EXPECT_EQ(las.size(), 6u);
  EXPECT_EQ(las[3].name_cy, "Caerdydd");
  EXPECT_FALSE(parse_la_csv("code,name_en,name_cy,region,lat,lon\nS12000033,Aberdeen,,Scotland,57.1,-2.1\n", las, &err));
  EXPECT_NE(err.find("England or Wales"), std::string::npos);
  EXPECT_FALSE(parse_la_csv("code,name_en,name_cy,region,lat,lon\nE08000035,Leeds,,Y,abc,-1.5\n", las, &err));
  EXPECT_FALSE(parse_la_csv("code,name_en,name_cy,region,lat,lon\nE08000035,Leeds,,Y,53.8,-1.5\nE08000035,Leeds,,Y,53.8,-1.5\n", las, &err));
  EXPECT_NE(err.find("twice"), std::string::npos);
  EXPECT_FALSE(parse_la_csv("code,name\n", las, &err));
}

}  // namespace
}  // namespace waymark::test
