// Gateway and kiosk sync over real HTTPS on 127.0.0.1: enrolment, the whitelist, up (idempotency, conflict,
// gaps), down (cursor, epoch), pinning, hostile input, and the YOT worker's side.
#include <gtest/gtest.h>
#include <httplib.h>

#include "core/accounts/accounts.h"
#include "core/messaging/messaging.h"
#include "core/base/secrets.h"
#include "core/messaging/outbox.h"
#include "core/ops/provisioning.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

// The YOT worker's side over HTTPS (cpp-httplib's client; the worker's browser in real life).
struct Worker {
  httplib::SSLClient cli;
  std::string token;
  Worker(int port, const std::string& email, const std::string& pw) : cli("127.0.0.1", port) {
    cli.enable_server_certificate_verification(false);
    auto r = cli.Post("/v1/worker/session", json{{"email", email}, {"password", pw}}.dump(), "application/json");
    if (r && r->status == 200) token = json::parse(r->body)["token"];
  }
  httplib::Headers auth() const { return {{"Authorization", "Bearer " + token}}; }
  json inbox() {
    auto r = cli.Get("/v1/worker/inbox", auth());
    return r && r->status == 200 ? json::parse(r->body) : json();
  }
  int read(const std::vector<std::string>& ids) {
    auto r = cli.Post("/v1/worker/read", auth(), json{{"ids", ids}}.dump(), "application/json");
    return r ? r->status : 0;
  }
  int send(const std::string& child, const std::string& text) {
    auto r = cli.Post("/v1/worker/send", auth(), json{{"child", child}, {"text", text}}.dump(), "application/json");
    return r ? r->status : 0;
  }
};

std::string add_outbox(Db& db, const std::string& kind, const std::string& child, const json& body) {
  Txn t(db);
  std::string id = outbox_add(db, kind, child, body.dump(), wall_ms() / 1000);
  t.commit();
  return id;
}

class GatewayTest : public ::testing::Test {
protected:
  void SetUp() override { gw = std::make_unique<TestGateway>(demo_gateway_copy("gw")); }
  std::unique_ptr<TestGateway> gw;
};

}  // namespace

// ---------------------------------------------------------------- enrolment
TEST_F(GatewayTest, EnrolGivesRosterWithPinHashesNeverPins) {
  TestDevice dev("dev");
  EnrolResult e = dev.enrol(*gw);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.wing, "Oak");
  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.children, 2);
  EXPECT_EQ(r.contacts, 2);
  EXPECT_EQ(r.meetings, 6);  // the demo's one set of meetings (core/myviews/demo_meetings.h)
  // The demo children can sign in with their demo PINs; only Argon2id hashes crossed the wire.
  ManualClock mc(wall_ms());
  Accounts acc(*dev.db, mc);
  EXPECT_EQ(acc.sign_in_child("1001", "1357").result.status, SignInStatus::Ok);
  EXPECT_EQ(acc.sign_in_child("1002", "2468").result.status, SignInStatus::Ok);
  Stmt s(*dev.db, "SELECT pin_hash FROM children WHERE number = '1001'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0).rfind("$argon2id$", 0), 0u);
  EXPECT_GT(gateway_time_floor(*dev.db), 0);
  // The gateway's meetings reach the meetings feature's table (once, however often they are re-read).
  auto count_synced = [&] {
    Stmt m(*dev.db, "SELECT count(*) FROM meetings WHERE source_id IS NOT NULL AND child = '1001'");
    m.step();
    return m.i64(0);
  };
  EXPECT_EQ(count_synced(), 3);
  {
    Txn t(*dev.db);
    meta_set(*dev.db, "sync_cursor", "0");
    t.commit();
  }
  ASSERT_TRUE(dev.sync().ok);
  EXPECT_EQ(count_synced(), 3);
}

TEST_F(GatewayTest, ReusedCodeIsRefused) {
  const std::string code = gw->code();
  TestDevice a("a"), b("b");
  ASSERT_TRUE(enrol_device(*a.db, gw->url(), gw->pin(), code, "a", a.clock).ok);
  EnrolResult e = enrol_device(*b.db, gw->url(), gw->pin(), code, "b", b.clock);
  EXPECT_FALSE(e.ok);
  EXPECT_NE(e.error.find("wrong, used or expired"), std::string::npos) << e.error;
  EXPECT_FALSE(device_enrolled(*b.db));
}

