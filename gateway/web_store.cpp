#include "gateway/web_store.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"
#include "core/base/text.h"

namespace waymark::gateway {

using nlohmann::json;

// ================================================================= schema (gateway migration 100)
const char* const kWebSchemaSql = R"SQL(
-- Browser sessions of YOT workers and security staff. The cookie holds the token; only its SHA-256 is kept.
CREATE TABLE web_sessions (
  token_hash TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('worker','security')),
  principal  INTEGER NOT NULL,
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,    -- unix ms
  last_seen  INTEGER NOT NULL,    -- unix ms; idle expiry counts from here
  expires_at INTEGER NOT NULL     -- unix ms; absolute expiry
) STRICT;
CREATE INDEX web_sessions_by_principal ON web_sessions(kind, principal);

-- Sign-in failures in a row per email address (known or not, so a lock tells nothing about who exists).
CREATE TABLE web_login_failures (
  email        TEXT PRIMARY KEY,  -- lower case
  failures     INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0,
  last_at      INTEGER NOT NULL
) STRICT;

-- One-time password codes printed by the admin command. Only the hash is kept.
CREATE TABLE web_password_codes (
  code_hash  TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('worker','security')),
  principal  INTEGER NOT NULL,
  issued_at  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;

-- The establishment's security staff: their own accounts, not YOT workers.
CREATE TABLE security_staff (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL DEFAULT 'security' CHECK (role IN ('security')),
  password_hash TEXT NOT NULL DEFAULT '',   -- empty until set with a one-time code
  active        INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Who looked at which child's data, from the web. Append-only like the audit table.
CREATE TABLE web_views (
  seq   INTEGER PRIMARY KEY AUTOINCREMENT,
  at    INTEGER NOT NULL,   -- unix ms
  actor TEXT NOT NULL,
  child TEXT NOT NULL,
  what  TEXT NOT NULL
) STRICT;
CREATE INDEX web_views_by_child ON web_views(child, seq);
CREATE TRIGGER web_views_no_update BEFORE UPDATE ON web_views BEGIN SELECT RAISE(ABORT, 'the view log is append-only'); END;
CREATE TRIGGER web_views_no_delete BEFORE DELETE ON web_views BEGIN SELECT RAISE(ABORT, 'the view log is append-only'); END;
)SQL";

