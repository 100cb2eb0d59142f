// Many establishments on one gateway and transfers between them (issue 14), over real HTTPS on loopback with two
// kiosks (device stores) at two establishments: a child moved from Brookfield (BRK, Oak) to Hollins (HOL, Ash)
// arrives on the new kiosk with their contacts, meetings, the worker's messages and plan; the old kiosk sends
// what it still held for them (even while being killed mid-sync), then removes every row of theirs; nothing is
// lost or duplicated. Refusals change nothing.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "core/messaging/messaging.h"
#include "core/messaging/outbox.h"
#include "core/plan/device_plan.h"
#include "core/storage/migrations.h"
#include "gateway/store/board_accounts.h"
#include "gateway/store/establishments.h"
#include "gateway/store/schema.h"
#include "gateway/store/transfers.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

int64_t count(Db& db, const std::string& sql, const std::string& child = {}) {
  Stmt s(db, sql);
  if (!child.empty()) s.bind(":c", child);
  s.step();
  return s.i64(0);
}

// Every row on a kiosk that names the child, in any table with a `child` column, plus their roster row.
int64_t rows_of_child(Db& db, const std::string& child) {
  std::vector<std::string> tables;
  {
    Stmt s(db, "SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'child'");
    while (s.step()) tables.push_back(s.text(0));
  }
  int64_t n = count(db, "SELECT count(*) FROM children WHERE number = :c", child);
  for (const std::string& t : tables) n += count(db, "SELECT count(*) FROM \"" + t + "\" WHERE child = :c", child);
  return n;
}

struct Kiosk : TestDevice {
  Kiosk(const std::string& tag, const std::string& wing) : TestDevice(tag) {
    Txn t(*db);
    meta_set(*db, "wing", wing);
    t.commit();
  }
  EnrolResult enrol_on(TestGateway& g, const std::string& wing) {
    return enrol_device(*db, g.url(), g.pin(), g.code(wing), "test", clock);
  }
};

// Runs the kiosk's sync in a child process and kills it after `delay_us`: whatever it had not committed is gone.
void sync_killed_after(const std::string& dir, int delay_us) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    DeviceOpenResult r = open_device(dir);
    SystemClock clock;
    for (int i = 0; i < 50; i++) sync_once(*r.db, clock);
    _exit(0);
  }
  std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
  ::kill(pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
}

}  // namespace

