// tests/web/stored_records_test.cpp: records are immutable, and some were stored before uploads were checked
// against their wire type. None of them may make a worker's or the security review's page answer 500: each
// odd body below goes straight into the database, and every page that shows it is fetched over HTTPS.
#include <gtest/gtest.h>
#include <httplib.h>

#include "core/base/secrets.h"
#include "gateway/store/web_accounts.h"
#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;

namespace {

std::string store_raw(Db& db, const std::string& device, const std::string& kind, const std::string& body, const std::string& status,
                      std::optional<int64_t> worker, int64_t now_ms) {
  static int64_t seq = 200000;
  const std::string id = random_id();
  Stmt s(db,
         "INSERT INTO records(id, device_id, device_seq, kind, child, body, created_at, status, received_at, receipt, worker_id) "
         "VALUES(:id, :d, :s, :k, '1001', :b, 0, :st, :now, '{}', :w)");
  s.bind(":id", id).bind(":d", device).bind(":s", ++seq).bind(":k", kind).bind(":b", body).bind(":st", status).bind(":now", now_ms);
  if (worker) s.bind(":w", *worker);
  else s.bind_null(":w");
  s.run();
  return id;
}

}  // namespace

TEST(WebStoredRecords, NoStoredBodyMakesAPageAnswer500) {
  Gw gw;
  const std::string dev = gw.seeded.kiosk_id;
  const int64_t now = gw.now();
  const std::string deep = std::string(20000, '[') + std::string(20000, ']');
  std::vector<std::string> views;
  {
    auto db = gw.db();
    // My Views: numbers, lists and objects where text belongs, at every level.
    views.push_back(store_raw(*db, dev, "myviews",
                              json{{"lang", 5}, {"supersedes", 7}, {"meeting", {{"type", 3}, {"kind", {1}}, {"starts_at", INT64_MAX}}},
                                   {"answers", json::array({json{{"q", json::array()}, {"title", 7}, {"skipped", "yes"}, {"text", 42}, {"value", {{"a", {1, 2}}}}},
                                                            json{{"question", false}, {"answer", nullptr}}, 5, "text", nullptr})}}
                                  .dump(),
                              "accepted", std::nullopt, now));
    views.push_back(store_raw(*db, dev, "myviews", R"({"answers": "not a list", "meeting": [1, 2], "lang": null})", "accepted", std::nullopt, now));
    views.push_back(store_raw(*db, dev, "myviews", "[1, 2, 3]", "accepted", std::nullopt, now));
    views.push_back(store_raw(*db, dev, "myviews", "not JSON at all {", "accepted", std::nullopt, now));
    views.push_back(store_raw(*db, dev, "myviews", deep, "accepted", std::nullopt, now));
    views.push_back(store_raw(*db, dev, "myviews", json{{"meeting", {{"starts_at", INT64_MIN}, {"date", 20261203}}}}.dump(), "accepted", std::nullopt, now));
    // Enquiries: a listing and a question with the wrong types everywhere.
    store_raw(*db, dev, "enquiry",
              json{{"title", {{"en", "x"}}}, {"kind", 3}, {"start_date", 20270906}, {"la_name", json::array()}, {"la_code", nullptr},
                   {"asked_at", INT64_MAX}, {"listing_id", 1.5}}
                  .dump(),
              "accepted", std::nullopt, now);
    store_raw(*db, dev, "enquiry", json{{"topic", 5}, {"question", {1}}, {"asked_at", -9}}.dump(), "accepted", std::nullopt, now);
    store_raw(*db, dev, "enquiry", json{{"topic", "release_area"}, {"question", "Where?"}, {"asked_at", INT64_MAX}}.dump(), "accepted",
              std::nullopt, now);
    store_raw(*db, dev, "enquiry", deep, "accepted", std::nullopt, now);
    // Messages: a refused deep body (stored as it came) and an accepted one with a number for text.
    store_raw(*db, dev, "message", deep, "refused", std::nullopt, now);
    store_raw(*db, dev, "message", json{{"to", gw.seeded.sam}, {"text", 12}}.dump(), "accepted", gw.seeded.sam, now);
    store_raw(*db, dev, "message", "[]", "accepted", gw.seeded.sam, now);
    gateway::add_security_staff(*db, "Pat Jones", "pat.jones@brookfield.example", "test", wall_ms());
    const std::string code = gateway::issue_password_code(*db, "pat.jones@brookfield.example", "test", wall_ms());
    ASSERT_EQ(gateway::set_password_with_code(*db, "pat.jones@brookfield.example", code, "pat-security-password", "127.0.0.1", wall_ms()), "");
  }
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  std::vector<std::string> pages{"/children", "/children/1001", "/children/1001/views", "/children/1001/interests", "/children/1001/meetings"};
  for (const std::string& id : views) pages.push_back("/children/1001/views/" + id);
  for (const std::string& p : pages) {
    auto r = b.get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(r->status, 200) << p << "\n" << r->body.substr(0, 2000);
    EXPECT_EQ(r->body.find("Something went wrong"), std::string::npos) << p;
  }
  // The unreadable bodies are shown as their text, escaped, not dropped.
  auto unreadable = b.get("/children/1001/views/" + views[3]);
  EXPECT_NE(unreadable->body.find("not JSON at all {"), std::string::npos);
  // Replying still works beside the odd messages.
  auto sent = b.post("/children/1001/reply", {{"csrf", b.csrf()}, {"text", "Thanks"}});
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, 303);

  Browser s(gw);
  ASSERT_EQ(s.sign_in("pat.jones@brookfield.example", "pat-security-password")->status, 303);
  for (const std::string p : {"/security", "/security/children/1001"}) {
    auto r = s.get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(r->status, 200) << p << "\n" << r->body.substr(0, 2000);
  }
}
