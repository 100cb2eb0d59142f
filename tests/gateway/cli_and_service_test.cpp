// The command lines (waymark-gateway, waymarkctl enrol/sync) as IT uses them, and the kiosk's background sync.
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/messaging/messaging.h"
#include "core/messaging/outbox.h"
#include "core/sync/wire.h"
#include "gateway/net/tls.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {
std::string last_line(const std::string& s) {
  std::string t = s;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  const auto nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}
const std::string kGw = WAYMARK_GATEWAY_BIN;
const std::string kCtl = WAYMARK_CTL_BIN;
}  // namespace

TEST(GatewayCli, InitPinCodeAndAdminCommands) {
  const std::string dir = temp_dir("cli");
  use_test_database(dir);
  Ran init = run(kGw + " init --data " + dir + " --establishment 'Test YOI'");
  ASSERT_EQ(init.code, 0) << init.out;
  Ran pin = run(kGw + " pin --data " + dir);
  ASSERT_EQ(pin.code, 0);
  EXPECT_EQ(last_line(pin.out).rfind("sha256//", 0), 0u);
  EXPECT_EQ(last_line(pin.out), last_line(init.out));
  EXPECT_TRUE(valid_pin_string(last_line(pin.out)));
  Ran code = run(kGw + " enrol-code --data " + dir + " --wing Oak");
  ASSERT_EQ(code.code, 0);
  EXPECT_EQ(last_line(code.out).size(), 14u);
  EXPECT_EQ(run(kGw + " enrol-code --data " + dir).code, 2) << "missing --wing is a usage error";
  EXPECT_EQ(run(kGw + " enrol-code --data " + dir + " --wing Oak --hours 0").code, 1);
  EXPECT_EQ(run(kGw + " pin --data /nonexistent/place").code, 1);
  EXPECT_EQ(run(kGw + " frobnicate").code, 2);
  for (const char* c : {"init", "serve", "demo-seed", "enrol-code", "pin", "workers", "children", "contacts", "meetings",
                        "devices", "messages", "audit", "restored"})
    EXPECT_EQ(run(kGw + " " + c + " --help").code, 0) << c;
  // workers, children, contacts, meetings
  Ran w = run("echo 'a-long-password' | " + kGw + " workers add --data " + dir + " --name 'Jo Bloggs' --email jo@yot.example --yot 'Test YOT'");
  EXPECT_EQ(w.code, 0) << w.out;
  EXPECT_EQ(run("echo short | " + kGw + " workers add --data " + dir + " --name X --email x@y.example --yot Y").code, 1);
  EXPECT_NE(run(kGw + " workers list --data " + dir).out.find("jo@yot.example"), std::string::npos);
  EXPECT_EQ(run(kGw + " children add --data " + dir + " --number 5001 --first-name Ash --wing Oak --pin 2580 --release-la E08000035").code, 0);
  EXPECT_EQ(run(kGw + " children add --data " + dir + " --number 5002 --first-name Bea --wing Oak").code, 1) << "a new child needs a PIN";
  EXPECT_EQ(run(kGw + " children add --data " + dir + " --number 5003 --first-name Cy --wing Oak --pin 1234 --release-la leeds").code, 1);
  const std::string csv = dir + "/kids.csv";
  {
    FILE* f = std::fopen(csv.c_str(), "w");
    std::fputs("number,first_name,dob,wing,release_date,release_la,lang\n5004,Dee,2010-01-02,Oak,2027-03-01,W06000015,cy\n", f);
    std::fclose(f);
  }
  Ran imp = run(kGw + " children import --data " + dir + " --csv " + csv);
  EXPECT_EQ(imp.code, 0) << imp.out;
  EXPECT_NE(imp.out.find("5004\tPIN "), std::string::npos);
  EXPECT_EQ(run(kGw + " contacts allow --data " + dir + " --child 5001 --worker jo@yot.example").code, 0);
  EXPECT_NE(run(kGw + " contacts list --data " + dir + " --child 5001").out.find("allowed"), std::string::npos);
  EXPECT_EQ(run(kGw + " contacts revoke --data " + dir + " --child 5001 --worker 1").code, 0);
  EXPECT_EQ(run(kGw + " contacts allow --data " + dir + " --child 9999 --worker 1").code, 1);
  EXPECT_EQ(run(kGw + " meetings set --data " + dir + " --child 5001 --kind review --date 2027-01-10 --time 10:00").code, 0);
  EXPECT_EQ(run(kGw + " meetings set --data " + dir + " --child 5001 --kind review --date 2027-02-30").code, 1);
  EXPECT_EQ(run(kGw + " messages --data " + dir + " --child 5001").code, 0);
  Ran audit = run(kGw + " audit --data " + dir + " --last 100");
  for (const char* a : {"worker.add", "child.add", "contact.allow", "contact.revoke", "meeting.set", "enrol_code.issue", "messages.review"})
    EXPECT_NE(audit.out.find(a), std::string::npos) << a;
}