TEST_F(GatewayTest, ExpiredAndWrongCodesAreRefused) {
  const std::string code = gw->code("Oak", 1);
  gw->offset_ms = 2 * 3600'000;  // two hours later
  TestDevice a("a");
  EXPECT_FALSE(enrol_device(*a.db, gw->url(), gw->pin(), code, "a", a.clock).ok);
  EXPECT_FALSE(enrol_device(*a.db, gw->url(), gw->pin(), "AAAA-BBBB-CCCC", "a", a.clock).ok);
  EXPECT_FALSE(device_enrolled(*a.db));
}

TEST_F(GatewayTest, UnknownDeviceIsRefused) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  {
    Txn t(*dev.db);
    meta_set(*dev.db, "device_id", random_id());
    t.commit();
  }
  SyncReport r = dev.sync();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.refusal, "unknown_device");
}

TEST_F(GatewayTest, ForgedSignatureIsRefused) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  {
    Txn t(*dev.db);
    meta_set(*dev.db, "sync_device_key", sync::base64_encode(sync::make_device_keys().secret_key));
    t.commit();
  }
  SyncReport r = dev.sync();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.refusal, "bad_signature");
}

TEST_F(GatewayTest, RevokedDeviceGetsNothing) {
  TestDevice dev("dev");
  EnrolResult e = dev.enrol(*gw);
  ASSERT_TRUE(e.ok);
  {
    auto db = gw->db();
    gateway::revoke_device(*db, e.device_id, "test", gw->now());
  }
  add_outbox(*dev.db, "message", "1001", json{{"to", 1}, {"text", "hello"}});
  SyncReport r = dev.sync();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.refusal, "revoked_device");
  EXPECT_EQ(r.changes, 0);
  auto db = gw->db();
  Stmt s(*db, "SELECT count(*) FROM records");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 0);
}

// ---------------------------------------------------------------- the whitelist
TEST_F(GatewayTest, ChildOnAnotherWingIsRefusedAndNotSent) {
  {
    auto db = gw->db();
    gateway::ChildRow c{"2001", "Jordan", "2010-03-04", "Elm", "", "", "en", true, "BRK"};  // a new wing: which establishment
    gateway::put_child(*db, c, std::string("4321"), "test", gw->now());
  }
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  Stmt s(*dev.db, "SELECT count(*) FROM children WHERE number = '2001'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 0) << "a child on another wing must not reach this device";
  const std::string id = add_outbox(*dev.db, "enquiry", "2001", json{{"course", "x"}});
  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.refused, 1);
  auto item = outbox_get(*dev.db, id);
  EXPECT_EQ(item->state, "refused");
  EXPECT_EQ(item->last_error, "not_on_wing");
  // A worker's message to that child goes to the Elm wing's feed, never to this Oak device.
  {
    auto db = gw->db();
    gateway::set_contact(*db, "2001", 1, true, "test", gw->now());
    gateway::api_worker_send(*db, 1, json{{"child", "2001"}, {"text", "for Elm only"}}, gw->now());
  }
  SyncReport after = dev.sync();
  ASSERT_TRUE(after.ok);
  EXPECT_EQ(after.messages, 0);
  EXPECT_EQ(after.contacts, 0);
  Stmt leak(*dev.db, "SELECT count(*) FROM inbox");
  ASSERT_TRUE(leak.step());
  EXPECT_EQ(leak.i64(0), 0);
}