namespace {

void audit_web(Db& db, int64_t now_ms, const std::string& actor, const std::string& action, const std::string& detail) {
  Stmt s(db, "INSERT INTO audit(at, actor, action, detail) VALUES(:at, :a, :ac, :d)");
  s.bind(":at", now_ms / 1000).bind(":a", actor).bind(":ac", action).bind(":d", detail).run();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string random_token() {
  crypto_init();
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  std::string t = sync::base64_encode(std::string(reinterpret_cast<char*>(b), sizeof b));
  // URL- and cookie-safe alphabet, no padding.
  for (char& c : t) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!t.empty() && t.back() == '=') t.pop_back();
  return t;
}

std::string normalise_code(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

Principal read_principal(Stmt& s, PrincipalKind k) {
  Principal p;
  p.kind = k;
  p.id = s.i64(0);
  p.name = s.text(1);
  p.email = s.text(2);
  p.org_or_role = s.text(3);
  return p;
}

// The stored hash and active flag of an account.
std::pair<std::string, bool> password_hash_of(Db& db, const Principal& p) {
  Stmt s(db, p.kind == PrincipalKind::Worker ? "SELECT password_hash, active FROM workers WHERE id = :id"
                                             : "SELECT password_hash, active FROM security_staff WHERE id = :id");
  s.bind(":id", p.id);
  if (!s.step()) return {"", false};
  return {s.text(0), s.i64(1) != 0};
}

std::optional<Principal> principal_by_id(Db& db, PrincipalKind k, int64_t id) {
  Stmt s(db, k == PrincipalKind::Worker
                 ? "SELECT id, name, email, org FROM workers WHERE id = :id AND active = 1"
                 : "SELECT id, name, email, role FROM security_staff WHERE id = :id AND active = 1");
  s.bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_principal(s, k);
}

}  // namespace

// ================================================================= principals
const char* principal_kind_name(PrincipalKind k) { return k == PrincipalKind::Worker ? "worker" : "security"; }

std::string Principal::label() const {
  return std::string(principal_kind_name(kind)) + " " + std::to_string(id) + " (" + name + ")";
}

std::optional<Principal> principal_by_email(Db& db, const std::string& email) {
  {
    Stmt s(db, "SELECT id, name, email, org FROM workers WHERE lower(email) = lower(:e)");
    s.bind(":e", email);
    if (s.step()) return read_principal(s, PrincipalKind::Worker);
  }
  Stmt s(db, "SELECT id, name, email, role FROM security_staff WHERE lower(email) = lower(:e)");
  s.bind(":e", email);
  if (s.step()) return read_principal(s, PrincipalKind::Security);
  return std::nullopt;
}

int64_t add_security_staff(Db& db, const std::string& name, const std::string& email, const std::string& actor,
                           int64_t now_ms) {
  if (name.empty() || name.size() > 80 || sanitize_text(name, 80, false) != name)
    throw std::invalid_argument("the name must be 1 to 80 printable characters");
  const auto at = email.find('@');
  if (email.size() > 120 || at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
      email.find_first_of(" \t\r\n<>,;\"") != std::string::npos)
    throw std::invalid_argument("the email address does not look right");
  Txn t(db);
  if (principal_by_email(db, email)) throw std::invalid_argument("an account with that email already exists");
  Stmt s(db, "INSERT INTO security_staff(name, email) VALUES(:n, :e)");
  s.bind(":n", name).bind(":e", email).run();
  const int64_t id = db.last_insert_rowid();
  audit_web(db, now_ms, actor, "security.add", std::to_string(id) + " " + email);
  t.commit();
  return id;
}

std::vector<Principal> list_security_staff(Db& db) {
  std::vector<Principal> out;
  Stmt s(db, "SELECT id, name, email, role FROM security_staff WHERE active = 1 ORDER BY id");
  while (s.step()) out.push_back(read_principal(s, PrincipalKind::Security));
  return out;
}

// ================================================================= allowed domains
std::vector<std::string> allowed_domains(Db& db) {
  std::vector<std::string> out;
  Stmt s(db, "SELECT value FROM meta WHERE key = 'web_allowed_domains'");
  if (!s.step()) return out;
  std::string v = s.text(0), cur;
  for (char c : v + ",") {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

void set_allowed_domains(Db& db, const std::vector<std::string>& domains, const std::string& actor, int64_t now_ms) {
  std::string joined;
  for (const std::string& raw : domains) {
    const std::string d = lower(trim(raw));
    if (d.empty()) continue;
    if (d.size() > 120 || d.find('.') == std::string::npos ||
        !std::all_of(d.begin(), d.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }))
      throw std::invalid_argument("\"" + raw + "\" is not a domain name like leeds-yot.gov.uk");
    joined += (joined.empty() ? "" : ",") + d;
  }
  Txn t(db);
  Stmt s(db, "INSERT INTO meta(key, value) VALUES('web_allowed_domains', :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  s.bind(":v", joined).run();
  audit_web(db, now_ms, actor, "web.domains", joined.empty() ? "any domain" : joined);
  t.commit();
}

bool email_domain_allowed(Db& db, const std::string& email) {
  const auto list = allowed_domains(db);
  if (list.empty()) return true;
  const auto at = email.rfind('@');
  if (at == std::string::npos) return false;
  const std::string d = lower(email.substr(at + 1));
  return std::find(list.begin(), list.end(), d) != list.end();
}

// ================================================================= passwords
std::string issue_password_code(Db& db, const std::string& email, const std::string& actor, int64_t now_ms) {
  crypto_init();
  static const char kAlpha[] = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
  std::string code;
  for (int i = 0; i < 12; i++) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
    code.push_back(kAlpha[randombytes_uniform(30)]);
  }
  Txn t(db);
  const auto p = principal_by_email(db, email);
  if (!p) throw std::invalid_argument("there is no worker or security account with the email " + email);
  if (!email_domain_allowed(db, p->email))
    throw std::invalid_argument("the email domain of " + p->email + " is not in the allowed list (see web-domains)");
  Stmt old(db, "UPDATE web_password_codes SET used_at = :now WHERE kind = :k AND principal = :p AND used_at IS NULL");
  old.bind(":now", now_ms).bind(":k", principal_kind_name(p->kind)).bind(":p", p->id).run();
  Stmt s(db,
         "INSERT INTO web_password_codes(code_hash, kind, principal, issued_at, expires_at) VALUES(:h, :k, :p, :now, :e)");
  s.bind(":h", sync::sha256_hex(normalise_code(code))).bind(":k", principal_kind_name(p->kind)).bind(":p", p->id);
  s.bind(":now", now_ms).bind(":e", now_ms + kPasswordCodeMs).run();
  audit_web(db, now_ms, actor, "web.password_code", p->label());
  t.commit();
  return code;
}

std::string set_password_with_code(Db& db, const std::string& email, const std::string& code,
                                   const std::string& password, int64_t now_ms) {
  const size_t n = utf8_length(password);
  if (!utf8_valid(password) || n < kMinPasswordChars || n > 200)
    return "The new password must be at least 12 characters (a few words in a row work well).";
  const std::string hash = hash_secret(password);  // before the write lock: Argon2id is slow on purpose
  Txn t(db);
  const auto p = principal_by_email(db, email);
  Stmt s(db,
         "SELECT principal FROM web_password_codes WHERE code_hash = :h AND kind = :k AND used_at IS NULL AND expires_at > :now");
  s.bind(":h", sync::sha256_hex(normalise_code(code))).bind(":k", p ? principal_kind_name(p->kind) : "worker").bind(":now", now_ms);
  if (!p || !s.step() || s.i64(0) != p->id) {
    audit_web(db, now_ms, "web", "web.password_code_refused", lower(email));
    t.commit();
    return "That code and email do not match, or the code was used or is too old. Ask for a new code.";
  }
  Stmt u(db, "UPDATE web_password_codes SET used_at = :now WHERE code_hash = :h");
  u.bind(":now", now_ms).bind(":h", sync::sha256_hex(normalise_code(code))).run();
  Stmt pw(db, p->kind == PrincipalKind::Worker ? "UPDATE workers SET password_hash = :h WHERE id = :id"
                                               : "UPDATE security_staff SET password_hash = :h WHERE id = :id");
  pw.bind(":h", hash).bind(":id", p->id).run();
  Stmt end(db, "DELETE FROM web_sessions WHERE kind = :k AND principal = :p");
  end.bind(":k", principal_kind_name(p->kind)).bind(":p", p->id).run();
  Stmt clr(db, "DELETE FROM web_login_failures WHERE email = :e");
  clr.bind(":e", lower(p->email)).run();
  audit_web(db, now_ms, p->label(), "web.password_set", "");
  t.commit();
  return {};
}

// ================================================================= sign-in
SignInResult web_sign_in(Db& db, const std::string& email_in, const std::string& password, int64_t now_ms) {
  SignInResult r;
  const std::string email = lower(trim(email_in));
  const std::string kLocked =
      "Too many tries. This account is locked for 15 minutes. If you have forgotten your password, ask the establishment for a new code.";
  if (email.empty() || email.size() > 120 || password.empty() || password.size() > 1024) {
    r.error = "Enter your email address and password.";
    return r;
  }
  {
    Stmt s(db, "SELECT locked_until FROM web_login_failures WHERE email = :e");
    s.bind(":e", email);
    if (s.step() && s.i64(0) > now_ms) {
      r.error = kLocked;
      r.locked = true;
      return r;
    }
  }
  const auto p = principal_by_email(db, email);
  std::string hash;
  bool active = false;
  if (p) std::tie(hash, active) = password_hash_of(db, *p);
  // Verify even when there is no account (or no password yet) so the time taken tells nothing.
  static const std::string kDummy = hash_secret("not-a-password-at-all");
  const bool ok = verify_secret(hash.empty() ? kDummy : hash, password) && p && active && !hash.empty() &&
                  email_domain_allowed(db, email);
  Txn t(db);
  if (!ok) {
    Stmt f(db,
           "INSERT INTO web_login_failures(email, failures, locked_until, last_at) VALUES(:e, 1, 0, :now) "
           "ON CONFLICT(email) DO UPDATE SET failures = CASE WHEN locked_until > 0 AND locked_until <= :now THEN 1 "
           "ELSE failures + 1 END, locked_until = CASE WHEN locked_until > 0 AND locked_until <= :now THEN 0 "
           "ELSE locked_until END, last_at = :now");
    f.bind(":e", email).bind(":now", now_ms).run();
    Stmt c(db, "SELECT failures FROM web_login_failures WHERE email = :e");
    c.bind(":e", email);
    c.step();
    const int64_t failures = c.i64(0);
    if (failures >= kLockoutFailures) {
      Stmt l(db, "UPDATE web_login_failures SET locked_until = :u WHERE email = :e");
      l.bind(":u", now_ms + kLockoutMs).bind(":e", email).run();
      audit_web(db, now_ms, "web", "web.locked", email + " after " + std::to_string(failures) + " failures");
      r.error = kLocked;
      r.locked = true;
    } else {
      audit_web(db, now_ms, "web", "web.sign_in_failed", email);
      r.error = "That email and password do not match.";
    }
    t.commit();
    return r;
  }
  Stmt clr(db, "DELETE FROM web_login_failures WHERE email = :e");
  clr.bind(":e", email).run();
  audit_web(db, now_ms, p->label(), "web.sign_in", "");
  t.commit();
  r.who = p;
  return r;
}

// ================================================================= sessions
WebSession create_session(Db& db, const Principal& who, int64_t now_ms) {
  WebSession s;
  s.token = random_token();
  s.csrf = random_token();
  s.who = who;
  s.expires_at = now_ms + kSessionMaxMs;
  Txn t(db);
  Stmt d(db, "DELETE FROM web_sessions WHERE expires_at <= :now OR last_seen <= :idle");
  d.bind(":now", now_ms).bind(":idle", now_ms - kSessionIdleMs).run();
  Stmt i(db,
         "INSERT INTO web_sessions(token_hash, kind, principal, csrf, created_at, last_seen, expires_at) "
         "VALUES(:h, :k, :p, :c, :now, :now, :e)");
  i.bind(":h", sync::sha256_hex(s.token)).bind(":k", principal_kind_name(who.kind)).bind(":p", who.id);
  i.bind(":c", s.csrf).bind(":now", now_ms).bind(":e", s.expires_at).run();
  t.commit();
  return s;
}

std::optional<WebSession> session_from_token(Db& db, const std::string& token, int64_t now_ms) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  const std::string h = sync::sha256_hex(token);
  WebSession ws;
  PrincipalKind kind;
  int64_t pid = 0;
  {
    Stmt s(db, "SELECT kind, principal, csrf, expires_at, last_seen FROM web_sessions WHERE token_hash = :h");
    s.bind(":h", h);
    if (!s.step()) return std::nullopt;
    if (s.i64(3) <= now_ms || s.i64(4) + kSessionIdleMs <= now_ms) return std::nullopt;
    kind = s.text(0) == "worker" ? PrincipalKind::Worker : PrincipalKind::Security;
    pid = s.i64(1);
    ws.csrf = s.text(2);
    ws.expires_at = s.i64(3);
  }
  const auto p = principal_by_id(db, kind, pid);
  if (!p) return std::nullopt;
  ws.who = *p;
  Txn t(db);
  Stmt u(db, "UPDATE web_sessions SET last_seen = :now WHERE token_hash = :h");
  u.bind(":now", now_ms).bind(":h", h).run();
  t.commit();
  return ws;
}

void end_session(Db& db, const std::string& token, int64_t now_ms) {
  Txn t(db);
  Stmt s(db, "SELECT kind, principal FROM web_sessions WHERE token_hash = :h");
  s.bind(":h", sync::sha256_hex(token));
  if (s.step()) {
    const std::string actor = s.text(0) + " " + std::to_string(s.i64(1));
    Stmt d(db, "DELETE FROM web_sessions WHERE token_hash = :h");
    d.bind(":h", sync::sha256_hex(token)).run();
    audit_web(db, now_ms, actor, "web.sign_out", "");
  }
  t.commit();
}

// ================================================================= allocation
bool child_allocated(Db& db, int64_t worker_id, const std::string& child) {
  Stmt s(db,
         "SELECT 1 FROM contacts c JOIN workers w ON w.id = c.worker_id JOIN children ch ON ch.number = c.child "
         "WHERE c.child = :c AND c.worker_id = :w AND c.allowed = 1 AND w.active = 1 AND ch.active = 1");
  s.bind(":c", child).bind(":w", worker_id);
  return s.step();
}

namespace {
const char* kSummarySql =
    "SELECT ch.number, ch.first_name, coalesce(ch.release_date, ''), coalesce(ch.release_la, ''), ch.wing, ch.lang, "
    " (SELECT count(*) FROM records r WHERE r.child = ch.number AND r.worker_id = :w AND r.kind = 'message' "
    "    AND r.status = 'accepted' AND r.read_at IS NULL), "
    " (SELECT count(*) FROM records r WHERE r.child = ch.number AND r.kind = 'myviews' AND r.status = 'accepted'), "
    " (SELECT count(*) FROM records r WHERE r.child = ch.number AND r.kind = 'enquiry' AND r.status = 'accepted') "
    "FROM contacts c JOIN workers w ON w.id = c.worker_id JOIN children ch ON ch.number = c.child "
    "WHERE c.worker_id = :w AND c.allowed = 1 AND w.active = 1 AND ch.active = 1";

ChildSummary read_summary(Db& db, Stmt& s, const std::string& today) {
  ChildSummary c;
  c.number = s.text(0);
  c.first_name = s.text(1);
  c.release_date = s.text(2);
  c.release_la = s.text(3);
  c.wing = s.text(4);
  c.lang = s.text(5);
  c.unread = s.i32(6);
  c.myviews = s.i32(7);
  c.enquiries = s.i32(8);
  Stmt m(db,
         "SELECT kind, date, time FROM meetings WHERE child = :c AND cancelled = 0 AND date >= :today "
         "ORDER BY date, time LIMIT 1");
  m.bind(":c", c.number).bind(":today", today);
  if (m.step()) {
    c.next_meeting_kind = m.text(0);
    c.next_meeting_date = m.text(1);
    c.next_meeting_time = m.text(2);
  }
  return c;
}
}  // namespace

std::vector<ChildSummary> allocated_children(Db& db, int64_t worker_id, const std::string& today) {
  std::vector<ChildSummary> out;
  Stmt s(db, std::string(kSummarySql) + " ORDER BY ch.first_name, ch.number");
  s.bind(":w", worker_id);
  while (s.step()) out.push_back(read_summary(db, s, today));
  return out;
}

std::optional<ChildSummary> allocated_child(Db& db, int64_t worker_id, const std::string& child, const std::string& today) {
  Stmt s(db, std::string(kSummarySql) + " AND ch.number = :c");
  s.bind(":w", worker_id).bind(":c", child);
  if (!s.step()) return std::nullopt;
  return read_summary(db, s, today);
}

// ================================================================= child data
std::vector<ConversationItem> conversation(Db& db, int64_t worker_id, const std::string& child) {
  std::vector<ConversationItem> out;
  Stmt s(db,
         "SELECT r.id, 1, r.body, r.received_at, CASE WHEN r.read_at IS NULL THEN 'new' ELSE 'read' END, w.name, r.rec_seq "
         "FROM records r JOIN workers w ON w.id = r.worker_id "
         "WHERE r.child = :c AND r.worker_id = :w AND r.kind = 'message' AND r.status = 'accepted' "
         "UNION ALL SELECT m.id, 0, m.text, m.sent_at, 'sent', w.name, 0 FROM worker_messages m "
         "JOIN workers w ON w.id = m.worker_id WHERE m.child = :c AND m.worker_id = :w "
         "ORDER BY 4, 7");
  s.bind(":c", child).bind(":w", worker_id);
  while (s.step()) {
    ConversationItem it;
    it.id = s.text(0);
    it.from_child = s.i64(1) != 0;
    it.text = s.text(2);
    if (it.from_child) {
      const auto body = wire::parse_text<wire::MessageBody>(it.text);
      it.text = body ? body->text : std::string();
    }
    it.at_ms = s.i64(3);
    it.state = s.text(4);
    it.worker_name = s.text(5);
    out.push_back(std::move(it));
  }
  return out;
}

std::vector<std::string> unread_ids(Db& db, int64_t worker_id, const std::string& child) {
  std::vector<std::string> out;
  Stmt s(db,
         "SELECT id FROM records WHERE child = :c AND worker_id = :w AND kind = 'message' AND status = 'accepted' "
         "AND read_at IS NULL ORDER BY rec_seq");
  s.bind(":c", child).bind(":w", worker_id);
  while (s.step()) out.push_back(s.text(0));
  return out;
}

namespace {
ChildRecord read_record(Stmt& s) {
  ChildRecord r;
  r.id = s.text(0);
  r.received_ms = s.i64(1);
  r.created_s = s.i64(2);
  try {
    r.body = json::parse(s.text(3));
  } catch (const json::exception&) {
    r.body = json::object();
  }
  if (!r.body.is_object()) r.body = json{{"text", s.text(3)}};
  return r;
}
}  // namespace

std::vector<ChildRecord> child_records(Db& db, const std::string& child, const std::string& kind) {
  std::vector<ChildRecord> out;
  Stmt s(db,
         "SELECT id, received_at, created_at, body FROM records WHERE child = :c AND kind = :k AND status = 'accepted' "
         "ORDER BY rec_seq DESC");
  s.bind(":c", child).bind(":k", kind);
  while (s.step()) out.push_back(read_record(s));
  return out;
}

std::optional<ChildRecord> child_record(Db& db, const std::string& child, const std::string& kind, const std::string& id) {
  Stmt s(db,
         "SELECT id, received_at, created_at, body FROM records WHERE child = :c AND kind = :k AND id = :id "
         "AND status = 'accepted'");
  s.bind(":c", child).bind(":k", kind).bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_record(s);
}

namespace {
WebMeeting read_meeting(Stmt& s) {
  return WebMeeting{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.i64(7) != 0};
}
}  // namespace

std::vector<WebMeeting> child_meetings(Db& db, const std::string& child) {
  std::vector<WebMeeting> out;
  Stmt s(db,
         "SELECT id, child, kind, date, time, place, with_whom, cancelled FROM meetings WHERE child = :c "
         "ORDER BY date, time, id");
  s.bind(":c", child);
  while (s.step()) out.push_back(read_meeting(s));
  return out;
}

std::optional<WebMeeting> meeting_by_id(Db& db, const std::string& id) {
  Stmt s(db, "SELECT id, child, kind, date, time, place, with_whom, cancelled FROM meetings WHERE id = :id");
  s.bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_meeting(s);
}

// ================================================================= view log
void log_view(Db& db, const Principal& who, const std::string& child, const std::string& what, int64_t now_ms) {
  Txn t(db);
  Stmt s(db, "INSERT INTO web_views(at, actor, child, what) VALUES(:at, :a, :c, :w)");
  s.bind(":at", now_ms).bind(":a", who.label()).bind(":c", child).bind(":w", what).run();
  t.commit();
}

namespace {
std::vector<ViewRow> read_views(Stmt& s) {
  std::vector<ViewRow> out;
  while (s.step()) out.push_back(ViewRow{s.i64(0), s.text(1), s.text(2), s.text(3)});
  return out;
}
}  // namespace

std::vector<ViewRow> views_of_child(Db& db, const std::string& child, int limit) {
  Stmt s(db, "SELECT at, actor, child, what FROM web_views WHERE child = :c ORDER BY seq DESC LIMIT :n");
  s.bind(":c", child).bind(":n", limit);
  return read_views(s);
}

std::vector<ViewRow> recent_views(Db& db, int limit) {
  Stmt s(db, "SELECT at, actor, child, what FROM web_views ORDER BY seq DESC LIMIT :n");
  s.bind(":n", limit);
  return read_views(s);
}

std::vector<RosterRow> roster(Db& db) {
  std::vector<RosterRow> out;
  Stmt s(db, "SELECT number, first_name, wing FROM children WHERE active = 1 ORDER BY wing, first_name, number");
  while (s.step()) out.push_back(RosterRow{s.text(0), s.text(1), s.text(2)});
  return out;
}

}  // namespace waymark::gateway