// The demo (README, "The sync gateway demo"): Alex's "I'm interested" in the adult care apprenticeship is on the
// gateway, from the demo's history device, at "application sent", once however often demo-seed runs.
TEST(GatewayCli, TheDemoSeedsAlexsEnquiryAtApplicationSent) {
  const std::string dir = temp_dir("cli-demo");
  use_test_database(dir);
  ASSERT_EQ(run(kGw + " demo-seed --data " + dir).code, 0);
  ASSERT_EQ(run(kGw + " demo-seed --data " + dir).code, 0);
  auto db = gateway::open_gateway(dir);
  Stmt s(*db,
         "SELECT r.body, d.label FROM records r JOIN devices d ON d.id = r.device_id "
         "WHERE r.kind = 'enquiry' AND r.child = '1001' AND r.status = 'accepted'");
  ASSERT_TRUE(s.step());
  const auto body = nlohmann::json::parse(s.text(0));
  EXPECT_EQ(body.value("listing_id", ""), "wakefield-007");
  EXPECT_EQ(body.value("title", ""), "Apprentice: adult care worker");
  EXPECT_EQ(s.text(1), "demo history");
  EXPECT_FALSE(s.step()) << "one enquiry, however often demo-seed runs";
  Stmt st(*db, "SELECT state FROM enquiry_states WHERE child = '1001' AND listing_id = 'wakefield-007' ORDER BY seq DESC");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "application_sent");
}

TEST(GatewayCli, HelpAndUsageErrorsFollowTheSameRulesAsWaymarkctl) {
  const std::string dir = temp_dir("cli-usage");
  use_test_database(dir);
  ASSERT_EQ(run(kGw + " init --data " + dir + " --establishment X").code, 0);
  for (const char* c : {"packs", "worker-password-code", "security", "web-domains"}) {
    Ran h = run(kGw + " " + c + " --help");
    EXPECT_EQ(h.code, 0) << c;
    EXPECT_NE(h.out.find("usage: waymark-gateway " + std::string(c)), std::string::npos) << h.out;
  }
  Ran h = run(kGw + " children add --help");
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("CSV columns"), std::string::npos) << h.out;
  Ran top = run(kGw);
  EXPECT_EQ(top.code, 2);
  EXPECT_NE(top.out.find("  web-domains --data DIR"), std::string::npos) << top.out;
  Ran unknown = run(kGw + " workers list --data " + dir + " --frobnicate");
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.out.find("waymark-gateway workers list: unknown option --frobnicate"), std::string::npos) << unknown.out;
  Ran novalue = run(kGw + " enrol-code --data " + dir + " --wing");
  EXPECT_EQ(novalue.code, 2);
  EXPECT_NE(novalue.out.find("--wing needs a value"), std::string::npos) << novalue.out;
  Ran nosub = run(kGw + " devices --data " + dir);
  EXPECT_EQ(nosub.code, 2);
  EXPECT_NE(nosub.out.find("say which: list, revoke"), std::string::npos) << nosub.out;
}

TEST(GatewayCli, TheEstablishmentsOwnCertificate) {
  const std::string own = temp_dir("own-cert");
  gateway::make_self_signed(own + "/k.pem", own + "/c.pem", "establishment CA-issued stand-in", {"gw.example"});
  gateway::make_self_signed(own + "/k2.pem", own + "/c2.pem", "another", {});
  const std::string dir = temp_dir("own-gw");
  use_test_database(dir);
  EXPECT_EQ(run(kGw + " init --data " + dir + " --establishment X --cert " + own + "/c.pem --key " + own + "/k2.pem").code, 1)
      << "a key that does not belong to the certificate is refused";
  Ran ok = run(kGw + " init --data " + dir + " --establishment X --cert " + own + "/c.pem --key " + own + "/k.pem");
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_EQ(last_line(ok.out), gateway::cert_pin(own + "/c.pem"));
  EXPECT_EQ(run(kGw + " init --data " + dir + " --establishment X --cert " + own + "/c.pem").code, 2);
}

// The key and certificate are replaced whole (temporary file, fsync, rename): over an old pair of the wrong
// mode and content the new key is 0600 from the start, the pair loads, and no temporary file is left beside them.
TEST(GatewayCli, KeyAndCertificateAreReplacedWhole) {
  const std::string own = temp_dir("atomic-cert");
  for (const char* f : {"/k.pem", "/c.pem"}) {
    std::ofstream(own + f) << "half a file";
    std::filesystem::permissions(own + f, std::filesystem::perms(0644));
  }
  gateway::make_self_signed(own + "/k.pem", own + "/c.pem", "replaced", {});
  EXPECT_EQ(std::filesystem::status(own + "/k.pem").permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ssl_ctx_st* ctx = gateway::make_server_tls(own + "/c.pem", own + "/k.pem");
  ASSERT_NE(ctx, nullptr);
  SSL_CTX_free(ctx);
  const std::string other = temp_dir("atomic-cert-in");
  gateway::make_self_signed(other + "/k.pem", other + "/c.pem", "installed", {});
  gateway::install_cert(other + "/c.pem", other + "/k.pem", own + "/c.pem", own + "/k.pem");
  EXPECT_EQ(gateway::cert_pin(own + "/c.pem"), gateway::cert_pin(other + "/c.pem"));
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(own)) {
    ++files;
    EXPECT_NE(e.path().filename().string()[0], '.') << "temporary file left: " << e.path();
  }
  EXPECT_EQ(files, 2);
  EXPECT_THROW(gateway::make_self_signed(own + "/no/such/k.pem", own + "/no/such/c.pem", "x", {}), std::runtime_error);
}