TEST_F(GatewayTest, ContactNotAllowedIsRefusedAndRevokedContactDisappears) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  // 1001 may message Sam (worker 1) but not Rhian (worker 2): the kiosk refuses, and so does the gateway.
  EXPECT_EQ(send_message(*dev.db, "1001", 2, "hi", 0).status, SendStatus::NotAllowed);
  const std::string forged = add_outbox(*dev.db, "message", "1001", json{{"to", 2}, {"text", "hi"}});
  ASSERT_EQ(approved_contacts(*dev.db, "1001").size(), 1u);
  // Revoke Sam: a message already queued is refused and the contact disappears at the next sync.
  SendResult queued = send_message(*dev.db, "1001", 1, "see you soon", wall_ms() / 1000);
  ASSERT_EQ(queued.status, SendStatus::Ok);
  {
    auto db = gw->db();
    gateway::set_contact(*db, "1001", 1, false, "test", gw->now());
  }
  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(outbox_get(*dev.db, forged)->last_error, "contact_not_allowed");
  EXPECT_EQ(outbox_get(*dev.db, queued.id)->state, "refused");
  EXPECT_TRUE(approved_contacts(*dev.db, "1001").empty());
  Worker sam(gw->port, "sam.taylor@leeds-yot.example", "demo-sam-2468");
  ASSERT_FALSE(sam.token.empty());
  EXPECT_EQ(sam.send("1001", "hello"), 403);
  EXPECT_TRUE(sam.inbox()["messages"].empty());
}

// ---------------------------------------------------------------- up
TEST_F(GatewayTest, SameIdSameBodyGetsTheOriginalReceiptDifferentBodyIsAConflict) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  json rec{{"id", random_id()}, {"seq", 1}, {"kind", "message"}, {"child", "1001"}, {"created_at", 100},
           {"body", json{{"to", 1}, {"text", "hello"}}.dump()}};
  HttpResult a = signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", {rec}}});
  ASSERT_EQ(a.status, 200) << a.body;
  const json ra = json::parse(a.body)["receipts"][0];
  EXPECT_EQ(ra["status"], "accepted");
  HttpResult b = signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", {rec}}});
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(json::parse(b.body)["receipts"][0], ra) << "a retry gets the original receipt";
  rec["body"] = json{{"to", 1}, {"text", "changed"}}.dump();
  HttpResult c = signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", {rec}}});
  ASSERT_EQ(c.status, 200);
  EXPECT_EQ(json::parse(c.body)["receipts"][0]["status"], "conflict");
  auto db = gw->db();
  Stmt s(*db, "SELECT count(*), max(body) FROM records");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 1);
  EXPECT_NE(s.text(1).find("hello"), std::string::npos) << "a conflict never overwrites";
}

TEST_F(GatewayTest, SequenceGapIsDetectedReportedAndFilled) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  auto rec = [](int seq) {
    return json{{"id", random_id()}, {"seq", seq}, {"kind", "enquiry"}, {"child", "1001"}, {"created_at", 1},
                {"body", json{{"listing_id", "L" + std::to_string(seq)}, {"kind", "course"}, {"title", "Bricklaying"}, {"asked_at", 1}}.dump()}};
  };
  HttpResult a = signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", {rec(1)}}});
  EXPECT_TRUE(json::parse(a.body)["gap"].is_null());
  HttpResult b = signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", {rec(3)}}});
  json jb = json::parse(b.body);
  EXPECT_EQ(jb["gap"]["expected"], 2);
  EXPECT_EQ(jb["gap"]["got"], 3);
  EXPECT_EQ(jb["device_seq"], 1);
  EXPECT_EQ(jb["receipts"][0]["status"], "accepted") << "nothing after a gap is dropped";
  HttpResult c = signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", {rec(2)}}});
  EXPECT_EQ(json::parse(c.body)["device_seq"], 3);
  auto db = gw->db();
  Stmt s(*db, "SELECT count(*) FROM audit WHERE action = 'seq_gap'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 1);
}

TEST_F(GatewayTest, KioskResendsWhatTheGatewayIsMissing) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  const std::string first = add_outbox(*dev.db, "enquiry", "1001", json{{"listing_id", "L1"}, {"kind", "course"}, {"title", "Bricklaying"}, {"asked_at", 1}});
  const std::string second = add_outbox(*dev.db, "enquiry", "1001", json{{"listing_id", "L2"}, {"kind", "course"}, {"title", "Plastering"}, {"asked_at", 1}});
  {  // pretend seq 1 already went, so only seq 2 leaves in the first batch: the gateway reports a gap
    Txn t(*dev.db);
    outbox_advance(*dev.db, first, "sent", 1);
    meta_set(*dev.db, "sync_resend_after", "1");
    t.commit();
  }
  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.gaps, 1);
  auto db = gw->db();
  Stmt s(*db, "SELECT count(*) FROM records");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 2) << "the kiosk filled the gap from its outbox";
  Stmt d(*db, "SELECT seq_high FROM devices");
  ASSERT_TRUE(d.step());
  EXPECT_EQ(d.i64(0), 2);
  (void)second;
}

