// tests/web/web_fixture.h: a demo gateway with records a kiosk on wing Oak uploaded (through the real
// api_up of the device API), workers with passwords set through one-time codes, and a running server.
// Shared by web_test.cpp (HTTP-level rules) and e2e_server.cpp (the browser test).
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"
#include "tests/common/test_store.h"
#include "core/base/clock.h"
#include "core/base/secrets.h"
#include "gateway/net/server.h"
#include "gateway/net/tls.h"
#include "gateway/store/store.h"
#include "gateway/store/web_children.h"

namespace waymark::webtest {

namespace fs = std::filesystem;
using nlohmann::json;

inline const char* const kSamPassword = "sam-web-password-2468";
inline const char* const kRhianPassword = "rhian-web-password-1357";

inline int64_t wall_ms() {
  return wall_now_ms();  // the product clock: WAYMARK_NOW moves the tests with it
}

inline std::string temp_dir(const std::string& tag) {
  static std::atomic<int> n{0};
  fs::path p = fs::temp_directory_path() / ("waymark-web-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

// A kiosk device on wing Oak, registered directly (enrolment has its own tests); uploads go through api_up.
struct FakeKiosk {
  std::string id;
  int64_t seq = 0;
  explicit FakeKiosk(Db& db) : id(random_id()) {
    const std::string pk = random_id();  // 32 bytes, unique
    Stmt s(db, "INSERT INTO devices(id, public_key, wing, label, enrolled_at) VALUES(:id, :k, 'Oak', 'test kiosk', 0)");
    s.bind(":id", id).bind_blob(":k", pk.data(), pk.size()).run();
  }
  // Uploads one record; returns its id (the receipt must say accepted).
  std::string up(Db& db, const std::string& kind, const std::string& child, const json& body, int64_t now_ms) {
    const std::string rid = random_id();
    json req{{"records", json::array({json{{"id", rid}, {"seq", ++seq}, {"kind", kind}, {"child", child},
                                          {"created_at", now_ms / 1000}, {"body", body.dump()}}})}};
    const json r = gateway::api_up(db, gateway::Device{id, "Oak"}, req, now_ms);
    if (r["receipts"][0]["status"] != "accepted") throw std::runtime_error("upload refused: " + r.dump());
    return rid;
  }
};

inline json myviews_body(const std::string& child, const std::string& supersedes, int64_t meeting_at_s, const std::string& goal) {
  return json{{"kind", "myviews"},
              {"form", "myviews-v1"},
              {"form_version", 1},
              {"child", child},
              {"lang", "en"},
              {"meeting", {{"id", 7}, {"type", "review"}, {"starts_at", meeting_at_s}}},
              {"started_at", meeting_at_s - 86400 * 3},
              {"finalized_at", meeting_at_s - 86400 * 2},
              {"supersedes", supersedes.empty() ? json(nullptr) : json(supersedes)},
              {"answers", json::array({
                  json{{"q", "going_well"}, {"title", "What is going well?"}, {"value", "Education and gym"}, {"skipped", false},
                       {"text", "Going to education every day. I like the gym."}},
                  json{{"q", "goal"}, {"title", "What do you want to do after you leave?"}, {"value", goal}, {"skipped", false}, {"text", goal}},
                  json{{"q", "worries"}, {"title", "Is anything worrying you?"}, {"value", nullptr}, {"skipped", true}, {"text", ""}},
                  json{{"q", "who"}, {"title", "Who do you want at the meeting?"}, {"value", json::array({"mum", "yot_worker"})},
                       {"skipped", false}, {"text", "Mum, my YOT worker"}},
                  json{{"q", "say"}, {"title", "Anything else you want the meeting to know?"}, {"value", "I want to live with my mum."},
                       {"skipped", false}, {"text", "I want to live with my mum."}}})}};
}

inline json enquiry_body(int64_t now_s) {
  return json{{"listing_id", "L-bricklaying-l1"}, {"kind", "course"},       {"title", "Bricklaying Level 1"},
              {"provider", "Leeds City College"}, {"place", "Quarry Hill campus"}, {"la_code", "E08000035"},
              {"la_name", "Leeds"},             {"start_date", "2027-09-06"}, {"duration", "1 year, 3 days a week"},
              {"asked_at", now_s}};
}

struct Seeded {
  int64_t sam = 0, rhian = 0;
  std::string msg_1001, msg_1002, views_1001_old, views_1001_new, views_1002, enquiry_1001, kiosk_id;
  std::string meeting_1001, meeting_1002;
};

// A demo gateway in `dir` (key and certificate too) with the records above and both workers' web passwords
// set through one-time codes. Argon2id is slow on purpose, so tests copy one seeded folder.
inline Seeded seed_web_demo(const std::string& dir, int64_t now_ms) {
  Seeded s;
  auto db = gateway::open_gateway(dir, true);
  gateway::seed_gateway_demo(*db, now_ms);
  gateway::make_self_signed(gateway::key_path(dir), gateway::cert_path(dir), "web test gateway", {});
  s.sam = gateway::worker_by_email(*db, "sam.taylor@leeds-yot.example")->id;
  s.rhian = gateway::worker_by_email(*db, "rhian.evans@cardiff-yos.example")->id;
  for (auto [email, pw] : {std::pair{"sam.taylor@leeds-yot.example", kSamPassword}, std::pair{"rhian.evans@cardiff-yos.example", kRhianPassword}}) {
    const std::string code = gateway::issue_password_code(*db, email, "test", now_ms);
    const std::string err = gateway::set_password_with_code(*db, email, code, pw, "127.0.0.1", now_ms);
    if (!err.empty()) throw std::runtime_error(err);
  }
  FakeKiosk k(*db);
  s.kiosk_id = k.id;
  const int64_t meet_s = now_ms / 1000 + 9 * 86400;
  s.msg_1001 = k.up(*db, "message", "1001", json{{"to", s.sam}, {"text", "Hi Sam, can we talk about college before my review?"}}, now_ms);
  s.msg_1002 = k.up(*db, "message", "1002", json{{"to", s.rhian}, {"text", "Helo Rhian, diolch."}}, now_ms);
  s.views_1001_old = k.up(*db, "myviews", "1001", myviews_body("1001", "", meet_s, "A job"), now_ms);
  s.views_1001_new = k.up(*db, "myviews", "1001", myviews_body("1001", s.views_1001_old, meet_s, "Bricklaying at college"), now_ms + 1000);
  s.views_1002 = k.up(*db, "myviews", "1002", myviews_body("1002", "", meet_s, "Cerys's private goal"), now_ms);
  s.enquiry_1001 = k.up(*db, "enquiry", "1001", enquiry_body(now_ms / 1000), now_ms);
  {  // Cerys read the catalogue in Welsh: her enquiry carries the Welsh title she saw beside the English one
    json cy = enquiry_body(now_ms / 1000);
    cy["title_cy"] = "Gosod brics (lefel 1)";
    cy["read_in"] = "Welsh";
    k.up(*db, "enquiry", "1002", cy, now_ms);
  }
  for (const auto& m : gateway::child_meetings(*db, "1001"))
    if (m.kind == "pre_release") s.meeting_1001 = m.id;  // the tests name it "Pre-release meeting"
  for (const auto& m : gateway::child_meetings(*db, "1002")) s.meeting_1002 = m.id;
  return s;
}

}  // namespace waymark::webtest
