#include "gateway/store.h"

#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <set>
#include <sstream>

#include "core/base/dates.h"
#include "core/storage/migrations.h"
#include "core/base/secrets.h"
#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"
#include "core/base/text.h"
#include "gateway/packs.h"
#include "gateway/web_store.h"

namespace fs = std::filesystem;

namespace waymark::gateway {

// ================================================================= schema
namespace {

const char* kGatewaySchema = R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE workers (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL UNIQUE,
  org           TEXT NOT NULL,
  password_hash TEXT NOT NULL,     -- Argon2id
  active        INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE children (
  number       TEXT PRIMARY KEY,
  first_name   TEXT NOT NULL,
  pin_hash     TEXT NOT NULL,      -- Argon2id; the PIN itself is never stored
  lang         TEXT NOT NULL CHECK (lang IN ('en','cy')),
  dob          TEXT,
  wing         TEXT NOT NULL,
  release_date TEXT,
  release_la   TEXT,
  active       INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE contacts (
  child     TEXT NOT NULL REFERENCES children(number),
  worker_id INTEGER NOT NULL REFERENCES workers(id),
  allowed   INTEGER NOT NULL,
  PRIMARY KEY (child, worker_id)
) STRICT;

CREATE TABLE meetings (
  id        TEXT PRIMARY KEY,
  child     TEXT NOT NULL REFERENCES children(number),
  kind      TEXT NOT NULL,
  date      TEXT NOT NULL,
  time      TEXT NOT NULL DEFAULT '',
  place     TEXT NOT NULL DEFAULT '',
  with_whom TEXT NOT NULL DEFAULT '',
  cancelled INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE enrol_codes (
  code_hash  TEXT PRIMARY KEY,     -- SHA-256 of the code; the code itself is shown once
  wing       TEXT NOT NULL,
  issued_at  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,     -- unix ms
  used_at    INTEGER,
  device_id  TEXT
) STRICT;

CREATE TABLE devices (
  id          TEXT PRIMARY KEY,
  public_key  BLOB NOT NULL UNIQUE,
  wing        TEXT NOT NULL,
  label       TEXT NOT NULL DEFAULT '',
  enrolled_at INTEGER NOT NULL,
  revoked_at  INTEGER,
  seq_high    INTEGER NOT NULL DEFAULT 0,   -- every seq 1..seq_high from this device is stored
  last_seen   INTEGER NOT NULL DEFAULT 0
) STRICT;

-- What devices sent (outbox records). Kept with its receipt: a retry gets the original receipt.
CREATE TABLE records (
  rec_seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  device_id    TEXT NOT NULL REFERENCES devices(id),
  device_seq   INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  child        TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('accepted','refused')),
  reason       TEXT,
  received_at  INTEGER NOT NULL,
  receipt      TEXT NOT NULL,
  worker_id    INTEGER,
  delivered_at INTEGER,
  read_at      INTEGER,
  UNIQUE (device_id, device_seq)
) STRICT;
CREATE INDEX records_by_worker ON records(worker_id, kind, status);
CREATE INDEX records_by_child ON records(child, kind);
CREATE TRIGGER records_immutable BEFORE UPDATE OF id, device_id, device_seq, kind, child, body, receipt ON records
BEGIN SELECT RAISE(ABORT, 'records are immutable'); END;

CREATE TABLE seq_gaps (
  device_id TEXT NOT NULL,
  expected  INTEGER NOT NULL,
  got       INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  PRIMARY KEY (device_id, expected, got)
) STRICT;

CREATE TABLE worker_messages (
  id        TEXT PRIMARY KEY,
  worker_id INTEGER NOT NULL REFERENCES workers(id),
  child     TEXT NOT NULL REFERENCES children(number),
  text      TEXT NOT NULL,
  sent_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE worker_sessions (
  token_hash TEXT PRIMARY KEY,
  worker_id  INTEGER NOT NULL REFERENCES workers(id),
  expires_at INTEGER NOT NULL
) STRICT;

-- The change feed devices read (docs/sync-protocol.md, /v1/down). Scope: a wing, or one device.
CREATE TABLE changes (
  server_seq INTEGER PRIMARY KEY AUTOINCREMENT,
  wing       TEXT,
  device_id  TEXT,
  kind       TEXT NOT NULL,
  payload    TEXT NOT NULL
) STRICT;
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes BEGIN SELECT RAISE(ABORT, 'the feed is append-only'); END;

CREATE TABLE audit (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  at     INTEGER NOT NULL,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
)SQL";

const std::vector<Migration>& gateway_migrations() {
  static const std::vector<Migration> list = {
      {1, "gateway", kGatewaySchema},
      {100, "web inbox", kWebSchemaSql},  // gateway/web_store.cpp (issue 6)
      {101, "content packs", kGatewayPacksSql},  // gateway/packs.cpp
  };
  return list;
}

// ================================================================= helpers
void set_meta(Db& db, const std::string& k, const std::string& v) {
  Stmt s(db, "INSERT INTO meta(key, value) VALUES(:k, :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  s.bind(":k", k).bind(":v", v).run();
}

void audit(Db& db, int64_t now_ms, const std::string& actor, const std::string& action, const std::string& detail) {
  Stmt s(db, "INSERT INTO audit(at, actor, action, detail) VALUES(:at, :a, :ac, :d)");
  s.bind(":at", now_ms / 1000).bind(":a", actor).bind(":ac", action).bind(":d", detail).run();
}

void emit(Db& db, const std::optional<std::string>& wing, const std::optional<std::string>& device,
          const std::string& kind, const json& payload) {
  Stmt s(db, "INSERT INTO changes(wing, device_id, kind, payload) VALUES(:w, :d, :k, :p)");
  s.bind(":w", wing).bind(":d", device).bind(":k", kind).bind(":p", payload.dump()).run();
}

[[noreturn]] void bad(const std::string& code, const std::string& msg) { throw ApiError(400, code, msg); }

// Strict field check: every key must be known, every required key present.
void check_keys(const json& j, std::initializer_list<const char*> required, std::initializer_list<const char*> optional) {
  if (!j.is_object()) bad("bad_request", "The request must be a JSON object.");
  for (const char* k : required)
    if (!j.contains(k)) bad("bad_request", std::string("The field \"") + k + "\" is missing.");
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* k : required) known = known || it.key() == k;
    for (const char* k : optional) known = known || it.key() == k;
    if (!known) bad("bad_request", "The field \"" + it.key() + "\" is not part of this request.");
  }
}

const std::string& str_field(const json& j, const char* k, size_t max_bytes) {
  const json& v = j.at(k);
  if (!v.is_string()) bad("bad_request", std::string("The field \"") + k + "\" must be text.");
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() > max_bytes || !utf8_valid(s)) bad("bad_request", std::string("The field \"") + k + "\" is too long or not UTF-8.");
  return s;
}

int64_t int_field(const json& j, const char* k, int64_t lo, int64_t hi) {
  const json& v = j.at(k);
  if (!v.is_number_integer()) bad("bad_request", std::string("The field \"") + k + "\" must be a whole number.");
  const int64_t n = v.get<int64_t>();
  if (n < lo || n > hi) bad("bad_request", std::string("The field \"") + k + "\" is out of range.");
  return n;
}

bool digits(const std::string& s, size_t lo, size_t hi) {
  if (s.size() < lo || s.size() > hi) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string sha256_text(const std::string& s) { return sync::sha256_hex(s); }

json child_payload(const ChildRow& c, const std::string& pin_hash) {
  return wire::RosterChild{wire::kWireVersion, c.number, c.first_name, pin_hash, c.lang, c.wing,
                           c.dob, c.release_date, c.release_la, c.active};
}

std::optional<std::string> child_wing(Db& db, const std::string& number) {
  Stmt s(db, "SELECT wing FROM children WHERE number = :n AND active = 1");
  s.bind(":n", number);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

bool contact_allowed(Db& db, const std::string& child, int64_t worker_id) {
  Stmt s(db,
         "SELECT 1 FROM contacts c JOIN workers w ON w.id = c.worker_id "
         "WHERE c.child = :c AND c.worker_id = :w AND c.allowed = 1 AND w.active = 1");
  s.bind(":c", child).bind(":w", worker_id);
  return s.step();
}

void emit_contact(Db& db, const std::string& child, int64_t worker_id) {
  Stmt s(db,
         "SELECT ch.wing, w.name, w.org, c.allowed AND w.active FROM contacts c JOIN workers w ON w.id = c.worker_id "
         "JOIN children ch ON ch.number = c.child WHERE c.child = :c AND c.worker_id = :w");
  s.bind(":c", child).bind(":w", worker_id);
  if (!s.step()) return;
  emit(db, s.text(0), std::nullopt, "contact",
       wire::ContactChange{wire::kWireVersion, child, worker_id, s.text(1), s.text(2), s.i64(3) != 0});
}

void emit_receipt(Db& db, const std::string& record_id, const std::string& device_id, const std::string& state,
                  int64_t now_ms) {
  emit(db, std::nullopt, device_id, "receipt", wire::ReceiptChange{wire::kWireVersion, record_id, state, now_ms / 1000});
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
  std::optional<std::string> old_wing, old_hash;
  {
    Stmt s(db, "SELECT wing, pin_hash FROM children WHERE number = :n");
    s.bind(":n", c.number);
    if (s.step()) {
      old_wing = s.text(0);
      old_hash = s.text(1);
    }
  }
  if (!old_hash && !pin) throw std::invalid_argument("a new child needs a PIN");
  const std::string hash = pin ? hash_secret(*pin) : *old_hash;
  Stmt s(db,
         "INSERT INTO children(number, first_name, pin_hash, lang, dob, wing, release_date, release_la, active) "
         "VALUES(:n, :f, :h, :l, :d, :w, :rd, :rl, :a) ON CONFLICT(number) DO UPDATE SET first_name = excluded.first_name, "
         "pin_hash = excluded.pin_hash, lang = excluded.lang, dob = excluded.dob, wing = excluded.wing, "
         "release_date = excluded.release_date, release_la = excluded.release_la, active = excluded.active");
  auto opt = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
  s.bind(":n", c.number).bind(":f", c.first_name).bind(":h", hash).bind(":l", c.lang).bind(":d", opt(c.dob));
  s.bind(":w", c.wing).bind(":rd", opt(c.release_date)).bind(":rl", opt(c.release_la)).bind(":a", c.active ? 1 : 0);
  s.run();
  const json p = child_payload(c, hash);
  emit(db, c.wing, std::nullopt, "child", p);
  if (old_wing && *old_wing != c.wing) emit(db, *old_wing, std::nullopt, "child", p);
  if (was_new) *was_new = !old_hash.has_value();
  audit(db, now_ms, actor, old_hash ? "child.update" : "child.add",
        c.number + " wing " + c.wing + (pin ? " (PIN set)" : "") + (c.active ? "" : " (inactive)"));
}

}  // namespace

// ================================================================= opening
std::string gateway_db_path(const std::string& dir) { return (fs::path(dir) / "gateway.db").string(); }

std::unique_ptr<Db> open_gateway(const std::string& dir, bool create) {
  std::error_code ec;
  if (!fs::exists(gateway_db_path(dir), ec)) {
    if (!create)
      throw std::runtime_error("there is no gateway in " + dir + "; run `waymark-gateway init --data " + dir +
                               " --establishment NAME` first");
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);
  }
  auto db = std::make_unique<Db>(gateway_db_path(dir));
  migrate(*db, gateway_migrations());
  return db;
}

std::string gateway_meta(Db& db, const std::string& key, const std::string& fallback) {
  Stmt s(db, "SELECT value FROM meta WHERE key = :k");
  s.bind(":k", key);
  return s.step() ? s.text(0) : fallback;
}

bool gateway_initialised(Db& db) { return !gateway_meta(db, "epoch").empty(); }

void gateway_init(Db& db, const std::string& establishment, int64_t now_ms) {
  Txn t(db);
  set_meta(db, "establishment", establishment);
  if (gateway_meta(db, "epoch").empty()) set_meta(db, "epoch", random_id());
  audit(db, now_ms, "admin", "init", establishment);
  t.commit();
}

std::string gateway_new_epoch(Db& db, const std::string& actor, int64_t now_ms) {
  Txn t(db);
  const std::string e = random_id();
  set_meta(db, "epoch", e);
  audit(db, now_ms, actor, "epoch.new", e);
  t.commit();
  return e;
}

// ================================================================= admin
int64_t add_worker(Db& db, const std::string& name, const std::string& email, const std::string& org,
                   const std::string& password, const std::string& actor, int64_t now_ms) {
  if (name.empty() || name.size() > 80 || sanitize_text(name, 80, false) != name)
    throw std::invalid_argument("the name must be 1 to 80 printable characters");
  const auto at = email.find('@');
  if (email.size() > 120 || at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
      email.find_first_of(" \t\r\n<>,;\"") != std::string::npos)
    throw std::invalid_argument("the email address does not look right");
  if (org.empty() || org.size() > 80 || sanitize_text(org, 80, false) != org)
    throw std::invalid_argument("the YOT name must be 1 to 80 printable characters");
  if (utf8_length(password) < 10) throw std::invalid_argument("the password must be at least 10 characters");
  const std::string hash = hash_secret(password);
  Txn t(db);
  if (worker_by_email(db, email)) throw std::invalid_argument("a worker with that email is already listed");
  Stmt s(db, "INSERT INTO workers(name, email, org, password_hash) VALUES(:n, :e, :o, :h)");
  s.bind(":n", name).bind(":e", email).bind(":o", org).bind(":h", hash).run();
  const int64_t id = db.last_insert_rowid();
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

void put_child(Db& db, const ChildRow& c, const std::optional<std::string>& pin, const std::string& actor,
               int64_t now_ms) {
  Txn t(db);
  put_child_in_txn(db, c, pin, actor, now_ms, nullptr);
  t.commit();
}

std::optional<ChildRow> get_child(Db& db, const std::string& number) {
  Stmt s(db,
         "SELECT number, first_name, coalesce(dob,''), wing, coalesce(release_date,''), coalesce(release_la,''), lang, "
         "active FROM children WHERE number = :n");
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
  return c;
}

ImportResult import_children_csv(Db& db, const std::string& csv, const std::string& actor, int64_t now_ms) {
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
    ChildRow c{f[0], f[1], f[2], f[3], f[4], f[5], f[6].empty() ? "en" : f[6]};
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

std::string issue_enrol_code(Db& db, const std::string& wing, int hours, const std::string& actor, int64_t now_ms) {
  if (wing.empty() || wing.size() > 40 || sanitize_text(wing, 40, false) != wing)
    throw std::invalid_argument("the wing name must be 1 to 40 printable characters");
  if (hours < 1 || hours > 24 * 14) throw std::invalid_argument("--hours must be between 1 and 336");
  crypto_init();
  static const char kAlpha[] = "ABCDEFGHJKMNPQRSTVWXYZ23456789";  // 30 letters, none that look alike
  std::string code;
  for (int i = 0; i < 12; i++) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
    code.push_back(kAlpha[randombytes_uniform(30)]);
  }
  Txn t(db);
  Stmt s(db, "INSERT INTO enrol_codes(code_hash, wing, issued_at, expires_at) VALUES(:h, :w, :i, :e)");
  s.bind(":h", sha256_text(code)).bind(":w", wing).bind(":i", now_ms).bind(":e", now_ms + int64_t{hours} * 3600'000).run();
  audit(db, now_ms, actor, "enrol_code.issue", "wing " + wing + ", valid " + std::to_string(hours) + " h");
  t.commit();
  return code;
}

std::vector<DeviceRow> list_devices(Db& db) {
  std::vector<DeviceRow> out;
  Stmt s(db, "SELECT id, wing, label, enrolled_at, last_seen, seq_high, revoked_at IS NOT NULL FROM devices ORDER BY enrolled_at");
  while (s.step()) out.push_back(DeviceRow{s.text(0), s.text(1), s.text(2), s.i64(3), s.i64(4), s.i64(5), s.i64(6) != 0});
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
      try {
        m.text = json::parse(m.text).value("text", m.text);
      } catch (const json::exception&) {
      }
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

bool seed_gateway_demo(Db& db, int64_t now_ms) {
  if (gateway_meta(db, "demo_seeded") == "1") return false;
  const CivilDate today = local_date(now_ms / 1000);
  if (!gateway_initialised(db)) gateway_init(db, "Brookfield YOI (demo)", now_ms);
  ChildRow alex{"1001", "Alex", format_date(add_days(today, -(16 * 365 + 120))), "Oak",
                format_date(add_days(today, 70)), "E08000035", "en"};
  ChildRow cerys{"1002", "Cerys", format_date(add_days(today, -(15 * 365 + 200))), "Oak",
                 format_date(add_days(today, 42)), "W06000015", "cy"};
  put_child(db, alex, std::string("1357"), "demo-seed", now_ms);
  put_child(db, cerys, std::string("2468"), "demo-seed", now_ms);
  const int64_t sam = add_worker(db, "Sam Taylor", "sam.taylor@leeds-yot.example", "Leeds YOT", "demo-sam-2468", "demo-seed", now_ms);
  const int64_t rhian = add_worker(db, "Rhian Evans", "rhian.evans@cardiff-yos.example", "Cardiff YOS", "demo-rhian-1357", "demo-seed", now_ms);
  set_contact(db, "1001", sam, true, "demo-seed", now_ms);
  set_contact(db, "1002", rhian, true, "demo-seed", now_ms);
  put_meeting(db, MeetingRow{"", "1001", "review", format_date(add_days(today, 9)), "10:30", "Visits room 2", "Sam Taylor (Leeds YOT)"}, "demo-seed", now_ms);
  put_meeting(db, MeetingRow{"", "1001", "pre_release", format_date(add_days(today, 40)), "14:00", "Visits room 2", "Sam Taylor (Leeds YOT)"}, "demo-seed", now_ms);
  put_meeting(db, MeetingRow{"", "1002", "final_release", format_date(add_days(today, 28)), "11:00", "Visits room 1", "Rhian Evans (Cardiff YOS)"}, "demo-seed", now_ms);
  Txn t(db);
  set_meta(db, "demo_seeded", "1");
  audit(db, now_ms, "demo-seed", "demo-seed", "children 1001 1002, workers Sam Taylor and Rhian Evans, wing Oak");
  t.commit();
  return true;
}

// ================================================================= device API
json parse_object(const std::string& body) {
  if (body.size() > sync::kMaxRequestBytes) throw ApiError(413, "too_large", "The request is too large.");
  json j;
  try {
    j = json::parse(body);
  } catch (const json::exception&) {
    bad("bad_json", "The request is not valid JSON.");
  }
  if (!j.is_object()) bad("bad_request", "The request must be a JSON object.");
  return j;
}

json api_enrol(Db& db, const json& req, int64_t now_ms) {
  check_keys(req, {"code", "public_key"}, {"label"});
  std::string code = str_field(req, "code", 64);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string pk;
  if (!sync::base64_decode(str_field(req, "public_key", 128), pk) || pk.size() != crypto_sign_PUBLICKEYBYTES)
    bad("bad_key", "The public key must be 32 bytes of base64.");
  const std::string label = req.contains("label") ? sanitize_text(str_field(req, "label", 256), 64, false) : std::string();
  Txn t(db);
  Stmt s(db, "SELECT wing, expires_at, used_at FROM enrol_codes WHERE code_hash = :h");
  s.bind(":h", sha256_text(code));
  if (!s.step() || !s.is_null(2) || s.i64(1) <= now_ms) {
    audit(db, now_ms, "device", "enrol.refused", "wrong, used or expired code");
    t.commit();
    throw ApiError(403, "bad_code", "That enrolment code is wrong, used or expired. Ask for a new one.");
  }
  const std::string wing = s.text(0);
  {
    Stmt k(db, "SELECT 1 FROM devices WHERE public_key = :k");
    k.bind_blob(":k", pk.data(), pk.size());
    if (k.step()) throw ApiError(409, "key_in_use", "This device key is already enrolled.");
  }
  const std::string id = random_id();
  Stmt d(db, "INSERT INTO devices(id, public_key, wing, label, enrolled_at, last_seen) VALUES(:id, :k, :w, :l, :now, :now)");
  d.bind(":id", id).bind_blob(":k", pk.data(), pk.size()).bind(":w", wing).bind(":l", label).bind(":now", now_ms).run();
  Stmt u(db, "UPDATE enrol_codes SET used_at = :now, device_id = :id WHERE code_hash = :h");
  u.bind(":now", now_ms).bind(":id", id).bind(":h", sha256_text(code)).run();
  audit(db, now_ms, "device", "device.enrol", id + " wing " + wing + (label.empty() ? "" : " (" + label + ")"));
  t.commit();
  return json{{"device_id", id},
              {"establishment", gateway_meta(db, "establishment")},
              {"wing", wing},
              {"epoch", gateway_meta(db, "epoch")},
              {"time_ms", now_ms}};
}

Device authenticate(Db& db, const std::string& device_id, const std::string& time_ms, const std::string& sig_b64,
                    const std::string& method, const std::string& path, const std::string& body, int64_t now_ms,
                    bool allow_revoked) {
  if (!sync::is_hex_id(device_id)) throw ApiError(401, "unknown_device", "This device is not enrolled.");
  Stmt s(db, "SELECT public_key, wing, revoked_at FROM devices WHERE id = :id");
  s.bind(":id", device_id);
  if (!s.step()) throw ApiError(401, "unknown_device", "This device is not enrolled.");
  if (!s.is_null(2) && !allow_revoked) throw ApiError(401, "revoked_device", "This device has been revoked.");
  const auto pkv = s.blob(0);
  const std::string pk(pkv.begin(), pkv.end());
  Device d{device_id, s.text(1), s.is_null(2) ? 0 : s.i64(2)};
  if (time_ms.empty() || time_ms.size() > 15 || !digits(time_ms, 1, 15)) throw ApiError(401, "bad_signature", "The request is not signed.");
  const int64_t t = std::stoll(time_ms);
  std::string sig;
  if (!sync::base64_decode(sig_b64, sig) ||
      !sync::verify_detached(sync::string_to_sign(method, path, device_id, t, body), sig, pk))
    throw ApiError(401, "bad_signature", "The request signature does not match.");
  if (t < now_ms - sync::kClockWindowMs || t > now_ms + sync::kClockWindowMs) throw ApiError(401, "clock", "The device clock is wrong.");
  return d;
}

json api_up(Db& db, const Device& d, const json& req, int64_t now_ms) {
  check_keys(req, {"records"}, {});
  const json& recs = req.at("records");
  if (!recs.is_array() || recs.empty() || recs.size() > static_cast<size_t>(sync::kMaxUpRecords))
    bad("bad_request", "\"records\" must be a list of 1 to 100 records.");
  struct In {
    std::string id, kind, child, body;
    int64_t seq, created_at;
  };
  std::vector<In> in;
  std::set<std::string> ids;
  for (const json& r : recs) {
    check_keys(r, {"id", "seq", "kind", "child", "created_at", "body"}, {});
    In x{str_field(r, "id", 32), str_field(r, "kind", 16), str_field(r, "child", 16), str_field(r, "body", sync::kMaxBodyBytes),
         int_field(r, "seq", 1, (1LL << 53)), int_field(r, "created_at", 0, (1LL << 40))};
    if (!sync::is_hex_id(x.id)) bad("bad_request", "A record id must be 32 lowercase hex characters.");
    if (x.kind != "message" && x.kind != "enquiry" && x.kind != "myviews") bad("bad_request", "Unknown record kind " + x.kind + ".");
    if (!digits(x.child, 1, 16)) bad("bad_request", "A child's sign-in number must be 1 to 16 digits.");
    if (!ids.insert(x.id).second) bad("bad_request", "The same record id appears twice in one request.");
    in.push_back(std::move(x));
  }

  Txn t(db);
  int64_t seq_high = 0;
  {
    Stmt s(db, "SELECT seq_high FROM devices WHERE id = :d");
    s.bind(":d", d.id);
    if (s.step()) seq_high = s.i64(0);
  }
  json receipts = json::array();
  json gap = nullptr;
  for (const In& x : in) {
    Stmt old(db, "SELECT device_id, device_seq, kind, child, body, receipt FROM records WHERE id = :id");
    old.bind(":id", x.id);
    if (old.step()) {
      if (old.text(0) == d.id && old.i64(1) == x.seq && old.text(2) == x.kind && old.text(3) == x.child && old.text(4) == x.body) {
        receipts.push_back(json::parse(old.text(5)));  // the original receipt
      } else {
        receipts.push_back(json{{"id", x.id}, {"status", "conflict"}});
        audit(db, now_ms, "device " + d.id, "record.conflict", x.id);
      }
      continue;
    }
    {
      Stmt same_seq(db, "SELECT 1 FROM records WHERE device_id = :d AND device_seq = :s");
      same_seq.bind(":d", d.id).bind(":s", x.seq);
      if (same_seq.step()) {
        receipts.push_back(json{{"id", x.id}, {"status", "conflict"}});
        audit(db, now_ms, "device " + d.id, "record.conflict", x.id + " reuses seq " + std::to_string(x.seq));
        continue;
      }
    }
    if (x.seq > seq_high + 1 && gap.is_null()) {
      gap = json{{"expected", seq_high + 1}, {"got", x.seq}};
      Stmt g(db, "INSERT OR IGNORE INTO seq_gaps(device_id, expected, got, at) VALUES(:d, :e, :g, :at)");
      g.bind(":d", d.id).bind(":e", seq_high + 1).bind(":g", x.seq).bind(":at", now_ms).run();
      if (db.changes() > 0)
        audit(db, now_ms, "device " + d.id, "seq_gap", "expected " + std::to_string(seq_high + 1) + ", got " + std::to_string(x.seq));
    }
    // What the record may do.
    std::string reason;
    std::optional<int64_t> worker;
    const auto wing = child_wing(db, x.child);
    if (!wing || *wing != d.wing) reason = "not_on_wing";
    json body;
    if (reason.empty()) {
      try {
        body = json::parse(x.body);
        if (!body.is_object()) reason = "bad_body";
      } catch (const json::exception&) {
        reason = "bad_body";
      }
    }
    if (reason.empty() && x.kind == "message") {
      const auto m = wire::parse<wire::MessageBody>(body);  // strict: exactly v, to and text
      if (!m) reason = "bad_body";
      else if (!contact_allowed(db, x.child, m->to)) reason = "contact_not_allowed";
      else worker = m->to;
    }
    int64_t server_seq = 1;
    {
      Stmt mx(db, "SELECT coalesce(max(rec_seq), 0) + 1 FROM records");  // records are never deleted
      mx.step();
      server_seq = mx.i64(0);
    }
    wire::UpReceipt receipt{x.id, reason.empty() ? "accepted" : "refused", std::nullopt, server_seq, now_ms};
    if (!reason.empty()) {
      receipt.reason = reason;
      audit(db, now_ms, "device " + d.id, "record.refused", x.id + " " + reason);
    }
    Stmt ins(db,
             "INSERT INTO records(rec_seq, id, device_id, device_seq, kind, child, body, created_at, status, reason, received_at, receipt, worker_id) "
             "VALUES(:q, :id, :d, :s, :k, :c, :b, :ca, :st, :r, :now, :rc, :w)");
    ins.bind(":q", server_seq).bind(":id", x.id).bind(":d", d.id).bind(":s", x.seq).bind(":k", x.kind).bind(":c", x.child).bind(":b", x.body);
    ins.bind(":ca", x.created_at).bind(":st", reason.empty() ? "accepted" : "refused").bind(":now", now_ms).bind(":w", worker);
    ins.bind(":rc", wire::body_text(receipt));
    if (reason.empty()) ins.bind_null(":r");
    else ins.bind(":r", reason);
    ins.run();
    receipts.push_back(json(receipt));
    if (x.seq == seq_high + 1) {
      seq_high = x.seq;
      for (;;) {
        Stmt nx(db, "SELECT 1 FROM records WHERE device_id = :d AND device_seq = :s");
        nx.bind(":d", d.id).bind(":s", seq_high + 1);
        if (!nx.step()) break;
        seq_high++;
      }
    }
  }
  Stmt up(db, "UPDATE devices SET seq_high = :s, last_seen = :now WHERE id = :d");
  up.bind(":s", seq_high).bind(":now", now_ms).bind(":d", d.id).run();
  t.commit();
  return json{{"receipts", receipts}, {"device_seq", seq_high}, {"gap", gap}, {"time_ms", now_ms}};
}

json api_down(Db& db, const Device& d, const json& req, int64_t now_ms) {
  check_keys(req, {"epoch", "cursor"}, {"limit"});
  const std::string& epoch = str_field(req, "epoch", 64);
  int64_t cursor = int_field(req, "cursor", 0, (1LL << 53));
  const int64_t limit = req.contains("limit") ? int_field(req, "limit", 1, sync::kMaxDownLimit) : 500;
  Txn t(db, TxnKind::Deferred);  // one consistent snapshot
  const std::string cur_epoch = gateway_meta(db, "epoch");
  int64_t head = 0, seq_high = 0;
  {
    Stmt h(db, "SELECT coalesce(max(server_seq), 0) FROM changes");
    h.step();
    head = h.i64(0);
    Stmt s(db, "SELECT seq_high FROM devices WHERE id = :d");
    s.bind(":d", d.id);
    if (s.step()) seq_high = s.i64(0);
  }
  const bool reset = epoch != cur_epoch || cursor > head;
  if (reset) cursor = 0;
  json changes = json::array();
  Stmt s(db,
         "SELECT server_seq, kind, payload FROM changes WHERE server_seq > :c AND "
         "(wing = :w OR device_id = :d OR (wing IS NULL AND device_id IS NULL)) "
         "ORDER BY server_seq LIMIT :n");
  s.bind(":c", cursor).bind(":w", d.wing).bind(":d", d.id).bind(":n", limit);
  int64_t last = cursor;
  while (s.step()) {
    last = s.i64(0);
    changes.push_back(json{{"seq", last}, {"kind", s.text(1)}, {"data", json::parse(s.text(2))}});
  }
  const bool more = static_cast<int64_t>(changes.size()) == limit && last < head;
  const int64_t new_cursor = more ? last : head;
  int64_t last_seen = 0;
  {
    Stmt ls(db, "SELECT last_seen FROM devices WHERE id = :d");
    ls.bind(":d", d.id);
    if (ls.step()) last_seen = ls.i64(0);
  }
  t.commit();
  if (now_ms - last_seen > 60'000) {  // a durable write (an fsync) at most once a minute per device, not per poll
    Txn w(db);
    Stmt ls(db, "UPDATE devices SET last_seen = :now WHERE id = :d");
    ls.bind(":now", now_ms).bind(":d", d.id).run();
    w.commit();
  }
  return json{{"epoch", cur_epoch}, {"reset", reset}, {"cursor", new_cursor}, {"more", more},
              {"device_seq", seq_high}, {"time_ms", now_ms}, {"changes", changes}};
}

// ================================================================= worker API
json api_worker_session(Db& db, const json& req, int64_t now_ms) {
  check_keys(req, {"email", "password"}, {});
  const std::string& email = str_field(req, "email", 120);
  const std::string& pw = str_field(req, "password", 256);
  std::string hash;
  int64_t id = 0;
  {
    Stmt s(db, "SELECT id, password_hash FROM workers WHERE lower(email) = lower(:e) AND active = 1");
    s.bind(":e", email);
    if (s.step()) {
      id = s.i64(0);
      hash = s.text(1);
    }
  }
  // Verify even for unknown emails so timing does not tell which addresses exist.
  const bool ok = verify_secret(hash.empty() ? hash_secret("not-a-password-xx") : hash, pw) && id != 0;
  if (!ok) throw ApiError(401, "bad_login", "That email and password do not match.");
  crypto_init();
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  const std::string token = sync::base64_encode(std::string(reinterpret_cast<char*>(b), sizeof b));
  Txn t(db);
  Stmt s(db, "INSERT INTO worker_sessions(token_hash, worker_id, expires_at) VALUES(:h, :w, :e)");
  s.bind(":h", sha256_text(token)).bind(":w", id).bind(":e", now_ms + int64_t{8 * 3600'000}).run();
  audit(db, now_ms, "worker " + std::to_string(id), "worker.sign_in", "");
  t.commit();
  return json{{"token", token}, {"worker_id", id}};
}

int64_t worker_from_token(Db& db, const std::string& bearer, int64_t now_ms) {
  Stmt s(db,
         "SELECT s.worker_id FROM worker_sessions s JOIN workers w ON w.id = s.worker_id "
         "WHERE s.token_hash = :h AND s.expires_at > :now AND w.active = 1");
  s.bind(":h", sha256_text(bearer)).bind(":now", now_ms);
  if (!s.step()) throw ApiError(401, "bad_token", "Please sign in again.");
  return s.i64(0);
}

json api_worker_inbox(Db& db, int64_t worker_id, int64_t now_ms) {
  Txn t(db);
  json out = json::array();
  std::vector<std::pair<std::string, std::string>> newly;  // id, device
  Stmt s(db,
         "SELECT r.id, r.child, ch.first_name, r.body, r.received_at, r.delivered_at, r.read_at, r.device_id FROM records r "
         "JOIN children ch ON ch.number = r.child JOIN contacts c ON c.child = r.child AND c.worker_id = r.worker_id "
         "WHERE r.worker_id = :w AND r.kind = 'message' AND r.status = 'accepted' AND c.allowed = 1 ORDER BY r.rec_seq");
  s.bind(":w", worker_id);
  while (s.step()) {
    const auto body = wire::parse_text<wire::MessageBody>(s.text(3));
    const std::string text = body ? body->text : std::string();
    out.push_back(json{{"id", s.text(0)}, {"child", s.text(1)}, {"first_name", s.text(2)}, {"text", text},
                       {"received_at", s.i64(4) / 1000}, {"read", !s.is_null(6)}});
    if (s.is_null(5)) newly.emplace_back(s.text(0), s.text(7));
  }
  for (const auto& [id, dev] : newly) {
    Stmt u(db, "UPDATE records SET delivered_at = :now WHERE id = :id AND delivered_at IS NULL");
    u.bind(":now", now_ms).bind(":id", id).run();
    emit_receipt(db, id, dev, "delivered", now_ms);
  }
  t.commit();
  return json{{"messages", out}, {"time_ms", now_ms}};
}

json api_worker_read(Db& db, int64_t worker_id, const json& req, int64_t now_ms) {
  check_keys(req, {"ids"}, {});
  const json& ids = req.at("ids");
  if (!ids.is_array() || ids.size() > 500) bad("bad_request", "\"ids\" must be a list of up to 500 ids.");
  Txn t(db);
  int marked = 0;
  for (const json& v : ids) {
    if (!v.is_string() || !sync::is_hex_id(v.get_ref<const std::string&>())) bad("bad_request", "Every id must be 32 hex characters.");
    const std::string& id = v.get_ref<const std::string&>();
    Stmt s(db, "SELECT device_id, delivered_at FROM records WHERE id = :id AND worker_id = :w AND status = 'accepted' AND read_at IS NULL");
    s.bind(":id", id).bind(":w", worker_id);
    if (!s.step()) continue;
    const std::string dev = s.text(0);
    const bool was_delivered = !s.is_null(1);
    Stmt u(db, "UPDATE records SET read_at = :now, delivered_at = coalesce(delivered_at, :now) WHERE id = :id");
    u.bind(":now", now_ms).bind(":id", id).run();
    if (!was_delivered) emit_receipt(db, id, dev, "delivered", now_ms);
    emit_receipt(db, id, dev, "read", now_ms);
    marked++;
  }
  t.commit();
  return json{{"marked", marked}, {"time_ms", now_ms}};
}

bool mark_record_opened(Db& db, const std::string& record_id, int64_t now_ms) {
  Txn t(db);
  Stmt s(db, "SELECT device_id, delivered_at FROM records WHERE id = :id AND status = 'accepted' AND read_at IS NULL "
             "AND kind IN ('myviews', 'enquiry')");
  s.bind(":id", record_id);
  if (!s.step()) return false;
  const std::string dev = s.text(0);
  const bool was_delivered = !s.is_null(1);
  Stmt u(db, "UPDATE records SET read_at = :now, delivered_at = coalesce(delivered_at, :now) WHERE id = :id");
  u.bind(":now", now_ms).bind(":id", record_id).run();
  if (!was_delivered) emit_receipt(db, record_id, dev, "delivered", now_ms);
  emit_receipt(db, record_id, dev, "read", now_ms);
  t.commit();
  return true;
}

json api_worker_send(Db& db, int64_t worker_id, const json& req, int64_t now_ms) {
  check_keys(req, {"child", "text"}, {});
  const std::string& child = str_field(req, "child", 16);
  const std::string& text = str_field(req, "text", 8 * sync::kMaxMessageChars);
  const size_t n = utf8_length(text);
  if (n == 0 || n > sync::kMaxMessageChars || sanitize_text(text, sync::kMaxMessageChars, true) != text)
    bad("bad_text", "A message must be 1 to 1,000 printable characters.");
  Txn t(db);
  const auto wing = child_wing(db, child);
  if (!wing || !contact_allowed(db, child, worker_id))
    throw ApiError(403, "contact_not_allowed", "You are not an approved contact for that child.");
  const std::string id = random_id();
  Stmt s(db, "INSERT INTO worker_messages(id, worker_id, child, text, sent_at) VALUES(:id, :w, :c, :t, :now)");
  s.bind(":id", id).bind(":w", worker_id).bind(":c", child).bind(":t", text).bind(":now", now_ms).run();
  emit(db, *wing, std::nullopt, "message", wire::WorkerMessage{wire::kWireVersion, id, child, text, worker_id, now_ms / 1000});
  t.commit();
  return json{{"id", id}, {"time_ms", now_ms}};
}

// ================================================================= device standing (doctor, decommission)
json api_hello(Db& db, const Device& d, const json& req, int64_t now_ms) {
  check_keys(req, {}, {});
  // Nothing is written here, not even last_seen: `waymarkctl doctor` may run as often as IT likes.
  return json{{"device_id", d.id},
              {"wing", d.wing},
              {"establishment", gateway_meta(db, "establishment")},
              {"epoch", gateway_meta(db, "epoch")},
              {"active", true},
              {"time_ms", now_ms}};
}

json api_leave(Db& db, const Device& d, const json& req, int64_t now_ms) {
  check_keys(req, {}, {"reason"});
  const std::string reason =
      req.contains("reason") ? sanitize_text(str_field(req, "reason", 512), 120, false) : std::string("decommissioned");
  Txn t(db);
  Stmt cur(db, "SELECT revoked_at FROM devices WHERE id = :id");
  cur.bind(":id", d.id);
  if (!cur.step()) throw ApiError(401, "unknown_device", "This device is not enrolled.");
  int64_t revoked_at = cur.is_null(0) ? 0 : cur.i64(0);
  const bool already = revoked_at != 0;
  if (!already) {
    Stmt u(db, "UPDATE devices SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL");
    u.bind(":now", now_ms).bind(":id", d.id).run();
    revoked_at = now_ms;
    audit(db, now_ms, "device " + d.id, "device.decommission", d.id + " wing " + d.wing + ": " + reason);
    t.commit();
  }
  return json{{"device_id", d.id}, {"revoked", true}, {"already", already}, {"revoked_at", revoked_at}, {"time_ms", now_ms}};
}

}  // namespace waymark::gateway