// ---------------------------------------------------------------- down, cursor and epoch
TEST_F(GatewayTest, MessageRoundTripDeliveredReadAndReply) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  SendResult sr = send_message(*dev.db, "1001", 1, "Can we talk about college?", wall_ms() / 1000);
  ASSERT_EQ(sr.status, SendStatus::Ok);
  EXPECT_EQ(outbox_get(*dev.db, sr.id)->state, "waiting");
  SyncReport r1 = dev.sync();
  ASSERT_TRUE(r1.ok);
  EXPECT_EQ(r1.accepted, 1);
  EXPECT_EQ(outbox_get(*dev.db, sr.id)->state, "sent");
  Worker sam(gw->port, "sam.taylor@leeds-yot.example", "demo-sam-2468");
  json in = sam.inbox();
  ASSERT_EQ(in["messages"].size(), 1u);
  EXPECT_EQ(in["messages"][0]["text"], "Can we talk about college?");
  ASSERT_TRUE(dev.sync().ok);
  EXPECT_EQ(outbox_get(*dev.db, sr.id)->state, "delivered");
  EXPECT_EQ(sam.read({sr.id}), 200);
  EXPECT_EQ(sam.send("1001", "Yes. I will come on Tuesday."), 200);
  SyncReport r3 = dev.sync();
  ASSERT_TRUE(r3.ok);
  EXPECT_EQ(r3.messages, 1);
  EXPECT_EQ(outbox_get(*dev.db, sr.id)->state, "read");
  auto conv = conversation(*dev.db, "1001", 1);
  ASSERT_EQ(conv.size(), 2u);
  EXPECT_TRUE(conv[0].from_child);
  EXPECT_EQ(conv[1].text, "Yes. I will come on Tuesday.");
  // A second sync moves nothing: the cursor advanced with the data.
  SyncReport r4 = dev.sync();
  EXPECT_EQ(r4.changes, 0);
  EXPECT_EQ(r4.sent, 0);
  // Rhian is not 1001's contact and a wrong password gets nothing.
  Worker rhian(gw->port, "rhian.evans@cardiff-yos.example", "demo-rhian-1357");
  EXPECT_EQ(rhian.send("1001", "hi"), 403);
  Worker bad(gw->port, "sam.taylor@leeds-yot.example", "wrong-password");
  EXPECT_TRUE(bad.token.empty());
}

TEST_F(GatewayTest, PagesAreAppliedWithTheirCursor) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  Worker sam(gw->port, "sam.taylor@leeds-yot.example", "demo-sam-2468");
  for (int i = 0; i < 25; i++) ASSERT_EQ(sam.send("1001", "note " + std::to_string(i)), 200);
  SyncOptions o;
  o.down_limit = 4;  // many small pages
  SyncReport r = sync_once(*dev.db, dev.clock, o);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.messages, 25);
  // Replaying from an older cursor (an answer lost after the kiosk committed) adds nothing twice.
  {
    Txn t(*dev.db);
    meta_set(*dev.db, "sync_cursor", "0");
    t.commit();
  }
  SyncReport again = dev.sync();
  ASSERT_TRUE(again.ok);
  EXPECT_EQ(again.messages, 0);
  Stmt s(*dev.db, "SELECT count(*) FROM inbox");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 25);
}

