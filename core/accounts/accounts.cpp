#include "core/accounts/accounts.h"

#include <algorithm>
#include <sstream>

#include "core/base/secrets.h"

namespace waymark {

// The accounts' part of migration 1 (the foundation; core/storage/migrations.cpp joins the parts).
const char* const kAccountsSql = R"SQL(CREATE TABLE children (
  number       TEXT PRIMARY KEY CHECK (length(number) BETWEEN 1 AND 16),
  first_name   TEXT NOT NULL,
  pin_hash     TEXT NOT NULL,
  lang         TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','cy')),
  release_date TEXT,            -- YYYY-MM-DD, NULL when not known yet
  release_la   TEXT,            -- ONS local authority code, NULL when not known yet
  dob          TEXT,            -- YYYY-MM-DD
  wing         TEXT NOT NULL DEFAULT '',
  active       INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE staff (
  number   TEXT PRIMARY KEY CHECK (length(number) BETWEEN 1 AND 16),
  name     TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  roles    TEXT NOT NULL,       -- comma-separated: education, approver, wing_officer, it
  active   INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Kept per typed number (known or not), so a lock survives restarts and unknown numbers teach nothing.
CREATE TABLE pin_attempts (
  kind         TEXT NOT NULL CHECK (kind IN ('child','staff')),
  number       TEXT NOT NULL,
  failed       INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,  -- unix seconds
  PRIMARY KEY (kind, number)
) STRICT;

)SQL";

const char* role_name(Role r) {
  switch (r) {
    case Role::Education: return "education";
    case Role::Approver: return "approver";
    case Role::WingOfficer: return "wing_officer";
    case Role::IT: return "it";
  }
  return "";
}

std::optional<Role> parse_role(const std::string& s) {
  for (Role r : {Role::Education, Role::Approver, Role::WingOfficer, Role::IT})
    if (s == role_name(r)) return r;
  if (s == "wing-officer" || s == "wing officer") return Role::WingOfficer;
  return std::nullopt;
}

bool StaffProfile::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

namespace {
std::string join_roles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ',';
    out += role_name(r);
  }
  return out;
}

std::vector<Role> split_roles(const std::string& s) {
  std::vector<Role> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ','))
    if (auto r = parse_role(part)) out.push_back(*r);
  return out;
}

bool all_digits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A fixed hash to verify against when a number is unknown, so both paths cost the same.
const std::string& decoy_hash() {
  static const std::string h = hash_pin("decoy-pin-never-matches");
  return h;
}

ChildProfile read_child(Stmt& s) {
  ChildProfile c;
  c.number = s.text(0);
  c.first_name = s.text(1);
  c.lang = s.text(2);
  c.release_date = s.opt_text(3);
  c.release_la = s.opt_text(4);
  c.dob = s.opt_text(5);
  c.wing = s.text(6);
  return c;
}
constexpr const char* kChildCols = "number, first_name, lang, release_date, release_la, dob, wing";
}  // namespace

bool Accounts::valid_pin(const std::string& pin) { return pin.size() >= 4 && pin.size() <= 8 && all_digits(pin); }
bool Accounts::valid_number(const std::string& n) { return !n.empty() && n.size() <= 16 && all_digits(n); }

std::string staff_pin_problem(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 8) return "a PIN has 4 to 8 digits";
  if (!all_digits(pin)) return "a PIN has digits only";
  bool same = true, up = true, down = true;
  for (size_t i = 1; i < pin.size(); i++) {
    same = same && pin[i] == pin[0];
    up = up && pin[i] == pin[i - 1] + 1;
    down = down && pin[i] == pin[i - 1] - 1;
  }
  if (same) return "that PIN is one digit repeated; children could guess it";
  if (up || down) return "that PIN is a run of digits in order; children could guess it";
  return {};
}

void Accounts::put_child(const ChildProfile& c, const std::string& pin) {
  const std::string hash = stored_pin_hash(hash_pin(pin));
  Txn txn(db_);
  Stmt s(db_,
         "INSERT INTO children(number, first_name, pin_hash, lang, release_date, release_la, dob, wing) "
         "VALUES(:n, :f, :h, :l, :rd, :rla, :dob, :w) "
         "ON CONFLICT(number) DO UPDATE SET first_name=excluded.first_name, pin_hash=excluded.pin_hash, "
         "lang=excluded.lang, release_date=excluded.release_date, release_la=excluded.release_la, "
         "dob=excluded.dob, wing=excluded.wing, active=1");
  s.bind(":n", c.number).bind(":f", c.first_name).bind(":h", hash).bind(":l", c.lang);
  s.bind(":rd", c.release_date).bind(":rla", c.release_la).bind(":dob", c.dob).bind(":w", c.wing);
  s.run();
  txn.commit();
}

void Accounts::put_staff(const StaffProfile& p, const std::string& pin) {
  const std::string hash = stored_pin_hash(hash_pin(pin));
  Txn txn(db_);
  Stmt s(db_,
         "INSERT INTO staff(number, name, pin_hash, roles) VALUES(:n, :name, :h, :r) "
         "ON CONFLICT(number) DO UPDATE SET name=excluded.name, pin_hash=excluded.pin_hash, roles=excluded.roles, active=1");
  s.bind(":n", p.number).bind(":name", p.name).bind(":h", hash).bind(":r", join_roles(p.roles)).run();
  txn.commit();
}

