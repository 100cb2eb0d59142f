#include "gateway/store/board_demo.h"

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "gateway/store/admin.h"
#include "gateway/store/audit.h"
#include "gateway/store/board_accounts.h"
#include "gateway/store/database.h"
#include "gateway/store/demo_records.h"

namespace waymark::gateway {

namespace {

using nlohmann::json;

// A fixed sequence, so every demo has the same history relative to its "now".
struct Dice {
  uint32_t s = 20261202;
  int roll(int n) {
    s = s * 1664525u + 1013904223u;
    return static_cast<int>((s >> 8) % static_cast<uint32_t>(n));
  }
};

int64_t at_ms(CivilDate d, int hour, int minute) {
  return (days_from_civil(d) * 86400 + hour * 3600 + minute * 60) * 1000LL;
}

struct Seeder {
  Db& db;
  std::string device;

  // A record as a kiosk would have sent it (accepted), read by the worker at `read_ms` (0: not read).
  void record(const std::string& kind, const std::string& child, const json& body, int64_t received_ms, int64_t worker,
              int64_t read_ms) {
    put_demo_record(db, device, kind, child, body, received_ms, worker, read_ms);
  }

  void meeting(const std::string& child, const std::string& kind, CivilDate day, const std::string& with) {
    Stmt s(db, "INSERT INTO meetings(id, child, kind, date, time, place, with_whom) VALUES(:id, :c, :k, :d, '10:00', 'Visits room 1', :w)");
    s.bind(":id", random_id()).bind(":c", child).bind(":k", kind).bind(":d", format_date(day)).bind(":w", with).run();
  }

  void views(const std::string& child, const std::string& kind, CivilDate day, Dice& dice) {
    if (dice.roll(10) < 3) return;  // no My Views for this meeting
    const int64_t starts_s = at_ms(day, 10, 0) / 1000;
    const json body{{"v", 1}, {"form", "myviews-v1"}, {"form_version", 1}, {"child", child}, {"lang", "en"},
                    {"meeting", {{"id", 1}, {"type", kind}, {"starts_at", starts_s}}}, {"started_at", starts_s - 5 * 86400},
                    {"finalized_at", starts_s - 3 * 86400}, {"answers", json::array()}};
    const int64_t sent = at_ms(add_days(day, -3), 15, 0);
    record("myviews", child, body, sent, 0, dice.roll(10) < 7 ? sent + (20 + dice.roll(30)) * 3'600'000LL : 0);
  }
};

constexpr int kChildren = 48;  // one released about every week for the last 11 months

const char* const kNames[] = {"Jordan", "Riley", "Kai", "Tyler", "Mason", "Leon", "Harley", "Jayden", "Callum", "Reece",
                              "Ellis", "Rhys", "Dylan", "Owen", "Bailey", "Corey", "Lewis", "Aaron", "Kian", "Liam",
                              "Finley", "Jake", "Brandon", "Connor", "Tomos", "Kieran", "Ryan", "Shay", "Alfie", "Zak"};

void seed_child(Seeder& sd, Dice& dice, int i, CivilDate today, const int64_t (&workers)[3], const char* const (&with)[3]) {
  const std::string number = std::to_string(4001 + i);
  const CivilDate release = add_days(today, -(6 + i * 7));
  const int w = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;  // half Leeds, three in ten Cardiff, two in ten Bradford
  Stmt c(sd.db,
         "INSERT INTO children(number, first_name, pin_hash, lang, wing, release_date, active) VALUES(:n, :f, '!', 'en', 'Oak', :r, 0)");
  c.bind(":n", number).bind(":f", kNames[i % 30]).bind(":r", format_date(release)).run();
  Stmt k(sd.db, "INSERT INTO contacts(child, worker_id, allowed) VALUES(:c, :w, 0)");  // revoked at release; the YOT stays
  k.bind(":c", number).bind(":w", workers[w]).run();
  const CivilDate review = add_days(release, -(70 + dice.roll(20)));
  const CivilDate pre = add_days(release, -(24 + dice.roll(14)));      // a month before, or a few days late
  const CivilDate fin = add_days(release, -(12 + dice.roll(8)));       // about 10 working days before, some late
  sd.meeting(number, "review", review, with[w]);
  sd.meeting(number, "pre_release", pre, with[w]);
  sd.meeting(number, "final_release", fin, with[w]);
  sd.views(number, "review", review, dice);
  sd.views(number, "pre_release", pre, dice);
  sd.views(number, "final_release", fin, dice);
  for (int m = 0; m < 4; m++) {  // messages in the months before release, each answered after a while (or not)
    const int64_t sent = at_ms(add_days(release, -(10 + m * 17 + dice.roll(5))), 9 + dice.roll(9), 15);
    sd.record("message", number, json{{"v", 1}, {"to", workers[w]}, {"text", "Demo message"}}, sent, workers[w], sent + 3'600'000LL);
    if (dice.roll(10) == 0) continue;
    const int64_t reply = sent + (1 + dice.roll(dice.roll(4) == 0 ? 120 : 40)) * 3'600'000LL;
    Stmt r(sd.db, "INSERT INTO worker_messages(id, worker_id, child, text, sent_at) VALUES(:id, :w, :c, 'Demo reply', :t)");
    r.bind(":id", random_id()).bind(":w", workers[w]).bind(":c", number).bind(":t", reply).run();
  }
  if (dice.roll(2) == 0) {
    const int64_t asked = at_ms(add_days(release, -(40 + dice.roll(30))), 11, 0);
    sd.record("enquiry", number,
              json{{"v", 1}, {"listing_id", "L-demo"}, {"kind", "course"}, {"title", "Demo course"}, {"provider", "Demo college"},
                   {"place", ""}, {"la_code", ""}, {"start_date", ""}, {"duration", ""}, {"asked_at", asked / 1000}},
              asked, 0, 0);
  }
}

}  // namespace

bool seed_board_demo(Db& db, int64_t now_ms) {
  if (gateway_meta(db, "board_demo_seeded") == "1") return false;
  if (establishment_code(db).empty()) set_establishment_code(db, "BKF", "demo-seed", now_ms);
  const auto sam = worker_by_email(db, "sam.taylor@leeds-yot.example");
  const auto rhian = worker_by_email(db, "rhian.evans@cardiff-yos.example");
  if (!sam || !rhian) return false;  // the demo's own workers come first (seed_gateway_demo)
  const int64_t jo = add_worker(db, "Jo Hughes", "jo.hughes@bradford-yot.example", "Bradford YOT", "demo-jo-97531", "demo-seed", now_ms);
  add_board_member(db, "Morgan Price", "morgan.price@board.example", "all", "demo-seed", now_ms);
  const std::string board_hash = hash_secret("demo-board-2468");
  const int64_t workers[3] = {sam->id, rhian->id, jo};
  const char* const with[3] = {"Sam Taylor (Leeds YOT)", "Rhian Evans (Cardiff YOS)", "Jo Hughes (Bradford YOT)"};
  Txn t(db);
  Seeder sd{db, demo_history_device(db)};
  Stmt pw(db, "UPDATE board_members SET password_hash = :h WHERE email = 'morgan.price@board.example'");
  pw.bind(":h", board_hash).run();
  Dice dice;
  const CivilDate today = local_date(now_ms / 1000);
  for (int i = 0; i < kChildren; i++) seed_child(sd, dice, i, today, workers, with);
  set_gateway_meta(db, "board_demo_seeded", "1");
  audit(db, now_ms, "demo-seed", "demo-seed", "board history: 48 fictional released children 4001-4048, board member Morgan Price");
  t.commit();
  return true;
}

}  // namespace waymark::gateway