TEST_F(GatewayTest, RestoredGatewayNewEpochNothingLostNothingDoubled) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  const std::string before = send_message(*dev.db, "1001", 1, "first", wall_ms() / 1000).id;
  ASSERT_TRUE(dev.sync().ok);
  // Back up the gateway here (stopped, so the files are whole).
  const int port = gw->port;
  gw->stop();
  const std::string backup = temp_dir("backup");
  copy_test_gateway(gw->dir, backup);  // the files, or on PostgreSQL a copy of the database
  gw->start(port);
  const std::string after = send_message(*dev.db, "1001", 1, "second", wall_ms() / 1000).id;
  ASSERT_TRUE(dev.sync().ok);
  EXPECT_EQ(outbox_get(*dev.db, after)->state, "sent");
  // Disaster: restore the backup (which lacks "second") and start a new epoch.
  gw->stop();
  for (const auto& e : fs::directory_iterator(gw->dir)) fs::remove(e.path());
  copy_test_gateway(backup, gw->dir);
  {
    auto db = gw->db();
    gateway::gateway_new_epoch(*db, "test", gw->now());
  }
  gw->start(port);
  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.reset);
  auto db = gw->db();
  for (const std::string& id : {before, after}) {
    Stmt s(*db, "SELECT count(*) FROM records WHERE id = :id");
    s.bind(":id", id);
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.i64(0), 1) << "exactly once on the restored gateway: " << id;
  }
  EXPECT_EQ(approved_contacts(*dev.db, "1001").size(), 1u) << "contacts were re-read";
  // A cursor ahead of the gateway (restored without the admin step) is treated the same way.
  {
    Txn t(*dev.db);
    meta_set(*dev.db, "sync_cursor", "999999");
    t.commit();
  }
  SyncReport r2 = dev.sync();
  ASSERT_TRUE(r2.ok);
  EXPECT_TRUE(r2.reset);
}

// ---------------------------------------------------------------- transport
TEST_F(GatewayTest, AnotherServerWithAValidCertificateButAnotherKeyIsRefused) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  // A second gateway on loopback with its own (valid, self-signed) certificate and key.
  const std::string other_dir = temp_dir("impostor");
  use_test_database(other_dir);
  {
    auto db = gateway::open_gateway(other_dir, true);
    gateway::gateway_init(*db, "impostor", wall_ms());
  }
  gateway::make_self_signed(gateway::key_path(other_dir), gateway::cert_path(other_dir), "impostor", {});
  TestGateway other(other_dir);
  const std::string code = other.code();
  TestDevice fresh("fresh");
  EnrolResult e = enrol_device(*fresh.db, other.url(), gw->pin(), code, "x", fresh.clock);
  EXPECT_FALSE(e.ok);
  EXPECT_NE(e.error.find("does not match the pinned key"), std::string::npos) << e.error;
  // And an enrolled device pointed at the impostor sends nothing.
  add_outbox(*dev.db, "message", "1001", json{{"to", 1}, {"text", "secret"}});
  {
    Txn t(*dev.db);
    meta_set(*dev.db, "gateway_url", other.url());
    t.commit();
  }
  SyncReport r = dev.sync();
  EXPECT_FALSE(r.ok);
  auto odb = other.db();
  Stmt s(*odb, "SELECT count(*) FROM records");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 0);
}

TEST_F(GatewayTest, OnlyHttpsAddressesAreAccepted) {
  EXPECT_FALSE(parse_gateway_url("http://127.0.0.1:8443"));
  EXPECT_FALSE(parse_gateway_url("https://127.0.0.1:8443/path"));
  EXPECT_FALSE(parse_gateway_url("https://user@host:8443"));
  EXPECT_FALSE(parse_gateway_url("https://host:99999"));
  EXPECT_TRUE(parse_gateway_url("https://gateway.brookfield.example:8443"));
  EXPECT_FALSE(valid_pin_string("sha256//short"));
  EXPECT_TRUE(valid_pin_string(gw->pin()));
}

TEST_F(GatewayTest, WrongDeviceClockIsCorrectedByTheGatewaysTime) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  gw->offset_ms = 3 * 3600'000;  // the gateway is three hours ahead of this device
  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_GE(gateway_time_floor(*dev.db), wall_ms() + 3 * 3600'000 - 60'000);
}