void Accounts::set_child_lang(const std::string& number, const std::string& lang) {
  if (lang != "en" && lang != "cy") return;
  Txn txn(db_);
  Stmt s(db_, "UPDATE children SET lang = :l WHERE number = :n");
  s.bind(":l", lang).bind(":n", number).run();
  txn.commit();
}

std::optional<ChildProfile> Accounts::child(const std::string& number) {
  Stmt s(db_, std::string("SELECT ") + kChildCols + " FROM children WHERE number = :n AND active = 1");
  s.bind(":n", number);
  if (!s.step()) return std::nullopt;
  return read_child(s);
}

std::vector<ChildProfile> Accounts::all_children() {
  std::vector<ChildProfile> out;
  Stmt s(db_, std::string("SELECT ") + kChildCols + " FROM children WHERE active = 1 ORDER BY number");
  while (s.step()) out.push_back(read_child(s));
  return out;
}

std::optional<StaffProfile> Accounts::staff(const std::string& number) {
  Stmt s(db_, "SELECT number, name, roles FROM staff WHERE number = :n AND active = 1");
  s.bind(":n", number);
  if (!s.step()) return std::nullopt;
  return StaffProfile{s.text(0), s.text(1), split_roles(s.text(2))};
}

std::vector<ChildProfile> Accounts::every_child() {
  std::vector<ChildProfile> out;
  Stmt s(db_, std::string("SELECT ") + kChildCols + " FROM children ORDER BY number");
  while (s.step()) out.push_back(read_child(s));
  return out;
}

std::vector<StaffProfile> Accounts::all_staff() {
  std::vector<StaffProfile> out;
  Stmt s(db_, "SELECT number, name, roles FROM staff WHERE active = 1 ORDER BY number");
  while (s.step()) out.push_back(StaffProfile{s.text(0), s.text(1), split_roles(s.text(2))});
  return out;
}

SignInResult Accounts::check(const char* kind, const std::string& number, const std::optional<std::string>& hash,
                             const std::string& pin) {
  const int64_t now = clock_.now_s();
  SignInResult r;
  {
    Stmt s(db_, "SELECT failed, locked_until FROM pin_attempts WHERE kind = :k AND number = :n");
    s.bind(":k", kind).bind(":n", number);
    if (s.step() && s.i64(1) > now) {
      r.status = SignInStatus::Locked;
      r.locked_until_s = s.i64(1);
      return r;
    }
  }
  // Hashing happens outside the write transaction: it is slow and needs no lock. A hash sealed with a pepper
  // this program does not have, or none (a child who cannot sign in here), costs the same as a wrong PIN.
  std::optional<std::string> argon2;
  if (hash && PinSeal::is_sealed(*hash)) {
    if (seal_) argon2 = seal_->open(*hash);
  } else if (hash && !hash->empty()) {
    argon2 = *hash;
  }
  const bool ok = verify_secret(argon2 ? *argon2 : decoy_hash(), pin) && argon2.has_value();
  Txn txn(db_);
  int failed = 0;
  {
    Stmt s(db_, "SELECT failed, locked_until FROM pin_attempts WHERE kind = :k AND number = :n");
    s.bind(":k", kind).bind(":n", number);
    if (s.step()) {
      if (s.i64(1) > now) {  // locked meanwhile by another attempt
        r.status = SignInStatus::Locked;
        r.locked_until_s = s.i64(1);
        return r;
      }
      failed = s.i32(0);
    }
  }
  Stmt up(db_,
          "INSERT INTO pin_attempts(kind, number, failed, locked_until) VALUES(:k, :n, :f, :u) "
          "ON CONFLICT(kind, number) DO UPDATE SET failed = excluded.failed, locked_until = excluded.locked_until");
  up.bind(":k", kind).bind(":n", number);
  if (ok) {
    up.bind(":f", 0).bind(":u", int64_t{0}).run();
    r.status = SignInStatus::Ok;
  } else {
    failed += 1;
    if (failed >= policy_.max_failures) {
      r.status = SignInStatus::Locked;
      r.locked_until_s = now + policy_.lock_seconds;
      up.bind(":f", 0).bind(":u", r.locked_until_s).run();
    } else {
      r.status = SignInStatus::WrongPin;
      r.attempts_left = policy_.max_failures - failed;
      up.bind(":f", failed).bind(":u", int64_t{0}).run();
    }
  }
  txn.commit();
  return r;
}

ChildSignIn Accounts::sign_in_child(const std::string& number, const std::string& pin) {
  const std::optional<std::string> hash = stored_hash("children", number);
  ChildSignIn out;
  out.result = check("child", number, hash, pin);
  if (out.result.status == SignInStatus::Ok) {
    upgrade_hash("children", number, *hash, pin);
    out.child = child(number);
  }
  return out;
}

StaffSignIn Accounts::sign_in_staff(const std::string& number, const std::string& pin) {
  const std::optional<std::string> hash = stored_hash("staff", number);
  StaffSignIn out;
  out.result = check("staff", number, hash, pin);
  if (out.result.status == SignInStatus::Ok) {
    upgrade_hash("staff", number, *hash, pin);
    out.staff = staff(number);
  }
  return out;
}

}  // namespace waymark
