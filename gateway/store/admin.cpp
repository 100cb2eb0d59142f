#include "gateway/store/admin.h"

#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/base/json_limits.h"
#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "core/base/text.h"
#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"
#include "core/myviews/demo_meetings.h"
#include "gateway/store/audit.h"
#include "gateway/store/carried_drafts.h"
#include "gateway/store/board_accounts.h"
#include "gateway/store/checks.h"
#include "gateway/store/codes.h"
#include "gateway/store/contacts.h"
#include "gateway/store/database.h"
#include "gateway/store/establishments.h"
#include "gateway/store/feed.h"
#include "gateway/store/plan_demo.h"
#include "gateway/store/web_accounts.h"

namespace waymark::gateway {

using nlohmann::json;

namespace {

json child_payload(const ChildRow& c, const std::string& pin_hash) {
  return wire::RosterChild{wire::kWireVersion, c.number, c.first_name, pin_hash, c.lang, c.wing,
                           c.dob, c.release_date, c.release_la, c.active};
}

std::string random_pin() {
  crypto_init();
  std::string p;
  for (int i = 0; i < 4; i++) p.push_back(static_cast<char>('0' + randombytes_uniform(10)));
  return p;
}

void validate_child(const ChildRow& c) {
  auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
  if (!digits(c.number, 1, 16)) fail("the sign-in number must be 1 to 16 digits");
  if (c.first_name.empty() || utf8_length(c.first_name) > 40 || sanitize_text(c.first_name, 40, false) != c.first_name)
    fail("the first name must be 1 to 40 printable characters");
  if (!c.dob.empty() && !parse_date(c.dob)) fail("the date of birth must be YYYY-MM-DD");
  if (c.wing.empty() || c.wing.size() > 40 || sanitize_text(c.wing, 40, false) != c.wing) fail("the wing name must be 1 to 40 printable characters");
  if (!c.release_date.empty() && !parse_date(c.release_date)) fail("the release date must be YYYY-MM-DD");
  if (!c.release_la.empty() && !(c.release_la.size() == 9 && std::isupper(static_cast<unsigned char>(c.release_la[0])) &&
                                 digits(c.release_la.substr(1), 8, 8)))
    fail("the release local authority must be an ONS code like E08000035");
  if (c.lang != "en" && c.lang != "cy") fail("the language must be en or cy");
}

void put_child_in_txn(Db& db, const ChildRow& c, const std::optional<std::string>& pin, const std::string& actor,
                      int64_t now_ms, bool* was_new) {
  validate_child(c);
  if (pin && !digits(*pin, 4, 8)) throw std::invalid_argument("a PIN must be 4 to 8 digits");
  std::optional<WingRef> old_wing;
  std::optional<std::string> old_hash;
  {
    Stmt s(db, "SELECT wing, pin_hash, establishment_id FROM children WHERE number = :n");
    s.bind(":n", c.number);
    if (s.step()) {
      old_wing = WingRef{s.i64(2), s.text(0)};
      old_hash = s.text(1);
    }
  }
  if (!old_hash && !pin) throw std::invalid_argument("a new child needs a PIN");
  const Establishment est = old_wing ? *establishment_by_id(db, old_wing->establishment)
                                     : resolve_establishment(db, c.establishment, c.wing);
  if (!c.establishment.empty() && c.establishment != est.code)
    throw std::invalid_argument("child " + c.number + " is at " + est.code + "; move them with `waymark-gateway children transfer`");
  const WingRef wing{est.id, c.wing};
  note_wing(db, est.id, c.wing);
  const std::string hash = pin ? hash_pin(*pin) : *old_hash;
  Stmt s(db,
         "INSERT INTO children(number, first_name, pin_hash, lang, dob, wing, release_date, release_la, active, establishment_id) "
         "VALUES(:n, :f, :h, :l, :d, :w, :rd, :rl, :a, :e) ON CONFLICT(number) DO UPDATE SET first_name = excluded.first_name, "
         "pin_hash = excluded.pin_hash, lang = excluded.lang, dob = excluded.dob, wing = excluded.wing, "
         "release_date = excluded.release_date, release_la = excluded.release_la, active = excluded.active");
  auto opt = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
  s.bind(":n", c.number).bind(":f", c.first_name).bind(":h", hash).bind(":l", c.lang).bind(":d", opt(c.dob));
  s.bind(":w", c.wing).bind(":rd", opt(c.release_date)).bind(":rl", opt(c.release_la)).bind(":a", c.active ? 1 : 0);
  s.bind(":e", est.id).run();
  // Only the devices where the child can sign in get the hash: a released child's change, and the notice to
  // the wing a child left, carry wire::kNoPinHash (docs/operating.md, "Children's PINs on a device").
  emit(db, wing, std::nullopt, "child", child_payload(c, c.active ? hash : wire::kNoPinHash));
  if (old_wing && !(*old_wing == wing)) emit(db, *old_wing, std::nullopt, "child", child_payload(c, wire::kNoPinHash));
  if (!c.active) drop_carried_drafts(db, c.number);  // a released child's unsent words are not kept for them
  if (was_new) *was_new = !old_hash.has_value();
  audit(db, now_ms, actor, old_hash ? "child.update" : "child.add",
        c.number + " " + est.code + " wing " + c.wing + (pin ? " (PIN set)" : "") + (c.active ? "" : " (inactive)"));
}

}  // namespace

// ================================================================= workers
int64_t add_worker(Db& db, const std::string& name, const std::string& email, const std::string& org,
                   const std::string& password, const std::string& actor, int64_t now_ms) {
  check_person(name, email);
  if (org.empty() || org.size() > 80 || sanitize_text(org, 80, false) != org)
    throw std::invalid_argument("the YOT name must be 1 to 80 printable characters");
  if (utf8_length(password) < 10) throw std::invalid_argument("the password must be at least 10 characters");
  const std::string hash = hash_secret(password);
  Txn t(db);
  refuse_email_in_use(db, email);  // a worker's, or a board member's or security account's
  Stmt s(db, "INSERT INTO workers(name, email, org, password_hash) VALUES(:n, :e, :o, :h) RETURNING id");
  s.bind(":n", name).bind(":e", email).bind(":o", org).bind(":h", hash).step();
  const int64_t id = s.i64(0);
  s.reset();  // the INSERT is done at the first step; SQLite refuses a COMMIT while it is still open
  audit(db, now_ms, actor, "worker.add", std::to_string(id) + " " + email + " (" + org + ")");
  t.commit();
  return id;
}

std::vector<WorkerRow> list_workers(Db& db) {
  std::vector<WorkerRow> out;
  Stmt s(db, "SELECT id, name, email, org, active FROM workers ORDER BY id");
  while (s.step()) out.push_back(WorkerRow{s.i64(0), s.text(1), s.text(2), s.text(3), s.i64(4) != 0});
  return out;
}

std::optional<WorkerRow> worker_by_email(Db& db, const std::string& email) {
  Stmt s(db, "SELECT id, name, email, org, active FROM workers WHERE lower(email) = lower(:e)");
  s.bind(":e", email);
  if (!s.step()) return std::nullopt;
  return WorkerRow{s.i64(0), s.text(1), s.text(2), s.text(3), s.i64(4) != 0};
}

// ================================================================= children
void put_child(Db& db, const ChildRow& c, const std::optional<std::string>& pin, const std::string& actor,
               int64_t now_ms) {
  Txn t(db);
  put_child_in_txn(db, c, pin, actor, now_ms, nullptr);
  t.commit();
}

std::optional<ChildRow> get_child(Db& db, const std::string& number) {
  Stmt s(db,
         "SELECT ch.number, ch.first_name, coalesce(ch.dob,''), ch.wing, coalesce(ch.release_date,''), "
         "coalesce(ch.release_la,''), ch.lang, ch.active, e.code FROM children ch "
         "JOIN establishments e ON e.id = ch.establishment_id WHERE ch.number = :n");
  s.bind(":n", number);
  if (!s.step()) return std::nullopt;
  ChildRow c;
  c.number = s.text(0);
  c.first_name = s.text(1);
  c.dob = s.text(2);
  c.wing = s.text(3);
  c.release_date = s.text(4);
  c.release_la = s.text(5);
  c.lang = s.text(6);
  c.active = s.i64(7) != 0;
  c.establishment = s.text(8);
  return c;
}

ImportResult import_children_csv(Db& db, const std::string& csv, const std::string& actor, int64_t now_ms,
                                 const std::string& establishment) {
  ImportResult r;
  std::vector<std::pair<int, ChildRow>> rows;
  std::istringstream in(csv);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    n++;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (n == 1 && line.rfind("number", 0) == 0) continue;  // header
    std::vector<std::string> f;
    std::string cur;
    for (char c : line) {
      if (c == ',') {
        f.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    f.push_back(cur);
    if (f.size() != 7) {
      r.errors.push_back("line " + std::to_string(n) + ": expected 7 fields (number,first_name,dob,wing,release_date,release_la,lang), found " +
                         std::to_string(f.size()));
      continue;
    }
    ChildRow c{f[0], f[1], f[2], f[3], f[4], f[5], f[6].empty() ? "en" : f[6], true, establishment};
    try {
      validate_child(c);
      rows.emplace_back(n, c);
    } catch (const std::invalid_argument& e) {
      r.errors.push_back("line " + std::to_string(n) + ": " + e.what());
    }
  }
  if (!r.errors.empty()) return r;
  Txn t(db);
  for (auto& [line_no, c] : rows) {
    const bool exists = get_child(db, c.number).has_value();
    std::optional<std::string> pin;
    if (!exists) pin = random_pin();
    bool was_new = false;
    put_child_in_txn(db, c, pin, actor, now_ms, &was_new);
    if (was_new) {
      r.added++;
      r.new_pins.emplace_back(c.number, *pin);
    } else {
      r.updated++;
    }
  }
  t.commit();
  return r;
}

// ================================================================= contacts
void set_contact(Db& db, const std::string& child, int64_t worker_id, bool allowed, const std::string& actor,
                 int64_t now_ms) {
  Txn t(db);
  if (!get_child(db, child)) throw std::invalid_argument("there is no child " + child);
  {
    Stmt w(db, "SELECT 1 FROM workers WHERE id = :w");
    w.bind(":w", worker_id);
    if (!w.step()) throw std::invalid_argument("there is no worker " + std::to_string(worker_id));
  }
  Stmt s(db,
         "INSERT INTO contacts(child, worker_id, allowed) VALUES(:c, :w, :a) "
         "ON CONFLICT(child, worker_id) DO UPDATE SET allowed = excluded.allowed");
  s.bind(":c", child).bind(":w", worker_id).bind(":a", allowed ? 1 : 0).run();
  emit_contact(db, child, worker_id);
  audit(db, now_ms, actor, allowed ? "contact.allow" : "contact.revoke", child + " worker " + std::to_string(worker_id));
  t.commit();
}

std::vector<ContactRow> list_contacts(Db& db, const std::string& child) {
  std::vector<ContactRow> out;
  Stmt s(db,
         "SELECT c.child, c.worker_id, w.name, w.org, c.allowed FROM contacts c JOIN workers w ON w.id = c.worker_id "
         "WHERE c.child = :c ORDER BY c.worker_id");
  s.bind(":c", child);
  while (s.step()) out.push_back(ContactRow{s.text(0), s.i64(1), s.text(2), s.text(3), s.i64(4) != 0});
  return out;
}

// ================================================================= meetings
std::string put_meeting(Db& db, MeetingRow m, const std::string& actor, int64_t now_ms) {
  if (!parse_date(m.date)) throw std::invalid_argument("the meeting date must be YYYY-MM-DD");
  if (!m.time.empty() && !(m.time.size() == 5 && m.time[2] == ':' && digits(m.time.substr(0, 2), 2, 2) &&
                           digits(m.time.substr(3), 2, 2)))
    throw std::invalid_argument("the meeting time must be HH:MM");
  for (const std::string* f : {&m.kind, &m.place, &m.with_whom})
    if (f->size() > 200 || sanitize_text(*f, 200, false) != *f) throw std::invalid_argument("meeting fields must be short printable text");
  if (m.kind.empty()) throw std::invalid_argument("the meeting needs a kind (for example review)");
  Txn t(db);
  const auto wing = child_wing(db, m.child);
  if (!wing) throw std::invalid_argument("there is no child " + m.child);
  if (m.id.empty()) m.id = random_id();
  Stmt s(db,
         "INSERT INTO meetings(id, child, kind, date, time, place, with_whom, cancelled) VALUES(:id, :c, :k, :d, :t, :p, :w, :x) "
         "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, date = excluded.date, time = excluded.time, "
         "place = excluded.place, with_whom = excluded.with_whom, cancelled = excluded.cancelled");
  s.bind(":id", m.id).bind(":c", m.child).bind(":k", m.kind).bind(":d", m.date).bind(":t", m.time);
  s.bind(":p", m.place).bind(":w", m.with_whom).bind(":x", m.cancelled ? 1 : 0).run();
  emit(db, *wing, std::nullopt, "meeting",
       wire::MeetingChange{wire::kWireVersion, m.id, m.child, m.kind, m.date, m.time, m.place, m.with_whom, m.cancelled});
  audit(db, now_ms, actor, "meeting.set", m.id + " child " + m.child + " " + m.kind + " " + m.date);
  t.commit();
  return m.id;
}

// ================================================================= devices
std::string issue_enrol_code(Db& db, const std::string& wing, int hours, const std::string& actor, int64_t now_ms,
                             const std::string& establishment) {
  if (wing.empty() || wing.size() > 40 || sanitize_text(wing, 40, false) != wing)
    throw std::invalid_argument("the wing name must be 1 to 40 printable characters");
  if (hours < 1 || hours > 24 * 14) throw std::invalid_argument("--hours must be between 1 and 336");
  const std::string code = one_time_code();
  Txn t(db);
  const Establishment est = resolve_establishment(db, establishment, wing);
  note_wing(db, est.id, wing);
  Stmt s(db, "INSERT INTO enrol_codes(code_hash, wing, issued_at, expires_at, establishment_id) VALUES(:h, :w, :i, :e, :est)");
  s.bind(":h", sync::sha256_hex(code)).bind(":w", wing).bind(":i", now_ms).bind(":e", now_ms + int64_t{hours} * 3600'000);
  s.bind(":est", est.id).run();
  audit(db, now_ms, actor, "enrol_code.issue", est.code + " wing " + wing + ", valid " + std::to_string(hours) + " h");
  t.commit();
  return code;
}

std::vector<DeviceRow> list_devices(Db& db, const std::string& establishment) {
  std::vector<DeviceRow> out;
  Stmt s(db,
         "SELECT d.id, d.wing, d.label, d.enrolled_at, d.last_seen, d.seq_high, CASE WHEN d.revoked_at IS NULL THEN 0 ELSE 1 END, "
         "e.code FROM devices d JOIN establishments e ON e.id = d.establishment_id "
         "WHERE (:all = 1 OR e.code = :e) ORDER BY d.enrolled_at");
  s.bind(":all", establishment.empty() ? 1 : 0).bind(":e", establishment);
  while (s.step())
    out.push_back(DeviceRow{s.text(0), s.text(1), s.text(2), s.i64(3), s.i64(4), s.i64(5), s.i64(6) != 0, s.text(7)});
  return out;
}

void revoke_device(Db& db, const std::string& id, const std::string& actor, int64_t now_ms) {
  Txn t(db);
  Stmt s(db, "UPDATE devices SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL");
  s.bind(":now", now_ms).bind(":id", id).run();
  if (db.changes() == 0) throw std::invalid_argument("there is no enrolled device " + id + " (or it is already revoked)");
  audit(db, now_ms, actor, "device.revoke", id);
  t.commit();
}

// ================================================================= review
std::vector<ReviewMessage> review_messages(Db& db, const std::string& child, const std::string& actor, int64_t now_ms) {
  Txn t(db);
  if (!get_child(db, child)) throw std::invalid_argument("there is no child " + child);
  audit(db, now_ms, actor, "messages.review", "child " + child);
  std::vector<ReviewMessage> out;
  Stmt s(db,
         "SELECT r.id, 'from child', coalesce(w.name, '?'), r.body, r.status, r.received_at, r.delivered_at, r.read_at "
         "FROM records r LEFT JOIN workers w ON w.id = r.worker_id WHERE r.child = :c AND r.kind = 'message' "
         "UNION ALL SELECT m.id, 'to child', w.name, m.text, 'sent', m.sent_at, NULL, NULL FROM worker_messages m "
         "JOIN workers w ON w.id = m.worker_id WHERE m.child = :c ORDER BY 6");
  s.bind(":c", child);
  while (s.step()) {
    ReviewMessage m;
    m.id = s.text(0);
    m.direction = s.text(1);
    m.worker = s.text(2);
    m.text = s.text(3);
    if (m.direction == "from child") {
      // Refused bodies are stored as they came (up to 64 KiB of anything): parsed with the upload's bounds.
      const json body = parse_json_limited(m.text);
      if (body.is_object() && body.contains("text") && body["text"].is_string()) m.text = body["text"].get<std::string>();
      m.state = s.text(4) == "refused" ? "refused" : !s.is_null(7) ? "read" : !s.is_null(6) ? "delivered" : "sent";
    } else {
      m.state = s.text(4);
    }
    m.at = s.i64(5) / 1000;
    out.push_back(m);
  }
  t.commit();
  return out;
}

// ================================================================= demo
bool seed_gateway_demo(Db& db, int64_t now_ms) {
  if (gateway_meta(db, "demo_seeded") == "1") return false;
  const CivilDate today = local_date(now_ms / 1000);
  if (!gateway_initialised(db)) gateway_init(db, "Brookfield YOI (demo)", now_ms);
  // Two establishments (issue 14): Brookfield YOI (the first, BRK, Oak wing) and Hollins Secure Children's Home.
  if (establishment_code(db).empty() || establishment_code(db) == "MAIN") set_establishment_code(db, "BRK", "demo-seed", now_ms);
  if (!establishment_by_code(db, "HOL")) add_establishment(db, "HOL", "Hollins Secure Children's Home (demo)", {"Ash"}, "demo-seed", now_ms);
  ChildRow alex{"1001", "Alex", format_date(add_days(today, -(16 * 365 + 120))), "Oak",
                format_date(demo_working_day(today, 70)), "E08000035", "en"};
  ChildRow cerys{"1002", "Cerys", format_date(add_days(today, -(15 * 365 + 200))), "Oak",
                 format_date(demo_working_day(today, 42)), "W06000015", "cy"};
  ChildRow jay{"1003", "Jay", format_date(add_days(today, -(15 * 365 + 40))), "Ash",
               format_date(demo_working_day(today, 56)), "E08000032", "en", true, "HOL"};
  alex.establishment = cerys.establishment = "BRK";
  put_child(db, alex, std::string("1357"), "demo-seed", now_ms);
  put_child(db, cerys, std::string("2468"), "demo-seed", now_ms);
  put_child(db, jay, std::string("3579"), "demo-seed", now_ms);
  const int64_t sam = add_worker(db, "Sam Taylor", "sam.taylor@leeds-yot.example", "Leeds YOT", "demo-sam-2468", "demo-seed", now_ms);
  const int64_t rhian = add_worker(db, "Rhian Evans", "rhian.evans@cardiff-yos.example", "Cardiff YOS", "demo-rhian-1357", "demo-seed", now_ms);
  set_contact(db, "1001", sam, true, "demo-seed", now_ms);
  set_contact(db, "1002", rhian, true, "demo-seed", now_ms);
  set_contact(db, "1003", sam, true, "demo-seed", now_ms);
  // The kiosk's own demo seeds the same meetings under the same ids (core/myviews/demo_meetings.h).
  for (const DemoMeeting& d : demo_meetings()) {
    char hhmm[6];
    std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", d.hh, d.mm);
    put_meeting(db, MeetingRow{d.id, d.child, d.kind, format_date(add_days(today, demo_meeting_offset(d, today))), hhmm, d.place,
                               d.with_whom}, "demo-seed", now_ms);
  }
  seed_plan_demo(db, now_ms);
  Txn t(db);
  set_gateway_meta(db, "demo_seeded", "1");
  audit(db, now_ms, "demo-seed", "demo-seed",
        "BRK (Oak: children 1001 1002) and HOL (Ash: child 1003), workers Sam Taylor and Rhian Evans, their plans");
  t.commit();
  return true;
}

}  // namespace waymark::gateway