TEST_F(GatewayTest, HostileInputGetsClearFourHundreds) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  httplib::SSLClient cli("127.0.0.1", gw->port);
  cli.enable_server_certificate_verification(false);
  auto status = [&](const std::string& path, const std::string& body, const char* type = "application/json") {
    auto r = cli.Post(path.c_str(), body, type);
    return r ? r->status : 0;
  };
  EXPECT_EQ(status("/v1/enrol", "{not json"), 400);
  EXPECT_EQ(status("/v1/enrol", "[1,2]"), 400);
  EXPECT_EQ(status("/v1/enrol", R"({"code":"x","public_key":"AAAA","extra":1})"), 400);
  EXPECT_EQ(status("/v1/enrol", R"({"code":5,"public_key":"AAAA"})"), 400);
  EXPECT_EQ(status("/v1/enrol", "{}", "text/plain"), 415);
  EXPECT_EQ(status("/v1/enrol", std::string(2u << 20, 'x')), 413);
  EXPECT_EQ(status("/v1/nothing", "{}"), 404);
  auto bad = [&](const json& rec) {
    HttpResult r = signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", {rec}}});
    return r.status;
  };
  json ok{{"id", random_id()}, {"seq", 1}, {"kind", "message"}, {"child", "1001"}, {"created_at", 1}, {"body", "{}"}};
  json r1 = ok;
  r1["id"] = "not-hex";
  EXPECT_EQ(bad(r1), 400);
  json r2 = ok;
  r2["kind"] = "exec";
  EXPECT_EQ(bad(r2), 400);
  json r3 = ok;
  r3["seq"] = -4;
  EXPECT_EQ(bad(r3), 400);
  json r4 = ok;
  r4["child"] = "1001; DROP TABLE records";
  EXPECT_EQ(bad(r4), 400);
  // A malformed body inside a good envelope is refused per record, so it never blocks the queue.
  HttpResult r = signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", {ok}}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["receipts"][0]["reason"], "bad_body");
  EXPECT_EQ(json::parse(r.body)["receipts"][0]["detail"], "to: missing") << "in plain words, for the kiosk to keep";
  // Too many records in one request.
  json many = json::array();
  for (int i = 0; i < 101; i++) many.push_back(ok);
  EXPECT_EQ(signed_post(*dev.db, gw->url(), gw->pin(), "/v1/up", json{{"records", many}}).status, 400);
}

TEST_F(GatewayTest, AdminChangesAndReviewsAreAudited) {
  auto db = gw->db();
  gateway::ImportResult ir = gateway::import_children_csv(
      *db, "number,first_name,dob,wing,release_date,release_la,lang\n3001,Kai,2009-05-01,Oak,2027-02-01,E08000035,en\n",
      "test", gw->now());
  ASSERT_TRUE(ir.errors.empty());
  EXPECT_EQ(ir.added, 1);
  ASSERT_EQ(ir.new_pins.size(), 1u);
  gateway::ImportResult badcsv = gateway::import_children_csv(*db, "3002,Bo,2009-13-01,Oak,,,en\n3003,,2009-01-01,Oak,,,xx\n", "test", gw->now());
  EXPECT_EQ(badcsv.errors.size(), 2u);
  EXPECT_FALSE(gateway::get_child(*db, "3002")) << "an import with errors changes nothing";
  gateway::set_contact(*db, "3001", 1, true, "test", gw->now());
  gateway::review_messages(*db, "1001", "security-officer", gw->now());
  Stmt s(*db, "SELECT action FROM audit ORDER BY seq DESC LIMIT 3");
  std::vector<std::string> actions;
  while (s.step()) actions.push_back(s.text(0));
  EXPECT_EQ(actions, (std::vector<std::string>{"messages.review", "contact.allow", "child.add"}));
  EXPECT_THROW(db->exec("DELETE FROM audit"), DbError);
  EXPECT_THROW(db->exec("UPDATE audit SET actor = 'x'"), DbError);
}

TEST_F(GatewayTest, AfterAWipeTheRosterComesBackAndDoctorSeesTheSync) {
  TestDevice dev("dev");
  ASSERT_TRUE(dev.enrol(*gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  wipe_children(*dev.db, dev.clock, "test");
  EXPECT_TRUE(approved_contacts(*dev.db, "1001").empty());
  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.children, 2) << "the wing's roster is read again, so children can sign in";
  EXPECT_EQ(approved_contacts(*dev.db, "1001").size(), 1u);
  // The names provisioning's doctor and status read.
  EXPECT_EQ(meta_get(*dev.db, kMetaGatewayUrl), gw->url());
  EXPECT_FALSE(meta_get(*dev.db, kMetaDeviceId).empty());
  EXPECT_FALSE(meta_get(*dev.db, kMetaLastSyncMs).empty());
}