TEST(Transfer, TheChildsHistoryFollowsThemAndTheOldKioskRemovesThemAfterSendingWhatWaited) {
  TestGateway gw(demo_gateway_copy("transfer"));
  Kiosk brk("transfer-brk", "Oak"), hol("transfer-hol", "Ash");
  ASSERT_TRUE(brk.enrol_on(gw, "Oak").ok);
  ASSERT_TRUE(hol.enrol_on(gw, "Ash").ok);
  ASSERT_TRUE(brk.sync().ok);
  ASSERT_TRUE(hol.sync().ok);
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM children WHERE number = '1002' AND active = 1"), 1);
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM children WHERE number = '1002'"), 0);  // another establishment's child
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM children WHERE number = '1003' AND active = 1"), 1);

  // Cerys writes to Rhian on the Brookfield kiosk; the message waits there (no sync yet) when she is moved.
  int64_t rhian = 0;
  {
    auto db = gw.db();
    rhian = gateway::worker_by_email(*db, "rhian.evans@cardiff-yos.example")->id;
  }
  const int64_t now_s = gw.now() / 1000;
  std::vector<std::string> sent;
  for (int i = 0; i < 3; i++) {
    const auto r = send_message(*brk.db, "1002", rhian, "Neges " + std::to_string(i), now_s);
    ASSERT_EQ(r.status, SendStatus::Ok);
    sent.push_back(r.id);
  }
  int64_t changes_before = 0;
  {
    auto db = gw.db();
    changes_before = count(*db, "SELECT count(*) FROM changes");
    const auto done = gateway::transfer_child(*db, {"1002", "HOL", "", ""}, "admin:test", gw.now());
    EXPECT_EQ(done.from_code, "BRK");
    EXPECT_EQ(done.to_wing, "Ash");
    EXPECT_EQ(count(*db, "SELECT count(*) FROM audit WHERE action IN ('child.transfer.out', 'child.transfer.in') AND detail LIKE '%1002%'"), 2);
    EXPECT_GT(count(*db, "SELECT count(*) FROM changes"), changes_before);
  }

  // Hollins: Cerys, her worker, her meetings, her plan and the worker's messages, at the next sync.
  ASSERT_TRUE(hol.sync().ok);
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM children WHERE number = '1002' AND active = 1 AND pin_hash <> ''"), 1);
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM contacts WHERE child = '1002' AND allowed = 1"), 1);
  EXPECT_GE(count(*hol.db, "SELECT count(*) FROM meetings WHERE child = '1002'"), 3);
  EXPECT_TRUE(plan::load_plan(*hol.db, "1002"));

  // Brookfield: killed again and again in the middle of its syncs; then one clean sync.
  for (int delay : {2000, 8000, 20000, 50000, 120000}) sync_killed_after(brk.dir, delay);
  const SyncReport last = brk.sync();
  ASSERT_TRUE(last.ok) << last.error;
  ASSERT_TRUE(brk.sync().ok);

  // Every message reached the gateway once, accepted, in the one conversation Rhian has with Cerys.
  {
    auto db = gw.db();
    for (const std::string& id : sent) {
      Stmt s(*db, "SELECT count(*), min(status) FROM records WHERE id = :id");
      s.bind(":id", id);
      ASSERT_TRUE(s.step());
      EXPECT_EQ(s.i64(0), 1) << id;
      EXPECT_EQ(s.text(1), "accepted") << id;
    }
    std::set<std::string> thread;
    for (const auto& item : gateway::conversation(*db, rhian, "1002")) thread.insert(item.id);
    for (const std::string& id : sent) EXPECT_EQ(thread.count(id), 1u) << id;
  }
  // Nothing of Cerys is left on the Brookfield kiosk; Alex is untouched.
  EXPECT_EQ(rows_of_child(*brk.db, "1002"), 0);
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM departures"), 0);
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM children WHERE number = '1001' AND active = 1"), 1);
  EXPECT_GT(rows_of_child(*brk.db, "1001"), 1);
  EXPECT_EQ(count(*brk.db, "PRAGMA secure_delete"), 1);
}

TEST(Transfer, AKioskIsRefusedAnotherEstablishmentsChildLikeAnUnknownOne) {
  TestGateway gw(demo_gateway_copy("transfer-scope"));
  Kiosk brk("transfer-scope-brk", "Oak");
  ASSERT_TRUE(brk.enrol_on(gw, "Oak").ok);
  auto up = [&](const std::string& child, const std::string& id, int64_t seq) {
    const json rec{{"id", id}, {"seq", seq}, {"kind", "enquiry"}, {"child", child}, {"created_at", 1},
                   {"body", R"({"v":1,"listing_id":"L1","kind":"course","title":"T","provider":"P"})"}};
    const HttpResult r = signed_post(*brk.db, gw.url(), gw.pin(), "/v1/up", json{{"records", json::array({rec})}});
    const json b = json::parse(r.body);
    return b["receipts"][0];
  };
  const json other = up("1003", std::string(32, 'a'), 1);  // Jay is at Hollins
  const json unknown = up("9999", std::string(32, 'b'), 2);
  EXPECT_EQ(other["status"], "refused");
  EXPECT_EQ(other["reason"], unknown["reason"]);
  EXPECT_EQ(other.value("detail", ""), unknown.value("detail", ""));
}