TEST(GatewayCli, EnrolAndSyncFromWaymarkctl) {
  TestGateway gw(demo_gateway_copy("cli2"));
  const std::string dev = temp_dir("cli-dev");
  ASSERT_EQ(run(kCtl + " demo-seed --data " + dev).code, 0);
  const std::string code = gw.code();
  Ran bad = run(kCtl + " enrol --data " + dev + " --gateway " + gw.url() + " --pin " + gw.pin() + " --code WRNG-WRNG-WRNG");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find("wrong, used or expired"), std::string::npos) << bad.out;
  Ran http = run(kCtl + " enrol --data " + dev + " --gateway http://127.0.0.1:" + std::to_string(gw.port) + " --pin " + gw.pin() + " --code " + code);
  EXPECT_EQ(http.code, 1);
  Ran ok = run(kCtl + " enrol --data " + dev + " --gateway " + gw.url() + " --pin " + gw.pin() + " --code " + code);
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("2 children, 2 contacts, 6 meetings"), std::string::npos) << ok.out;
  Ran again = run(kCtl + " enrol --data " + dev + " --gateway " + gw.url() + " --pin " + gw.pin() + " --code " + gw.code());
  EXPECT_EQ(again.code, 1) << "already enrolled";
  Ran sync = run(kCtl + " sync --data " + dev);
  EXPECT_EQ(sync.code, 0) << sync.out;
  EXPECT_NE(sync.out.find("down 0 changes"), std::string::npos) << sync.out;
  // With the gateway gone the sync fails plainly and non-zero.
  gw.stop();
  Ran down = run(kCtl + " sync --data " + dev);
  EXPECT_EQ(down.code, 1);
  EXPECT_NE(down.out.find("cannot be reached"), std::string::npos) << down.out;
}

// An "I'm interested" wakes the background sync by itself (the kiosk's one hook on outbox writes): no poke.
TEST(SyncServiceTest, AnEnquiryWakesSyncWithoutAPoke) {
  TestGateway gw(demo_gateway_copy("wake"));
  TestDevice dev("wake-dev");
  ASSERT_TRUE(dev.enrol(gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  OffsetClock clock;
  SyncService svc(dev.db->path(), clock, 600'000);  // a 10-minute timer: only the wake can send it in time
  wake_sync_on_outbox_writes(*dev.db, &svc);
  svc.start();
  for (int i = 0; i < 200 && svc.status().rounds < 1; i++) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  wire::ListingEnquiry body;
  body.listing_id = "L-1";
  body.kind = "course";
  body.title = "Bricklaying Level 1";
  body.asked_at = wall_ms() / 1000;
  std::string id;
  {
    Txn t(*dev.db);
    id = outbox_add(*dev.db, "enquiry", "1001", wire::body_text(body), wall_ms() / 1000);
    t.commit();
  }
  bool sent = false;
  for (int i = 0; i < 300 && !sent; i++) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    sent = outbox_get(*dev.db, id)->state == "sent";
  }
  EXPECT_TRUE(sent) << "the enquiry left within 3 s, not at the next 10-minute round";
  wake_sync_on_outbox_writes(*dev.db, nullptr);
  svc.stop();
}

TEST(SyncServiceTest, BackgroundThreadSendsAfterAPokeAndReportsStatus) {
  TestGateway gw(demo_gateway_copy("svc"));
  TestDevice dev("svc-dev");
  ASSERT_TRUE(dev.enrol(gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  OffsetClock clock;
  SyncService svc(dev.db->path(), clock, 60'000);  // long interval: only the poke makes it send quickly
  svc.start();
  for (int i = 0; i < 200 && svc.status().rounds < 1; i++) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const SendResult sr = send_message(*dev.db, "1001", 1, "from the kiosk", wall_ms() / 1000);
  ASSERT_EQ(sr.status, SendStatus::Ok);
  svc.poke();
  bool sent = false;
  for (int i = 0; i < 300 && !sent; i++) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    sent = outbox_get(*dev.db, sr.id)->state == "sent";
  }
  EXPECT_TRUE(sent);
  const SyncService::Status st = svc.status();
  EXPECT_FALSE(st.last_failed) << st.last_error;
  EXPECT_GT(st.last_ok_ms, 0);
  svc.stop();
  EXPECT_GE(clock.now_ms(), st.last_ok_ms) << "the gateway's time is the clock's floor";
}