TEST(Transfer, ABadTransferSaysWhyAndChangesNothing) {
  TestGateway gw(demo_gateway_copy("transfer-bad"));
  auto db = gw.db();
  auto snapshot = [&] {
    return std::vector<int64_t>{count(*db, "SELECT count(*) FROM changes"), count(*db, "SELECT count(*) FROM transfers"),
                                count(*db, "SELECT count(*) FROM audit")};
  };
  const auto before = snapshot();
  auto why = [&](const gateway::TransferRequest& r) {
    try {
      gateway::transfer_child(*db, r, "admin:test", gw.now());
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no refusal");
  };
  EXPECT_EQ(why({"1002", "XYZ", "", ""}), "there is no establishment XYZ (see `waymark-gateway establishments list`)");
  EXPECT_EQ(why({"1009", "HOL", "", ""}), "there is no child 1009");
  EXPECT_EQ(why({"1003", "HOL", "", ""}), "child 1003 is already at HOL");
  EXPECT_EQ(why({"1002", "HOL", "Birch", ""}), "HOL has no wing Birch (see `waymark-gateway establishments list`)");
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(gateway::get_child(*db, "1002")->establishment, "BRK");

  // Hollins' IT asking to move Brookfield's child: refused like an unknown child, and audited.
  EXPECT_EQ(why({"1002", "HOL", "", "HOL"}), "there is no child 1002");
  EXPECT_EQ(count(*db, "SELECT count(*) FROM audit WHERE action = 'scope.refused'"), 1);
  EXPECT_EQ(gateway::get_child(*db, "1002")->establishment, "BRK");
}

TEST(Establishments, AddListAndTheFirstComesFromInit) {
  const std::string dir = temp_dir("estate-init");
  auto db = gateway::open_gateway(dir, true);
  gateway::gateway_init(*db, "Wetherby YOI", 1000);
  auto all = gateway::list_establishments(*db);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].code, "MAIN");
  gateway::set_establishment_code(*db, "WYI", "test", 1000);
  EXPECT_EQ(gateway::list_establishments(*db)[0].code, "WYI");
  gateway::add_establishment(*db, "MED", "Medway STC", {"Cedar", "Elm"}, "test", 1000);
  EXPECT_THROW(gateway::add_establishment(*db, "MED", "Again", {"X"}, "test", 1000), std::invalid_argument);
  EXPECT_THROW(gateway::add_establishment(*db, "me", "Lower", {"X"}, "test", 1000), std::invalid_argument);
  EXPECT_THROW(gateway::add_establishment(*db, "NOW", "No wings", {}, "test", 1000), std::invalid_argument);
  all = gateway::list_establishments(*db);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].wings, (std::vector<std::string>{"Cedar", "Elm"}));
  // A wing only one establishment has says which; a new wing name does not.
  EXPECT_EQ(gateway::resolve_establishment(*db, "", "Elm").code, "MED");
  EXPECT_THROW(gateway::resolve_establishment(*db, "", "Birch"), std::invalid_argument);
  EXPECT_THROW(gateway::resolve_establishment(*db, "NOPE"), std::invalid_argument);
  gateway::put_child(*db, gateway::ChildRow{"2001", "Sol", "", "Cedar", "", "", "en"}, std::string("1234"), "test", 1000);
  EXPECT_EQ(gateway::get_child(*db, "2001")->establishment, "MED");
  // A child stays in their establishment: naming another on an update is refused.
  gateway::ChildRow moved{"2001", "Sol", "", "Cedar", "", "", "en", true, "WYI"};
  EXPECT_THROW(gateway::put_child(*db, moved, std::nullopt, "test", 1000), std::invalid_argument);
}

// A gateway from before establishments (one establishment, in meta) migrates with its establishment as the first
// row, its wings, and everything it had belonging to it.
TEST(Establishments, AnOldSingleEstablishmentGatewayMigratesCleanly) {
  const std::string dir = temp_dir("estate-migrate");
  {
    Db db(gateway::gateway_db_path(dir));
    std::vector<Migration> upto106;
    for (const Migration& m : gateway::gateway_migrations())
      if (m.version <= 106) upto106.push_back(m);
    migrate(db, upto106);
    db.exec("INSERT INTO meta(key, value) VALUES('establishment', 'Wetherby YOI'), ('establishment_code', 'WYI'), ('epoch', 'e1');"
            "INSERT INTO children(number, first_name, pin_hash, lang, wing) VALUES('7001', 'Ash', 'h', 'en', 'Keppel');"
            "INSERT INTO changes(wing, kind, payload) VALUES('Keppel', 'child', '{}');");
  }
  auto db = gateway::open_gateway(dir);
  const auto all = gateway::list_establishments(*db);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].code, "WYI");
  EXPECT_EQ(all[0].name, "Wetherby YOI");
  EXPECT_EQ(all[0].wings, std::vector<std::string>{"Keppel"});
  EXPECT_EQ(gateway::get_child(*db, "7001")->establishment, "WYI");
  EXPECT_EQ(gateway::resolve_establishment(*db, "", "").code, "WYI");
}
